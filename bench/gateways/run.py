"""Our router vs @apollo/gateway, @graphql-hive/gateway and Hive Gateway with its Rust planner, on
the public gateways benchmark (graphql-hive/graphql-gateways-benchmark): its four subgraphs, its
deeply nested query, one run, the gateways taking turns.

usage: .venv/bin/python bench/gateways/run.py [--concurrency 16] [--duration 10] [--rounds 2]
           [--gateways ours,apollo,hive,hive-router-runtime] [--workers 1] [--json results.json]
Every gateway is pinned to the same core (--gateway-cores, default 1) with taskset; the load
generator (wrk) and the subgraphs share the other one. See README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from data import QUERY, SUBGRAPHS, expected_response  # noqa: E402

NODE_GATEWAYS = ("apollo", "hive", "hive-router-runtime")
# The benchmark's query is estimated at ~24,000 by our front door's cost limit (default 5,000, which
# the Node gateways do not have): raised so the limit is checked, as on every request, but passes.
GATEWAY_ENV = {"NODE_ENV": "production", "GAMJA_ROUTER_MAX_COST": "1000000"}
LABELS = {
    "ours": "gamja router",
    "apollo": "@apollo/gateway",
    "hive": "@graphql-hive/gateway",
    "hive-router-runtime": "hive gateway + rust planner",
}


@dataclass
class Sample:
    """One measured stretch of one gateway."""

    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    wrong: int
    cpu_ms_per_request: float
    subgraph_requests_per_request: float


@dataclass
class GatewayResult:
    name: str
    samples: list[Sample] = field(default_factory=list)
    peak_rss_mb: float = 0.0

    def total(self, attr: str) -> float:
        return float(sum(getattr(s, attr) for s in self.samples))

    def summary(self) -> dict[str, float]:
        requests = self.total("requests")
        return {
            "rps": requests / self.total("seconds"),
            "p50_ms": statistics.median(s.p50_ms for s in self.samples),
            "p95_ms": statistics.median(s.p95_ms for s in self.samples),
            "p99_ms": statistics.median(s.p99_ms for s in self.samples),
            "cpu_ms": sum(s.cpu_ms_per_request * s.requests for s in self.samples) / max(requests, 1),
            "peak_rss_mb": self.peak_rss_mb,
            "subgraph_requests": statistics.median(s.subgraph_requests_per_request for s in self.samples),
            "wrong": self.total("wrong"),
            "requests": requests,
        }


# --- processes -------------------------------------------------------------------------------------


@contextmanager
def process(argv: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen[str]]:
    child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})
    try:
        yield child
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def announced_port(child: subprocess.Popen[str]) -> int:
    assert child.stdout is not None
    line = child.stdout.readline()
    if not line.startswith("listening "):
        raise SystemExit(f"{child.args!r} did not start: {line!r}")
    return int(line.split()[1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def process_tree(pid: int) -> list[int]:
    """The process and all its descendants (a gateway with workers is several processes)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            children = (task / "children").read_text().split() if (task / "children").exists() else []
            todo.extend(int(c) for c in children)
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process tree so far (Linux /proc; threads included)."""
    total = 0.0
    for member in process_tree(pid):
        with suppress(FileNotFoundError, ProcessLookupError):  # exited meanwhile
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def peak_rss_mb(pid: int) -> float:
    """Sum of the peak resident set size (VmHWM) of a process tree."""
    total = 0
    for member in process_tree(pid):
        with suppress(FileNotFoundError, ProcessLookupError):  # exited meanwhile
            match = re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{member}/status").read_text())
            total += int(match.group(1)) if match else 0
    return total / 1024


# --- load ------------------------------------------------------------------------------------------


def wrk(
    url: str, body_file: Path, expected_file: Path | None, concurrency: int, seconds: float, core: str
) -> dict[str, Any]:
    argv = ["taskset", "-c", core, "wrk", "-t1", f"-c{concurrency}", f"-d{seconds:g}s", "--latency", "--timeout", "10s"]
    argv += ["-s", str(HERE / "check.lua"), url, "--", str(body_file)]
    if expected_file is not None:
        argv.append(str(expected_file))
    output = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    match = re.search(r"^WRK_RESULT (.*)$", output, re.MULTILINE)
    if match is None:
        raise SystemExit(f"wrk printed no result:\n{output}")
    result: dict[str, Any] = json.loads(match.group(1))
    return result


def subgraph_stats(origin: str) -> dict[str, int]:
    stats: dict[str, int] = httpx.get(f"{origin}/stats").json()
    return stats


def measure(
    pid: int, url: str, files: tuple[Path, Path], origin: str, concurrency: int, seconds: float, core: str
) -> Sample:
    wrk(url, files[0], files[1], concurrency, 2, core)  # warm-up: JIT, connection pools
    cpu_before, stats_before = cpu_seconds(pid), subgraph_stats(origin)
    result = wrk(url, files[0], files[1], concurrency, seconds, core)
    cpu = cpu_seconds(pid) - cpu_before
    stats_after = subgraph_stats(origin)
    requests = max(result["requests"], 1)
    subgraph_requests = sum(stats_after.values()) - sum(stats_before.values())
    return Sample(
        requests=result["requests"],
        seconds=result["duration_us"] / 1e6,
        p50_ms=result["p50_us"] / 1000,
        p95_ms=result["p95_us"] / 1000,
        p99_ms=result["p99_us"] / 1000,
        wrong=result["wrong_status"] + result["wrong_body"] + result["socket_errors"],
        cpu_ms_per_request=1000 * cpu / requests,
        subgraph_requests_per_request=subgraph_requests / requests,
    )


def answer_bytes(url: str) -> bytes:
    """The gateway's answer to the query once it is up; it must be exactly the expected data."""
    deadline = time.monotonic() + 60
    while True:
        try:
            response = httpx.post(url, json={"query": QUERY}, timeout=30)
            break
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    expected = json.dumps(expected_response())
    if response.status_code != 200 or json.dumps(response.json()) != expected:
        raise SystemExit(f"{url} answered something else (HTTP {response.status_code}): {response.text[:500]}")
    return response.content


# --- the run ---------------------------------------------------------------------------------------


def compose(origin: str, out: Path) -> None:
    argv = [sys.executable, "-m", "router", "compose", "--out", str(out)]
    for name in SUBGRAPHS:
        argv += ["--subgraph", f"{name}={HERE / 'subgraphs' / f'{name}.graphql'}", "--url", f"{name}={origin}/{name}"]
    subprocess.run(argv, check=True, cwd=ROOT)


def gateway_argv(name: str, supergraph: Path, port: int, workers: int, core: str) -> tuple[list[str], Path]:
    pin = ["taskset", "-c", core]
    if name == "ours":
        argv = [sys.executable, "-m", "router", "--supergraph", str(supergraph), "--port", str(port)]
        if workers > 1:
            argv += ["--workers", str(workers)]
        return pin + argv, ROOT
    return [*pin, node_binary(), "gateway.mjs", name, str(supergraph), str(port)], HERE


def node_binary() -> str:
    return os.environ.get("BENCH_NODE", "node")


def subgraph_capacity(origin: str, concurrency: int, seconds: float, core: str, tmp: Path) -> dict[str, float]:
    """Requests/s one subgraph alone serves for the heaviest body a gateway sent it."""
    recorded: list[dict[str, str]] = httpx.get(f"{origin}/recorded").json()
    capacity = {}
    for name in SUBGRAPHS:
        bodies = [r["body"] for r in recorded if r["path"] == f"/{name}"]
        if not bodies:
            continue
        body_file = tmp / f"subgraph-{name}.json"
        body_file.write_text(max(bodies, key=len))
        result = wrk(f"{origin}/{name}", body_file, None, concurrency, seconds, core)
        capacity[name] = result["requests"] / (result["duration_us"] / 1e6)
    return capacity


def run(args: argparse.Namespace) -> dict[str, Any]:
    names = args.gateways.split(",")
    results = {name: GatewayResult(name) for name in names}
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        subgraphs = stack.enter_context(
            process(
                ["taskset", "-c", args.load_core, sys.executable, str(HERE / "subgraph_server.py")]
                + ([str(args.port_base)] if args.port_base else [])
            )
        )
        origin = f"http://127.0.0.1:{announced_port(subgraphs)}"
        supergraph = tmp / "supergraph.graphql"
        compose(origin, supergraph)
        body_file = tmp / "request.json"
        body_file.write_text(json.dumps({"query": QUERY}))
        gateways: dict[str, tuple[int, str, tuple[Path, Path]]] = {}
        for number, name in enumerate(names, start=1):
            port = args.port_base + number if args.port_base else free_port()
            argv, cwd = gateway_argv(name, supergraph, port, args.workers, args.gateway_cores)
            child = stack.enter_context(process(argv, cwd=cwd, env=GATEWAY_ENV))
            url = f"http://127.0.0.1:{port}/graphql"
            expected_file = tmp / f"expected-{name}.json"
            expected_file.write_bytes(answer_bytes(url))
            gateways[name] = (child.pid, url, (body_file, expected_file))
        print(f"all {len(names)} gateways answer the query with exactly the expected data", flush=True)
        capacity = subgraph_capacity(origin, args.concurrency, 3, args.gateway_cores, tmp)
        print("subgraph alone, requests/s: " + ", ".join(f"{k} {v:,.0f}" for k, v in capacity.items()), flush=True)
        for round_number in range(args.rounds):
            # Each round starts with a different gateway, so a drift in the machine's load hits all alike.
            order = names[round_number % len(names) :] + names[: round_number % len(names)]
            for name in order:
                pid, url, files = gateways[name]
                sample = measure(pid, url, files, origin, args.concurrency, args.duration, args.load_core)
                results[name].samples.append(sample)
                print(f"round {round_number + 1} {LABELS[name]:28} {_line(asdict(sample))}", flush=True)
        for name, (pid, _, _) in gateways.items():
            results[name].peak_rss_mb = peak_rss_mb(pid)
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "load_average": os.getloadavg(),
        "command": " ".join(sys.argv),
        "concurrency": args.concurrency,
        "duration": args.duration,
        "rounds": args.rounds,
        "workers": args.workers,
        "subgraph_capacity_rps": capacity,
        "gateways": {name: r.summary() for name, r in results.items()},
        "response_bytes": len(json.dumps(expected_response(), separators=(",", ":"))),
    }


def _line(values: dict[str, Any]) -> str:
    return "  ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in values.items())


def machine() -> str:
    model = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    return f"{os.cpu_count()} cores, {model.group(1) if model else 'unknown CPU'}"


def report(summary: dict[str, Any]) -> str:
    gateways = summary["gateways"]
    ours = gateways.get("ours")
    lines = [
        f"{summary['date']}, {summary['machine']}, load average {summary['load_average'][0]:.1f} at the end",
        f"concurrency {summary['concurrency']}, {summary['rounds']} x {summary['duration']:g} s per gateway, "
        f"response {summary['response_bytes']:,} bytes",
        "",
        "| gateway | req/s | p50 ms | p95 ms | p99 ms | CPU ms/req | peak RSS MB | subgraph req/req | wrong | ours: rps x | ours: CPU x |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, g in gateways.items():
        rps_ratio = f"{ours['rps'] / g['rps']:.2f}" if ours else "-"
        cpu_ratio = f"{ours['cpu_ms'] / g['cpu_ms']:.2f}" if ours else "-"
        lines.append(
            f"| {LABELS[name]} | {g['rps']:.0f} | {g['p50_ms']:.1f} | {g['p95_ms']:.1f} | {g['p99_ms']:.1f} | "
            f"{g['cpu_ms']:.2f} | {g['peak_rss_mb']:.0f} | {g['subgraph_requests']:.1f} | {g['wrong']:.0f} | "
            f"{rps_ratio} | {cpu_ratio} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--gateways", default="ours,apollo,hive,hive-router-runtime")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per gateway and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1, help="our router's worker processes")
    parser.add_argument("--gateway-cores", default="1", help="taskset CPU list every gateway is pinned to")
    parser.add_argument("--load-core", default="0", help="taskset CPU list of wrk and the subgraphs")
    parser.add_argument(
        "--port-base",
        type=int,
        default=0,
        help="subgraphs on this port, gateways on the next ones (default: free ports)",
    )
    parser.add_argument("--json", type=Path, help="also write the results here (bench/chart.py draws them)")
    args = parser.parse_args()
    summary = run(args)
    print()
    print(report(summary))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
