"""Requests spread over a subgraph's instances. A request whose connection could not be established moves to
another instance once, and that instance is ejected when another can serve; a query whose connection broke
later moves too, a mutation then never does. Half-open probes are left to queries."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Literal

import pytest

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


def mutation(i: int) -> str:
    return f'mutation {{ touch(id: "p{i}") {{ id }} }}'


def ejections(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "router.execution.breaker" and "ejected" in r.message]


async def products_state(router: Any) -> dict[str, Any]:
    return dict((await router.http.get("/ready")).json()["subgraphs"]["products"])


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


async def test_mutation_refused_by_a_dead_instance_goes_to_another_which_is_ejected_at_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    dead, alive = replica(), replica()
    # The breaker alone would not open before a thousand failures: only the ejection takes the dead one out.
    policy = FetchPolicy(timeout=5, breaker=PATIENT, balancing="round_robin")
    async with router_over([dead], policy, replicas={"products": [dead, alive]}) as router:
        await dead.stop()  # its port is closed: every connection is refused
        with caplog.at_level(logging.WARNING, logger="router.execution.breaker"):
            bodies = [await router.execute(mutation(i)) for i in range(6)]
        state = await products_state(router)
    # No byte of a refused mutation reached the dead instance, so sending it to the live one is not a retry.
    assert bodies == [{"data": {"touch": {"id": f"p{i}"}}} for i in range(6)]
    assert len(alive.seen) == 6
    # Ejected after its first refused connection (logged once), not after failure_threshold.
    [ejected] = ejections(caplog)
    assert dead.url in ejected and "after 1 consecutive failure(s)" in ejected
    assert state == {"reachable": True, "breaker": "half_open", "instances": 2, "available": 1}


@pytest.mark.parametrize("hang_up", ["close", "reset"])
async def test_mutation_whose_connection_drops_once_sent_is_never_sent_again(
    hang_up: Literal["close", "reset"],
) -> None:
    # Accepts the connection, reads the whole request, then drops the connection: it may have applied it.
    cut, alive = replica(), replica()
    cut.hang_up = hang_up
    policy = FetchPolicy(timeout=5, breaker=PATIENT, balancing="round_robin")
    async with router_over([alive], policy, replicas={"products": [cut, alive]}) as router:
        bodies = [await router.execute(mutation(i)) for i in range(4)]
        # A query whose connection dropped is safe to send again: it goes to the other instance.
        queries = [await router.execute(query(i)) for i in range(4)]

    def mutations_seen(subgraph: LiveSubgraph) -> int:
        return sum("touch" in seen.body["query"] for seen in subgraph.seen)

    failed = [body for body in bodies if body.get("errors")]
    # In turn, so half of them met the cut instance; each of those failed there and went nowhere else.
    assert len(failed) == mutations_seen(cut) == 2
    assert mutations_seen(alive) == len(bodies) - len(failed)
    for body in failed:
        assert body["data"] == {"touch": None}
        [error] = body["errors"]
        assert error["extensions"] == {"code": "SUBGRAPH_UNREACHABLE", "serviceName": "products"}
        assert error["path"] == ["touch"]
    assert len(cut.seen) > mutations_seen(cut)  # queries met it too, and were answered by the other
    assert queries == [{"data": {"product": {"name": f"물건 {i}"}}} for i in range(4)]


async def test_single_instance_keeps_the_failure_threshold(caplog: pytest.LogCaptureFixture) -> None:
    dead = replica()
    policy = FetchPolicy(timeout=5, breaker=BreakerPolicy(failure_threshold=3, open_seconds=60))
    async with router_over([dead], policy) as router:
        await dead.stop()
        with caplog.at_level(logging.WARNING, logger="router.execution.breaker"):
            codes = [(await router.error_codes(mutation(i)))[0] for i in range(4)]
    # One refused connection does not cut off the whole subgraph: nothing else could serve it.
    assert codes == ["SUBGRAPH_UNREACHABLE"] * 3 + ["SUBGRAPH_CIRCUIT_OPEN"]
    assert ejections(caplog) == []


async def test_mutations_go_to_the_closed_instance_and_leave_the_half_open_probe_to_queries() -> None:
    recovering, alive = replica(), replica()
    policy = FetchPolicy(timeout=5, breaker=BreakerPolicy(failure_threshold=1, open_seconds=1.0))
    async with router_over([alive], policy, replicas={"products": [recovering, alive]}) as router:
        await recovering.stop()
        for i in range(2):  # the one that meets it ejects it, and goes to the live instance
            assert "errors" not in await router.execute(query(i))
        await recovering.start()
        await asyncio.sleep(1.1)
        assert (await products_state(router))["breaker"] == "half_open"
        bodies = [await router.execute(mutation(i)) for i in range(6)]
        assert recovering.seen == []  # not one probe was a mutation
        for i in range(2):  # in turn, so one query is the probe
            assert "errors" not in await router.execute(query(i))
        assert len(recovering.seen) == 1
        assert await products_state(router) == {
            "reachable": True,
            "breaker": "closed",
            "instances": 2,
            "available": 2,
        }
    assert bodies == [{"data": {"touch": {"id": f"p{i}"}}} for i in range(6)]


async def test_open_breaker_of_one_instance_sends_everything_to_the_others() -> None:
    dead, alive = replica(), replica()
    policy = FetchPolicy(timeout=5, breaker=BreakerPolicy(failure_threshold=1, open_seconds=60))
    async with router_over([dead], policy, replicas={"products": [dead, alive]}) as router:
        await dead.stop()
        # Two queries in turn: the one that meets the dead instance opens its breaker (and is retried).
        for i in range(2):
            assert "errors" not in await router.execute(query(i))
        # From then on mutations all land on the live instance, without trying the dead one.
        bodies = [await router.execute(mutation(i)) for i in range(6)]
    assert bodies == [{"data": {"touch": {"id": f"p{i}"}}} for i in range(6)]
    assert len(alive.seen) == 8
