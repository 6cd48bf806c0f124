"""Per-request DataLoaders: every resolver asking in one tick shares one SQL statement."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from typing import TypeVar

import strawberry
from strawberry.dataloader import DataLoader

from gamja.subgraph.context import RequestContext
from subgraphs.chat.adapters.queries import ChatQueries
from subgraphs.chat.domain.model import ChatMessage, ChatRoom, Position
from subgraphs.chat.service_layer.container import ChatServices

__all__ = [
    "Info",
    "item_room_counts",
    "last_messages",
    "message_pages",
    "rooms_by_id",
    "sellers",
    "unread_counts",
]

Info = strawberry.Info[RequestContext[ChatServices], None]
V = TypeVar("V")


def _queries(info: Info) -> ChatQueries:
    return info.context.services.queries


def _loader(
    info: Info, key: Hashable, fetch: Callable[[Sequence[str]], Awaitable[Mapping[str, V]]], default: Callable[[], V]
) -> DataLoader[str, V]:
    async def load(keys: Sequence[str]) -> list[V]:
        found = await fetch(list(keys))
        return [found.get(key, default()) for key in keys]

    return info.context.loader(key, load)


def rooms_by_id(info: Info) -> DataLoader[str, ChatRoom | None]:
    return _loader(info, "rooms", _queries(info).rooms, lambda: None)


def unread_counts(info: Info, user_id: str) -> DataLoader[str, int]:
    queries = _queries(info)

    async def fetch(room_ids: Sequence[str]) -> Mapping[str, int]:
        return await queries.unread_counts(room_ids, user_id)

    return _loader(info, ("unread", user_id), fetch, int)


def message_pages(info: Info, last: int, before: Position | None) -> DataLoader[str, list[ChatMessage]]:
    # Rooms asked with the same page arguments (a list of rooms) share one statement.
    queries = _queries(info)

    async def fetch(room_ids: Sequence[str]) -> Mapping[str, list[ChatMessage]]:
        return await queries.pages(room_ids, last, before)

    return _loader(info, ("pages", last, before), fetch, list)


def last_messages(info: Info) -> DataLoader[str, list[ChatMessage]]:
    return message_pages(info, 0, None)


def sellers(info: Info) -> DataLoader[str, str | None]:
    return _loader(info, "sellers", _queries(info).sellers, lambda: None)


def item_room_counts(info: Info) -> DataLoader[str, int]:
    return _loader(info, "item-room-counts", _queries(info).item_room_counts, int)
