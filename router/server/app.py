"""Starlette routes: /graphql (POST, GET, GraphiQL), /health, /schema.graphql, /supergraph.graphql."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute

from router.execution.fetcher import SubgraphFetcher
from router.server.errors import RequestError
from router.server.playground import graphiql_html
from router.server.readiness import readiness_endpoint
from router.server.report import REPORT_SCOPE_KEY, GraphQLReport
from router.server.request import read_graphql_request
from router.server.serving import ServingSupergraph

if TYPE_CHECKING:  # router.subscriptions builds on the server's stages; the app only routes to it
    from router.subscriptions.server import SubscriptionServer

__all__ = ["QUERY_PLAN_HEADER", "build_app", "subgraph_headers"]

logger = logging.getLogger(__name__)

QUERY_PLAN_HEADER = "x-gamja-query-plan"
_FORWARDED_HEADERS = ("authorization",)
_FORWARDED_FOR = "x-forwarded-for"


def build_app(
    serving: ServingSupergraph,
    fetcher: SubgraphFetcher,
    *,
    on_startup: Callable[[], Awaitable[None]] | None = None,
    on_shutdown: Callable[[], Awaitable[None]] | None = None,
    cors_origins: Sequence[str] = ("*",),
    extra_routes: Sequence[BaseRoute] = (),
    outer_middleware: Sequence[Middleware] = (),
    subscriptions: SubscriptionServer | None = None,
) -> Starlette:
    """`cors_origins`: web apps on these origins may call the API from a browser (like Apollo Server,
    any origin by default). `extra_routes` and `outer_middleware` come from the telemetry layer
    (`/metrics`, the access log and request spans), which this module knows nothing about."""

    async def graphql(request: Request) -> Response:
        if request.method == "GET" and "query" not in request.query_params:
            if "text/html" in request.headers.get("accept", ""):
                return HTMLResponse(graphiql_html(request.url.path))
            return JSONResponse(
                {"errors": [{"message": "Send a `query` parameter.", "extensions": {"code": "BAD_REQUEST"}}]},
                status_code=400,
            )
        served = serving.current
        if served is None:
            return JSONResponse(
                {
                    "errors": [
                        {
                            "message": "The router has no supergraph yet: see /ready.",
                            "extensions": {"code": "SERVICE_UNAVAILABLE"},
                        }
                    ]
                },
                status_code=503,
            )
        pipeline = served.pipeline  # kept to the end of this request, even if a new supergraph swaps in
        try:
            graphql_request = await read_graphql_request(request)
        except RequestError as exc:
            return JSONResponse({"errors": exc.errors}, status_code=exc.status_code)
        if subscriptions is not None:
            # SSE and multipart subscriptions answer with a stream; anything else goes through the pipeline.
            streaming = await subscriptions.http(request, graphql_request)
            if streaming is not None:
                return streaming
        try:
            status, body = await pipeline.run(
                graphql_request,
                headers=subgraph_headers(request),
                include_plan=request.headers.get(QUERY_PLAN_HEADER, "").lower() == "true",
                read_only=request.method == "GET",
            )
        except Exception:
            # A router bug still gets a GraphQL-shaped answer; the traceback goes to the log.
            logger.exception("unexpected error while serving a GraphQL request")
            return JSONResponse(
                {"errors": [{"message": "Internal router error.", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]},
                status_code=500,
            )
        operation_type, operation_name = pipeline.operation_of(graphql_request)
        request.scope[REPORT_SCOPE_KEY] = GraphQLReport.of(operation_type, operation_name, status, body)
        return JSONResponse(body, status_code=status)

    async def health(request: Request) -> Response:
        """Liveness: the process answers. Whether it can serve is /ready's question."""
        return JSONResponse({"status": "ok"})

    async def schema(request: Request) -> Response:
        served = serving.current
        return PlainTextResponse(served.api_sdl) if served else PlainTextResponse("no supergraph yet\n", 503)

    async def supergraph(request: Request) -> Response:
        served = serving.current
        return PlainTextResponse(served.supergraph_sdl) if served else PlainTextResponse("no supergraph yet\n", 503)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if on_startup is not None:
            await on_startup()
        try:
            yield
        finally:
            if on_shutdown is not None:
                await on_shutdown()

    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            *([WebSocketRoute("/graphql", subscriptions.websocket)] if subscriptions is not None else []),
            Route("/health", health, methods=["GET"]),
            Route("/ready", readiness_endpoint(serving, fetcher), methods=["GET"]),
            Route("/schema.graphql", schema, methods=["GET"]),
            Route("/supergraph.graphql", supergraph, methods=["GET"]),
            *extra_routes,
        ],
        lifespan=lifespan,
        middleware=[
            *outer_middleware,
            Middleware(
                CORSMiddleware,
                allow_origins=list(cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["authorization", "content-type", QUERY_PLAN_HEADER],
            ),
        ],
    )


def subgraph_headers(request: Request) -> dict[str, str]:
    """Headers every subgraph request carries: the client's `Authorization`, and `X-Forwarded-For`
    with the client's socket address appended (subgraphs that count per client, like sign-in
    throttling, trust its last entry, which the client cannot write)."""
    headers = {name: request.headers[name] for name in _FORWARDED_HEADERS if name in request.headers}
    if request.client is not None:
        earlier = ", ".join(request.headers.getlist(_FORWARDED_FOR))
        headers[_FORWARDED_FOR] = f"{earlier}, {request.client.host}" if earlier else request.client.host
    return headers
