"""The router in front of users and two chat replicas, all on real sockets with their workers running."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette

from gamja.auth.tokens import TokenService
from gamja.events.local_log import LocalLog
from gamja.runner import migrate
from router.composition import SubgraphSource, compose
from router.server.access import token_access
from router.server.bootstrap import create_app
from router.subscriptions.auth import token_verifier
from router.subscriptions.limits import SubscriptionLimits
from subgraphs.chat.graphql.schema import build_chat_schema
from subgraphs.users.graphql.schema import build_users_schema
from tests.chat.servers import Replica, chat_replica, serve_service
from tests.comments.support import Items
from tests.conftest import MakeSettings
from tests.support.graphql import GraphQLClient
from tests.users.support import sign_up

__all__ = ["Market", "Person"]


@dataclass
class Person:
    id: str
    token: str
    nickname: str


def _sdl(build: Any) -> str:
    return str(build().execute_sync("{ _service { sdl } }").data["_service"]["sdl"])


@asynccontextmanager
async def serve_router(app: Starlette) -> AsyncIterator[str]:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None, lifespan="on"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}/graphql"
    finally:
        server.should_exit = True
        await task


class Market:
    def __init__(
        self, router_url: str, http: httpx.AsyncClient, users: Replica, a: Replica, b: Replica, items: Items
    ) -> None:
        self.router_url = router_url
        self.http = http
        self.router = GraphQLClient(http, router_url)
        self.users_client = GraphQLClient(http, users.url)
        self.a, self.b = a, b
        self.chat_b = GraphQLClient(http, b.url)
        self.items = items
        self._people = 0

    async def person(self, nickname: str) -> Person:
        self._people += 1
        signed = await sign_up(self.users_client, email=f"p{self._people}@example.com", nickname=nickname)
        return Person(signed["user"]["id"], signed["token"], nickname)

    async def room(self, seller: Person, buyer: Person) -> str:
        """A new item of the seller's and the buyer's room on it (once chat has learned of the item)."""
        item = await self.items.create(seller.id)
        deadline = asyncio.get_running_loop().time() + 10
        while True:
            body = await self.router.execute(
                "mutation($i: ID!) { startChat(itemId: $i) { id } }", {"i": item}, token=buyer.token
            )
            if "errors" not in body:
                room_id: str = body["data"]["startChat"]["id"]
                return room_id
            assert asyncio.get_running_loop().time() < deadline, body
            await asyncio.sleep(0.05)

    async def send_via_b(self, sender: Person, room_id: str, body: str) -> str:
        """Straight to the second chat replica: the router's stream is on the first one."""
        data = await self.chat_b.data(
            "mutation($r: ID!, $b: String!) { sendChatMessage(roomId: $r, body: $b) { id } }",
            {"r": room_id, "b": body},
            token=sender.token,
        )
        message_id: str = data["sendChatMessage"]["id"]
        return message_id


@pytest.fixture
async def market(make_settings: MakeSettings) -> AsyncIterator[Market]:
    settings = await make_settings("users", "chat", run_workers=True)
    await migrate(settings, ["users", "chat"])
    log = LocalLog(settings.events_log_file())
    async with AsyncExitStack() as stack:
        stack.push_async_callback(log.close)
        users = await stack.enter_async_context(serve_service(settings, "users"))
        a = await stack.enter_async_context(chat_replica(settings))
        b = await stack.enter_async_context(chat_replica(settings))
        composed = compose(
            [
                SubgraphSource("users", users.url, _sdl(build_users_schema)),
                SubgraphSource("chat", a.url, _sdl(build_chat_schema)),
            ]
        )
        assert composed.errors == [], composed.errors
        app = create_app(
            composed.supergraph_sdl,
            subscription_limits=SubscriptionLimits(per_connection=3, per_client=5, keepalive_seconds=0.5),
            authenticate=token_verifier(TokenService.from_settings(settings)),
            identify=token_access(TokenService.from_settings(settings)),
        )
        router_url = await stack.enter_async_context(serve_router(app))
        http = await stack.enter_async_context(httpx.AsyncClient(timeout=10))
        yield Market(router_url, http, users, a, b, Items(log))
