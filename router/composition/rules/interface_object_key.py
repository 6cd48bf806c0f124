"""An `@interfaceObject` type must be an entity (have a `@key`)."""

from __future__ import annotations

from collections.abc import Iterator

from ..metadata import Metadata
from ..results import CompositionError
from ..subgraph import Subgraph
from .base import subgraph_error


def check_interface_object_key(subgraph: Subgraph, meta: Metadata) -> Iterator[CompositionError]:
    for t in subgraph.types.values():
        if t.interface_object and not t.keys:
            yield subgraph_error(
                subgraph,
                "INTERFACE_OBJECT_USAGE_ERROR",
                f'The @interfaceObject directive can only be applied to entity types but type "{t.name}" has no '
                "@key in this subgraph. Add the interface's @key to it.",
                t.name,
            )
