"""Discovery through a registry: the router composes what it finds, sees new instances and new schemas,
swaps supergraphs without dropping requests in flight, and keeps the last good one when composition fails."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from gamja.registry.base import ServiceInstance
from gamja.registry.static import StaticRegistry
from router.discovery.loop import Discovery, DiscoveryPolicy
from router.execution.policy import FetchPolicy
from router.server.bootstrap import RouterCore
from tests.router.differential.fixture_subgraph import FixtureSubgraph
from tests.router.resilience.live_subgraphs import LINK, LiveSubgraph
from tests.support.graphql import GraphQLClient, serve_in_process

T = TypeVar("T")

PRODUCTS_SDL = """
type Product @key(fields: "id") { id: ID! name: String! }
type Query { topProducts: [Product!] }
"""
PRODUCTS_DATA = {
    "Product": [{"id": "p1", "name": "자전거"}],
    "Query": {"topProducts": {"$all": "Product"}},
}
REVIEWS_SDL = 'type Product @key(fields: "id") { id: ID! reviewCount: Int }'
REVIEWS_DATA = {"Product": [{"id": "p1", "reviewCount": 3, "stars": 5}]}
FAST = DiscoveryPolicy(poll_seconds=0.2, wait_seconds=5, retry_seconds=0.05)


def instance_of(subgraph: LiveSubgraph) -> ServiceInstance:
    return ServiceInstance(subgraph.name, f"{subgraph.name}-{subgraph.port}", subgraph.url)


async def eventually(probe: Callable[[], Awaitable[T]], accept: Callable[[T], bool], within: float = 5.0) -> T:
    deadline = time.monotonic() + within
    while True:
        value = await probe()
        if accept(value) or time.monotonic() > deadline:
            return value
        await asyncio.sleep(0.05)


@dataclass
class Discovered:
    router: GraphQLClient
    registry: StaticRegistry
    core: RouterCore

    async def ready(self) -> dict[str, Any]:
        body: dict[str, Any] = (await self.router.http.get("/ready")).json()
        return body


@asynccontextmanager
async def discovered(*subgraphs: LiveSubgraph) -> AsyncIterator[Discovered]:
    for subgraph in subgraphs:
        await subgraph.start()
    registry = StaticRegistry(instance_of(s) for s in subgraphs)
    core = RouterCore(policy=FetchPolicy(timeout=5))
    names = sorted({s.name for s in subgraphs})
    watching = asyncio.create_task(Discovery(registry, names, core, FAST).run())
    try:
        async with serve_in_process(core.app()) as router:
            await asyncio.wait_for(core.serving.loaded.wait(), 10)
            yield Discovered(router, registry, core)
    finally:
        watching.cancel()
        await asyncio.gather(watching, return_exceptions=True)
        for subgraph in subgraphs:
            await subgraph.stop()


def products() -> LiveSubgraph:
    return LiveSubgraph.of("products", PRODUCTS_SDL, PRODUCTS_DATA)


def reviews(sdl: str = REVIEWS_SDL) -> LiveSubgraph:
    return LiveSubgraph.of("reviews", sdl, REVIEWS_DATA)


async def test_serves_what_it_composed_from_the_registry() -> None:
    async with discovered(products(), reviews()) as found:
        assert await found.router.data("{ topProducts { name reviewCount } }") == {
            "topProducts": [{"name": "자전거", "reviewCount": 3}]
        }
        ready = await found.ready()
    assert ready["status"] == "ready" and ready["supergraph"]["subgraphs"] == ["products", "reviews"]
    assert "details" not in ready


async def test_a_new_instance_takes_requests_and_a_gone_one_stops() -> None:
    first = reviews()
    second = reviews()
    async with discovered(products(), first) as found:
        await second.start()
        try:
            await found.registry.register(instance_of(second))
            ready = await eventually(found.ready, lambda r: r["subgraphs"]["reviews"]["instances"] == 2)
            assert ready["subgraphs"]["reviews"]["instances"] == 2
            generation = ready["supergraph"]["generation"]
            for _ in range(6):
                await found.router.data("{ topProducts { reviewCount } }")
            assert first.seen and second.seen  # both replicas serve
            assert (await found.ready())["supergraph"]["generation"] == generation  # same schema: no recomposition

            await found.registry.deregister(instance_of(first).instance_id)
            await eventually(found.ready, lambda r: r["subgraphs"]["reviews"]["instances"] == 1)
            before = len(first.seen)
            for _ in range(4):
                await found.router.data("{ topProducts { reviewCount } }")
            assert len(first.seen) == before
        finally:
            await second.stop()


async def test_a_schema_change_is_composed_and_swapped_in() -> None:
    changing = reviews()
    async with discovered(products(), changing) as found:
        assert (await found.router.execute("{ topProducts { stars } }"))["errors"][0]["extensions"]["code"] == (
            "GRAPHQL_VALIDATION_FAILED"
        )
        changing.subgraph = FixtureSubgraph(
            LINK + 'type Product @key(fields: "id") { id: ID! reviewCount: Int stars: Int }', REVIEWS_DATA
        )
        body = await eventually(lambda: found.router.execute("{ topProducts { stars } }"), lambda b: "errors" not in b)
        assert body == {"data": {"topProducts": [{"stars": 5}]}}
        assert (await found.ready())["supergraph"]["generation"] == 2


async def test_a_failing_composition_keeps_the_last_good_supergraph_and_says_why() -> None:
    changing = reviews()
    async with discovered(products(), changing) as found:
        # `name` is products' and not @shareable: the two subgraphs no longer compose.
        changing.subgraph = FixtureSubgraph(
            LINK + 'type Product @key(fields: "id") { id: ID! reviewCount: Int name: String! }', REVIEWS_DATA
        )
        ready = await eventually(found.ready, lambda r: "details" in r)
        assert ready["status"] == "ready" and ready["supergraph"]["generation"] == 1
        assert "do not compose" in ready["details"] and "name" in ready["details"]
        assert await found.router.data("{ topProducts { name reviewCount } }") == {
            "topProducts": [{"name": "자전거", "reviewCount": 3}]
        }
        # Fixed again: composes, and the details go away.
        changing.subgraph = FixtureSubgraph(LINK + REVIEWS_SDL, REVIEWS_DATA)
        ready = await eventually(found.ready, lambda r: "details" not in r)
        assert ready["supergraph"]["generation"] == 2


async def test_requests_in_flight_finish_on_the_supergraph_they_began_with() -> None:
    slow = products()
    slow.delay = 1.5
    changing = reviews()
    async with discovered(slow, changing) as found:
        in_flight = asyncio.create_task(found.router.execute("{ topProducts { name reviewCount } }"))
        await asyncio.sleep(0.1)
        changing.subgraph = FixtureSubgraph(
            LINK + 'type Product @key(fields: "id") { id: ID! reviewCount: Int stars: Int }', REVIEWS_DATA
        )
        await eventually(found.ready, lambda r: r["supergraph"]["generation"] == 2)
        assert not in_flight.done()  # the swap happened while it was in flight
        assert await in_flight == {"data": {"topProducts": [{"name": "자전거", "reviewCount": 3}]}}


async def test_no_supergraph_until_every_subgraph_answers() -> None:
    waiting = reviews()
    registry = StaticRegistry([instance_of(waiting)])  # products is not registered yet
    present = products()
    await present.start()
    await waiting.start()
    core = RouterCore()
    watching = asyncio.create_task(Discovery(registry, ["products", "reviews"], core, FAST).run())
    try:
        async with serve_in_process(core.app()) as router:
            ready = await eventually(
                lambda: router.http.get("/ready"), lambda r: '"products"' in r.json().get("details", "")
            )
            assert ready.status_code == 503
            assert 'no healthy instance of subgraph "products"' in ready.json()["details"]
            await registry.register(instance_of(present))
            await asyncio.wait_for(core.serving.loaded.wait(), 5)
            assert (await router.http.get("/ready")).status_code == 200
    finally:
        watching.cancel()
        await asyncio.gather(watching, return_exceptions=True)
        await present.stop()
        await waiting.stop()
