"""What the GraphQL endpoint tells the layers around it about one request (left in the ASGI scope).

The telemetry middleware reads it to label its metrics and its access-log line; nothing else does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from router.execution.types import JSONObject

__all__ = ["REPORT_SCOPE_KEY", "GraphQLReport", "report_of"]

REPORT_SCOPE_KEY = "gamja.graphql"


@dataclass(frozen=True, slots=True)
class GraphQLReport:
    operation_type: str  # "query", "mutation", "subscription", or "unknown" when it never parsed
    operation_name: str | None
    outcome: str  # "success" (no errors), "partial" (errors beside data), "error" (no data)
    error_codes: tuple[str, ...]

    @classmethod
    def of(cls, operation_type: str, operation_name: str | None, status: int, body: JSONObject) -> GraphQLReport:
        errors = body.get("errors") or []
        codes = tuple(str((e.get("extensions") or {}).get("code", "")) for e in errors if isinstance(e, dict))
        if status >= 400 or body.get("data") is None:
            return cls(operation_type, operation_name, "error", codes)
        return cls(operation_type, operation_name, "partial" if errors else "success", codes)


def report_of(scope: Mapping[str, Any]) -> GraphQLReport | None:
    report = scope.get(REPORT_SCOPE_KEY)
    return report if isinstance(report, GraphQLReport) else None
