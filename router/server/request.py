"""Stage: reading a GraphQL request out of an HTTP request (POST JSON body or GET query string).

The body is read in chunks and refused with 413 once it passes the limit, so an oversized request
costs the router at most the limit, not the size the client chose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from router.execution import codec
from router.server.errors import RequestError

__all__ = ["GraphQLRequest", "read_graphql_payload", "read_graphql_request"]

_JSON_CONTENT_TYPES = frozenset({"application/json", "application/graphql-response+json"})


@dataclass(frozen=True, slots=True)
class GraphQLRequest:
    query: str | None
    operation_name: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)
    extensions: dict[str, Any] = field(default_factory=dict)
    # A trusted document's id (GraphQL Codegen's `documentId`), instead of the query text.
    document_id: str | None = None


async def read_graphql_request(request: Request, *, max_body_bytes: int) -> GraphQLRequest:
    if request.method == "GET":
        params = request.query_params
        return _from_mapping(
            {
                "query": params.get("query"),
                "operationName": params.get("operationName"),
                "variables": _json_param(params.get("variables"), "variables"),
                "extensions": _json_param(params.get("extensions"), "extensions"),
                "documentId": params.get("documentId"),
            }
        )
    _check_content_type(request.headers.get("content-type", ""))
    body = await _read_body(request, max_body_bytes)
    if not body.strip():
        raise RequestError.single(400, "The request body is empty: send a JSON GraphQL request.", "BAD_REQUEST")
    try:
        payload = codec.loads(body)
    except ValueError:
        raise RequestError.single(400, "The request body is not valid JSON.", "BAD_REQUEST") from None
    if not isinstance(payload, dict):
        raise RequestError.single(400, "The request body must be a JSON object.", "BAD_REQUEST")
    return _from_mapping(payload)


def _check_content_type(header: str) -> None:
    media_type, *parameters = (part.strip() for part in header.split(";"))
    if media_type.lower() not in _JSON_CONTENT_TYPES:
        raise RequestError.single(
            415, "Send GraphQL requests as `Content-Type: application/json`.", "UNSUPPORTED_MEDIA_TYPE"
        )
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise RequestError.single(415, "GraphQL requests must be UTF-8 encoded.", "UNSUPPORTED_MEDIA_TYPE")


async def _read_body(request: Request, limit: int) -> bytes:
    too_large = RequestError.single(
        413, f"The request body is larger than {limit} bytes, the limit of this router.", "REQUEST_TOO_LARGE"
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _json_param(raw: str | None, name: str) -> Any:
    if raw is None:
        return None
    try:
        return codec.loads(raw)
    except ValueError:
        raise RequestError.single(400, f"The `{name}` parameter is not valid JSON.", "BAD_REQUEST") from None


def read_graphql_payload(payload: dict[str, Any]) -> GraphQLRequest:
    """A request from an already decoded payload (a WebSocket `subscribe` message); raises `RequestError`."""
    return _from_mapping(payload)


def _from_mapping(payload: dict[str, Any]) -> GraphQLRequest:
    query = payload.get("query")
    document_id = payload.get("documentId")
    extensions = payload.get("extensions")
    if extensions is None:
        extensions = {}
    if not isinstance(extensions, dict):
        raise RequestError.single(400, "`extensions` must be a JSON object.", "BAD_REQUEST")
    if document_id is not None and not isinstance(document_id, str):
        raise RequestError.single(400, "`documentId` must be a string.", "BAD_REQUEST")
    if query is not None and not isinstance(query, str):
        raise RequestError.single(400, "`query` must be a string.", "BAD_REQUEST")
    if query is None and document_id is None and "persistedQuery" not in extensions:
        raise RequestError.single(400, "GraphQL operations must contain a non-empty `query` string.", "BAD_REQUEST")
    if query is not None and not query.strip():
        raise RequestError.single(400, "GraphQL operations must contain a non-empty `query` string.", "BAD_REQUEST")
    operation_name = payload.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise RequestError.single(400, "`operationName` must be a string.", "BAD_REQUEST")
    variables = payload.get("variables")
    if variables is None:
        variables = {}
    if not isinstance(variables, dict):
        raise RequestError.single(400, "`variables` must be a JSON object.", "BAD_REQUEST")
    return GraphQLRequest(
        query=query,
        operation_name=operation_name or None,
        variables=variables,
        extensions=extensions,
        document_id=document_id,
    )
