"""Shared fixtures of the differential tests: fixture subgraphs over HTTP and the oracles
(Apollo Gateway; Hive Gateway with its JavaScript planner and with the Rust planner)."""

from __future__ import annotations

import json
import os
import select
import subprocess
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, ExitStack
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from comparison import FETCH_TOTALS, ORACLES, Routers
from fixture_subgraph import FixtureSubgraph, RequestCounter, serve_subgraphs
from node_peers import NODE_DIR, require_node_peers
from scenario_loader import Scenario, load_scenarios

SCENARIOS = load_scenarios()

# How each oracle is started: tests/node script and its extra arguments.
_ORACLE_COMMANDS = {
    "apollo": ("gateway.mjs",),
    "hive": ("hive-gateway.mjs",),
    "rust": ("hive-gateway.mjs", "--rust-planner"),
}


@pytest.fixture(scope="session")
def request_counter() -> RequestCounter:
    return RequestCounter()


@pytest.fixture(scope="session")
def fixture_origin(request_counter: RequestCounter) -> Iterator[str]:
    """Every scenario's subgraphs, served at <origin>/<scenario>/<subgraph>."""
    subgraphs = {
        f"{s.name}/{name}": FixtureSubgraph(sdl, s.data.get(name, {}), s.resolvers.get(name))
        for s in SCENARIOS
        for name, sdl in s.subgraphs.items()
    }
    with serve_subgraphs(subgraphs, request_counter) as origin:
        yield origin


def start_oracle(
    oracle: str, scenarios: list[Scenario], origin: str, workdir: Path
) -> tuple[subprocess.Popen[str], str]:
    """Start one oracle serving each scenario at /<scenario>/graphql; returns (process, origin)."""
    require_node_peers()
    supergraphs = workdir / f"supergraphs-{oracle}.json"
    supergraphs.write_text(json.dumps({s.name: s.supergraph_sdl(origin) for s in scenarios}))
    script, *flags = _ORACLE_COMMANDS[oracle]
    process = subprocess.Popen(
        ["node", script, "0", str(supergraphs), *flags],
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
        pytest.fail(f"{ORACLES[oracle]} did not start: {line!r}")
    return process, f"http://127.0.0.1:{int(line.split()[1])}"


@pytest.fixture(scope="module")
def oracle_origins(
    request: pytest.FixtureRequest, fixture_origin: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    """One Node process per oracle the module names in `ORACLES` (default: Apollo Gateway only)."""
    wanted: tuple[str, ...] = getattr(request.module, "ORACLES", ("apollo",))
    workdir = tmp_path_factory.mktemp("oracles")
    with ExitStack() as stack:
        origins = {}
        for oracle in wanted:
            process, origins[oracle] = start_oracle(oracle, SCENARIOS, fixture_origin, workdir)
            stack.callback(_stop, process)
        yield origins


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    process.wait(timeout=10)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def routers(
    fixture_origin: str, oracle_origins: dict[str, str], request_counter: RequestCounter
) -> AsyncIterator[Routers]:
    async with AsyncExitStack() as stack:
        clients = {
            oracle: await stack.enter_async_context(httpx.AsyncClient(base_url=origin, timeout=30))
            for oracle, origin in oracle_origins.items()
        }
        yield Routers(stack, fixture_origin, clients, request_counter)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The subgraph requests our router and the Rust planner made over the operations compared."""
    if FETCH_TOTALS.operations:
        terminalreporter.write_line(FETCH_TOTALS.summary())
