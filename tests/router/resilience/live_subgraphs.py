"""Fixture subgraphs on their own loopback ports that a test can stop, restart, slow down, cut off and watch.

Each one is a real HTTP server (aiohttp): stopping it closes its port, so the router meets a refused
connection exactly as it would with a dead process; `hang_up` drops each connection once the request is read.
"""

from __future__ import annotations

import asyncio
import json
import socket
import struct
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from aiohttp import web

from router.composition import SubgraphSource, compose
from router.execution.policy import FetchPolicy
from router.server.bootstrap import create_app
from router.telemetry import Telemetry
from tests.router.differential.fixture_subgraph import FixtureSubgraph
from tests.support.graphql import GraphQLClient, serve_in_process

__all__ = ["LINK", "LiveSubgraph", "Seen", "free_port", "router_over"]

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\n'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Seen:
    body: dict[str, Any]
    headers: dict[str, str]


@dataclass(eq=False)
class LiveSubgraph:
    name: str
    subgraph: FixtureSubgraph
    port: int = field(default_factory=free_port)
    delay: float = 0.0
    # Read each request, then drop its connection without an answer, as a process killed mid-request:
    # "close" ends it cleanly (FIN), "reset" aborts it (RST).
    hang_up: Literal["close", "reset"] | None = None
    seen: list[Seen] = field(default_factory=list)
    _runner: web.AppRunner | None = None

    @classmethod
    def of(cls, name: str, sdl: str, data: dict[str, Any]) -> LiveSubgraph:
        return cls(name, FixtureSubgraph(LINK + sdl, data))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/graphql"

    async def _handle(self, request: web.Request) -> web.Response:
        body = json.loads(await request.read())
        self.seen.append(Seen(body, {k.lower(): v for k, v in request.headers.items()}))
        if self.hang_up is not None and request.transport is not None:
            if self.hang_up == "reset":  # linger 0: close sends an RST instead of a FIN
                request.transport.get_extra_info("socket").setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
            request.transport.abort()
            return web.Response()  # never written: the connection is gone
        if self.delay and "_service" not in body.get("query", ""):  # discovery reading the SDL is not slowed
            await asyncio.sleep(self.delay)
        return web.json_response(await self.subgraph.execute(body))

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/graphql", self._handle)
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=0.1)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True).start()

    async def stop(self) -> None:
        """Close the port and every open connection, like a process that died."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def operations(self) -> list[str]:
        return [seen.body["query"] for seen in self.seen]


@asynccontextmanager
async def router_over(
    subgraphs: Sequence[LiveSubgraph],
    policy: FetchPolicy,
    *,
    replicas: dict[str, list[LiveSubgraph]] | None = None,
    telemetry: Telemetry | None = None,
) -> AsyncIterator[GraphQLClient]:
    """Start the subgraphs, compose them, and serve a router over them; `replicas` adds instances."""
    async with AsyncExitStack() as stack:
        for subgraph in dict.fromkeys([*subgraphs, *(r for rs in (replicas or {}).values() for r in rs)]):
            await subgraph.start()
            stack.push_async_callback(subgraph.stop)
        result = compose([SubgraphSource(s.name, s.url, s.subgraph.sdl) for s in subgraphs])
        assert not result.errors, result.errors
        instances = {name: [r.url for r in replica_set] for name, replica_set in (replicas or {}).items()}
        app = create_app(result.supergraph_sdl, policy=policy, instances=instances, telemetry=telemetry)
        yield await stack.enter_async_context(serve_in_process(app))
