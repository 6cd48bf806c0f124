"""Router overhead per request on a cached plan, at a fixed concurrency, for the marketplace's operations.

The router's pipeline runs in this process (front door stages from the cached prepared operation on,
plan cache, executor, fetcher with its JSON, dedup, representations, merge, projection, the response's
JSON); only the subgraph socket is replaced by a table of the answers the scenario's fixture subgraphs
gave, so a subgraph costs nothing and takes no time. `--concurrency` clients each send the operation
again as soon as their answer comes. A request's overhead is the CPU time this thread spent between
its start and its answer (`time.thread_time`): the router's own work for it and for the requests
interleaved with it, as its latency would be on a core of its own with instant subgraphs. Other jobs
on the machine do not count in it, which wall-clock latency on this shared machine cannot say.

usage: .venv/bin/python bench/router/overhead.py [--scenario s36_marketplace] [--concurrency 8] [--requests 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

import uvloop

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "router" / "differential"))

from fixture_subgraph import FixtureSubgraph, answer_from_recordings  # noqa: E402
from scenario_loader import load_scenarios  # noqa: E402

import router  # noqa: E402
from router.execution import codec  # noqa: E402
from router.server.bootstrap import RouterCore  # noqa: E402
from router.server.request import GraphQLRequest  # noqa: E402

try:
    from router.server.collector import tune_for_serving
except ImportError:  # a router from before the collector was set for serving (PYTHONPATH=older checkout)

    def tune_for_serving() -> None:
        pass


async def measure(scenario_name: str, concurrency: int, requests: int) -> dict[str, dict[str, float]]:
    scenario = next(s for s in load_scenarios() if s.name == scenario_name)
    executors = {
        name: FixtureSubgraph(sdl, scenario.data.get(name, {}), scenario.resolvers.get(name))
        for name, sdl in scenario.subgraphs.items()
    }
    core = RouterCore()
    pipeline = core.load(scenario.supergraph_sdl("http://subgraphs.invalid"))
    answer_from_recordings(core, executors)
    tune_for_serving()  # as `python -m router` does
    results: dict[str, dict[str, float]] = {}
    for operation, query in scenario.operations.items():
        request = GraphQLRequest(query=query, operation_name=operation, variables=scenario.variables.get(operation, {}))
        body = await pipeline.run(request, headers={})
        assert "errors" not in body, body
        for _ in range(50):  # warm: plan cached, every subgraph answer recorded
            await pipeline.run(request, headers={})
        overheads: list[float] = []

        async def client(request: GraphQLRequest, overheads: list[float]) -> None:
            while len(overheads) < requests:
                started = time.thread_time()
                codec.dumps(await pipeline.run(request, headers={}))
                overheads.append(time.thread_time() - started)

        cpu_started = time.thread_time()
        await asyncio.gather(*(client(request, overheads) for _ in range(concurrency)))
        cpu = time.thread_time() - cpu_started
        ms = sorted(1000 * o for o in overheads)
        results[operation] = {
            "p50_ms": statistics.median(ms),
            "p99_ms": ms[int(0.99 * (len(ms) - 1))],
            "cpu_ms_per_request": 1000 * cpu / len(ms),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scenario", default="s36_marketplace")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=2000, help="per operation")
    args = parser.parse_args()
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        results = runner.run(measure(args.scenario, args.concurrency, args.requests))
    print(f"router at {Path(router.__file__).parents[1]}, {args.scenario}, concurrency {args.concurrency}")
    print("| operation | overhead p50 ms | overhead p99 ms | router CPU ms/request |")
    print("|---|---|---|---|")
    for operation, r in results.items():
        print(f"| {operation} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['cpu_ms_per_request']:.2f} |")


if __name__ == "__main__":
    main()
