"""What the fetcher tells whoever watches it (metrics, tracing), without knowing who that is.

The telemetry layer implements these; the execution layer only calls them, so it never imports
Prometheus or OpenTelemetry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

__all__ = ["NO_OBSERVER", "FetchObservation", "FetchObserver"]


class FetchObservation(Protocol):
    def headers(self) -> Mapping[str, str]:
        """Headers to add to the subgraph request (trace context, request id)."""
        ...

    def finished(self, outcome: str, error_codes: Sequence[str], *, shared: bool) -> None:
        """`outcome`: "ok", or the code of the failure; `shared`: answered by an identical request in flight."""
        ...


class FetchObserver(Protocol):
    def fetch_started(self, service_name: str, operation_kind: str) -> FetchObservation: ...


class _Unobserved:
    def headers(self) -> Mapping[str, str]:
        return {}

    def finished(self, outcome: str, error_codes: Sequence[str], *, shared: bool) -> None:
        return None

    def fetch_started(self, service_name: str, operation_kind: str) -> FetchObservation:
        return self


NO_OBSERVER: FetchObserver = _Unobserved()
