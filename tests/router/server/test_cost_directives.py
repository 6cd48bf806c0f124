"""`@cost` and `@listSize` composed into the supergraph, and the static cost the router computes from them,
through real HTTP: with `GAMJA_ROUTER_MAX_COST` at 0 every operation is refused with its estimated cost in
the message, so each expected number below is the IBM cost spec worked out by hand."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from router.composition import SubgraphSource, compose
from router.execution.policy import FetchPolicy
from router.server import create_app
from router.server.config import FrontDoorConfig, Limits
from tests.router.server.conftest import serve_app

SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.11", import: ["@key", "@cost", "@listSize"])
type Query {
  items(limit: Int, page: Int @cost(weight: 3)): [Item!]! @listSize(slicingArguments: ["limit"], assumedSize: 50)
  feed(first: Int): Feed @listSize(slicingArguments: ["first"], sizedFields: ["edges"])
  tags: [String!]! @listSize(assumedSize: 7)
  expensive: Item @cost(weight: 20)
  plain: [Item]
}
type Feed { edges: [Edge!]! total: Int }
type Edge { node: Item! }
type Item @key(fields: "id") @cost(weight: 4) { id: ID! title: String! @cost(weight: 2) level: Level }
enum Level @cost(weight: 5) { LOW HIGH }
type Mutation { create(title: String!): Item! }
"""


@pytest.fixture(scope="module")
def origin() -> Iterator[str]:
    result = compose([SubgraphSource("shop", "http://127.0.0.1:9/graphql", SDL)])
    assert not result.errors, result.errors
    assert '@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])' in result.supergraph_sdl
    config = FrontDoorConfig(limits=Limits(max_cost=0, default_list_size=10))
    with serve_app(create_app(result.supergraph_sdl, policy=FetchPolicy(timeout=2), config=config)) as url:
        yield url


def cost(origin: str, query: str, **variables: Any) -> int:
    response = httpx.post(
        f"{origin}/graphql",
        json={"query": query, "variables": variables},
        headers={"accept": "application/graphql-response+json"},
        timeout=30,
    )
    body = response.json()
    (error,) = body["errors"]
    if error["extensions"]["code"] == "SUBGRAPH_UNREACHABLE":  # a cost of 0 is within even this limit
        return 0
    assert response.status_code == 400 and error["extensions"]["code"] == "COST_ESTIMATED_TOO_EXPENSIVE", body
    found = re.search(r"estimated cost is (\d+)", error["message"])
    assert found is not None, error["message"]
    return int(found[1])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # 3 items (the slicing argument) x (Item's type weight 4 + title's field weight 2)
        ("{ items(limit: 3) { id title } }", 18),
        # no slicing argument: assumedSize 50 x (Item 4 + the `page` argument's weight 3)
        ("{ items(page: 1) { id } }", 350),
        # the connection (1) lends first: 5 to its sized field edges: 5 x (Edge 1 + node: Item 4 + Level 5)
        ("{ feed(first: 5) { total edges { node { level } } } }", 51),
        # a field's own weight wins over its type's
        ("{ expensive { id } }", 20),
        # no @listSize: the router's default size, 10 x Item 4
        ("{ plain { id } }", 40),
        # a mutation root field costs 10
        ('mutation { create(title: "x") { id } }', 10),
    ],
)
def test_the_estimated_cost_follows_the_directives(origin: str, query: str, expected: int) -> None:
    assert cost(origin, query) == expected


def test_scalars_cost_nothing_however_many(origin: str) -> None:
    assert cost(origin, "{ tags }") == 0


def test_a_size_from_a_variable_is_costed_for_each_value(origin: str) -> None:
    query = "query($n: Int) { items(limit: $n) { id } }"
    assert [cost(origin, query, n=n) for n in (2, 9, 2)] == [8, 36, 8]
