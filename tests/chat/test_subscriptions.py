"""`chatMessageSent` over graphql-transport-ws on two chat replicas sharing the database and `chat.events`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import httpx
import pytest

from gamja.auth.tokens import TokenService
from gamja.auth.viewer import Viewer
from gamja.events.local_log import LocalLog
from gamja.runner import migrate
from tests.chat.servers import Replica, chat_replica
from tests.comments.support import Items, user_id
from tests.conftest import MakeSettings
from tests.support.graphql import GraphQLClient
from tests.support.graphql_ws import graphql_ws

SUBSCRIPTION = (
    "subscription($roomId: ID, $after: ID) { chatMessageSent(roomId: $roomId, after: $after)"
    " { id body sender { id } room { id } } }"
)


class Replicas:
    """Two chat replicas with their workers running; items appear through `items.events` as in production."""

    def __init__(self, items: Items, tokens: TokenService, a: Replica, b: Replica, http: httpx.AsyncClient) -> None:
        self.items = items
        self.tokens = tokens
        self.a, self.b = a, b
        self.client_a = GraphQLClient(http, a.url)
        self.client_b = GraphQLClient(http, b.url)

    def token(self, user: str) -> str:
        return self.tokens.issue(Viewer(user))

    async def room(self, buyer: str | None = None) -> tuple[str, str, str]:
        """A new item and a buyer's room on it, once a replica's consumer has learned of the item."""
        seller, buyer = user_id(), buyer or user_id()
        item = await self.items.create(seller)
        deadline = asyncio.get_running_loop().time() + 10
        while True:
            body = await self.client_a.execute(
                "mutation($i: ID!) { startChat(itemId: $i) { id } }", {"i": item}, token=self.token(buyer)
            )
            if "errors" not in body:
                return seller, buyer, body["data"]["startChat"]["id"]
            assert asyncio.get_running_loop().time() < deadline, body
            await asyncio.sleep(0.05)

    async def send(self, client: GraphQLClient, sender: str, room_id: str, body: str) -> str:
        data = await client.data(
            "mutation($r: ID!, $b: String!) { sendChatMessage(roomId: $r, body: $b) { id } }",
            {"r": room_id, "b": body},
            token=self.token(sender),
        )
        message_id: str = data["sendChatMessage"]["id"]
        return message_id


@pytest.fixture
async def replicas(make_settings: MakeSettings) -> AsyncIterator[Replicas]:
    settings = await make_settings("chat", run_workers=True)
    await migrate(settings, ["chat"])
    log = LocalLog(settings.events_log_file())
    async with AsyncExitStack() as stack:
        stack.push_async_callback(log.close)
        a = await stack.enter_async_context(chat_replica(settings))
        b = await stack.enter_async_context(chat_replica(settings))
        http = await stack.enter_async_context(httpx.AsyncClient(timeout=10))
        yield Replicas(Items(log), TokenService.from_settings(settings), a, b, http)


async def test_a_message_sent_through_one_replica_reaches_subscribers_on_both(replicas: Replicas) -> None:
    seller, buyer, room = await replicas.room()
    async with (
        graphql_ws(replicas.a.url, replicas.token(seller)) as on_a,
        graphql_ws(replicas.b.url, replicas.token(buyer)) as on_b,
    ):
        a_id = await on_a.subscribe(SUBSCRIPTION, {"roomId": room})
        b_id = await on_b.subscribe(SUBSCRIPTION, {})
        await replicas.a.listening()
        await replicas.b.listening()
        sent = await replicas.send(replicas.client_a, buyer, room, "안녕하세요")
        for client, operation in ((on_a, a_id), (on_b, b_id)):
            payload = await client.next_payload(operation)
            assert payload == {
                "data": {
                    "chatMessageSent": {"id": sent, "body": "안녕하세요", "sender": {"id": buyer}, "room": {"id": room}}
                }
            }


async def test_a_stranger_is_refused_and_hears_nothing(replicas: Replicas) -> None:
    _, buyer, room = await replicas.room()
    stranger = user_id()
    async with graphql_ws(replicas.b.url, replicas.token(stranger)) as socket:
        refused = await socket.subscribe(SUBSCRIPTION, {"roomId": room})
        assert await socket.error_codes(refused) == ["FORBIDDEN"]
        everything = await socket.subscribe(SUBSCRIPTION, {})
        await replicas.b.listening()
        await replicas.send(replicas.client_a, buyer, room, "비밀 이야기")
        # Then a message in the stranger's own chat: the first (and only) thing the subscription yields.
        _, _, own = await replicas.room(buyer=stranger)
        mine = await replicas.send(replicas.client_a, stranger, own, "제 채팅이에요")
        payload = await socket.next_payload(everything)
        assert payload["data"]["chatMessageSent"]["id"] == mine
    async with graphql_ws(replicas.b.url) as anonymous:
        operation = await anonymous.subscribe(SUBSCRIPTION, {"roomId": room})
        assert await anonymous.error_codes(operation) == ["UNAUTHENTICATED"]


async def test_a_subscriber_that_reconnects_with_the_last_id_gets_what_it_missed(replicas: Replicas) -> None:
    seller, buyer, room = await replicas.room()
    async with graphql_ws(replicas.b.url, replicas.token(seller)) as socket:
        operation = await socket.subscribe(SUBSCRIPTION, {"roomId": room})
        await replicas.b.listening()
        first = await replicas.send(replicas.client_a, buyer, room, "첫 번째")
        assert (await socket.next_payload(operation))["data"]["chatMessageSent"]["id"] == first
    missed = [await replicas.send(replicas.client_a, buyer, room, f"놓친 {n}") for n in range(3)]
    async with graphql_ws(replicas.b.url, replicas.token(seller)) as socket:
        operation = await socket.subscribe(SUBSCRIPTION, {"roomId": room, "after": first})
        replayed = [(await socket.next_payload(operation))["data"]["chatMessageSent"]["id"] for _ in missed]
        assert replayed == missed
        await replicas.b.listening()
        live = await replicas.send(replicas.client_b, seller, room, "이제 실시간")
        assert (await socket.next_payload(operation))["data"]["chatMessageSent"]["id"] == live
