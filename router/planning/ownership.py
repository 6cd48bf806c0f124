"""Questions the planner asks the supergraph: who resolves a field, which types a subgraph returns."""

from __future__ import annotations

from graphql import (
    FieldNode,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLType,
    GraphQLUnionType,
    InlineFragmentNode,
    SelectionSetNode,
    get_named_type,
    is_composite_type,
)

from router.supergraph import Supergraph
from router.supergraph.model import FieldInGraph, Key

__all__ = ["Ownership"]


class Ownership:
    """Planner-oriented view of the join metadata of one supergraph."""

    def __init__(self, supergraph: Supergraph) -> None:
        self.supergraph = supergraph
        self.schema = supergraph.schema
        self.types = supergraph.types

    def is_abstract(self, type_name: str) -> bool:
        return isinstance(self.schema.get_type(type_name), GraphQLInterfaceType | GraphQLUnionType)

    def field_type(self, type_name: str, field_name: str) -> tuple[str, int]:
        """The named return type of a field and how many list levels wrap it."""
        parent = self.schema.get_type(type_name)
        assert isinstance(parent, GraphQLObjectType | GraphQLInterfaceType), type_name
        field_type: GraphQLType = parent.fields[field_name].type
        lists = 0
        while isinstance(field_type, GraphQLNonNull | GraphQLList):
            if isinstance(field_type, GraphQLList):
                lists += 1
            field_type = field_type.of_type
        return get_named_type(field_type).name, lists

    def field_shape(self, graph: str, type_name: str, field_name: str) -> tuple[str, str | None] | None:
        """The field's type as the subgraph declares it, and its named type when composite."""
        parent = self.schema.get_type(type_name)
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) or field_name not in parent.fields:
            return None
        field_type = parent.fields[field_name].type
        meta = self.types.get(type_name)
        declared = meta.field_in(field_name, graph) if meta is not None else None
        named = get_named_type(field_type)
        return (declared.type if declared and declared.type else str(field_type)), (
            named.name if is_composite_type(named) else None
        )

    def has_field(self, type_name: str, field_name: str) -> bool:
        parent = self.schema.get_type(type_name)
        return isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) and field_name in parent.fields

    def satisfies(self, type_name: str, condition: str | None) -> bool:
        """Objects of `type_name` match a fragment on `condition`."""
        if condition is None or condition == type_name:
            return True
        parent, sub = self.schema.get_type(condition), self.schema.get_type(type_name)
        if isinstance(parent, GraphQLInterfaceType | GraphQLUnionType) and isinstance(
            sub, GraphQLObjectType | GraphQLInterfaceType
        ):
            return self.schema.is_sub_type(parent, sub)
        return False

    def is_interface_object(self, type_name: str, graph: str) -> bool:
        in_graph = self.types[type_name].graphs.get(graph)
        return in_graph is not None and in_graph.is_interface_object

    def in_graph(self, type_name: str, graph: str) -> bool:
        return graph in self.types[type_name].graphs

    def local_field(
        self, graph: str, type_name: str, field_name: str, provided: SelectionSetNode | None
    ) -> FieldInGraph | None:
        """The subgraph's declaration when it can resolve the field at this position."""
        declared = self.types[type_name].field_in(field_name, graph)
        if declared is None:
            return None
        if declared.resolvable or self.provided_field(provided, type_name, field_name) is not None:
            return declared
        return None

    def provided_field(self, provided: SelectionSetNode | None, type_name: str, field_name: str) -> FieldNode | None:
        """The `@provides` entry for a field of an object of `type_name`, if any."""
        if provided is None:
            return None
        for selection in provided.selections:
            if isinstance(selection, FieldNode) and selection.name.value == field_name:
                return selection
            if isinstance(selection, InlineFragmentNode) and self.satisfies(
                type_name, selection.type_condition.name.value if selection.type_condition else None
            ):
                found = self.provided_field(selection.selection_set, type_name, field_name)
                if found is not None:
                    return found
        return None

    def runtime_types(self, abstract: str, graph: str) -> list[str]:
        """Object types that a subgraph can return for a field of abstract type `abstract`."""
        meta = self.types[abstract]
        result = []
        for possible in self.schema.get_possible_types(self.schema.get_type(abstract)):  # type: ignore[arg-type]
            possible_meta = self.types[possible.name]
            if graph not in possible_meta.graphs:
                continue
            if meta.kind == "union":
                if possible.name in meta.union_members.get(graph, ()):
                    result.append(possible.name)
            elif self._implements_in(possible.name, abstract, graph):
                result.append(possible.name)
        return sorted(result)

    def _implements_in(self, type_name: str, interface: str, graph: str) -> bool:
        direct = self.types[type_name].implements.get(graph, set())
        return interface in direct or any(self._implements_in(i, interface, graph) for i in direct)

    def keys_into(self, graph: str, type_name: str) -> list[Key]:
        return self.types[type_name].resolvable_keys(graph)

    def selection_local(
        self, graph: str, type_name: str, selection: SelectionSetNode, provided: SelectionSetNode | None
    ) -> bool:
        """Every field of a field set (a key) can be read from `graph` at this position."""
        for node in selection.selections:
            if isinstance(node, InlineFragmentNode):
                condition = node.type_condition.name.value if node.type_condition else type_name
                if not self.selection_local(graph, condition, node.selection_set, provided):
                    return False
                continue
            assert isinstance(node, FieldNode)
            if node.name.value == "__typename":
                continue
            declared = self.local_field(graph, type_name, node.name.value, provided)
            if declared is None or declared.requires is not None:
                return False
            if node.selection_set is not None:
                child, _ = self.field_type(type_name, node.name.value)
                sub_provided = self.provided_field(provided, type_name, node.name.value)
                if not self.selection_local(
                    graph,
                    child,
                    node.selection_set,
                    declared.provides or (sub_provided.selection_set if sub_provided else None),
                ):
                    return False
        return True

    def interface_objects_with(self, type_name: str, field_name: str) -> list[tuple[str, str]]:
        """(graph, interface) where an @interfaceObject of an interface of `type_name` has the field."""
        found = []
        schema_type = self.schema.get_type(type_name)
        for interface in getattr(schema_type, "interfaces", ()):
            for graph, in_graph in self.types[interface.name].graphs.items():
                if in_graph.is_interface_object:
                    declared = self.types[interface.name].field_in(field_name, graph)
                    if declared is not None and declared.resolvable:
                        found.append((graph, interface.name))
        return found
