"""`/ready`: 200 once a supergraph is loaded, with each subgraph's state; `/health` is liveness alone."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from router.execution.fetcher import SubgraphFetcher
from router.execution.types import JSONObject
from router.server.serving import ServingSupergraph

__all__ = ["readiness_endpoint"]


def readiness_endpoint(
    serving: ServingSupergraph, fetcher: SubgraphFetcher
) -> Callable[[Request], Awaitable[Response]]:
    async def ready(request: Request) -> Response:
        served = serving.current
        body: JSONObject = {
            "status": "ready" if served is not None else "not ready",
            "supergraph": {
                "loaded": served is not None,
                "generation": serving.generation,
                "subgraphs": list(served.subgraph_names) if served else [],
                "compositionHints": list(served.composition_hints) if served else [],
            },
            "subgraphs": {
                state.name: {
                    "reachable": state.reachable,
                    "breaker": state.breaker.value,
                    "instances": state.instances,
                    "available": state.available,
                }
                for state in fetcher.states()
            },
        }
        if serving.problem is not None:
            # The last good supergraph keeps serving; this says why a newer one is not.
            body["details"] = serving.problem
        return JSONResponse(body, status_code=200 if served is not None else 503)

    return ready
