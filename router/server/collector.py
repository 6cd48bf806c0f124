"""The garbage collector set for serving: fewer collections, none of them walking the startup objects.

The router's request data are trees (parsed JSON, merged dicts, the projected response) that reference
counting frees on its own; the cyclic collector still runs every 700 new container objects by default,
and every full collection walks all the objects alive, the supergraph's schemas and ASTs included. At
16 requests in flight that was ~20 % of the router's CPU on the gateways benchmark (bench/router/README.md).
"""

from __future__ import annotations

import gc

__all__ = ["tune_for_serving"]

# New container objects between young collections (CPython's default is 700). An 87 KB response
# makes ~10,000 of them, so cycles (rare: exceptions with tracebacks, closures) still go within a request or two.
_YOUNG_THRESHOLD = 10_000


def tune_for_serving() -> None:
    """Call once the supergraph is loaded, before serving: what exists now (modules, schema, planner)
    lives as long as the process, so it moves out of the collector's sight (`gc.freeze`)."""
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(_YOUNG_THRESHOLD, older, oldest)
