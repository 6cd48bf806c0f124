"""Server tests run the real router over the differential fixture subgraphs (scenario s01)."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from starlette.types import ASGIApp

from router.execution.policy import FetchPolicy
from router.server import create_app
from router.server.config import FrontDoorConfig

# The fixture subgraph server and scenarios live with the differential tests; reuse them here.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "differential"))

from fixture_subgraph import FixtureSubgraph, serve_subgraphs
from scenario_loader import Scenario, load_scenarios


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    return next(s for s in load_scenarios() if s.name.startswith("s01_"))


@pytest.fixture(scope="session")
def subgraphs_origin(scenario: Scenario) -> Iterator[str]:
    subgraphs = {
        f"{scenario.name}/{name}": FixtureSubgraph(sdl, scenario.data.get(name, {}))
        for name, sdl in scenario.subgraphs.items()
    }
    with serve_subgraphs(subgraphs) as origin:
        yield origin


@pytest.fixture
def supergraph_sdl(scenario: Scenario, subgraphs_origin: str) -> str:
    sdl: str = scenario.supergraph_sdl(subgraphs_origin)
    return sdl


PROJECT_SUPERGRAPH = Path(__file__).parents[1] / "differential" / "supergraphs" / "s38_project_supergraph.graphql"


@contextmanager
def serve_app(app: ASGIApp) -> Iterator[str]:
    """Serve an ASGI app over a real socket (uvicorn, lifespan on) in a background thread; yields its origin."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        # No force_exit: the app's shutdown closes its subgraph connection pool.
        server.should_exit = True
        thread.join(timeout=5)
        sock.close()


@pytest.fixture
def router_url(supergraph_sdl: str) -> Iterator[str]:
    """The router over the s01 fixture subgraphs, with the default (development) front door."""
    with serve_app(create_app(supergraph_sdl, policy=FetchPolicy(timeout=5))) as origin:
        yield origin


@pytest.fixture
def production_url(supergraph_sdl: str) -> Iterator[str]:
    with serve_app(
        create_app(supergraph_sdl, policy=FetchPolicy(timeout=5), config=FrontDoorConfig(production=True))
    ) as origin:
        yield origin
