"""A supergraph needs at least one query field."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..results import CompositionError

if TYPE_CHECKING:
    from ..merged import Merged


def check_has_queries(merged: Merged) -> Iterator[CompositionError]:
    if "Query" not in merged.types:
        yield CompositionError(
            "NO_QUERIES",
            f"No queries found in any subgraph ({merged.names(list(range(len(merged.subgraphs))))}): a supergraph "
            "must have a query root type. Add at least one field to `type Query` in some subgraph.",
            tuple(s.name for s in merged.subgraphs),
        )
