"""The fetcher's observer: a span, a duration, an outcome and error counts per subgraph fetch."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from opentelemetry import trace

from router.execution.observer import FetchObservation
from router.telemetry.context import REQUEST_ID_HEADER, current_request_id
from router.telemetry.metrics import RouterMetrics
from router.telemetry.tracing import Tracing

__all__ = ["TelemetryFetchObserver"]


class _Fetch:
    __slots__ = ("_metrics", "_service_name", "_span", "_started", "_tracing")

    def __init__(self, metrics: RouterMetrics, tracing: Tracing, service_name: str, operation_kind: str) -> None:
        self._metrics = metrics
        self._tracing = tracing
        self._service_name = service_name
        self._span = tracing.start_fetch_span(service_name)
        self._span.set_attribute("gamja.subgraph", service_name)
        self._span.set_attribute("graphql.operation.type", operation_kind)
        self._started = time.perf_counter()

    def headers(self) -> Mapping[str, str]:
        headers = self._tracing.trace_headers(self._span)
        request_id = current_request_id()
        if request_id is not None:
            headers[REQUEST_ID_HEADER] = request_id
        return headers

    def finished(self, outcome: str, error_codes: Sequence[str], *, shared: bool) -> None:
        name = self._service_name
        self._metrics.fetches.labels(name, outcome).inc()
        self._metrics.fetch_seconds.labels(name).observe(time.perf_counter() - self._started)
        for code in error_codes:
            self._metrics.subgraph_errors.labels(name, code).inc()
        if shared:
            self._metrics.dedup_hits.labels(name).inc()
        self._span.set_attribute("gamja.outcome", outcome)
        self._span.set_attribute("gamja.deduplicated", shared)
        if outcome != "ok":
            self._span.set_status(trace.Status(trace.StatusCode.ERROR, outcome))
        self._span.end()


class TelemetryFetchObserver:
    def __init__(self, metrics: RouterMetrics, tracing: Tracing) -> None:
        self._metrics = metrics
        self._tracing = tracing

    def fetch_started(self, service_name: str, operation_kind: str) -> FetchObservation:
        return _Fetch(self._metrics, self._tracing, service_name, operation_kind)
