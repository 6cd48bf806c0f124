"""Shapes the merged subgraph data into the client's response, following the GraphQL spec.

Walks the client operation against the API schema: response keys in operation order, fragments
applied by `__typename`, `@skip`/`@include`, leaf values serialised, and a null in a non-null
position turned into an error that nulls the nearest nullable parent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    BooleanValueNode,
    DirectiveNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLAbstractType,
    GraphQLEnumType,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    VariableNode,
    is_abstract_type,
    is_specified_scalar_type,
)

from router.execution.errors import graphql_error
from router.execution.types import JSONObject, JSONValue, PathLink, as_response_path

__all__ = ["INTROSPECTION_FIELDS", "project"]

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})

# Values already of these exact Python types are their own serialisation for the built-in scalar of
# that name (graphql-core's serialisers return them unchanged), so its checks can be skipped.
_SERIALISED_AS_IS: dict[str, type] = {"String": str, "ID": str, "Boolean": bool}
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


class _Null(Exception):
    """A null reached a non-null position: the nearest nullable parent becomes null."""


def project(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    data: JSONObject,
    *,
    root_type: GraphQLObjectType,
    introspection: Mapping[str, JSONValue] | None = None,
) -> tuple[JSONObject | None, list[JSONObject]]:
    """Return `(data, errors)`; data is None when a null propagated to the root."""
    projector = _Projector(schema, fragments, variables, introspection or {})
    try:
        result = projector.object(root_type, [operation.selection_set], data, None, root=True)
    except _Null:
        return None, projector.errors
    return result, projector.errors


class _Projector:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        introspection: Mapping[str, JSONValue],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.introspection = introspection
        self.errors: list[JSONObject] = []
        self._collected: dict[tuple[str, tuple[int, ...]], dict[str, list[FieldNode]]] = {}

    def fail(self, message: str, path: PathLink) -> _Null:
        self.errors.append(graphql_error(message, path=as_response_path(path)))
        return _Null()

    def object(
        self,
        type_: GraphQLObjectType,
        selection_sets: list[SelectionSetNode],
        value: JSONObject,
        path: PathLink,
        *,
        root: bool = False,
    ) -> JSONObject:
        result: JSONObject = {}
        for key, nodes in self.collect(type_, selection_sets).items():
            name = nodes[0].name.value
            if name == "__typename":
                result[key] = type_.name
                continue
            if root and name in INTROSPECTION_FIELDS:
                result[key] = self.introspection.get(key)
                continue
            field = type_.fields.get(name)
            if field is None:
                continue
            result[key] = self.position(field.type, nodes, value.get(key), (path, key), f"{type_.name}.{name}")
        return result

    def position(
        self,
        type_: GraphQLOutputType,
        nodes: list[FieldNode],
        value: JSONValue,
        path: PathLink,
        label: str,
    ) -> JSONValue:
        """A field value or list item: a nullable position absorbs a null coming from below."""
        try:
            return self.value(type_, nodes, value, path, label)
        except _Null:
            if isinstance(type_, GraphQLNonNull):
                raise
            return None

    def value(
        self,
        type_: GraphQLOutputType,
        nodes: list[FieldNode],
        value: JSONValue,
        path: PathLink,
        label: str,
    ) -> JSONValue:
        if isinstance(type_, GraphQLNonNull):
            completed = self.value(type_.of_type, nodes, value, path, label)
            if completed is None:
                raise self.fail(f"Cannot return null for non-nullable field {label}.", path)
            return completed
        if value is None:
            return None
        if isinstance(type_, GraphQLList):
            if not isinstance(value, list):
                raise self.fail(f"Expected Iterable, but did not find one for field {label}.", path)
            return [self.position(type_.of_type, nodes, item, (path, i), label) for i, item in enumerate(value)]
        if isinstance(type_, GraphQLScalarType):
            return self.scalar(type_, value, path)
        if isinstance(type_, GraphQLEnumType):
            if isinstance(value, str) and value in type_.values:
                return value
            raise self.fail(f"Enum '{type_.name}' cannot represent value: {_show(value)}", path)
        if not isinstance(value, dict):
            raise self.fail(f"Expected an object for field {label}, got {_show(value)}.", path)
        runtime = self.runtime_type(type_, value, path, label)
        sub_selections = [n.selection_set for n in nodes if n.selection_set is not None]
        return self.object(runtime, sub_selections, value, path)

    def scalar(self, type_: GraphQLScalarType, value: JSONValue, path: PathLink) -> JSONValue:
        if not is_specified_scalar_type(type_):
            # Custom scalars are opaque to the router: the subgraph's value passes through.
            return value
        native = type(value)
        if native is _SERIALISED_AS_IS.get(type_.name) or (
            native is int and type_.name == "Int" and _INT_MIN <= value <= _INT_MAX
        ):
            return value
        try:
            return type_.serialize(value)
        except (GraphQLError, TypeError, ValueError) as exc:
            raise self.fail(str(exc), path) from None

    def runtime_type(
        self, type_: GraphQLOutputType, value: JSONObject, path: PathLink, label: str
    ) -> GraphQLObjectType:
        if isinstance(type_, GraphQLObjectType):
            return type_
        assert is_abstract_type(type_)
        abstract: GraphQLAbstractType = type_
        typename = value.get("__typename")
        runtime = self.schema.type_map.get(typename) if isinstance(typename, str) else None
        if not isinstance(runtime, GraphQLObjectType) or not self.schema.is_sub_type(abstract, runtime):
            raise self.fail(
                f'Abstract type "{abstract.name}" must resolve to an Object type at runtime for field '
                f'"{label}"; the data has __typename {_show(typename)}.',
                path,
            )
        return runtime

    def collect(self, type_: GraphQLObjectType, selection_sets: list[SelectionSetNode]) -> dict[str, list[FieldNode]]:
        cache_key = (
            (type_.name, (id(selection_sets[0]),))
            if len(selection_sets) == 1
            else (type_.name, tuple(id(s) for s in selection_sets))
        )
        cached = self._collected.get(cache_key)
        if cached is None:
            cached = {}
            visited: set[str] = set()
            for selection_set in selection_sets:
                self._collect_into(type_, selection_set, cached, visited)
            self._collected[cache_key] = cached
        return cached

    def _collect_into(
        self,
        type_: GraphQLObjectType,
        selection_set: SelectionSetNode,
        fields: dict[str, list[FieldNode]],
        visited: set[str],
    ) -> None:
        for selection in selection_set.selections:
            if not self._included(selection):
                continue
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                fields.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition.name.value if selection.type_condition else None
                if condition is None or self._applies(condition, type_):
                    self._collect_into(type_, selection.selection_set, fields, visited)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if name in visited or fragment is None:
                    continue
                visited.add(name)
                if self._applies(fragment.type_condition.name.value, type_):
                    self._collect_into(type_, fragment.selection_set, fields, visited)

    def _included(self, node: SelectionNode) -> bool:
        for directive in node.directives or ():
            name = directive.name.value
            if name not in ("skip", "include"):
                continue
            condition = _condition_value(directive, self.variables)
            if (name == "skip") == (condition is True):
                return False
        return True

    def _applies(self, condition: str, type_: GraphQLObjectType) -> bool:
        if condition == type_.name:
            return True
        condition_type = self.schema.type_map.get(condition)
        return is_abstract_type(condition_type) and self.schema.is_sub_type(
            condition_type,
            type_,
        )


def _condition_value(directive: DirectiveNode, variables: Mapping[str, Any]) -> object:
    for argument in directive.arguments or ():
        if argument.name.value != "if":
            continue
        if isinstance(argument.value, BooleanValueNode):
            return argument.value.value
        if isinstance(argument.value, VariableNode):
            return variables.get(argument.value.name.value)
    return None


def _show(value: object) -> str:
    return repr(value) if not isinstance(value, str) else f'"{value}"'
