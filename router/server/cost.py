"""Stage: the static cost of an operation, as the IBM cost spec (`@cost`, `@listSize`) defines it.

Each object, interface or union field costs 1 (scalars and enums 0, mutation root fields 10) unless
`@cost(weight:)` on the field, or else on the type it returns, says otherwise, plus the `@cost` of each
argument the operation gives it; a list multiplies what it holds by its size: the `first`/`last`
argument (or `@listSize(slicingArguments:)`), else `@listSize(assumedSize:)`, else the router's
default. A field with a size argument that returns a connection lends its size to the lists inside
it (`edges`, `nodes`), as `@listSize(sizedFields:)` says explicitly. The cost is computed once per
cached operation, and when a size comes from a variable, once per distinct values of those variables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    EnumTypeDefinitionNode,
    FieldDefinitionNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    IntValueNode,
    ListValueNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    OperationType,
    ScalarTypeDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    VariableNode,
    is_composite_type,
)

from router.server.config import Limits
from router.server.errors import RequestError
from router.server.normalisation import NormalisedOperation

__all__ = ["CostDirectives", "check_cost", "estimate_cost", "size_variables"]

_DEFAULT_SLICING = ("first", "last")
_Lent = tuple[int, tuple[str, ...] | None] | None
"""A size a connection field lends to the lists inside it, and which of them (None: all)."""
_MUTATION_WEIGHT = 10


@dataclass(frozen=True, slots=True)
class ListSize:
    assumed_size: int | None = None
    slicing_arguments: tuple[str, ...] = _DEFAULT_SLICING
    sized_fields: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class CostDirectives:
    """`@cost` and `@listSize` as the supergraph carries them: by (type, field), by type (what a field
    returning an object, enum or scalar of it costs without a weight of its own) and by (type, field,
    argument) (added when the operation gives that argument)."""

    weights: dict[tuple[str, str], int] = field(default_factory=dict)
    list_sizes: dict[tuple[str, str], ListSize] = field(default_factory=dict)
    type_weights: dict[str, int] = field(default_factory=dict)
    argument_weights: dict[tuple[str, str, str], int] = field(default_factory=dict)

    @classmethod
    def read(cls, supergraph: DocumentNode) -> CostDirectives:
        weights: dict[tuple[str, str], int] = {}
        list_sizes: dict[tuple[str, str], ListSize] = {}
        type_weights: dict[str, int] = {}
        argument_weights: dict[tuple[str, str, str], int] = {}
        for definition in supergraph.definitions:
            if isinstance(definition, ObjectTypeDefinitionNode | EnumTypeDefinitionNode | ScalarTypeDefinitionNode):
                type_weight = _weight(definition)
                if type_weight is not None:
                    type_weights[definition.name.value] = type_weight
            if not isinstance(
                definition,
                ObjectTypeDefinitionNode
                | ObjectTypeExtensionNode
                | InterfaceTypeDefinitionNode
                | InterfaceTypeExtensionNode,
            ):
                continue
            for field_node in definition.fields or ():
                key = (definition.name.value, field_node.name.value)
                weight = _weight(field_node)
                if weight is not None:
                    weights[key] = weight
                for argument in field_node.arguments or ():
                    argument_weight = _weight(argument)
                    if argument_weight is not None:
                        argument_weights[(*key, argument.name.value)] = argument_weight
                list_size = _read_list_size(field_node)
                if list_size is not None:
                    list_sizes[key] = list_size
        return cls(weights, list_sizes, type_weights, argument_weights)


def size_variables(operation: NormalisedOperation, directives: CostDirectives) -> tuple[str, ...]:
    """The variables a list size comes from (the cost is then estimated once per distinct values)."""
    names = set(_DEFAULT_SLICING) | {a for size in directives.list_sizes.values() for a in size.slicing_arguments}
    found: dict[str, None] = {}
    stack: list[object] = [operation.operation, *operation.fragments.values()]
    while stack:
        node = stack.pop()
        if isinstance(node, FieldNode):
            for argument in node.arguments or ():
                if argument.name.value in names and isinstance(argument.value, VariableNode):
                    found[argument.value.name.value] = None
        selection_set = getattr(node, "selection_set", None)
        if selection_set is not None:
            stack.extend(selection_set.selections)
    return tuple(sorted(found))


def estimate_cost(
    schema: GraphQLSchema,
    directives: CostDirectives,
    operation: NormalisedOperation,
    variables: dict[str, object],
    limits: Limits,
) -> int:
    root = schema.get_root_type(operation.kind)
    assert root is not None, "validation rejects operations on a missing root type"
    walker = _CostWalker(schema, directives, operation, variables, limits.default_list_size)
    return walker.selection_set(operation.operation.selection_set, root, None, root_of=operation.kind)


def check_cost(cost: int, limits: Limits) -> None:
    if cost > limits.max_cost:
        raise RequestError.single(
            400,
            f"The operation's estimated cost is {cost}; this router allows {limits.max_cost}. "
            "Ask for fewer items per list (`first`) or fewer nested lists.",
            "COST_ESTIMATED_TOO_EXPENSIVE",
            in_document=True,
        )


class _CostWalker:
    def __init__(
        self,
        schema: GraphQLSchema,
        directives: CostDirectives,
        operation: NormalisedOperation,
        variables: dict[str, object],
        default_list_size: int,
    ) -> None:
        self._schema = schema
        self._directives = directives
        self._operation = operation
        self._variables = variables
        self._default_list_size = default_list_size
        self._fragments: dict[tuple[str, _Lent], int] = {}

    def selection_set(
        self,
        selection_set: SelectionSetNode,
        parent: GraphQLNamedType,
        lent: _Lent,
        *,
        root_of: OperationType | None = None,
    ) -> int:
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field(selection, parent, lent, root_of)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self._schema.get_type(condition.name.value) if condition else parent
                total += self.selection_set(selection.selection_set, inner or parent, lent, root_of=root_of)
            elif isinstance(selection, FragmentSpreadNode):
                total += self._fragment(selection.name.value, lent, root_of)
        return total

    def _fragment(self, name: str, lent: _Lent, root_of: OperationType | None) -> int:
        key = (name, lent)
        if key not in self._fragments:
            self._fragments[key] = 0  # a cycle (refused by validation anyway) adds nothing
            fragment = self._operation.fragments[name]
            condition = self._schema.get_type(fragment.type_condition.name.value)
            assert condition is not None, "validation rejects unknown type conditions"
            self._fragments[key] = self.selection_set(fragment.selection_set, condition, lent, root_of=root_of)
        return self._fragments[key]

    def _field(self, node: FieldNode, parent: GraphQLNamedType, lent: _Lent, root_of: OperationType | None) -> int:
        if not isinstance(parent, GraphQLObjectType) and not hasattr(parent, "fields"):
            return 0
        definition = parent.fields.get(node.name.value)
        if definition is None:
            return 0  # __typename and introspection: answered by the router
        key = (parent.name, node.name.value)
        field_type: GraphQLOutputType = definition.type
        named, is_list = _unwrap(field_type)
        weight = self._directives.weights.get(key)
        if weight is None and root_of is OperationType.MUTATION:
            weight = _MUTATION_WEIGHT
        if weight is None:
            weight = self._directives.type_weights.get(named.name, int(is_composite_type(named)))
        if self._directives.argument_weights:
            weight += sum(
                self._directives.argument_weights.get((*key, argument.name.value), 0)
                for argument in node.arguments or ()
            )
        list_size = self._directives.list_sizes.get(key, ListSize())
        size = self._size(node, list_size)
        children = 0
        if node.selection_set is not None:
            # A sized field that is not itself a list lends its size to the lists it holds (a connection).
            lends = (size, list_size.sized_fields) if size is not None and not is_list else None
            children = self.selection_set(node.selection_set, named, lends)
        if is_list:
            if size is None and lent is not None and (lent[1] is None or node.name.value in lent[1]):
                size = lent[0]
            return (size if size is not None else self._default_list_size) * (weight + children)
        return weight + children

    def _size(self, node: FieldNode, list_size: ListSize) -> int | None:
        for argument in node.arguments or ():
            if argument.name.value not in list_size.slicing_arguments:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return int(value.value)
            if isinstance(value, VariableNode):
                raw = self._variables.get(value.name.value)
                if isinstance(raw, int) and not isinstance(raw, bool):
                    return raw
        return list_size.assumed_size


def _unwrap(field_type: GraphQLOutputType) -> tuple[GraphQLNamedType, bool]:
    is_list = False
    current: object = field_type
    while isinstance(current, GraphQLNonNull | GraphQLList):
        is_list = is_list or isinstance(current, GraphQLList)
        current = current.of_type
    assert isinstance(current, GraphQLNamedType)
    return current, is_list


def _weight(node: Any) -> int | None:
    weight = _directive_arguments(node, "cost").get("weight")
    return int(weight.value) if isinstance(weight, IntValueNode | StringValueNode) else None


def _directive_arguments(node: Any, name: str) -> dict[str, object]:
    for directive in node.directives or ():
        if directive.name.value == name:
            return {argument.name.value: argument.value for argument in directive.arguments or ()}
    return {}


def _read_list_size(node: FieldDefinitionNode) -> ListSize | None:
    arguments = _directive_arguments(node, "listSize")
    if not arguments:
        return None
    assumed = arguments.get("assumedSize")
    slicing = arguments.get("slicingArguments")
    sized = arguments.get("sizedFields")
    return ListSize(
        assumed_size=int(assumed.value) if isinstance(assumed, IntValueNode) else None,
        slicing_arguments=_strings(slicing) if isinstance(slicing, ListValueNode) else _DEFAULT_SLICING,
        sized_fields=_strings(sized) if isinstance(sized, ListValueNode) else None,
    )


def _strings(value: ListValueNode) -> tuple[str, ...]:
    return tuple(v.value for v in value.values if isinstance(v, StringValueNode))
