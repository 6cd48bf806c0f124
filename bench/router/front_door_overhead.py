"""What the front door's protections cost per request on a cached operation.

    .venv/bin/python bench/router/front_door_overhead.py [iterations]

Times, on the project supergraph, the per-request work the protections add once an operation is cached:
the persisted-operation lookup, the prepared-operation cache hit (sha256 of the text; parse, limits,
validation and cost are not repeated) and the cost check. For comparison it times the whole
in-process pipeline of the same request up to the plan (cache hit), without subgraph I/O.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from router.execution.executor import PlanExecutor
from router.execution.fetcher import SubgraphFetcher
from router.execution.schema_info import SupergraphSchemaInfo
from router.planning import QueryPlanner
from router.server.bootstrap import explain_plan
from router.server.pipeline import Pipeline
from router.server.request import GraphQLRequest
from router.supergraph import Supergraph

SUPERGRAPH = Path(__file__).parents[2] / "tests/router/differential/supergraphs/s38_project_supergraph.graphql"
QUERY = """query Feed($first: Int) { items(first: $first) { edges { node { id title price status region
  seller { nickname } commentCount } } pageInfo { hasNextPage endCursor } } }"""

LITERAL_QUERY = QUERY.replace("($first: Int)", "").replace("first: $first", "first: 20")


def main() -> None:
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    supergraph = Supergraph.from_sdl(SUPERGRAPH.read_text())
    executor = PlanExecutor(SubgraphFetcher({}), schema_info=SupergraphSchemaInfo(supergraph))
    pipeline = Pipeline(supergraph.api_schema, QueryPlanner(supergraph), executor, explain_plan)
    for label, request in (
        ("list size from a variable (cost re-estimated)", GraphQLRequest(query=QUERY, variables={"first": 20})),
        ("literal list size (cost cached)", GraphQLRequest(query=LITERAL_QUERY, variables={})),
    ):
        measure(pipeline, request, iterations, label)


def measure(pipeline: Pipeline, request: GraphQLRequest, iterations: int, label: str) -> None:
    pipeline.prepare(request)  # warm: parsed, checked, planned once
    started = time.process_time()
    for _ in range(iterations):
        prepared = pipeline.prepare_text(pipeline.persisted.resolve(request), request.operation_name)
        pipeline._check_cost(prepared, request.variables)  # the stage being measured
    protections = (time.process_time() - started) / iterations

    started = time.process_time()
    for _ in range(iterations):
        pipeline.prepare(request)
    up_to_plan = (time.process_time() - started) / iterations

    print(
        f"{label}: protections {protections * 1e6:.1f} µs CPU per request; pipeline up to the plan (cache hit, includes them) {up_to_plan * 1e6:.1f} µs"
    )


if __name__ == "__main__":
    main()
