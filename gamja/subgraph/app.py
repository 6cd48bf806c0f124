"""The ASGI app of one subgraph: `/graphql`, `/health`, `/metrics`, JSON access logs, background workers in the
lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult
from strawberry.types.unset import UnsetType

from gamja.backoff import Backoff
from gamja.errors import Unauthenticated
from gamja.logs import request_log_context
from gamja.service import ServiceRuntime
from gamja.subgraph.context import RequestContext
from gamja.subgraph.errors import convert_error
from gamja.subgraph.metrics import metrics_endpoint

__all__ = ["create_subgraph_app"]

log = logging.getLogger("gamja.http")


class _SubgraphGraphQL(GraphQL[RequestContext[Any], None]):
    def __init__(self, runtime: ServiceRuntime) -> None:
        super().__init__(runtime.schema, graphql_ide="graphiql", allow_queries_via_get=True)
        self._runtime = runtime

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        # Here rather than in a schema extension: parse errors never reach the extensions' result.
        if result.errors:
            result.errors = [convert_error(error) for error in result.errors]
        return await super().process_result(request, result)

    async def get_context(self, request: Any, response: Any = None) -> RequestContext[Any]:
        context: RequestContext[Any] = RequestContext(
            request=request if isinstance(request, Request) else None,
            services=self._runtime.services,
            response=response,
            client_addresses=self._runtime.client_addresses,
        )
        if isinstance(request, HTTPConnection):
            # A WebSocket may carry the token on its upgrade request too; connection_init can replace it.
            self._authenticate(context, request.headers.get("authorization"))
        return context

    async def on_ws_connect(self, context: RequestContext[Any]) -> UnsetType | dict[str, object] | None:
        """graphql-transport-ws: the token travels in the `connection_init` payload (`Authorization`)."""
        params = context.connection_params or {}
        header = params.get("Authorization", params.get("authorization"))
        if isinstance(header, str):
            self._authenticate(context, header)
        return await super().on_ws_connect(context)

    def _authenticate(self, context: RequestContext[Any], header: str | None) -> None:
        try:
            context._viewer = self._runtime.tokens.viewer_from_authorization(header)
            context._auth_error = None
        except Unauthenticated as exc:
            context._viewer, context._auth_error = None, exc


class AccessLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        with request_log_context(headers):
            try:
                await self.app(scope, receive, send_wrapper)
            finally:
                if scope["path"] not in ("/health", "/metrics"):
                    log.info(
                        "%s %s %d",
                        scope["method"],
                        scope["path"],
                        status,
                        extra={"status": status, "duration_ms": round((time.perf_counter() - started) * 1000, 2)},
                    )


def create_subgraph_app(runtime: ServiceRuntime, *, run_workers: bool = True) -> Starlette:
    async def health(_: Request) -> Response:
        problems: dict[str, str] = {}
        for role, database in runtime.databases.items():
            try:
                await asyncio.wait_for(database.ping(), timeout=2)
            except Exception as exc:
                problems[role or "main"] = type(exc).__name__
        if problems:
            return JSONResponse({"status": "unhealthy", "service": runtime.name, "databases": problems}, 503)
        return JSONResponse({"status": "ok", "service": runtime.name})

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        stop = asyncio.Event()
        if run_workers and runtime.tokens.feed is not None:
            await runtime.tokens.feed.catch_up()
        tasks = [asyncio.create_task(_supervise(worker, stop)) for worker in runtime.workers] if run_workers else []
        try:
            yield
        finally:
            stop.set()
            await asyncio.gather(*tasks, return_exceptions=True)
            await runtime.close()

    graphql_app = _SubgraphGraphQL(runtime)
    app = Starlette(
        routes=[
            Route("/graphql", graphql_app, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql_app),
            Route("/health", health, methods=["GET"]),
            Route("/metrics", metrics_endpoint(runtime), methods=["GET"]),
        ],
        lifespan=lifespan,
    )
    app.add_middleware(AccessLog)
    return app


async def _supervise(worker: Callable[[asyncio.Event], Awaitable[None]], stop: asyncio.Event) -> None:
    """Keep a background worker alive: a crash is logged and the worker restarts after a pause that grows
    while it keeps crashing (one traceback per streak)."""
    backoff = Backoff(initial=1.0, cap=30.0)
    while not stop.is_set():
        try:
            await worker(stop)
        except Exception:
            delay = backoff.failed()
            name = getattr(worker, "__qualname__", worker)
            if backoff.first_failure:
                log.exception("background worker %s crashed; restarting in %.0fs", name, delay)
            else:
                log.warning("background worker %s crashed again; restarting in %.0fs", name, delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=delay)
        else:
            backoff.succeeded()
