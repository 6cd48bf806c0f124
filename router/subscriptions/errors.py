"""The errors a subscription ends with when its stream, its supergraph or its limits end it."""

from __future__ import annotations

from router.execution.types import JSONObject

__all__ = [
    "SUBSCRIPTION_LIMIT",
    "SUPERGRAPH_CHANGED",
    "StreamLost",
    "error_response",
    "stream_lost_error",
]

SUPERGRAPH_CHANGED = "SUBSCRIPTION_SUPERGRAPH_CHANGED"
SUBSCRIPTION_LIMIT = "SUBSCRIPTION_LIMIT_EXCEEDED"


class StreamLost(Exception):
    """The subgraph's stream ended without `complete`: the client must hear of it, never silence."""

    def __init__(self, service_name: str, reason: str) -> None:
        super().__init__(f"{service_name}: {reason}")
        self.service_name = service_name
        self.reason = reason


def error_response(message: str, code: str, **extensions: object) -> JSONObject:
    return {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}


def stream_lost_error(lost: StreamLost) -> JSONObject:
    return error_response(
        f'The subscription ended: subgraph "{lost.service_name}" dropped its stream ({lost.reason}). '
        "Subscribe again (with what you last received, where the field takes it).",
        "SUBGRAPH_UNREACHABLE",
        serviceName=lost.service_name,
    )
