"""HTTP client for subgraphs: one pooled connection pool per router, bounded time per request.

Whatever goes wrong on the wire (refused connection, timeout, a body that is not a GraphQL
response) comes back as a GraphQL error naming the subgraph, so the executor never raises.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from yarl import URL

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
_BASE_HEADERS = {"content-type": "application/json", "accept": "application/json"}


@dataclass(slots=True)
class SubgraphResponse:
    data: JSONObject | None
    errors: list[JSONObject] = field(default_factory=list)


class SubgraphFetcher:
    """Sends GraphQL requests to subgraphs by name over one shared `aiohttp.ClientSession`.

    aiohttp rather than httpx: under load httpx spent ~4x the CPU per subgraph request (see
    bench/router/README.md), and the subgraph client was most of the router's CPU.
    """

    def __init__(
        self,
        urls: Mapping[str, str],
        *,
        timeout: float = DEFAULT_SUBGRAPH_TIMEOUT,
        max_connections: int = 200,
        max_connections_per_host: int = 100,
    ) -> None:
        self._raw_urls = dict(urls)
        # Parsed once: yarl parsing a URL string on every request is measurable at this rate.
        self._urls = {name: _parse(url) for name, url in urls.items()}
        self._timeout = timeout
        self._max_connections = max_connections
        self._max_connections_per_host = max_connections_per_host
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        # A session belongs to the event loop it was made in, so it is made on first use, not in
        # __init__ (the app is built before uvicorn starts its loop).
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(
                    limit=self._max_connections, limit_per_host=self._max_connections_per_host
                ),
                timeout=aiohttp.ClientTimeout(total=self._timeout),
                # One session serves every user's requests: a cookie a subgraph sets must never be replayed.
                cookie_jar=aiohttp.DummyCookieJar(),
                # Subgraphs are reached directly: no proxy or .netrc credentials picked up from the environment.
                trust_env=False,
            )
        return self._session

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

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
            problem = "an invalid URL" if service_name in self._raw_urls else "no URL"
            return _failure(
                service_name,
                f'Subgraph "{service_name}" has {problem} in the supergraph: {self._raw_urls.get(service_name)!r}.',
                SUBGRAPH_UNREACHABLE,
            )
        body: JSONObject = {"query": query, "variables": dict(variables)}
        if operation_name:
            body["operationName"] = operation_name
        request_headers = {**_BASE_HEADERS, **headers} if headers else _BASE_HEADERS
        try:
            # The session's total timeout bounds connect, send and reading the whole body, so a
            # trickling subgraph cannot hang us.
            async with self._client().post(url, data=json.dumps(body).encode(), headers=request_headers) as response:
                raw = await response.read()
                status = response.status
        except TimeoutError:
            return _failure(
                service_name,
                f'Subgraph "{service_name}" did not answer within {self._timeout:g} s ({self._raw_urls[service_name]}).',
                SUBGRAPH_TIMEOUT,
            )
        except aiohttp.ClientError as exc:
            return _failure(
                service_name,
                f'Subgraph "{service_name}" is unreachable at {self._raw_urls[service_name]}: '
                f"{exc.__class__.__name__} {exc}".rstrip(),
                SUBGRAPH_UNREACHABLE,
            )
        return _read_response(service_name, status, raw)


def _parse(url: str) -> URL | None:
    try:
        return URL(url)
    except ValueError:
        # Reported on each request to that subgraph, like a refused connection: the others still work.
        return None


def _read_response(service_name: str, status: int, raw: bytes) -> SubgraphResponse:
    try:
        payload = json.loads(raw)
    except ValueError:
        payload = None
    if not isinstance(payload, dict) or not ("data" in payload or "errors" in payload):
        excerpt = raw[: _BODY_EXCERPT * 4].decode("utf-8", "replace")[:_BODY_EXCERPT]
        return _failure(
            service_name,
            f'Subgraph "{service_name}" returned an invalid GraphQL response (HTTP {status}): {excerpt!r}',
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
                f'Subgraph "{service_name}" returned no data (HTTP {status}).',
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
