"""Shared fixtures of the differential tests: fixture subgraphs over HTTP and Apollo Gateway."""

from __future__ import annotations

import json
import os
import select
import subprocess
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from comparison import Routers
from fixture_subgraph import FixtureSubgraph, serve_subgraphs
from node_peers import NODE_DIR, require_node_peers
from scenario_loader import Scenario, load_scenarios

SCENARIOS = load_scenarios()


@pytest.fixture(scope="session")
def fixture_origin() -> Iterator[str]:
    """Every scenario's subgraphs, served at <origin>/<scenario>/<subgraph>."""
    subgraphs = {
        f"{s.name}/{name}": FixtureSubgraph(sdl, s.data.get(name, {}), s.resolvers.get(name))
        for s in SCENARIOS
        for name, sdl in s.subgraphs.items()
    }
    with serve_subgraphs(subgraphs) as origin:
        yield origin


def start_gateway(scenarios: list[Scenario], origin: str, workdir: Path) -> tuple[subprocess.Popen[str], str]:
    """Start tests/node/gateway.mjs serving each scenario at /<scenario>/graphql; returns (process, origin)."""
    require_node_peers()
    supergraphs = workdir / "supergraphs.json"
    supergraphs.write_text(json.dumps({s.name: s.supergraph_sdl(origin) for s in scenarios}))
    process = subprocess.Popen(
        ["node", "gateway.mjs", "0", str(supergraphs)],
        cwd=NODE_DIR,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "NODE_NO_WARNINGS": "1"},
    )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 120)
    line = process.stdout.readline() if ready else "(no answer within 120 s)"
    if not line.startswith("listening "):
        process.kill()
        pytest.fail(f"Apollo Gateway did not start: {line!r}")
    return process, f"http://127.0.0.1:{int(line.split()[1])}"


@pytest.fixture(scope="module")
def gateway_origin(fixture_origin: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process, origin = start_gateway(SCENARIOS, fixture_origin, tmp_path_factory.mktemp("gateway"))
    try:
        yield origin
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def routers(fixture_origin: str, gateway_origin: str) -> AsyncIterator[Routers]:
    async with AsyncExitStack() as stack:
        gateway = await stack.enter_async_context(httpx.AsyncClient(base_url=gateway_origin, timeout=30))
        yield Routers(stack, fixture_origin, gateway)
