"""HTTP client for subgraphs: one pooled connection pool per router, bounded time per request.

Whatever goes wrong on the wire (refused connection, timeout, a body that is not a GraphQL
response) comes back as a GraphQL error naming the subgraph, so the executor never raises.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any

import httpx

from router.execution.errors import (
    SUBGRAPH_INVALID_RESPONSE,
    SUBGRAPH_TIMEOUT,
    SUBGRAPH_UNREACHABLE,
    subgraph_error,
)
from router.execution.types import JSONObject

__all__ = ["DEFAULT_SUBGRAPH_TIMEOUT", "SubgraphFetcher", "SubgraphResponse"]

logger = logging.getLogger(__name__)

DEFAULT_SUBGRAPH_TIMEOUT = 30.0
_BODY_EXCERPT = 200


@dataclass(slots=True)
class SubgraphResponse:
    data: JSONObject | None
    errors: list[JSONObject] = field(default_factory=list)


class SubgraphFetcher:
    """Sends GraphQL requests to subgraphs by name over one shared `httpx.AsyncClient`."""

    def __init__(
        self,
        urls: Mapping[str, str],
        *,
        timeout: float = DEFAULT_SUBGRAPH_TIMEOUT,
        max_connections: int = 200,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._urls = dict(urls)
        self._timeout = timeout
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout),
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
            transport=transport,
            # One client serves every user's requests: a cookie a subgraph sets must never be replayed.
            cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
            # Subgraphs are reached directly: no proxy or .netrc credentials picked up from the environment.
            trust_env=False,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch(
        self,
        service_name: str,
        query: str,
        variables: Mapping[str, Any],
        *,
        operation_name: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> SubgraphResponse:
        url = self._urls.get(service_name)
        if url is None:
            return _failure(
                service_name, f'Subgraph "{service_name}" has no URL in the supergraph.', SUBGRAPH_UNREACHABLE
            )
        body: JSONObject = {"query": query, "variables": dict(variables)}
        if operation_name:
            body["operationName"] = operation_name
        request_headers = {"content-type": "application/json", "accept": "application/json"}
        if headers:
            request_headers.update(headers)
        try:
            # httpx timeouts are per phase; the overall bound keeps a trickling subgraph from hanging us.
            async with asyncio.timeout(self._timeout):
                response = await self._client.post(url, content=json.dumps(body), headers=request_headers)
        except (TimeoutError, httpx.TimeoutException):
            return _failure(
                service_name,
                f'Subgraph "{service_name}" did not answer within {self._timeout:g} s ({url}).',
                SUBGRAPH_TIMEOUT,
            )
        except httpx.HTTPError as exc:
            return _failure(
                service_name,
                f'Subgraph "{service_name}" is unreachable at {url}: {exc.__class__.__name__} {exc}'.rstrip(),
                SUBGRAPH_UNREACHABLE,
            )
        return _read_response(service_name, response)


def _read_response(service_name: str, response: httpx.Response) -> SubgraphResponse:
    try:
        payload = response.json()
    except ValueError:
        payload = None
    if not isinstance(payload, dict) or not ("data" in payload or "errors" in payload):
        excerpt = response.text[:_BODY_EXCERPT]
        return _failure(
            service_name,
            f'Subgraph "{service_name}" returned an invalid GraphQL response '
            f"(HTTP {response.status_code}): {excerpt!r}",
            SUBGRAPH_INVALID_RESPONSE,
        )
    data = payload.get("data")
    raw_errors = payload.get("errors") or []
    if not isinstance(data, dict):
        data = None
    errors = [_tag(service_name, e) for e in raw_errors] if isinstance(raw_errors, list) else []
    if data is None and not errors:
        errors.append(
            subgraph_error(
                service_name,
                f'Subgraph "{service_name}" returned no data (HTTP {response.status_code}).',
                SUBGRAPH_INVALID_RESPONSE,
            )
        )
    return SubgraphResponse(data=data, errors=errors)


def _tag(service_name: str, error: Any) -> JSONObject:
    """Keep the subgraph's message and code, and say which subgraph it came from."""
    if not isinstance(error, dict):
        return subgraph_error(
            service_name,
            f'Subgraph "{service_name}" returned a malformed error: {error!r}',
            SUBGRAPH_INVALID_RESPONSE,
        )
    tagged: JSONObject = {"message": str(error.get("message", "Unknown subgraph error"))}
    if isinstance(error.get("path"), list):
        tagged["path"] = error["path"]
    extensions = dict(error["extensions"]) if isinstance(error.get("extensions"), dict) else {}
    extensions.setdefault("code", "DOWNSTREAM_SERVICE_ERROR")
    extensions["serviceName"] = service_name
    tagged["extensions"] = extensions
    return tagged


def _failure(service_name: str, message: str, code: str) -> SubgraphResponse:
    # Clients see this in their response; operators need it in the log too.
    logger.warning("%s: %s", code, message)
    return SubgraphResponse(data=None, errors=[subgraph_error(service_name, message, code)])
