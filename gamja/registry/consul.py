"""The production registry: Consul's agent, health and catalog endpoints through py-consul, carried by httpx."""

from __future__ import annotations

import asyncio
import ssl
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from consul.base import Consul, HTTPClient, Response
from consul.check import Check

from gamja.registry.base import ServiceInstance

__all__ = ["ConsulRegistry"]

CONSUL_SERVICE = "consul"  # Consul lists its own servers as a service; it is not one of ours.


class _HttpxClient(HTTPClient):  # type: ignore[misc]
    """py-consul's transport seam, filled with httpx.

    py-consul builds every request (paths, parameters, payloads) and parses every answer; this only carries them.
    Its own `consul.aio` transport works but was not used: with aiohttp 3.14 it raises a DeprecationWarning
    (`ssl_context`) on every client it builds, and its session must be closed, which the registry interface has
    no place for. httpx is what every Gamja service already speaks, a client per call leaves nothing open, and
    `httpx.MockTransport` lets the shape tests see the exact requests.
    """

    def __init__(
        self, host: str, port: int, scheme: str, verify: bool | str, transport: httpx.AsyncBaseTransport | None
    ) -> None:
        super().__init__(host, port, scheme, verify)
        self._transport = transport
        self._tls: ssl.SSLContext | bool = False
        if scheme == "https":
            self._tls = ssl.create_default_context(cafile=verify) if isinstance(verify, str) else verify

    async def _request(
        self, callback: Any, method: str, uri: str, headers: dict[str, str] | None, data: str | bytes | None = None
    ) -> Any:
        # A client per call: registry calls are rare (start-up, shutdown, discovery) and nothing has to be closed.
        # A blocking query (`wait=Ns`) is held by Consul up to N s (plus up to N/16 of jitter) before it answers.
        timeout = 10.0 + _wait_seconds(uri) * 17 / 16
        async with httpx.AsyncClient(transport=self._transport, verify=self._tls, timeout=timeout) as client:
            response = await client.request(method, uri, headers=headers, content=data or None)
        return callback(Response(response.status_code, response.headers, response.text))

    def get(self, callback: Any, path: str, params: Any = None, headers: Any = None, **_: Any) -> Any:
        return self._request(callback, "GET", self.uri(path, params), headers)

    def put(self, callback: Any, path: str, params: Any = None, data: Any = "", headers: Any = None, **_: Any) -> Any:
        return self._request(callback, "PUT", self.uri(path, params), headers, data)

    def delete(
        self, callback: Any, path: str, params: Any = None, data: Any = "", headers: Any = None, **_: Any
    ) -> Any:
        return self._request(callback, "DELETE", self.uri(path, params), headers, data)

    def post(self, callback: Any, path: str, params: Any = None, data: Any = "", headers: Any = None, **_: Any) -> Any:
        return self._request(callback, "POST", self.uri(path, params), headers, data)

    def close(self) -> None:
        """Nothing stays open between calls."""


class _Consul(Consul):  # type: ignore[misc]
    def __init__(self, *, transport: httpx.AsyncBaseTransport | None, **kwargs: Any) -> None:
        self._transport = transport
        super().__init__(**kwargs)

    def http_connect(self, host: str, port: int, scheme: str, verify: bool | str = True, cert: Any = None) -> Any:
        return _HttpxClient(host, port, scheme, verify, self._transport)


def _wait_seconds(uri: str) -> float:
    wait = parse_qs(urlsplit(uri).query).get("wait", ["0s"])[0]
    return float(wait[:-1]) if wait.endswith("s") and wait[:-1].isdigit() else 0.0


def _split_addr(addr: str) -> tuple[str, int, str]:
    """CONSUL_HTTP_ADDR's forms: `host:port` or `scheme://host:port` (port 8500 when left out)."""
    parsed = urlsplit(addr if "//" in addr else f"//{addr}")
    return parsed.hostname or "127.0.0.1", parsed.port or 8500, parsed.scheme or "http"


class ConsulRegistry:
    """Registers instances with the local Consul agent; discovers instances whose health checks pass.

    Every instance gets an HTTP check on its `/health`; Consul removes an instance that stays critical for
    `deregister_after`, so a crashed process does not linger even though it never deregistered.
    """

    def __init__(
        self,
        addr: str,
        *,
        check_interval: str = "10s",
        check_timeout: str = "5s",
        deregister_after: str = "1m",
        token: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        host, port, scheme = _split_addr(addr)
        self._consul = _Consul(host=host, port=port, scheme=scheme, token=token, transport=transport)
        self._check_interval = check_interval
        self._check_timeout = check_timeout
        self._deregister_after = deregister_after

    async def register(self, instance: ServiceInstance) -> None:
        url = urlsplit(instance.url)
        check = Check.http(
            instance.health_url, self._check_interval, timeout=self._check_timeout, deregister=self._deregister_after
        )
        await self._consul.agent.service.register(
            instance.name,
            service_id=instance.instance_id,
            address=url.hostname,
            port=url.port or (443 if url.scheme == "https" else 80),
            tags=list(instance.tags),
            # Consul keeps host and port; the full URL (scheme, path) travels in the metadata.
            meta={"url": instance.url},
            check=check,
        )

    async def deregister(self, instance_id: str) -> None:
        await self._consul.agent.service.deregister(instance_id)

    async def instances(self, name: str) -> list[ServiceInstance]:
        _, entries = await self._consul.health.service(name, passing=True)
        return [_instance(entry) for entry in entries or []]

    async def watch(
        self, name: str, index: str | None, wait_seconds: float
    ) -> tuple[str | None, list[ServiceInstance]]:
        """A blocking query on /v1/health/service/<name>?passing: Consul holds it until the index moves."""
        if index is None:
            found_index, entries = await self._consul.health.service(name, passing=True)
        else:
            found_index, entries = await self._consul.health.service(
                name, passing=True, index=index, wait=f"{max(1, round(wait_seconds))}s"
            )
        return found_index, [_instance(entry) for entry in entries or []]

    async def services(self) -> dict[str, list[ServiceInstance]]:
        _, catalog = await self._consul.catalog.services()
        names = sorted(name for name in catalog or {} if name != CONSUL_SERVICE)
        found = await asyncio.gather(*(self.instances(name) for name in names))
        return dict(zip(names, found, strict=True))


def _instance(entry: dict[str, Any]) -> ServiceInstance:
    """One entry of /v1/health/service/<name>: the service's own address, else its node's."""
    service = entry["Service"]
    meta = service.get("Meta") or {}
    address = service.get("Address") or entry["Node"]["Address"]
    url = meta.get("url") or f"http://{address}:{service['Port']}/graphql"
    return ServiceInstance(
        name=service["Service"], instance_id=service["ID"], url=url, tags=tuple(service.get("Tags") or ())
    )
