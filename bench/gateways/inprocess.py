"""The router's own CPU per request on the benchmark query, without HTTP: steady on a busy machine.

Runs the router's pipeline (parse/validate/plan caches, executor, fetcher with its JSON, dedup and
breakers, representations, merge, projection, the client response's JSON) in this process; only the subgraph
socket is replaced by a table of answers the benchmark's subgraphs gave for each request body.
CPU time is this process's (`time.process_time`), so other jobs on the machine hardly move it.

usage: .venv/bin/python bench/gateways/inprocess.py [--requests 300] [--concurrency 1]
       PYTHONPATH=/path/to/other/checkout .venv/bin/python bench/gateways/inprocess.py   # another version
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "tests" / "router" / "differential"))

import uvloop  # noqa: E402
from data import QUERY, SUBGRAPHS, expected_response, fixture_data, sdl  # noqa: E402
from fixture_subgraph import FixtureSubgraph, answer_from_recordings  # noqa: E402

import router  # noqa: E402
from router.execution import codec  # noqa: E402
from router.server.bootstrap import RouterCore  # noqa: E402
from router.server.collector import tune_for_serving  # noqa: E402
from router.server.config import FrontDoorConfig, Limits  # noqa: E402
from router.server.request import GraphQLRequest  # noqa: E402


def supergraph_sdl() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "supergraph.graphql"
        argv = [sys.executable, "-m", "router", "compose", "--out", str(out)]
        for name in SUBGRAPHS:
            argv += ["--subgraph", f"{name}={HERE / 'subgraphs' / f'{name}.graphql'}"]
            argv += ["--url", f"{name}=http://subgraphs.invalid/{name}"]
        subprocess.run(argv, check=True)
        return out.read_text()


async def run(requests: int, concurrency: int) -> dict[str, float]:
    executors = {
        name: FixtureSubgraph(sdl(name), data, resolvers) for name, (data, resolvers) in fixture_data().items()
    }
    # The query's estimated cost (~24,000) is above the default limit, which the Node gateways lack.
    core = RouterCore(config=FrontDoorConfig(limits=Limits(max_cost=1_000_000)))
    pipeline = core.load(supergraph_sdl())
    answer_from_recordings(core, executors)
    request = GraphQLRequest(query=QUERY)
    for warm_the_subgraph_table in (True, False):
        # The first pass fills the answer table; the second, on a fresh pipeline, is what a new worker
        # process pays for its first request: parse, validate, plan, projection shapes (cold caches).
        if not warm_the_subgraph_table:
            pipeline = core.load(supergraph_sdl())
        started = time.process_time()
        body = await pipeline.run(request, headers={})
        cold_ms = 1000 * (time.process_time() - started)
    assert json.dumps(body) == json.dumps(expected_response()), str(body)[:300]
    tune_for_serving()  # as `python -m router` does once the supergraph is loaded
    for _ in range(20):  # warm: every subgraph answer recorded, caches hot
        await pipeline.run(request, headers={})
    cpu: list[float] = []
    for _ in range(max(requests // concurrency, 1)):
        # `concurrency` requests in flight at once, as under load: more live data for the collector.
        started = time.process_time()
        bodies = await asyncio.gather(*(pipeline.run(request, headers={}) for _ in range(concurrency)))
        for body in bodies:
            codec.dumps(body)  # the client's response, as the endpoint prints it
        cpu.append((time.process_time() - started) / concurrency)
    return {"cold_ms": cold_ms, "median_ms": 1000 * statistics.median(cpu), "mean_ms": 1000 * statistics.fmean(cpu)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=1, help="requests in flight at once")
    args = parser.parse_args()
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:  # the router's loop (router.cli)
        result = runner.run(run(args.requests, args.concurrency))
    print(
        f"router at {Path(router.__file__).parents[1]}: CPU per request median {result['median_ms']:.2f} ms, "
        f"mean {result['mean_ms']:.2f} ms ({args.requests} requests, {args.concurrency} at a time, no HTTP); "
        f"first request on cold caches {result['cold_ms']:.1f} ms"
    )


if __name__ == "__main__":
    main()
