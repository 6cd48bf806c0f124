"""A supergraph swap by live discovery ends only the subscriptions it affects; the others keep their stream."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass

import httpx
import pytest

from gamja.auth.tokens import TokenService
from gamja.events.local_log import LocalLog
from gamja.registry.base import ServiceInstance
from gamja.registry.static import StaticRegistry
from gamja.runner import migrate
from router.discovery.loop import Discovery, DiscoveryPolicy
from router.server.access import token_access
from router.server.bootstrap import RouterCore
from router.subscriptions.auth import token_verifier
from tests.chat.servers import chat_replica, serve_service
from tests.comments.support import Items
from tests.conftest import MakeSettings
from tests.router.differential.fixture_subgraph import FixtureSubgraph
from tests.router.resilience.live_subgraphs import LINK, LiveSubgraph
from tests.router.subscriptions.conftest import Market, serve_router
from tests.support.graphql_ws import graphql_ws

BADGES_SDL = 'type User @key(fields: "id") {{ id: ID! badge: {badge_type} }}'
WITH_NICKNAME = "subscription($r: ID) { chatMessageSent(roomId: $r) { body sender { nickname } } }"
WITH_BADGE = "subscription($r: ID) { chatMessageSent(roomId: $r) { body sender { nickname badge } } }"


@dataclass
class Swappable:
    market: Market
    core: RouterCore
    badges: LiveSubgraph

    def badges_serve(self, badge_type: str, data: dict[str, object]) -> None:
        """The badges subgraph, on the same address, with this schema and data (a redeploy)."""
        self.badges.subgraph = FixtureSubgraph(LINK + BADGES_SDL.format(badge_type=badge_type), data)

    async def redeploy_badges(self, badge_type: str, data: dict[str, object]) -> None:
        """Redeploy badges with another schema, and wait until discovery serves the new supergraph."""
        generation = self.core.serving.generation
        self.badges_serve(badge_type, data)
        deadline = asyncio.get_running_loop().time() + 30
        while self.core.serving.generation == generation:
            assert asyncio.get_running_loop().time() < deadline, self.core.serving.problem
            await asyncio.sleep(0.05)


@pytest.fixture
async def swappable(make_settings: MakeSettings) -> AsyncIterator[Swappable]:
    settings = await make_settings("users", "chat", run_workers=True)
    await migrate(settings, ["users", "chat"])
    log = LocalLog(settings.events_log_file())
    async with AsyncExitStack() as stack:
        stack.push_async_callback(log.close)
        users = await stack.enter_async_context(serve_service(settings, "users"))
        chat = await stack.enter_async_context(chat_replica(settings))
        badges = LiveSubgraph.of("badges", BADGES_SDL.format(badge_type="String"), {"User": []})
        await badges.start()
        stack.push_async_callback(badges.stop)
        registry = StaticRegistry(
            [
                ServiceInstance("users", "users-1", users.url),
                ServiceInstance("chat", "chat-1", chat.url),
                ServiceInstance("badges", "badges-1", badges.url),
            ]
        )
        tokens = TokenService.from_settings(settings)
        core = RouterCore(authenticate=token_verifier(tokens), identify=token_access(tokens))
        policy = DiscoveryPolicy(poll_seconds=0.2, wait_seconds=5, retry_seconds=0.05)
        watching = asyncio.create_task(Discovery(registry, ["badges", "chat", "users"], core, policy).run())

        async def stop_watching() -> None:
            watching.cancel()
            await asyncio.gather(watching, return_exceptions=True)

        stack.push_async_callback(stop_watching)
        router_url = await stack.enter_async_context(serve_router(core.app()))
        await asyncio.wait_for(core.serving.loaded.wait(), 30)
        http = await stack.enter_async_context(httpx.AsyncClient(timeout=10))
        # One chat replica: "send via b" sends to the replica the router streams from.
        yield Swappable(Market(router_url, http, users, chat, chat, Items(log)), core, badges)


async def test_a_swap_ends_the_subscriptions_whose_fields_changed_and_the_others_carry_on(
    swappable: Swappable,
) -> None:
    market = swappable.market
    seller, buyer = await market.person("감자농부"), await market.person("당근조아")
    swappable.badges_serve("String", {"User": [{"id": buyer.id, "badge": "새싹"}]})
    room = await market.room(seller, buyer)
    async with graphql_ws(market.router_url, seller.token) as socket:
        plain = await socket.subscribe(WITH_NICKNAME, {"r": room})
        badged = await socket.subscribe(WITH_BADGE, {"r": room})
        await market.a.listening(2)
        await market.send_via_b(buyer, room, "하나")
        assert await socket.next_payload(plain) == {
            "data": {"chatMessageSent": {"body": "하나", "sender": {"nickname": "당근조아"}}}
        }
        assert await socket.next_payload(badged) == {
            "data": {"chatMessageSent": {"body": "하나", "sender": {"nickname": "당근조아", "badge": "새싹"}}}
        }

        # `badge` becomes an Int: the subscription selecting it is affected, the other is not.
        await swappable.redeploy_badges("Int", {"User": [{"id": buyer.id, "badge": 3}]})
        assert await socket.error_codes(badged, timeout=30) == ["SUBSCRIPTION_SUPERGRAPH_CHANGED"]
        await market.send_via_b(buyer, room, "둘")
        assert await socket.next_payload(plain, timeout=30) == {
            "data": {"chatMessageSent": {"body": "둘", "sender": {"nickname": "당근조아"}}}
        }

        # A new subscription runs on the new supergraph, beside the one that carried on.
        again = await socket.subscribe(WITH_BADGE, {"r": room})
        await market.a.listening(2)
        await market.send_via_b(buyer, room, "셋")
        received = [await socket.receive(timeout=30) for _ in range(2)]
        assert {message["id"]: message["payload"] for message in received} == {
            plain: {"data": {"chatMessageSent": {"body": "셋", "sender": {"nickname": "당근조아"}}}},
            again: {"data": {"chatMessageSent": {"body": "셋", "sender": {"nickname": "당근조아", "badge": 3}}}},
        }
