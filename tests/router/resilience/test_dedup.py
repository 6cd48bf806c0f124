"""Identical subgraph queries in flight at once go out as one request; mutations never do."""

from __future__ import annotations

import asyncio

from router.execution.policy import FetchPolicy
from tests.router.resilience.live_subgraphs import LiveSubgraph, router_over

SDL = """
type Product @key(fields: "id") { id: ID! name: String! }
type Query { product(id: ID!): Product }
type Mutation { touch(id: ID!): Product }
"""
DATA = {
    "Product": [{"id": "p1", "name": "자전거"}],
    "Query": {"product": {"$find": "Product"}},
    "Mutation": {"touch": {"$find": "Product"}},
}


def slow_products() -> LiveSubgraph:
    subgraph = LiveSubgraph.of("products", SDL, DATA)
    subgraph.delay = 0.3  # long enough for every client below to arrive while the first is in flight
    return subgraph


async def test_identical_concurrent_queries_share_one_subgraph_request() -> None:
    products = slow_products()
    async with router_over([products], FetchPolicy(timeout=5)) as router:
        bodies = await asyncio.gather(*(router.execute('{ product(id: "p1") { name } }') for _ in range(10)))
    assert bodies == [{"data": {"product": {"name": "자전거"}}}] * 10
    assert len(products.seen) == 1


async def test_different_callers_are_not_shared() -> None:
    """Who asks can change the answer: a request with another Authorization goes on its own."""
    products = slow_products()
    async with router_over([products], FetchPolicy(timeout=5)) as router:
        await asyncio.gather(
            *(
                router.http.post(
                    "/graphql",
                    json={"query": '{ product(id: "p1") { name } }'},
                    headers={"authorization": f"Bearer token-{i % 2}"},
                )
                for i in range(6)
            )
        )
    assert len(products.seen) == 2


async def test_dedup_off_sends_every_query() -> None:
    products = slow_products()
    async with router_over([products], FetchPolicy(timeout=5, dedup_queries=False)) as router:
        await asyncio.gather(*(router.execute('{ product(id: "p1") { name } }') for _ in range(5)))
    assert len(products.seen) == 5


async def test_identical_concurrent_mutations_are_each_sent() -> None:
    products = slow_products()
    async with router_over([products], FetchPolicy(timeout=5)) as router:
        bodies = await asyncio.gather(*(router.execute('mutation { touch(id: "p1") { name } }') for _ in range(5)))
    assert bodies == [{"data": {"touch": {"name": "자전거"}}}] * 5
    assert len(products.seen) == 5
