"""Join metadata of a supergraph: which subgraph owns which type, key and field."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import SelectionSetNode

__all__ = ["FieldInGraph", "Key", "TypeInGraph", "TypeMeta"]


@dataclass(frozen=True, kw_only=True)
class Key:
    """One `@key` of a type in one subgraph; `selection` is the parsed field set."""

    graph: str
    fields: str
    selection: SelectionSetNode
    resolvable: bool


@dataclass(frozen=True, kw_only=True)
class FieldInGraph:
    """A field as one subgraph declares it (`@join__field`, or implied by `@join__type`)."""

    graph: str
    external: bool = False
    requires: SelectionSetNode | None = None
    provides: SelectionSetNode | None = None
    override_from: str | None = None
    used_overridden: bool = False
    type: str | None = None  # the field's type in this subgraph, when it differs from the supergraph's

    @property
    def resolvable(self) -> bool:
        """The subgraph can resolve the field itself (not only reference it)."""
        return not self.external and not self.used_overridden


@dataclass(kw_only=True)
class TypeInGraph:
    graph: str
    keys: list[Key] = field(default_factory=list)
    is_interface_object: bool = False
    extension: bool = False


@dataclass(kw_only=True)
class TypeMeta:
    """Where a named type lives; `fields` maps field name to its per-subgraph declarations."""

    name: str
    kind: str  # "object" | "interface" | "union" | "enum" | "input" | "scalar"
    graphs: dict[str, TypeInGraph] = field(default_factory=dict)
    fields: dict[str, list[FieldInGraph]] = field(default_factory=dict)
    implements: dict[str, set[str]] = field(default_factory=dict)  # graph -> interfaces
    union_members: dict[str, set[str]] = field(default_factory=dict)  # graph -> member types

    def resolvable_keys(self, graph: str) -> list[Key]:
        in_graph = self.graphs.get(graph)
        return [key for key in in_graph.keys if key.resolvable] if in_graph else []

    def field_in(self, name: str, graph: str) -> FieldInGraph | None:
        return next((f for f in self.fields.get(name, ()) if f.graph == graph), None)
