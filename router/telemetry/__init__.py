"""Metrics, traces and the access log: the only part of the router that knows Prometheus or OpenTelemetry.

`Telemetry` is handed to the composition root, which gives its observer to the fetcher, its
middleware to the app, and its `/metrics` route to the routes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from opentelemetry.sdk.trace.export import SpanExporter
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from router.telemetry.metrics import RouterMetrics, RouterSnapshot
from router.telemetry.middleware import TelemetryMiddleware
from router.telemetry.observer import TelemetryFetchObserver
from router.telemetry.tracing import Tracing

__all__ = ["Telemetry"]

_PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8"


class Telemetry:
    def __init__(
        self,
        *,
        service_name: str = "gamja-router",
        otlp_endpoint: str | None = None,
        span_exporter: SpanExporter | None = None,
    ) -> None:
        self.metrics = RouterMetrics()
        self.tracing = Tracing(service_name=service_name, otlp_endpoint=otlp_endpoint, exporter=span_exporter)
        self.observer = TelemetryFetchObserver(self.metrics, self.tracing)

    def watch(self, snapshot: Callable[[], RouterSnapshot]) -> None:
        self.metrics.watch(snapshot)

    def middleware(self) -> Middleware:
        return Middleware(TelemetryMiddleware, metrics=self.metrics, tracing=self.tracing)

    def routes(self) -> list[Route]:
        async def metrics(request: Request) -> Response:
            return Response(self.metrics.exposition(), media_type=_PROMETHEUS_TEXT)

        return [Route("/metrics", metrics, methods=["GET"])]

    async def aclose(self) -> None:
        # The batch exporter's last flush talks to the collector: not on the event loop.
        await asyncio.to_thread(self.tracing.shutdown)
