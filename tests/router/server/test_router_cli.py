"""`python -m router --supergraph FILE --port N` starts fast and answers a ping."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from scenario_loader import Scenario

from router.server import create_app


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


PROJECT_SUPERGRAPH = Path(__file__).parents[1] / "differential" / "supergraphs" / "s38_project_supergraph.graphql"


def test_serves_the_project_supergraph() -> None:
    supergraph = PROJECT_SUPERGRAPH
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "router", "--supergraph", str(supergraph), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        ready_after = None
        while time.perf_counter() - started < 30 and process.poll() is None:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=0.5).status_code == 200:
                    ready_after = time.perf_counter() - started
                    break
            except httpx.TransportError:
                time.sleep(0.02)
        if ready_after is None:
            process.kill()
            _, stderr = process.communicate()
            raise AssertionError(f"the router did not answer /health: {stderr.decode()}")
        response = httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": "query ping { __typename }"})
        assert response.content == b'{"data":{"__typename":"Query"}}'
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_unreadable_supergraph_file_exits_with_a_message(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "router", "--supergraph", str(tmp_path / "missing.graphql")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert completed.returncode == 2
    assert "cannot read the supergraph" in completed.stderr


async def test_compose_subcommand_output_is_served(scenario: Scenario, subgraphs_origin: str, tmp_path: Path) -> None:
    """`python -m router compose` (our composer) produces a supergraph this router serves."""
    argv = [sys.executable, "-m", "router", "compose", "--out", str(tmp_path / "supergraph.graphql")]
    for name, sdl in scenario.subgraphs.items():
        (tmp_path / f"{name}.graphql").write_text(sdl)
        argv += ["--subgraph", f"{name}={tmp_path / f'{name}.graphql'}"]
        argv += ["--url", f"{name}={scenario.subgraph_url(name, subgraphs_origin)}"]
    composer = await asyncio.create_subprocess_exec(*argv, stderr=asyncio.subprocess.PIPE)
    _, stderr = await asyncio.wait_for(composer.communicate(), timeout=60)
    assert composer.returncode == 0, stderr.decode()
    app = create_app((tmp_path / "supergraph.graphql").read_text())
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://router") as client,
    ):
        response = await client.post("/graphql", json={"query": "{ me { nickname } items { title } }"})
    assert response.json() == {
        "data": {"me": {"nickname": "당근이"}, "items": [{"title": "자전거"}, {"title": "우산"}]}
    }
