"""`@override(from:)` must name another subgraph."""

from __future__ import annotations

from collections.abc import Iterator

from ..metadata import Metadata
from ..results import CompositionError
from ..subgraph import Subgraph
from .base import subgraph_error


def check_override_from_self(subgraph: Subgraph, meta: Metadata) -> Iterator[CompositionError]:
    for t in subgraph.types.values():
        for f in t.fields.values():
            if f.override_from == subgraph.name:
                yield subgraph_error(
                    subgraph,
                    "OVERRIDE_FROM_SELF_ERROR",
                    f'Source and destination subgraphs "{subgraph.name}" are the same for overridden field '
                    f'"{f.coordinate}". Name the subgraph the field moves away from in @override(from:).',
                    f.coordinate,
                )
