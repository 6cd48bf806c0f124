"""A subgraph that is down, slow or failing costs only its own fields: the others still resolve, and
each error names the subgraph and the path of what it nulled."""

from __future__ import annotations

import asyncio
import time

from router.execution.breaker import BreakerPolicy
from router.execution.policy import FetchPolicy
from tests.router.resilience.live_subgraphs import LiveSubgraph, router_over

PRODUCTS_SDL = """
type Product @key(fields: "id") { id: ID! name: String! }
type Query { topProducts: [Product!] product(id: ID!): Product }
"""
REVIEWS_SDL = """
type Product @key(fields: "id") { id: ID! reviewCount: Int stars: Int }
type Review { body: String! }
type Query { latestReview: Review }
"""
TOP = "{ topProducts { name reviewCount stars } }"


def products() -> LiveSubgraph:
    return LiveSubgraph.of(
        "products",
        PRODUCTS_SDL,
        {
            "Product": [{"id": "p1", "name": "자전거"}, {"id": "p2", "name": "아이폰"}],
            "Query": {"topProducts": {"$all": "Product"}, "product": {"$find": "Product"}},
        },
    )


def reviews() -> LiveSubgraph:
    return LiveSubgraph.of(
        "reviews",
        REVIEWS_SDL,
        {
            "Product": [
                {"id": "p1", "reviewCount": 3, "stars": 4},
                {
                    "id": "p2",
                    "reviewCount": {"$error": "count store is down", "code": "INTERNAL_SERVER_ERROR"},
                    "stars": 5,
                },
            ],
            "Query": {"latestReview": {"body": "좋아요"}},
        },
    )


def codes_and_paths(body: dict[str, object]) -> list[tuple[object, object, object]]:
    errors = body.get("errors") or []
    assert isinstance(errors, list)
    return sorted(((e["extensions"]["code"], e["extensions"]["serviceName"], e.get("path")) for e in errors), key=repr)


async def test_dead_entity_subgraph_nulls_each_of_its_fields_with_path_and_service_name() -> None:
    dead = reviews()
    async with router_over([products(), dead], FetchPolicy(timeout=5)) as router:
        await dead.stop()
        body = await router.execute(TOP)
    assert body["data"] == {
        "topProducts": [
            {"name": "자전거", "reviewCount": None, "stars": None},
            {"name": "아이폰", "reviewCount": None, "stars": None},
        ]
    }
    assert codes_and_paths(body) == [
        ("SUBGRAPH_UNREACHABLE", "reviews", ["topProducts", 0, "reviewCount"]),
        ("SUBGRAPH_UNREACHABLE", "reviews", ["topProducts", 0, "stars"]),
        ("SUBGRAPH_UNREACHABLE", "reviews", ["topProducts", 1, "reviewCount"]),
        ("SUBGRAPH_UNREACHABLE", "reviews", ["topProducts", 1, "stars"]),
    ]


async def test_dead_root_subgraph_nulls_its_root_fields_and_the_others_resolve() -> None:
    dead = products()
    async with router_over([dead, reviews()], FetchPolicy(timeout=5)) as router:
        await dead.stop()
        body = await router.execute("{ topProducts { name } latestReview { body } }")
    assert body["data"] == {"topProducts": None, "latestReview": {"body": "좋아요"}}
    assert codes_and_paths(body) == [("SUBGRAPH_UNREACHABLE", "products", ["topProducts"])]


async def test_errors_a_subgraph_returns_carry_its_name_and_the_client_path() -> None:
    async with router_over([products(), reviews()], FetchPolicy(timeout=5)) as router:
        body = await router.execute(TOP)
    assert body["data"]["topProducts"][1] == {"name": "아이폰", "reviewCount": None, "stars": 5}
    assert codes_and_paths(body) == [("INTERNAL_SERVER_ERROR", "reviews", ["topProducts", 1, "reviewCount"])]


async def test_per_subgraph_timeout_bounds_only_that_subgraph() -> None:
    slow = reviews()
    slow.delay = 2.0
    async with router_over([products(), slow], FetchPolicy(timeout=5, timeouts={"reviews": 0.2})) as router:
        started = time.perf_counter()
        body = await router.execute(TOP)
        elapsed = time.perf_counter() - started
    assert elapsed < 1.5
    assert [p["name"] for p in body["data"]["topProducts"]] == ["자전거", "아이폰"]
    assert {code for code, _, _ in codes_and_paths(body)} == {"SUBGRAPH_TIMEOUT"}
    assert ("SUBGRAPH_TIMEOUT", "reviews", ["topProducts", 1, "stars"]) in codes_and_paths(body)


async def test_breaker_opens_answers_at_once_then_half_opens_and_closes() -> None:
    flaky = reviews()
    policy = FetchPolicy(timeout=5, breaker=BreakerPolicy(failure_threshold=2, open_seconds=2.0))
    async with router_over([products(), flaky], policy) as router:
        await flaky.stop()
        for _ in range(2):
            assert {c for c, _, _ in codes_and_paths(await router.execute(TOP))} == {"SUBGRAPH_UNREACHABLE"}
        # Open: refused without trying, even though the subgraph is back.
        await flaky.start()
        body = await router.execute(TOP)
        assert ("SUBGRAPH_CIRCUIT_OPEN", "reviews", ["topProducts", 0, "reviewCount"]) in codes_and_paths(body)
        assert [p["name"] for p in body["data"]["topProducts"]] == ["자전거", "아이폰"]
        assert flaky.seen == []
        # Half-open after open_seconds: one probe goes through, succeeds, and closes the breaker.
        await asyncio.sleep(2.1)
        body = await router.execute(TOP)
        assert body["data"]["topProducts"][0] == {"name": "자전거", "reviewCount": 3, "stars": 4}
        assert len(flaky.seen) == 1
        body = await router.execute(TOP)
        assert body["data"]["topProducts"][0]["reviewCount"] == 3
        assert len(flaky.seen) == 2


async def test_failed_half_open_probe_opens_the_breaker_again() -> None:
    down = reviews()
    policy = FetchPolicy(timeout=5, breaker=BreakerPolicy(failure_threshold=1, open_seconds=2.0))
    async with router_over([products(), down], policy) as router:
        await down.stop()
        await router.execute(TOP)
        await asyncio.sleep(2.1)
        probe = await router.execute(TOP)
        assert {c for c, _, _ in codes_and_paths(probe)} == {"SUBGRAPH_UNREACHABLE"}
        again = await router.execute(TOP)
        assert {c for c, _, _ in codes_and_paths(again)} == {"SUBGRAPH_CIRCUIT_OPEN"}
