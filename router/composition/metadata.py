"""What federation directives imply for each subgraph field: external, provided, shareable, used."""

from __future__ import annotations

from dataclasses import dataclass, field

from .fieldset import resolve_field_set
from .subgraph import Field, Subgraph

__all__ = ["Metadata", "compute_metadata"]


@dataclass
class Metadata:
    """Per-subgraph facts by field coordinate, computed once after reading the subgraph."""

    subgraph: Subgraph
    external: set[str] = field(default_factory=set)
    provided: set[str] = field(default_factory=set)
    shareable: set[str] = field(default_factory=set)
    used: set[str] = field(default_factory=set)
    key_fields: set[str] = field(default_factory=set)

    def is_external(self, f: Field) -> bool:
        return f.coordinate in self.external

    def is_fully_external(self, f: Field) -> bool:
        return f.coordinate in self.external and f.coordinate not in self.provided

    def is_shareable(self, f: Field) -> bool:
        return f.coordinate in self.shareable


def compute_metadata(subgraph: Subgraph) -> Metadata:
    meta = Metadata(subgraph)
    fake_external: set[str] = set()
    for t in subgraph.types.values():
        for key in t.keys:
            targets = resolve_field_set(subgraph, t.name, key.fields).targets
            meta.key_fields.update(f.coordinate for f in targets)
            meta.used.update(f.coordinate for f in targets)
            # Key fields of an extension are marked @external by Federation 1 habit without being external.
            if key.extension or t.extends:
                fake_external.update(f.coordinate for f in targets if f.parent == t.name and f.external)
    for t in subgraph.types.values():
        for f in t.fields.values():
            if t.kind in ("object", "interface") and (f.external or t.external_type):
                meta.external.add(f.coordinate)
    meta.external -= fake_external
    for t in subgraph.types.values():
        for f in t.fields.values():
            if f.requires is not None:
                meta.used.update(x.coordinate for x in resolve_field_set(subgraph, t.name, f.requires).targets)
            if f.provides is not None:
                provided = resolve_field_set(subgraph, f.type.base, f.provides).targets
                meta.provided.update(x.coordinate for x in provided)
                meta.used.update(x.coordinate for x in provided)
                meta.shareable.update(x.coordinate for x in provided if x.coordinate in meta.external)
    meta.shareable |= meta.key_fields
    for t in subgraph.types.values():
        if t.kind == "object":
            for f in t.fields.values():
                if f.shareable or f.block in t.shareable_blocks:
                    meta.shareable.add(f.coordinate)
        if t.kind == "interface":
            for impl in subgraph.implementations(t.name):
                meta.used.update(impl.fields[n].coordinate for n in t.fields if n in impl.fields)
    return meta
