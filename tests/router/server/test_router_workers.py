"""`python -m router --workers N`: N processes share the port, and stopping the parent stops them all."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
from test_router_cli import PROJECT_SUPERGRAPH, free_port


def _children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _wait_healthy(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.05)
    raise AssertionError("the router workers did not answer /health")


def test_workers_share_the_port_and_stop_together() -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "router",
            "--supergraph",
            str(PROJECT_SUPERGRAPH),
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_healthy(url, process)
        workers = _children(process.pid)
        assert len(workers) == 2
        # A new connection each time: the kernel spreads them over the workers, and every one answers.
        for _ in range(20):
            response = httpx.post(f"{url}/graphql", json={"query": "{ __typename }"}, timeout=10)
            assert response.json() == {"data": {"__typename": "Query"}}
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert process.returncode == 0
    for worker in workers:
        assert not Path(f"/proc/{worker}").exists() or "zombie" in Path(f"/proc/{worker}/status").read_text()
