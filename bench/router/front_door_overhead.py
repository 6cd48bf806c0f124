"""What the front door's protections (limits, cost, authorization) cost per request on a cached plan.

    .venv/bin/python bench/router/front_door_overhead.py [iterations]

On the project supergraph (s38), for a few requests, it times in this process (`time.process_time`):
- the protections alone, as a request on a cached operation pays them: the prepared-operation lookup
  (sha256 of the text; parse, limits, validation and the static cost are not repeated), the cost check
  (a cached number, or one per distinct values of the variables a list size comes from) and the
  authorization stage (the token verified and the cached filter looked up when the operation touches an
  `@authenticated` field; nothing at all otherwise);
- the whole request through the pipeline (`Pipeline.run`: the same stages, plan cache hit, executor,
  fetcher, merge, projection), with the subgraph socket replaced by a table of answers the fixture
  subgraphs gave, so the CPU measured is the router's own;
and prints the protections as a share of the whole.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "router" / "differential"))

from fixture_subgraph import FixtureSubgraph, answer_from_recordings  # noqa: E402
from scenario_loader import load_scenarios  # noqa: E402

from gamja.auth.tokens import TokenService  # noqa: E402
from gamja.auth.viewer import Viewer  # noqa: E402
from router.server.access import token_access  # noqa: E402
from router.server.bootstrap import RouterCore  # noqa: E402
from router.server.pipeline import Pipeline  # noqa: E402
from router.server.request import GraphQLRequest  # noqa: E402

FEED = """query Feed($first: Int) { items(first: $first) { edges { node { id title price status region
  seller { nickname } commentCount } } pageInfo { hasNextPage endCursor } } }"""
LITERAL_FEED = FEED.replace("($first: Int)", "").replace("first: $first", "first: 20")
ME_AND_FEED = LITERAL_FEED.replace("query Feed {", "query MeAndFeed { me { nickname region }")
TOKENS = TokenService("bench-signing-key-for-the-front-door", ttl_seconds=3600)
SIGNED_IN = {"authorization": "Bearer " + TOKENS.issue(Viewer("u1"))}

CASES: tuple[tuple[str, GraphQLRequest, dict[str, str]], ...] = (
    ("literal list size (cost cached with the text)", GraphQLRequest(query=LITERAL_FEED, variables={}), {}),
    (
        "list size from a variable (cost cached per value)",
        GraphQLRequest(query=FEED, variables={"first": 20}),
        {},
    ),
    ("signed in, `me` is @authenticated (token verified)", GraphQLRequest(query=ME_AND_FEED, variables={}), SIGNED_IN),
    ("anonymous, `me` denied (filter cached per access)", GraphQLRequest(query=ME_AND_FEED, variables={}), {}),
)


def stub_subgraphs(core: RouterCore) -> None:
    scenario = next(s for s in load_scenarios() if s.name.startswith("s38_"))
    executors = {
        name: FixtureSubgraph(sdl, scenario.data.get(name, {}), scenario.resolvers.get(name))
        for name, sdl in scenario.subgraphs.items()
    }
    answer_from_recordings(core, executors)


def protections(pipeline: Pipeline, request: GraphQLRequest, headers: dict[str, str]) -> None:
    """The per-request work of the limits, the cost and authorization once the operation is cached."""
    prepared = pipeline.prepare_text(pipeline.persisted.resolve(request), request.operation_name)
    pipeline._check_cost(prepared, request.variables or {})
    pipeline._authorize(prepared, headers)


async def measure(pipeline: Pipeline, label: str, request: GraphQLRequest, headers: dict[str, str], n: int) -> None:
    for _ in range(50):  # warm: parsed, checked, planned, every subgraph answer recorded
        body = await pipeline.run(request, headers=headers)
    assert body.get("data"), body
    started = time.process_time()
    for _ in range(n):
        protections(pipeline, request, headers)
    guarded = (time.process_time() - started) / n
    started = time.process_time()
    for _ in range(n):
        await pipeline.run(request, headers=headers)
    whole = (time.process_time() - started) / n
    print(
        f"{label}: protections {guarded * 1e6:.1f} µs of {whole * 1e6:.0f} µs CPU per request "
        f"({100 * guarded / whole:.2f} %)"
    )


async def main() -> None:
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    core = RouterCore(identify=token_access(TOKENS))
    sdl = next(s for s in load_scenarios() if s.name.startswith("s38_")).supergraph_sdl("http://subgraphs.invalid")
    pipeline = core.load(sdl)
    stub_subgraphs(core)
    for label, request, headers in CASES:
        await measure(pipeline, label, request, headers, iterations)


if __name__ == "__main__":
    asyncio.run(main())
