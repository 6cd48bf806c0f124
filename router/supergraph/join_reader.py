"""Extract the join metadata (`@join__*` directives) of a supergraph document into `TypeMeta`s."""

from __future__ import annotations

from graphql import (
    BooleanValueNode,
    DirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumValueNode,
    InputObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    ScalarTypeDefinitionNode,
    SelectionSetNode,
    TypeDefinitionNode,
    UnionTypeDefinitionNode,
    parse,
)

from router.supergraph.links import Feature, string_argument
from router.supergraph.model import FieldInGraph, Key, TypeInGraph, TypeMeta

__all__ = ["Graph", "parse_field_set", "read_graphs", "read_types"]

_KINDS: dict[type, str] = {
    ObjectTypeDefinitionNode: "object",
    InterfaceTypeDefinitionNode: "interface",
    UnionTypeDefinitionNode: "union",
    EnumTypeDefinitionNode: "enum",
    InputObjectTypeDefinitionNode: "input",
    ScalarTypeDefinitionNode: "scalar",
}


class Graph:
    """One subgraph: its enum value in `join__Graph`, its name and routing URL."""

    def __init__(self, enum_value: str, name: str, url: str) -> None:
        self.enum_value = enum_value
        self.name = name
        self.url = url


def parse_field_set(fields: str) -> SelectionSetNode:
    """Parse a `FieldSet` string (`"id org { id }"`) into a selection set."""
    operation = parse("{" + fields + "}", no_location=True).definitions[0]
    selection_set: SelectionSetNode = operation.selection_set  # type: ignore[attr-defined]
    return selection_set


def _argument(directive: DirectiveNode, name: str) -> object:
    for argument in directive.arguments or ():
        if argument.name.value == name:
            value = argument.value
            if isinstance(value, BooleanValueNode):
                return value.value
            if isinstance(value, EnumValueNode):
                return value.value
            return getattr(value, "value", None)
    return None


def read_graphs(document: DocumentNode, join: Feature) -> dict[str, Graph]:
    """Enum value of `join__Graph` -> graph."""
    graphs: dict[str, Graph] = {}
    for definition in document.definitions:
        if isinstance(definition, EnumTypeDefinitionNode) and definition.name.value == f"{join.prefix}__Graph":
            for value in definition.values or ():
                for directive in value.directives or ():
                    if directive.name.value == f"{join.prefix}__graph":
                        name = string_argument(directive, "name") or value.name.value.lower()
                        url = string_argument(directive, "url") or ""
                        graphs[value.name.value] = Graph(value.name.value, name, url)
    return graphs


def read_types(document: DocumentNode, join: Feature, graphs: dict[str, Graph]) -> dict[str, TypeMeta]:
    """Type name -> where it lives, for every type definition of the supergraph."""
    types: dict[str, TypeMeta] = {}
    for definition in document.definitions:
        kind = _KINDS.get(type(definition))
        if kind is None:
            continue
        assert isinstance(definition, TypeDefinitionNode)
        meta = TypeMeta(name=definition.name.value, kind=kind)
        _read_type_directives(meta, definition, join, graphs)
        if isinstance(definition, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode):
            _read_fields(meta, definition, join, graphs)
        types[meta.name] = meta
    return types


def _graph_name(directive: DirectiveNode, graphs: dict[str, Graph]) -> str | None:
    value = _argument(directive, "graph")
    return graphs[value].name if isinstance(value, str) and value in graphs else None


def _read_type_directives(
    meta: TypeMeta, definition: TypeDefinitionNode, join: Feature, graphs: dict[str, Graph]
) -> None:
    for directive in definition.directives or ():
        name = directive.name.value
        graph = _graph_name(directive, graphs)
        if graph is None:
            continue
        if name == f"{join.prefix}__type":
            in_graph = meta.graphs.setdefault(graph, TypeInGraph(graph=graph))
            in_graph.extension = in_graph.extension or _argument(directive, "extension") is True
            in_graph.is_interface_object = (
                in_graph.is_interface_object or _argument(directive, "isInterfaceObject") is True
            )
            key = _argument(directive, "key")
            if isinstance(key, str):
                resolvable = _argument(directive, "resolvable") is not False
                in_graph.keys.append(
                    Key(graph=graph, fields=key, selection=parse_field_set(key), resolvable=resolvable)
                )
        elif name == f"{join.prefix}__implements":
            interface = string_argument(directive, "interface")
            if interface:
                meta.implements.setdefault(graph, set()).add(interface)
        elif name == f"{join.prefix}__unionMember":
            member = string_argument(directive, "member")
            if member:
                meta.union_members.setdefault(graph, set()).add(member)
    if join.version == "0.2":
        _join_v02_defaults(meta, definition, graphs)


def _join_v02_defaults(meta: TypeMeta, definition: TypeDefinitionNode, graphs: dict[str, Graph]) -> None:
    """join v0.2 has no @join__implements / @join__unionMember: assume them wherever the type lives."""
    if not meta.graphs and meta.kind in ("object", "interface", "union"):
        for every in graphs.values():
            meta.graphs[every.name] = TypeInGraph(graph=every.name)
    if isinstance(definition, UnionTypeDefinitionNode):
        members = {member.name.value for member in definition.types or ()}
        meta.union_members = {graph: set(members) for graph in meta.graphs}
    if isinstance(definition, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode) and definition.interfaces:
        interfaces = {interface.name.value for interface in definition.interfaces}
        meta.implements = {graph: set(interfaces) for graph in meta.graphs}


def _read_fields(
    meta: TypeMeta,
    definition: ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode,
    join: Feature,
    graphs: dict[str, Graph],
) -> None:
    for field in definition.fields or ():
        joins = [d for d in field.directives or () if d.name.value == f"{join.prefix}__field"]
        declared: list[FieldInGraph] = []
        if not joins:
            declared = [FieldInGraph(graph=graph) for graph in meta.graphs]
        for directive in joins:
            graph = _graph_name(directive, graphs)
            if graph is None:
                continue  # a bare @join__field: no subgraph resolves it on this type directly
            if any(a.name.value == "contextArguments" for a in directive.arguments or ()):
                raise ValueError(
                    f'field "{meta.name}.{field.name.value}" takes @fromContext arguments, '
                    "which this router does not support yet"
                )
            requires = _argument(directive, "requires")
            provides = _argument(directive, "provides")
            override = _argument(directive, "override")
            graph_type = _argument(directive, "type")
            declared.append(
                FieldInGraph(
                    graph=graph,
                    external=_argument(directive, "external") is True,
                    requires=parse_field_set(requires) if isinstance(requires, str) else None,
                    provides=parse_field_set(provides) if isinstance(provides, str) else None,
                    override_from=override if isinstance(override, str) else None,
                    used_overridden=_argument(directive, "usedOverridden") is True,
                    type=graph_type if isinstance(graph_type, str) else None,
                )
            )
        meta.fields[field.name.value] = declared
