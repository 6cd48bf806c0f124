"""Our router vs Apollo Gateway on the same replaying fixture subgraphs, one after the other.

usage: .venv/bin/python bench/router/run.py [--scenario s36_marketplace] [--operation SearchPage]
                                            [--concurrency 1,4,8,16] [--duration 10]
Both routers run side by side; for each concurrency, ours is loaded, then theirs. Prints requests/s,
p50 and p99 latency, the CPU time per request of the router process (and of the fixture subgraphs),
and the ratio ours/theirs. See README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "router" / "differential"))

from scenario_loader import Scenario, load_scenarios  # noqa: E402


@contextmanager
def process(argv: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen[str]]:
    child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})
    try:
        yield child
    finally:
        child.terminate()
        child.wait(timeout=10)


def first_port(child: subprocess.Popen[str]) -> int:
    assert child.stdout is not None
    line = child.stdout.readline()
    if not line.startswith("listening "):
        raise SystemExit(f"{child.args!r} did not start: {line!r}")
    return int(line.split()[1])


def wait_ready(url: str, body: dict[str, Any]) -> dict[str, Any]:
    deadline = time.monotonic() + 20
    while True:
        try:
            response = httpx.post(url, json=body, timeout=5)
            result: dict[str, Any] = response.json()
            return result
        except (httpx.TransportError, ValueError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(
    pid: int, subgraphs_pid: int, url: str, body: dict[str, Any], concurrency: int, duration: float
) -> dict[str, float]:
    asyncio.run(load(url, body, concurrency, 1.0))
    cpu_before, subgraphs_before = cpu_seconds(pid), cpu_seconds(subgraphs_pid)
    result = asyncio.run(load(url, body, concurrency, duration))
    requests = max(result["requests"], 1)
    result["cpu_ms"] = 1000 * (cpu_seconds(pid) - cpu_before) / requests
    result["subgraphs_cpu_ms"] = 1000 * (cpu_seconds(subgraphs_pid) - subgraphs_before) / requests
    return result


async def load(url: str, body: dict[str, Any], concurrency: int, duration: float) -> dict[str, float]:
    latencies: list[float] = []
    failures = 0
    payload = json.dumps(body).encode()
    headers = {"content-type": "application/json"}
    # aiohttp: the load generator shares the 2 cores with both routers, so it should cost little.
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=30)) as client:
        deadline = time.perf_counter() + duration

        async def worker() -> None:
            nonlocal failures
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                async with client.post(url, data=payload, headers=headers) as response:
                    answer = await response.read()
                latencies.append(time.perf_counter() - started)
                if response.status != 200 or "errors" in json.loads(answer):
                    failures += 1

        begun = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - begun
    latencies.sort()
    return {
        "requests": len(latencies),
        "failures": failures,
        "rps": len(latencies) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
    }


def bench(scenario: Scenario, operation: str, concurrencies: list[int], duration: float) -> None:
    body = {
        "query": scenario.operations[operation],
        "operationName": operation,
        "variables": scenario.variables.get(operation, {}),
    }
    with (
        process([sys.executable, "bench/router/subgraph_server.py", scenario.name]) as subgraphs,
        tempfile.TemporaryDirectory() as tmp,
    ):
        origin = f"http://127.0.0.1:{first_port(subgraphs)}"
        sdl = scenario.supergraph_sdl(origin)
        supergraph_file = Path(tmp) / "supergraph.graphql"
        supergraph_file.write_text(sdl)
        supergraphs_json = Path(tmp) / "supergraphs.json"
        supergraphs_json.write_text(json.dumps({scenario.name: sdl}))
        ours_port = first_port_of_free_socket()
        with (
            process(
                [sys.executable, "-m", "router", "--supergraph", str(supergraph_file), "--port", str(ours_port)]
            ) as ours,
            process(
                ["node", "gateway.mjs", "0", str(supergraphs_json)],
                cwd=ROOT / "tests" / "node",
                env={"NODE_ENV": "production", "NODE_NO_WARNINGS": "1"},
            ) as gateway,
        ):
            # Both stay up (idle costs nothing) and take turns, so a change in the machine's load
            # between concurrencies hits both alike.
            routers = {
                "gamja router": (ours.pid, f"http://127.0.0.1:{ours_port}/graphql"),
                "apollo gateway": (gateway.pid, f"http://127.0.0.1:{first_port(gateway)}/{scenario.name}/graphql"),
            }
            answers = {name: wait_ready(url, body) for name, (_, url) in routers.items()}
            same = json.dumps(answers["gamja router"]) == json.dumps(answers["apollo gateway"])
            if not same:
                for name, answer in answers.items():
                    print(f"{name}: {json.dumps(answer, ensure_ascii=False)}")
            print(f"scenario {scenario.name} operation {operation} duration {duration:g}s per router and concurrency")
            print(f"same data from both: {same}")
            for concurrency in concurrencies:
                results = {
                    name: measure(pid, subgraphs.pid, url, body, concurrency, duration)
                    for name, (pid, url) in routers.items()
                }
                print(f"concurrency {concurrency} (load average {os.getloadavg()[0]:.1f})")
                for name, r in results.items():
                    print(
                        f"  {name:15} {r['rps']:7.0f} req/s  p50 {r['p50_ms']:7.2f} ms  p99 {r['p99_ms']:7.2f} ms  "
                        f"CPU {r['cpu_ms']:5.2f} ms/req (subgraphs {r['subgraphs_cpu_ms']:4.2f})  "
                        f"({r['requests']:.0f} requests, {r['failures']:.0f} failed)"
                    )
                ratio = results["gamja router"]["rps"] / results["apollo gateway"]["rps"]
                print(f"  throughput ratio ours/apollo: {ratio:.2f}", flush=True)


def first_port_of_free_socket() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scenario", default="s36_marketplace")
    parser.add_argument("--operation", default="SearchPage")
    parser.add_argument("--concurrency", default="1,4,8,16", help="comma-separated list")
    parser.add_argument("--duration", type=float, default=10.0)
    args = parser.parse_args()
    scenario = next(s for s in load_scenarios() if s.name == args.scenario)
    bench(scenario, args.operation, [int(c) for c in args.concurrency.split(",")], args.duration)


if __name__ == "__main__":
    main()
