"""`/graphql`: the HTTP stages in front of the GraphQL pipeline, in this order:

    playground      a browser's GET without an operation gets GraphiQL
    negotiation     the answer's media type, or 406
    serving         the supergraph served now (503 before the first one)
    csrf            simple (form-like) POSTs refused
    request         the body (413 past the limit) or query string → a GraphQL request
    subscriptions   SSE and multipart subscriptions answer with a stream (router/subscriptions)
    pipeline        see pipeline.py
    client_errors   internal details replaced by the request id; status codes per media type
    report          what the telemetry layer around the app reads (operation, outcome, codes)

The request id itself comes from the telemetry layer, which also puts it in the `x-request-id` header.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from router.execution import codec
from router.execution.types import JSONObject
from router.server.client_errors import new_request_id, present_errors
from router.server.config import FrontDoorConfig
from router.server.csrf import refuse_simple_requests
from router.server.errors import RequestError
from router.server.forwarding import subgraph_headers
from router.server.negotiation import JSON, MediaType, negotiate
from router.server.playground import graphiql_html
from router.server.report import REPORT_SCOPE_KEY, GraphQLReport
from router.server.request import GraphQLRequest, read_graphql_request
from router.server.serving import ServingSupergraph
from router.telemetry.context import current_request_id

if TYPE_CHECKING:  # router.subscriptions builds on the server's stages; the endpoint only hands over to it
    from router.subscriptions.server import SubscriptionServer

__all__ = ["QUERY_PLAN_HEADER", "GraphQLEndpoint"]

log = logging.getLogger("router.errors")

QUERY_PLAN_HEADER = "x-gamja-query-plan"
_OPERATION_PARAMETERS = ("query", "extensions", "documentId")


class GraphQLEndpoint:
    def __init__(
        self, serving: ServingSupergraph, config: FrontDoorConfig, subscriptions: SubscriptionServer | None = None
    ) -> None:
        self._serving = serving
        self._config = config
        self._subscriptions = subscriptions

    async def handle(self, request: Request) -> Response:
        if self._config.playground and request.method == "GET" and _wants_playground(request):
            return HTMLResponse(graphiql_html(request.url.path, show_plans=self._config.expose_query_plan))
        request_id = current_request_id() or new_request_id()
        media_type: MediaType = JSON
        graphql_request: GraphQLRequest | None = None
        served = self._serving.current  # kept to the end of this request, even if a new supergraph swaps in
        try:
            try:
                media_type = negotiate(request.headers.get("accept"))
                refused_accept = None
            except RequestError as exc:
                refused_accept = exc  # unless a subscription stream (SSE, multipart) answers instead
            if served is None:
                raise RequestError.single(503, "The router has no supergraph yet: see /ready.", "SERVICE_UNAVAILABLE")
            refuse_simple_requests(request.method, request.headers)
            graphql_request = await read_graphql_request(request, max_body_bytes=self._config.max_body_bytes)
            if self._subscriptions is not None:
                streaming = await self._subscriptions.http(request, graphql_request)
                if streaming is not None:
                    return streaming
            if refused_accept is not None:
                raise refused_accept
            body = await served.pipeline.run(
                graphql_request,
                headers=subgraph_headers(request, self._config.client_address_signer),
                include_plan=self._config.expose_query_plan
                and request.headers.get(QUERY_PLAN_HEADER, "").lower() == "true",
                read_only=request.method == "GET",
            )
            status = 200
        except RequestError as exc:
            body = {"errors": exc.errors}
            # The legacy media type answers 200 to every well-formed request (GraphQL over HTTP).
            status = 200 if media_type == JSON and exc.in_document else exc.status_code
        except Exception:
            # A router bug still gets a GraphQL-shaped answer; the traceback goes to the log.
            log.exception("request %s: unexpected error while serving a GraphQL request", request_id)
            body = {"errors": [{"message": "Internal router error.", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]}
            status = 500
        body = present_errors(body, request_id)
        if served is not None and graphql_request is not None:
            operation_type, operation_name = served.pipeline.operation_of(graphql_request)
        else:
            operation_type, operation_name = "unknown", None
        request.scope[REPORT_SCOPE_KEY] = GraphQLReport.of(operation_type, operation_name, status, body)
        return _json(body, status, media_type)


def _wants_playground(request: Request) -> bool:
    if any(name in request.query_params for name in _OPERATION_PARAMETERS):
        return False
    return "text/html" in request.headers.get("accept", "")


def _json(body: JSONObject, status: int, media_type: MediaType) -> Response:
    # orjson: answers can be tens of KB, and Starlette's JSONResponse prints with the slower `json`.
    return Response(codec.dumps(body), status_code=status, media_type=f"{media_type}; charset=utf-8")
