"""Reading a GraphQL request out of an HTTP request (POST JSON body or GET query string)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from router.server.errors import RequestError

__all__ = ["GraphQLRequest", "read_graphql_payload", "read_graphql_request"]


@dataclass(frozen=True, slots=True)
class GraphQLRequest:
    query: str
    operation_name: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)


async def read_graphql_request(request: Request) -> GraphQLRequest:
    if request.method == "GET":
        params = request.query_params
        return _from_mapping(
            {
                "query": params.get("query"),
                "operationName": params.get("operationName"),
                "variables": _json_param(params.get("variables"), "variables"),
            }
        )
    try:
        payload = json.loads(await request.body())
    except ValueError:
        raise RequestError.single(400, "The request body is not valid JSON.", "BAD_REQUEST") from None
    if not isinstance(payload, dict):
        raise RequestError.single(400, "The request body must be a JSON object.", "BAD_REQUEST")
    return _from_mapping(payload)


def _json_param(raw: str | None, name: str) -> Any:
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        raise RequestError.single(400, f"The `{name}` parameter is not valid JSON.", "BAD_REQUEST") from None


def read_graphql_payload(payload: dict[str, Any]) -> GraphQLRequest:
    """A request from an already decoded payload (a WebSocket `subscribe` message); raises `RequestError`."""
    return _from_mapping(payload)


def _from_mapping(payload: dict[str, Any]) -> GraphQLRequest:
    query = payload.get("query")
    if not isinstance(query, str) or not query.strip():
        raise RequestError.single(400, "GraphQL operations must contain a non-empty `query` string.", "BAD_REQUEST")
    operation_name = payload.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise RequestError.single(400, "`operationName` must be a string.", "BAD_REQUEST")
    variables = payload.get("variables")
    if variables is None:
        variables = {}
    if not isinstance(variables, dict):
        raise RequestError.single(400, "`variables` must be a JSON object.", "BAD_REQUEST")
    return GraphQLRequest(query=query, operation_name=operation_name or None, variables=variables)
