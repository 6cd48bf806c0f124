"""Helpers for the chat tests: a running chat service, item events as the items service publishes them, tokens."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from gamja.auth.tokens import TokenService
from gamja.auth.viewer import Viewer
from gamja.events.local_log import LocalLog
from gamja.settings import Settings
from tests.comments.support import Items, user_id
from tests.support.graphql import GraphQLClient
from tests.support.services import Stack, running_stack

__all__ = ["MESSAGE_FIELDS", "ROOM_FIELDS", "ChatWorld", "chat_world", "user_id"]

ROOM_FIELDS = "id createdAt item { id } seller { id } buyer { id } unreadCount lastMessage { id body }"
MESSAGE_FIELDS = "id body sentAt sender { id } room { id }"


@dataclass
class ChatWorld:
    """A running chat service, the item event producer and tokens for anyone."""

    settings: Settings
    stack: Stack
    items: Items
    tokens: TokenService

    @property
    def client(self) -> GraphQLClient:
        return self.stack["chat"].client

    def token(self, user: str) -> str:
        return self.tokens.issue(Viewer(user))

    async def new_item(self, seller_id: str) -> str:
        item_id = await self.items.create(seller_id)
        await self.stack.settle()
        return item_id

    async def start(self, buyer: str, item_id: str) -> dict[str, Any]:
        data = await self.client.data(
            f"mutation($itemId: ID!) {{ startChat(itemId: $itemId) {{ {ROOM_FIELDS} }} }}",
            {"itemId": item_id},
            token=self.token(buyer),
        )
        room: dict[str, Any] = data["startChat"]
        return room

    async def send(self, sender: str, room_id: str, body: str) -> dict[str, Any]:
        data = await self.client.data(
            f"mutation($roomId: ID!, $body: String!) {{ sendChatMessage(roomId: $roomId, body: $body)"
            f" {{ {MESSAGE_FIELDS} }} }}",
            {"roomId": room_id, "body": body},
            token=self.token(sender),
        )
        message: dict[str, Any] = data["sendChatMessage"]
        return message

    async def room(self, viewer: str, room_id: str, args: str = "") -> dict[str, Any]:
        data = await self.client.data(
            "query($id: ID!) { chatRoom(id: $id) {"
            f" {ROOM_FIELDS} messages{args} {{ totalCount pageInfo {{ hasNextPage endCursor }}"
            f" edges {{ cursor node {{ {MESSAGE_FIELDS} }} }} }} }} }}",
            {"id": room_id},
            token=self.token(viewer),
        )
        room: dict[str, Any] = data["chatRoom"]
        return room


@asynccontextmanager
async def chat_world(settings: Settings) -> AsyncIterator[ChatWorld]:
    async with running_stack(settings, "chat") as stack:
        log = LocalLog(settings.events_log_file())
        try:
            yield ChatWorld(settings, stack, Items(log), TokenService.from_settings(settings))
        finally:
            await log.close()
