"""Requests spread over a subgraph's instances; a query whose connection fails moves to another
instance once; a mutation is sent once, wherever it lands."""

from __future__ import annotations

import asyncio

from router.execution.breaker import BreakerPolicy
from router.execution.policy import FetchPolicy
from tests.router.resilience.live_subgraphs import LiveSubgraph, router_over

SDL = """
type Product @key(fields: "id") { id: ID! name: String! }
type Query { product(id: ID!): Product }
type Mutation { touch(id: ID!): Product }
"""


def replica() -> LiveSubgraph:
    return LiveSubgraph.of(
        "products",
        SDL,
        {
            "Product": [{"id": f"p{i}", "name": f"물건 {i}"} for i in range(40)],
            "Query": {"product": {"$find": "Product"}},
            "Mutation": {"touch": {"$find": "Product"}},
        },
    )


# A breaker that never opens here: these tests are about balancing and retries alone.
PATIENT = BreakerPolicy(failure_threshold=1000)


def query(i: int) -> str:
    return f'{{ product(id: "p{i}") {{ name }} }}'


async def test_round_robin_takes_instances_in_turn() -> None:
    a, b = replica(), replica()
    async with router_over(
        [a], FetchPolicy(timeout=5, balancing="round_robin"), replicas={"products": [a, b]}
    ) as router:
        for i in range(10):
            assert (await router.data(query(i)))["product"]["name"] == f"물건 {i}"
    assert (len(a.seen), len(b.seen)) == (5, 5)


async def test_least_outstanding_moves_traffic_away_from_a_slow_instance() -> None:
    slow, fast = replica(), replica()
    # The slow instance stays busy for the whole run, so it only ever gets a request when the fast one is
    # at least as busy: on a loaded machine that happens a few times, never half the time as round robin would.
    slow.delay, fast.delay = 3.0, 0.02
    async with router_over(
        [slow], FetchPolicy(timeout=5, balancing="least_outstanding"), replicas={"products": [slow, fast]}
    ) as router:

        async def later(i: int) -> object:
            await asyncio.sleep(0.05 * i)
            return await router.data(query(i))

        await asyncio.gather(*(later(i) for i in range(20)))
    assert len(slow.seen) + len(fast.seen) == 20
    assert len(fast.seen) >= 14, (len(slow.seen), len(fast.seen))


async def test_query_to_a_dead_instance_is_retried_once_on_another() -> None:
    dead, alive = replica(), replica()
    async with router_over(
        [dead], FetchPolicy(timeout=5, breaker=PATIENT), replicas={"products": [dead, alive]}
    ) as router:
        await dead.stop()
        for i in range(6):
            body = await router.execute(query(i))
            assert body == {"data": {"product": {"name": f"물건 {i}"}}}
    assert len(alive.seen) == 6


async def test_mutation_to_a_dead_instance_is_not_retried() -> None:
    dead, alive = replica(), replica()
    policy = FetchPolicy(timeout=5, breaker=PATIENT, balancing="round_robin")
    async with router_over([dead], policy, replicas={"products": [dead, alive]}) as router:
        await dead.stop()
        bodies = [await router.execute(f'mutation {{ touch(id: "p{i}") {{ id }} }}') for i in range(6)]
    failed = [b for b in bodies if b.get("errors")]
    assert len(failed) == 3  # every other one landed on the dead instance and stayed failed
    for body in failed:
        assert body["data"] == {"touch": None}
        [error] = body["errors"]
        assert error["extensions"] == {"code": "SUBGRAPH_UNREACHABLE", "serviceName": "products"}
        assert error["path"] == ["touch"]
    assert len(alive.seen) == 3  # the failed mutations never reached the live instance


async def test_open_breaker_of_one_instance_sends_everything_to_the_others() -> None:
    dead, alive = replica(), replica()
    policy = FetchPolicy(timeout=5, breaker=BreakerPolicy(failure_threshold=1, open_seconds=60))
    async with router_over([dead], policy, replicas={"products": [dead, alive]}) as router:
        await dead.stop()
        # Two queries in turn: the one that meets the dead instance opens its breaker (and is retried).
        for i in range(2):
            assert "errors" not in await router.execute(query(i))
        # From then on mutations, which are never retried, all land on the live instance.
        bodies = [await router.execute(f'mutation {{ touch(id: "p{i}") {{ id }} }}') for i in range(6)]
    assert bodies == [{"data": {"touch": {"id": f"p{i}"}}} for i in range(6)]
    assert len(alive.seen) == 8
