"""OpenTelemetry traces: a span per request and per subgraph fetch, W3C trace context in and out.

The router keeps its own tracer provider (not the process-wide one), so two routers in one process,
as in tests, never mix their spans. Spans are always made, because subgraphs get a `traceparent`
either way; they are exported only when an OTLP endpoint is set (or an exporter is handed in).
"""

from __future__ import annotations

from collections.abc import Mapping

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor, SpanExporter
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

__all__ = ["Tracing"]

_PROPAGATOR = TraceContextTextMapPropagator()


class Tracing:
    def __init__(
        self,
        *,
        service_name: str = "gamja-router",
        otlp_endpoint: str | None = None,
        exporter: SpanExporter | None = None,
    ) -> None:
        """`otlp_endpoint`: an OTLP/HTTP collector's base URL (`http://collector:4318`); `exporter`: for
        tests, spans handed over synchronously as each ends."""
        self._provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
        if exporter is not None:
            self._provider.add_span_processor(SimpleSpanProcessor(exporter))
        if otlp_endpoint:
            # Imported here: only a router that exports pays for loading protobuf and the HTTP exporter.
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            self._provider.add_span_processor(
                BatchSpanProcessor(OTLPSpanExporter(endpoint=f"{otlp_endpoint.rstrip('/')}/v1/traces"))
            )
        self.tracer = self._provider.get_tracer("router")

    def start_request_span(self, name: str, headers: Mapping[str, str]) -> tuple[trace.Span, object]:
        """A server span continuing the caller's trace (its `traceparent`), made current; returns the
        span and the token `end_request_span` needs."""
        parent = _PROPAGATOR.extract(carrier=dict(headers))
        span = self.tracer.start_span(name, context=parent, kind=trace.SpanKind.SERVER)
        return span, otel_context.attach(trace.set_span_in_context(span, parent))

    @staticmethod
    def end_request_span(span: trace.Span, token: object) -> None:
        otel_context.detach(token)  # type: ignore[arg-type]
        span.end()

    def start_fetch_span(self, service_name: str) -> trace.Span:
        """A client span under the current request span."""
        return self.tracer.start_span(f"subgraph {service_name}", kind=trace.SpanKind.CLIENT)

    @staticmethod
    def trace_headers(span: trace.Span) -> dict[str, str]:
        carrier: dict[str, str] = {}
        _PROPAGATOR.inject(carrier, context=trace.set_span_in_context(span))
        return carrier

    @staticmethod
    def trace_id(span: trace.Span) -> str:
        return format(span.get_span_context().trace_id, "032x")

    def shutdown(self) -> None:
        """Flush what is still buffered for the collector."""
        self._provider.shutdown()
