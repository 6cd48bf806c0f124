"""Every type a subgraph refers to must be defined in it (or be a built-in scalar)."""

from __future__ import annotations

from collections.abc import Iterator

from ..metadata import Metadata
from ..results import CompositionError
from ..subgraph import BUILTIN_SCALARS, Subgraph
from .base import subgraph_error


def check_known_types(subgraph: Subgraph, meta: Metadata) -> Iterator[CompositionError]:
    def unknown(name: str) -> bool:
        return name not in subgraph.types and name not in BUILTIN_SCALARS

    for t in subgraph.types.values():
        references = [(f.coordinate, f.type.base) for f in t.fields.values()]
        references += [(f"{f.coordinate}({a.name}:)", a.type.base) for f in t.fields.values() for a in f.args.values()]
        references += [(t.name, name) for name in t.interfaces + t.members]
        for coordinate, name in references:
            if unknown(name):
                yield subgraph_error(
                    subgraph,
                    "INVALID_GRAPHQL",
                    f'Unknown type "{name}" referenced by "{coordinate}". Define "{name}" in this subgraph or fix the name.',
                    coordinate,
                )
