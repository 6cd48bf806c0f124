"""Starlette routes: /graphql, /health, /ready, /schema.graphql; /supergraph.graphql and the playground's
assets under /playground outside production; last, the web app at every other GET path (web_app.py).

Around them, outermost first: the telemetry layer's middleware (request id, spans, access log),
CORS (origins from the config; localhost ones outside production), response compression (brotli or gzip).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles

from router.execution.fetcher import SubgraphFetcher
from router.server.client_errors import REQUEST_ID_HEADER
from router.server.compression import CompressionMiddleware
from router.server.config import FrontDoorConfig
from router.server.csrf import PREFLIGHT_HEADERS
from router.server.endpoint import QUERY_PLAN_HEADER, GraphQLEndpoint
from router.server.playground import ASSETS_DIR, ASSETS_PATH
from router.server.readiness import readiness_endpoint
from router.server.serving import ServingSupergraph
from router.server.web_app import web_app_route

if TYPE_CHECKING:  # router.subscriptions builds on the server's stages; the app only routes to it
    from router.subscriptions.server import SubscriptionServer

__all__ = ["build_app"]


def build_app(
    serving: ServingSupergraph,
    fetcher: SubgraphFetcher,
    *,
    config: FrontDoorConfig | None = None,
    on_startup: Callable[[], Awaitable[None]] | None = None,
    on_shutdown: Callable[[], Awaitable[None]] | None = None,
    extra_routes: Sequence[BaseRoute] = (),
    outer_middleware: Sequence[Middleware] = (),
    subscriptions: SubscriptionServer | None = None,
) -> Starlette:
    """`extra_routes` and `outer_middleware` come from the telemetry layer (`/metrics`, the access log
    and request spans), which this module knows nothing about."""
    config = config or FrontDoorConfig()

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

    routes: list[BaseRoute] = [
        Route("/graphql", GraphQLEndpoint(serving, config, subscriptions).handle, methods=["GET", "POST"]),
        *([WebSocketRoute("/graphql", subscriptions.websocket)] if subscriptions is not None else []),
        Route("/health", health, methods=["GET"]),
        Route("/ready", readiness_endpoint(serving, fetcher), methods=["GET"]),
        Route("/schema.graphql", schema, methods=["GET"]),
    ]
    if config.playground:
        routes.append(Mount(ASSETS_PATH, app=StaticFiles(directory=ASSETS_DIR), name="playground"))
    if config.expose_supergraph:
        # It names every subgraph's internal URL.
        routes.append(Route("/supergraph.graphql", supergraph, methods=["GET"]))
    allowed_headers = ["authorization", "content-type", *PREFLIGHT_HEADERS]
    if config.expose_query_plan:
        allowed_headers.append(QUERY_PLAN_HEADER)
    return Starlette(
        # The web app's catch-all goes last, so it can never take a path another route serves.
        routes=[*routes, *extra_routes, web_app_route(config.web_dir)],
        lifespan=lifespan,
        middleware=[
            *outer_middleware,
            Middleware(
                CORSMiddleware,
                allow_origins=list(config.cors_origins),
                allow_origin_regex=config.cors_origin_regex,
                allow_methods=["GET", "POST"],
                allow_headers=allowed_headers,
                expose_headers=[REQUEST_ID_HEADER],
            ),
            Middleware(CompressionMiddleware),
        ],
    )
