"""OpenTelemetry traces: a span per request and per subgraph fetch, W3C trace context in and out.

The router keeps its own tracer provider (not the process-wide one), so two routers in one process,
as in tests, never mix their spans. Subgraphs get a `traceparent` either way. With no OTLP endpoint
(and no exporter handed in) nothing would ever read a recorded span, so the spans are bare ids
(`NonRecordingSpan`): the trace still goes on to the subgraphs and into the access log, without the
SDK's sampling, attributes and span objects on every fetch (~10 % of the router's CPU on the gateways
benchmark, bench/router/README.md).
"""

from __future__ import annotations

from collections.abc import Mapping

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor, SpanExporter
from opentelemetry.sdk.trace.id_generator import RandomIdGenerator
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

__all__ = ["Tracing"]

_PROPAGATOR = TraceContextTextMapPropagator()
_IDS = RandomIdGenerator()


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
        # Whether spans are recorded at all: only when something exports them.
        self.recording = exporter is not None or bool(otlp_endpoint)

    def start_request_span(self, name: str, headers: Mapping[str, str]) -> tuple[trace.Span, object]:
        """A server span continuing the caller's trace (its `traceparent`), made current; returns the
        span and the token `end_request_span` needs."""
        parent = _PROPAGATOR.extract(carrier=dict(headers))
        if self.recording:
            span = self.tracer.start_span(name, context=parent, kind=trace.SpanKind.SERVER)
        else:
            span = _ids_only_span(trace.get_current_span(parent).get_span_context())
        return span, otel_context.attach(trace.set_span_in_context(span, parent))

    @staticmethod
    def end_request_span(span: trace.Span, token: object) -> None:
        otel_context.detach(token)  # type: ignore[arg-type]
        span.end()

    def start_fetch_span(self, service_name: str) -> trace.Span:
        """A client span under the current request span."""
        if self.recording:
            return self.tracer.start_span(f"subgraph {service_name}", kind=trace.SpanKind.CLIENT)
        return _ids_only_span(trace.get_current_span().get_span_context())

    @staticmethod
    def trace_headers(span: trace.Span) -> dict[str, str]:
        """W3C trace context naming `span`: what the propagator's `inject` writes, without making a
        context to hold the span first (once per subgraph fetch)."""
        context = span.get_span_context()
        if not context.is_valid:
            return {}
        carrier = {"traceparent": f"00-{context.trace_id:032x}-{context.span_id:016x}-{context.trace_flags:02x}"}
        if context.trace_state:
            carrier["tracestate"] = context.trace_state.to_header()
        return carrier

    @staticmethod
    def trace_id(span: trace.Span) -> str:
        return format(span.get_span_context().trace_id, "032x")

    def shutdown(self) -> None:
        """Flush what is still buffered for the collector."""
        self._provider.shutdown()


def _ids_only_span(parent: trace.SpanContext) -> trace.Span:
    """A span that only carries ids, in the parent's trace (a new trace without one), sampled as the
    SDK's default sampler would decide (the parent's flag, else sampled): subgraphs that record their
    own spans keep doing so under ours."""
    if parent.is_valid:
        trace_id, flags, state = parent.trace_id, parent.trace_flags, parent.trace_state
    else:
        trace_id, flags, state = _IDS.generate_trace_id(), trace.TraceFlags(trace.TraceFlags.SAMPLED), None
    context = trace.SpanContext(
        trace_id, _IDS.generate_span_id(), is_remote=False, trace_flags=flags, trace_state=state
    )
    return trace.NonRecordingSpan(context)
