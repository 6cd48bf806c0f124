"""A subgraph with the Consul registry announces itself once it listens and leaves the registry when it stops."""

from __future__ import annotations

import asyncio
import socket

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

import gamja.runner
from gamja.registry.static import StaticRegistry
from gamja.runner import migrate, serve_app, serve_subgraph
from tests.conftest import MakeSettings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Stop(Exception):
    pass


async def test_on_started_runs_once_the_socket_answers_and_its_failure_stops_the_server() -> None:
    app = Starlette(routes=[Route("/health", lambda _: PlainTextResponse("ok"))])
    port = free_port()
    seen: list[int] = []

    async def on_started() -> None:
        async with httpx.AsyncClient() as client:
            seen.append((await client.get(f"http://127.0.0.1:{port}/health")).status_code)
        raise Stop

    with pytest.raises(Stop):
        await asyncio.wait_for(
            serve_app(app, host="127.0.0.1", port=port, log_level="warning", on_started=on_started), 10
        )
    assert seen == [200]


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_a_consul_subgraph_registers_while_serving_and_deregisters_on_shutdown(
    make_settings: MakeSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    settings = await make_settings("users", registry="consul", advertise_host="127.0.0.1")
    await migrate(settings, ["users"])
    # A stand-in for the Consul agent (the static table records the calls); the Consul requests have shape tests.
    registry = StaticRegistry()
    monkeypatch.setattr(gamja.runner, "open_registry", lambda *_: registry)
    monkeypatch.setattr(gamja.runner, "configure_logging", lambda *_: None)  # keep pytest's log capture

    serving = asyncio.create_task(serve_subgraph(settings, "users", port=port))
    for _ in range(200):
        if await registry.instances("users") or serving.done():
            break
        await asyncio.sleep(0.05)
    [instance] = await registry.instances("users")
    async with httpx.AsyncClient() as client:
        health = await client.get(instance.health_url)
    serving.cancel()
    with pytest.raises(asyncio.CancelledError):
        await serving

    assert (instance.url, health.status_code) == (f"http://127.0.0.1:{port}/graphql", 200)
    assert await registry.services() == {}
