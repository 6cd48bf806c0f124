"""GraphQL error dictionaries as the router returns them, and the codes it uses."""

from __future__ import annotations

from typing import Any

from router.execution.types import JSONObject, ResponsePath

__all__ = [
    "SUBGRAPH_CIRCUIT_OPEN",
    "SUBGRAPH_INVALID_RESPONSE",
    "SUBGRAPH_TIMEOUT",
    "SUBGRAPH_UNREACHABLE",
    "graphql_error",
    "subgraph_error",
]

SUBGRAPH_UNREACHABLE = "SUBGRAPH_UNREACHABLE"
SUBGRAPH_TIMEOUT = "SUBGRAPH_TIMEOUT"
SUBGRAPH_INVALID_RESPONSE = "SUBGRAPH_INVALID_RESPONSE"
SUBGRAPH_CIRCUIT_OPEN = "SUBGRAPH_CIRCUIT_OPEN"


def graphql_error(
    message: str, *, path: ResponsePath | None = None, extensions: dict[str, Any] | None = None
) -> JSONObject:
    error: JSONObject = {"message": message}
    if path is not None:
        error["path"] = path
    if extensions:
        error["extensions"] = extensions
    return error


def subgraph_error(service_name: str, message: str, code: str) -> JSONObject:
    """An error the router raises on behalf of a subgraph it could not use."""
    return graphql_error(message, extensions={"code": code, "serviceName": service_name})
