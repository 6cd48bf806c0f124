"""Helpers for the comments tests: item events published as the items service would, tokens, GraphQL snippets."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from gamja.auth.tokens import TokenService
from gamja.auth.viewer import ADMIN, USER, Viewer
from gamja.events.envelope import Event
from gamja.events.local_log import LocalLog
from gamja.events.topics import ITEMS_EVENTS
from gamja.events.transport import OutgoingRecord
from gamja.settings import Settings
from tests.support.graphql import GraphQLClient
from tests.support.services import Stack, running_stack

__all__ = ["COMMENT_FIELDS", "Items", "World", "comments_world", "item_state", "user_id"]

COMMENT_FIELDS = "id body isDeleted parentId createdAt updatedAt author { id } item { id }"


def item_state(item_id: str, seller_id: str, *, title: str = "자전거 팝니다") -> dict[str, Any]:
    """The full item state an items event carries (the contract in KIT.md)."""
    return {
        "id": item_id,
        "title": title,
        "description": "상태 좋아요",
        "price": 50000,
        "category": "스포츠/레저",
        "region": "서울 마포구 망원동",
        "status": "ON_SALE",
        "seller_id": seller_id,
        "buyer_id": None,
        "sold_at": None,
        "like_count": 0,
        "liked_by": [],
        "created_at": "2026-11-21T09:00:00Z",
        "updated_at": "2026-11-21T09:00:00Z",
        "bumped_at": "2026-11-21T09:00:00Z",
        "deleted": False,
    }


@dataclass
class Items:
    """Publishes `items.events` exactly per the contract in KIT.md, keeping each item's version and state."""

    log: LocalLog
    states: dict[str, dict[str, Any]] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    sent: list[Event] = field(default_factory=list)

    async def publish(self, *events: Event) -> None:
        records = [OutgoingRecord(key=e.aggregate_id, value=e.encode(), headers={"type": e.type}) for e in events]
        await self.log.publish(ITEMS_EVENTS, records)
        self.sent.extend(events)

    async def _change(self, event_type: str, item_id: str, **changes: Any) -> Event:
        state = {**self.states[item_id], **changes, "updated_at": "2026-11-21T09:30:00Z"}
        self.states[item_id] = state
        self.versions[item_id] += 1
        event = Event(type=event_type, aggregate_id=item_id, version=self.versions[item_id], payload=dict(state))
        await self.publish(event)
        return event

    async def create(self, seller_id: str, *, title: str = "자전거 팝니다", item_id: str | None = None) -> str:
        item_id = item_id or str(uuid.uuid4())
        self.states[item_id] = item_state(item_id, seller_id, title=title)
        self.versions[item_id] = 1
        await self.publish(
            Event(type="ItemCreated", aggregate_id=item_id, version=1, payload=dict(self.states[item_id]))
        )
        return item_id

    async def update(self, item_id: str, **changes: Any) -> Event:
        return await self._change("ItemUpdated", item_id, **changes)

    async def delete(self, item_id: str) -> Event:
        return await self._change("ItemDeleted", item_id, deleted=True)


@dataclass
class World:
    """A running comments service, the item event producer and some signed-in people."""

    settings: Settings
    stack: Stack
    items: Items
    tokens: TokenService

    @property
    def client(self) -> GraphQLClient:
        return self.stack["comments"].client

    def token(self, user_id: str, *, admin: bool = False) -> str:
        roles = frozenset({USER, ADMIN} if admin else {USER})
        return self.tokens.issue(Viewer(user_id, roles))

    async def new_item(self, seller_id: str, **kwargs: Any) -> str:
        item_id = await self.items.create(seller_id, **kwargs)
        await self.stack.settle()
        return item_id

    async def add(self, token: str, item_id: str, body: str, parent_id: str | None = None) -> dict[str, Any]:
        data = await self.client.data(
            f"mutation($itemId: ID!, $body: String!, $parentId: ID) {{"
            f" addComment(itemId: $itemId, body: $body, parentId: $parentId) {{ {COMMENT_FIELDS} }} }}",
            {"itemId": item_id, "body": body, "parentId": parent_id},
            token=token,
        )
        comment: dict[str, Any] = data["addComment"]
        return comment

    async def add_errors(self, token: str | None, item_id: str, body: str, parent_id: str | None = None) -> list[str]:
        return await self.client.error_codes(
            "mutation($itemId: ID!, $body: String!, $parentId: ID) {"
            " addComment(itemId: $itemId, body: $body, parentId: $parentId) { id } }",
            {"itemId": item_id, "body": body, "parentId": parent_id},
            token=token,
        )

    async def thread(self, item_id: str, args: str = "") -> dict[str, Any]:
        """`Item.comments` through `_entities`, as the router asks for it."""
        data = await self.client.data(
            "query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Item {"
            f" commentCount comments{args} {{ totalCount pageInfo {{ hasNextPage endCursor }}"
            f" edges {{ cursor node {{ {COMMENT_FIELDS} replies {{ {COMMENT_FIELDS} }} }} }} }} }} }} }}",
            {"reps": [{"__typename": "Item", "id": item_id}]},
        )
        entity: dict[str, Any] = data["_entities"][0]
        return entity


def user_id() -> str:
    return str(uuid.uuid4())


@asynccontextmanager
async def comments_world(settings: Settings) -> AsyncIterator[World]:
    async with running_stack(settings, "comments") as stack:
        log = LocalLog(settings.events_log_file())
        try:
            yield World(settings, stack, Items(log), TokenService.from_settings(settings))
        finally:
            await log.close()
