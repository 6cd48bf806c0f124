"""Interface fields cannot be `@external`."""

from __future__ import annotations

from collections.abc import Iterator

from ..metadata import Metadata
from ..results import CompositionError
from ..subgraph import Subgraph
from .base import subgraph_error


def check_external_on_interface(subgraph: Subgraph, meta: Metadata) -> Iterator[CompositionError]:
    for t in subgraph.types.values():
        if t.kind != "interface":
            continue
        for f in t.fields.values():
            if f.external:
                yield subgraph_error(
                    subgraph,
                    "EXTERNAL_ON_INTERFACE",
                    f'Interface field "{f.coordinate}" is marked @external, which means nothing on an interface. '
                    "Remove @external (mark the implementations' fields instead).",
                    f.coordinate,
                )
