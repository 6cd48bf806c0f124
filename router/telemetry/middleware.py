"""The outermost layer of the router app: request id, request span, request metrics, access log line."""

from __future__ import annotations

import logging
import time
from typing import Any

from opentelemetry import trace
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from router.server.report import report_of
from router.telemetry.context import REQUEST_ID_HEADER, bind_request_id, request_id_from, unbind_request_id
from router.telemetry.metrics import RouterMetrics
from router.telemetry.tracing import Tracing

__all__ = ["TelemetryMiddleware"]

access_log = logging.getLogger("router.access")
# Probes and scrapes every few seconds would drown the lines that matter; they get no line and no span.
_QUIET_PATHS = frozenset({"/health", "/ready", "/metrics"})


class TelemetryMiddleware:
    def __init__(self, app: ASGIApp, *, metrics: RouterMetrics, tracing: Tracing) -> None:
        self.app = app
        self.metrics = metrics
        self.tracing = tracing

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in _QUIET_PATHS:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        request_id = request_id_from(headers.get(REQUEST_ID_HEADER))
        id_token = bind_request_id(request_id)
        span, span_token = self.tracing.start_request_span(f"{scope['method']} {scope['path']}", headers)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", []), (b"x-request-id", request_id.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            self._finish(scope, span, status, seconds, request_id)
            self.tracing.end_request_span(span, span_token)
            unbind_request_id(id_token)

    def _finish(self, scope: Scope, span: trace.Span, status: int, seconds: float, request_id: str) -> None:
        report = report_of(scope)
        fields: dict[str, Any] = {
            "request_id": request_id,
            "trace_id": self.tracing.trace_id(span),
            "method": scope["method"],
            "path": scope["path"],
            "status": status,
            "duration_ms": round(seconds * 1000, 2),
            "client": (scope.get("client") or ("", 0))[0],
        }
        span.set_attribute("http.request.method", scope["method"])
        span.set_attribute("url.path", scope["path"])
        span.set_attribute("http.response.status_code", status)
        span.set_attribute("gamja.request_id", request_id)
        if report is not None:
            self.metrics.requests.labels(report.operation_type, report.outcome).inc()
            self.metrics.request_seconds.labels(report.operation_type).observe(seconds)
            fields |= {
                "operation_type": report.operation_type,
                "operation_name": report.operation_name,
                "outcome": report.outcome,
                "error_codes": list(report.error_codes),
            }
            span.set_attribute("graphql.operation.type", report.operation_type)
            if report.operation_name:
                span.set_attribute("graphql.operation.name", report.operation_name)
            if report.outcome == "error":
                span.set_status(trace.Status(trace.StatusCode.ERROR, ",".join(report.error_codes)))
        access_log.info("%s %s %d", scope["method"], scope["path"], status, extra=fields)
