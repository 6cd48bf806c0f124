"""Cold planning time: a fresh QueryPlanner per round plans every operation of one differential
scenario (nothing cached), so the planner's own cost shows next to execution.

    .venv/bin/python bench/router/cold_planning.py [SCENARIO] [ROUNDS]

Default: s38_project_supergraph (the largest supergraph), 30 rounds. Prints the median per operation
and for building the planner. Compare two checkouts by running it from each (same machine, one run).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from graphql import parse

from router.planning import QueryPlanner
from router.supergraph import Supergraph

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "router" / "differential"))

from scenario_loader import load_scenarios  # noqa: E402


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "s38_project_supergraph"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    scenario = next(s for s in load_scenarios() if s.name == name)
    sdl = scenario.supergraph_path.read_text()
    documents = {op: parse(query) for op, query in scenario.operations.items()}
    build: list[float] = []
    per_operation: dict[str, list[float]] = {op: [] for op in documents}
    for _ in range(rounds):
        started = time.perf_counter()
        planner = QueryPlanner(Supergraph.from_sdl(sdl))
        build.append(time.perf_counter() - started)
        for op, document in documents.items():
            started = time.perf_counter()
            planner.plan(document, op)
            per_operation[op].append(time.perf_counter() - started)
    print(f"{name}, {rounds} rounds, median")
    print(f"  supergraph + planner: {statistics.median(build) * 1000:.2f} ms")
    for op, times in per_operation.items():
        print(f"  plan {op}: {statistics.median(times) * 1000:.3f} ms")


if __name__ == "__main__":
    main()
