"""Fixtures of the items tests: a running items service and tokens for the demo people."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from gamja.auth.tokens import TokenService
from gamja.auth.viewer import ADMIN, USER, Viewer
from gamja.events.envelope import Event
from gamja.events.local_log import LocalLog
from gamja.events.topics import ITEMS_EVENTS
from gamja.settings import Settings
from subgraphs.items.container import ItemsServices
from tests.support.graphql import GraphQLClient
from tests.support.services import Stack, running_stack

SELLER = "00000000-0000-4000-8000-00000000000a"
BUYER = "00000000-0000-4000-8000-00000000000b"
OTHER = "00000000-0000-4000-8000-00000000000c"
ADMIN_ID = "00000000-0000-4000-8000-0000000000ad"

ITEM_FIELDS = "id title description price category region status likeCount viewCount createdAt updatedAt bumpedAt soldAt seller { id }"


class Clock:
    """A clock the test moves by hand (bump interval, view window)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Items:
    """The items service under test, with helpers that speak GraphQL to it."""

    settings: Settings
    stack: Stack
    clock: Clock
    tokens: TokenService

    @property
    def client(self) -> GraphQLClient:
        return self.stack["items"].client

    @property
    def services(self) -> ItemsServices:
        services: ItemsServices = self.stack["items"].runtime.services
        return services

    def token(self, user_id: str, *, admin: bool = False) -> str:
        return self.tokens.issue(Viewer(user_id, frozenset({USER, ADMIN}) if admin else frozenset({USER})))

    async def create(self, seller: str = SELLER, **fields: Any) -> dict[str, Any]:
        values = {
            "title": "이케아 책상",
            "description": "상태 좋아요",
            "price": 25000,
            "category": "가구/인테리어",
            "region": "서울 마포구 망원동",
            **fields,
        }
        data = await self.client.data(
            f"mutation($input: CreateItemInput!) {{ createItem(input: $input) {{ {ITEM_FIELDS} }} }}",
            {"input": values},
            token=self.token(seller),
        )
        item: dict[str, Any] = data["createItem"]
        return item

    async def read(self, item_id: str, token: str | None = None) -> Any:
        data = await self.client.data(
            f"query($id: ID!) {{ item(id: $id) {{ {ITEM_FIELDS} }} }}", {"id": item_id}, token=token
        )
        return data["item"]

    async def settle(self) -> None:
        await self.stack.settle()


@asynccontextmanager
async def open_items(settings: Settings, clock: Clock | None = None) -> AsyncIterator[Items]:
    """Start the items service (a fresh process, as far as it can tell) on these settings."""
    async with running_stack(settings, "items") as stack:
        clock = clock or Clock()
        stack["items"].runtime.services.clock = clock
        # The people of these tests have accounts (as users.events would have told items).
        await stack["items"].runtime.services.known_users.know([SELLER, BUYER, OTHER, ADMIN_ID])
        yield Items(settings, stack, clock, TokenService.from_settings(settings))


@pytest.fixture
async def items(make_settings: Callable[..., Any]) -> AsyncIterator[Items]:
    async with open_items(await make_settings("items")) as service:
        yield service


async def published_events(settings: Settings) -> list[Event]:
    """Everything on `items.events` so far, read by a throw-away consumer group."""
    log = LocalLog(settings.events_log_file())
    try:
        subscription = await log.subscribe(group_id=f"test-{uuid.uuid4().hex}", topics=[ITEMS_EVENTS])
        records = await subscription.poll(max_records=10_000, timeout=0)
        await subscription.close()
    finally:
        await log.close()
    return [Event.decode(record.value) for record in records]
