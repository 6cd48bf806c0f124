"""The merged supergraph before printing: types with their join information per subgraph."""

from __future__ import annotations

from dataclasses import dataclass, field

from .subgraph import Applied, Field, Kind
from .typeref import TypeRef

__all__ = ["JoinField", "JoinType", "MergedArgument", "MergedEnumValue", "MergedField", "MergedType"]


@dataclass(frozen=True)
class JoinType:
    """`@join__type`: the subgraph (by `join__Graph` value) defines the type, maybe with a key."""

    graph: str
    key: str | None = None
    extension: bool = False
    resolvable: bool = True
    is_interface_object: bool = False
    resolvable_given: bool = False


@dataclass(frozen=True)
class JoinField:
    """`@join__field`; `graph=None` is the bare form Apollo puts on fields only an interface object resolves."""

    graph: str | None
    requires: str | None = None
    provides: str | None = None
    type: str | None = None
    external: bool = False
    override: str | None = None
    used_overridden: bool = False
    override_label: str | None = None


@dataclass
class MergedArgument:
    name: str
    type: TypeRef
    default: str | None = None
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)


@dataclass
class MergedField:
    """A merged field; `sources` maps a subgraph index to its field (None: the subgraph has the type
    but not the field). The override sets hold subgraph indexes: `overridden` lost the field to an
    `@override` (`used_overridden` among them still use it in a key or requires), `override_labels`
    holds progressive-override labels on both sides of the move."""

    name: str
    parent: str
    type: TypeRef | None = None
    args: dict[str, MergedArgument] = field(default_factory=dict)
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)
    default: str | None = None
    joins: list[JoinField] = field(default_factory=list)
    sources: dict[int, Field | None] = field(default_factory=dict)
    overridden: set[int] = field(default_factory=set)
    used_overridden: set[int] = field(default_factory=set)
    override_labels: dict[int, str] = field(default_factory=dict)
    unknown_override: set[int] = field(default_factory=set)

    @property
    def coordinate(self) -> str:
        return f"{self.parent}.{self.name}"


@dataclass
class MergedEnumValue:
    name: str
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)


@dataclass
class MergedType:
    name: str
    kind: Kind
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)
    join_types: list[JoinType] = field(default_factory=list)
    implements: list[tuple[str, str]] = field(default_factory=list)
    interfaces: list[str] = field(default_factory=list)
    fields: dict[str, MergedField] = field(default_factory=dict)
    members: list[str] = field(default_factory=list)
    member_joins: list[tuple[str, str]] = field(default_factory=list)
    values: dict[str, MergedEnumValue] = field(default_factory=dict)

    def is_inaccessible(self) -> bool:
        return any(d.name == "inaccessible" for d in self.directives)
