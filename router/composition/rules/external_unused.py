"""An `@external` field must be used by a `@key`, `@requires`, `@provides` or an interface."""

from __future__ import annotations

from collections.abc import Iterator

from ..metadata import Metadata
from ..results import CompositionError
from ..subgraph import Subgraph
from .base import subgraph_error


def check_external_unused(subgraph: Subgraph, meta: Metadata) -> Iterator[CompositionError]:
    for t in subgraph.types.values():
        if t.kind != "object":
            continue
        for f in t.fields.values():
            # An external field with @provides is reported as a collision by the @provides rule.
            if meta.is_external(f) and f.coordinate not in meta.used and f.provides is None:
                yield subgraph_error(
                    subgraph,
                    "EXTERNAL_UNUSED",
                    f'Field "{f.coordinate}" is marked @external but nothing uses it (no @key, @requires or '
                    "@provides selects it, and no interface needs it). Remove the field, or drop @external "
                    "if this subgraph resolves it.",
                    f.coordinate,
                )
