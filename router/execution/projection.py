"""Shapes the merged subgraph data into the client's response, following the GraphQL spec.

Walks the client operation against the API schema: response keys in operation order, fragments
applied by `__typename`, `@skip`/`@include`, leaf values serialised, and a null in a non-null
position turned into an error that nulls the nearest nullable parent.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
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
    GraphQLInterfaceType,
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

from router.execution.compiled_projection import CompiledProjection, Unusual
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


@dataclass(frozen=True, slots=True)
class _Field:
    """One response key of an object type in the operation, looked up in the schema once."""

    key: str
    name: str
    # None for `__typename` and the introspection fields, which the data does not carry.
    type: GraphQLOutputType | None
    # The sub-selections of every field node merged under this key.
    selection_sets: tuple[SelectionSetNode, ...]
    label: str  # "Type.field", for error messages


class _Shapes:
    """The fields of one operation per (object type, selection sets, @skip/@include outcome),
    collected once and reused by every request of the cached operation."""

    def __init__(self, operation: OperationDefinitionNode, fragments: Mapping[str, FragmentDefinitionNode]) -> None:
        self.condition_variables = tuple(sorted(_condition_variables(operation, fragments)))
        self.root_selection_sets = (operation.selection_set,)
        self.fields: dict[tuple[Any, ...], tuple[_Field, ...]] = {}
        # By (root type, @skip/@include outcome): the fast path for responses without errors.
        self.compiled: dict[tuple[str, tuple[bool, ...]], CompiledProjection] = {}

    def compiled_for(
        self,
        schema: GraphQLSchema,
        root_type: GraphQLObjectType,
        fragments: Mapping[str, FragmentDefinitionNode],
        conditions: tuple[bool, ...],
    ) -> CompiledProjection:
        key = (root_type.name, conditions)
        compiled = self.compiled.get(key)
        if compiled is None:
            # Collected under variables that hold nothing but the outcome, so no request's values are kept.
            outcome = {name: True for name, holds in zip(self.condition_variables, conditions, strict=True) if holds}
            collector = _Projector(schema, fragments, outcome, {}, self)
            compiled = CompiledProjection(schema, root_type, self.root_selection_sets, collector.fields)
            self.compiled[key] = compiled
        return compiled


# Shapes by operation, kept while the pipeline keeps the operation (it caches the normalised
# operation per query text). Keyed by id() with the objects themselves kept alongside, so a recycled
# id never matches a different operation or schema.
_SHAPES: OrderedDict[int, tuple[OperationDefinitionNode, GraphQLSchema, _Shapes]] = OrderedDict()
_SHAPES_KEPT = 1024


def _shapes_for(
    schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Mapping[str, FragmentDefinitionNode]
) -> _Shapes:
    entry = _SHAPES.get(id(operation))
    if entry is not None and entry[0] is operation and entry[1] is schema:
        _SHAPES.move_to_end(id(operation))
        return entry[2]
    shapes = _Shapes(operation, fragments)
    _SHAPES[id(operation)] = (operation, schema, shapes)
    if len(_SHAPES) > _SHAPES_KEPT:
        _SHAPES.popitem(last=False)
    return shapes


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
    projector = _Projector(schema, fragments, variables, introspection or {}, _shapes_for(schema, operation, fragments))
    compiled = projector.shapes.compiled_for(schema, root_type, fragments, projector.conditions)
    try:
        return compiled.project(data, projector.introspection), []
    except Unusual:
        pass  # some value needs an error: interpreting finds which, and where
    try:
        result = projector.object(root_type, projector.shapes.root_selection_sets, data, None, root=True)
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
        shapes: _Shapes,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.introspection = introspection
        self.errors: list[JSONObject] = []
        self.shapes = shapes
        # Which @skip/@include conditions hold in this request: part of every shape's key.
        self.conditions = tuple(variables.get(name) is True for name in shapes.condition_variables)

    def fail(self, message: str, path: PathLink) -> _Null:
        self.errors.append(graphql_error(message, path=as_response_path(path)))
        return _Null()

    def object(
        self,
        type_: GraphQLObjectType | GraphQLInterfaceType,
        selection_sets: tuple[SelectionSetNode, ...],
        value: JSONObject,
        path: PathLink,
        *,
        root: bool = False,
    ) -> JSONObject:
        result: JSONObject = {}
        for field in self.fields(type_, selection_sets):
            key = field.key
            if field.type is not None:
                result[key] = self.position(field.type, field.selection_sets, value.get(key), (path, key), field.label)
            elif field.name == "__typename":
                result[key] = type_.name
            elif root:
                result[key] = self.introspection.get(key)
        return result

    def position(
        self,
        type_: GraphQLOutputType,
        selection_sets: tuple[SelectionSetNode, ...],
        value: JSONValue,
        path: PathLink,
        label: str,
    ) -> JSONValue:
        """A field value or list item: a nullable position absorbs a null coming from below."""
        try:
            return self.value(type_, selection_sets, value, path, label)
        except _Null:
            if isinstance(type_, GraphQLNonNull):
                raise
            return None

    def value(
        self,
        type_: GraphQLOutputType,
        selection_sets: tuple[SelectionSetNode, ...],
        value: JSONValue,
        path: PathLink,
        label: str,
    ) -> JSONValue:
        if isinstance(type_, GraphQLNonNull):
            completed = self.value(type_.of_type, selection_sets, value, path, label)
            if completed is None:
                raise self.fail(f"Cannot return null for non-nullable field {label}.", path)
            return completed
        if value is None:
            return None
        if isinstance(type_, GraphQLList):
            if not isinstance(value, list):
                raise self.fail(f"Expected Iterable, but did not find one for field {label}.", path)
            of_type = type_.of_type
            return [self.position(of_type, selection_sets, item, (path, i), label) for i, item in enumerate(value)]
        if isinstance(type_, GraphQLScalarType):
            return self.scalar(type_, value, path)
        if isinstance(type_, GraphQLEnumType):
            if isinstance(value, str) and value in type_.values:
                return value
            raise self.fail(f"Enum '{type_.name}' cannot represent value: {_show(value)}", path)
        if not isinstance(value, dict):
            raise self.fail(f"Expected an object for field {label}, got {_show(value)}.", path)
        return self.object(self.runtime_type(type_, value, path, label, selection_sets), selection_sets, value, path)

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
        self,
        type_: GraphQLOutputType,
        value: JSONObject,
        path: PathLink,
        label: str,
        selection_sets: tuple[SelectionSetNode, ...],
    ) -> GraphQLObjectType | GraphQLInterfaceType:
        if isinstance(type_, GraphQLObjectType):
            return type_
        assert is_abstract_type(type_)
        abstract: GraphQLAbstractType = type_
        typename = value.get("__typename")
        runtime = self.schema.type_map.get(typename) if isinstance(typename, str) else None
        if not isinstance(runtime, GraphQLObjectType) or not self.schema.is_sub_type(abstract, runtime):
            if (
                isinstance(abstract, GraphQLInterfaceType)
                and typename in (None, abstract.name)
                and not self._needs_runtime_type(abstract, selection_sets)
            ):
                # An @interfaceObject subgraph's value: the planner fetched no concrete type because
                # the selection reads only the interface's own fields, so they are read from it.
                return abstract
            raise self.fail(
                f'Abstract type "{abstract.name}" must resolve to an Object type at runtime for field '
                f'"{label}"; the data has __typename {_show(typename)}.',
                path,
            )
        return runtime

    def _needs_runtime_type(
        self, interface: GraphQLInterfaceType, selection_sets: tuple[SelectionSetNode, ...]
    ) -> bool:
        """The selection asks `__typename` or has a fragment that only some implementations match."""
        pending = list(selection_sets)
        while pending:
            for selection in pending.pop().selections:
                if isinstance(selection, FieldNode):
                    if selection.name.value == "__typename":
                        return True
                    continue
                if isinstance(selection, InlineFragmentNode):
                    condition = selection.type_condition.name.value if selection.type_condition else None
                    pending.append(selection.selection_set)
                else:
                    assert isinstance(selection, FragmentSpreadNode)
                    fragment = self.fragments.get(selection.name.value)
                    if fragment is None:
                        continue
                    condition = fragment.type_condition.name.value
                    pending.append(fragment.selection_set)
                if condition is not None and not self._applies(condition, interface):
                    return True
        return False

    def fields(
        self, type_: GraphQLObjectType | GraphQLInterfaceType, selection_sets: tuple[SelectionSetNode, ...]
    ) -> tuple[_Field, ...]:
        # The tuple of selection sets is the one kept in a _Field (or the operation's own), so its
        # id is stable for as long as the shapes are.
        cache_key = (type_.name, id(selection_sets), self.conditions)
        cached = self.shapes.fields.get(cache_key)
        if cached is None:
            cached = self.shapes.fields[cache_key] = self._collect(type_, selection_sets)
        return cached

    def _collect(
        self, type_: GraphQLObjectType | GraphQLInterfaceType, selection_sets: tuple[SelectionSetNode, ...]
    ) -> tuple[_Field, ...]:
        nodes_by_key: dict[str, list[FieldNode]] = {}
        visited: set[str] = set()
        for selection_set in selection_sets:
            self._collect_into(type_, selection_set, nodes_by_key, visited)
        fields = []
        for key, nodes in nodes_by_key.items():
            name = nodes[0].name.value
            definition = type_.fields.get(name)
            if definition is None and name != "__typename" and name not in INTROSPECTION_FIELDS:
                continue  # not in the API schema (validation has rejected such operations already)
            fields.append(
                _Field(
                    key=key,
                    name=name,
                    type=definition.type if definition is not None else None,
                    selection_sets=tuple(n.selection_set for n in nodes if n.selection_set is not None),
                    label=f"{type_.name}.{name}",
                )
            )
        return tuple(fields)

    def _collect_into(
        self,
        type_: GraphQLObjectType | GraphQLInterfaceType,
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

    def _applies(self, condition: str, type_: GraphQLObjectType | GraphQLInterfaceType) -> bool:
        if condition == type_.name:
            return True
        condition_type = self.schema.type_map.get(condition)
        return is_abstract_type(condition_type) and self.schema.is_sub_type(
            condition_type,
            type_,
        )


def _condition_variables(
    operation: OperationDefinitionNode, fragments: Mapping[str, FragmentDefinitionNode]
) -> set[str]:
    """Variables that decide a @skip or @include anywhere in the operation or its fragments."""
    names: set[str] = set()
    pending: list[SelectionSetNode] = [operation.selection_set, *(f.selection_set for f in fragments.values())]
    while pending:
        for selection in pending.pop().selections:
            for directive in selection.directives or ():
                if directive.name.value in ("skip", "include"):
                    names.update(
                        a.value.name.value for a in directive.arguments or () if isinstance(a.value, VariableNode)
                    )
            selection_set = getattr(selection, "selection_set", None)
            if selection_set is not None:
                pending.append(selection_set)
    return names


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
