"""The whole marketplace on real sockets: four subgraphs served by uvicorn, the router composed from them."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass

import pytest
import uvicorn
from starlette.applications import Starlette

from gamja.auth.tokens import TokenService
from gamja.catalog import load_spec, subgraph_names
from gamja.client_address import ClientAddressSigner
from gamja.registry.static import StaticRegistry
from gamja.runner import migrate
from gamja.service import ServiceRuntime
from gamja.settings import Settings
from gamja.subgraph.app import create_subgraph_app
from router.discovery.loop import Discovery
from router.execution.policy import FetchPolicy
from router.server.access import token_access
from router.server.bootstrap import RouterCore
from router.server.config import FrontDoorConfig
from tests.conftest import MakeSettings
from tests.support.graphql import GraphQLClient, serve_in_process


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def uvicorn_serving(app: object, port: int) -> AsyncIterator[Callable[[], Awaitable[None]]]:
    """Serve `app` on `port`; yields a `stop()` that takes the server down early (an outage)."""
    # proxy_headers=False as `gamja serve` runs it (gamja/runner.py): uvicorn must not rewrite the socket address.
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on", proxy_headers=False)
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)

    async def stop() -> None:
        server.should_exit = True
        await task

    try:
        yield stop
    finally:
        await stop()


@dataclass
class Marketplace:
    settings: Settings
    runtimes: dict[str, ServiceRuntime]
    core: RouterCore
    app: Starlette
    router: GraphQLClient
    stops: dict[str, Callable[[], Awaitable[None]]]

    async def stop(self, name: str) -> None:
        """Take one subgraph's server down, as an outage would."""
        await self.stops[name]()

    async def settle(self) -> None:
        """What the background workers do: relay outboxes and apply events until nothing is pending."""
        while sum([await runtime.settle() for runtime in self.runtimes.values()]):
            pass


@pytest.fixture(params=["sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def marketplace(make_settings: MakeSettings) -> AsyncIterator[Marketplace]:
    names = subgraph_names()
    ports = {name: free_port() for name in names}
    settings = await make_settings(*names, **{f"{name}_port": port for name, port in ports.items()})
    await migrate(settings, names)
    async with AsyncExitStack() as stack:
        runtimes = {}
        stops = {}
        for name in names:
            runtime = await load_spec(name).build(settings)
            runtimes[name] = runtime
            stops[name] = await stack.enter_async_context(
                uvicorn_serving(create_subgraph_app(runtime, run_workers=False), ports[name])
            )
        # The router as `gamja up` runs it: subgraphs discovered in the registry, composed live.
        core = RouterCore(
            policy=FetchPolicy(timeout=10),
            identify=token_access(TokenService.from_settings(settings)),
            config=FrontDoorConfig(client_address_signer=ClientAddressSigner.from_settings(settings)),
        )
        discovery = Discovery(StaticRegistry.from_settings(settings, names), names, core)
        watching = asyncio.create_task(discovery.run())
        stack.callback(watching.cancel)
        await asyncio.wait_for(core.serving.loaded.wait(), 30)
        app = core.app()
        router = await stack.enter_async_context(serve_in_process(app))
        yield Marketplace(settings, runtimes, core, app, router, stops)


async def plan_of(client: GraphQLClient, query: str, variables: dict[str, object] | None = None) -> dict[str, object]:
    response = await client.http.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers={"x-gamja-query-plan": "true"}
    )
    body: dict[str, object] = response.json()
    return body
