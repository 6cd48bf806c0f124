"""Starlette routes: /graphql (POST, GET, GraphiQL), /health, /schema.graphql, /supergraph.graphql."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager

from graphql import print_schema
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from router.server.errors import RequestError
from router.server.pipeline import Pipeline
from router.server.playground import graphiql_html
from router.server.request import read_graphql_request

__all__ = ["QUERY_PLAN_HEADER", "build_app", "subgraph_headers"]

logger = logging.getLogger(__name__)

QUERY_PLAN_HEADER = "x-gamja-query-plan"
_FORWARDED_HEADERS = ("authorization",)
_FORWARDED_FOR = "x-forwarded-for"


def build_app(
    pipeline: Pipeline,
    supergraph_sdl: str,
    *,
    on_shutdown: Callable[[], Awaitable[None]] | None = None,
    cors_origins: Sequence[str] = ("*",),
) -> Starlette:
    """`cors_origins`: web apps on these origins may call the API from a browser (like Apollo Server,
    any origin by default)."""
    api_sdl = print_schema(pipeline.api_schema)

    async def graphql(request: Request) -> Response:
        if request.method == "GET" and "query" not in request.query_params:
            if "text/html" in request.headers.get("accept", ""):
                return HTMLResponse(graphiql_html(request.url.path))
            return JSONResponse(
                {"errors": [{"message": "Send a `query` parameter.", "extensions": {"code": "BAD_REQUEST"}}]},
                status_code=400,
            )
        try:
            graphql_request = await read_graphql_request(request)
        except RequestError as exc:
            return JSONResponse({"errors": exc.errors}, status_code=exc.status_code)
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
        return JSONResponse(body, status_code=status)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def schema(request: Request) -> Response:
        return PlainTextResponse(api_sdl)

    async def supergraph(request: Request) -> Response:
        return PlainTextResponse(supergraph_sdl)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if on_shutdown is not None:
            await on_shutdown()

    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/health", health, methods=["GET"]),
            Route("/schema.graphql", schema, methods=["GET"]),
            Route("/supergraph.graphql", supergraph, methods=["GET"]),
        ],
        lifespan=lifespan,
        middleware=[
            Middleware(
                CORSMiddleware,
                allow_origins=list(cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["authorization", "content-type", QUERY_PLAN_HEADER],
            )
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
