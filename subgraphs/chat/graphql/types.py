"""The GraphQL types of chat, and what chat adds to the `Item` and `User` entities."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from gamja.errors import BadUserInput
from gamja.subgraph.pagination import MAX_PAGE_SIZE, PageInfo, decode_cursor, encode_cursor
from subgraphs.chat.domain import model
from subgraphs.chat.graphql import loaders
from subgraphs.chat.graphql.loaders import Info

__all__ = [
    "ChatMessage",
    "ChatMessageConnection",
    "ChatMessageEdge",
    "ChatRoom",
    "ChatRoomConnection",
    "ChatRoomEdge",
    "Item",
    "User",
    "message_cursor",
    "room_cursor",
]

_MESSAGES = "chatmessage"
_ROOMS = "chatroom"
DEFAULT_MESSAGES = 30


def message_cursor(message: model.ChatMessage) -> str:
    return encode_cursor(_MESSAGES, message.sent_at, message.id)


def room_cursor(room: model.ChatRoom) -> str:
    return encode_cursor(_ROOMS, room.active_at, room.id)


def _before(cursor: str | None) -> model.Position | None:
    if cursor is None:
        return None
    try:
        sent_at, message_id = decode_cursor(_MESSAGES, cursor)
    except BadUserInput as exc:
        raise BadUserInput(
            "`before` is not a cursor this list gave out; pass a `cursor` or `endCursor` back.", field="before"
        ) from exc
    return model.Position(sent_at, message_id)


def _last(last: int | None) -> int:
    if last is None:
        return DEFAULT_MESSAGES
    if not 0 <= last <= MAX_PAGE_SIZE:
        raise BadUserInput(f"`last` must be between 0 and {MAX_PAGE_SIZE}.", field="last")
    return last


@strawberry.federation.type(keys=["id"])
class User:
    id: strawberry.ID

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID, **_representation: Any) -> User:
        return cls(id=id)


@strawberry.federation.type(keys=["id"])
class Item:
    id: strawberry.ID

    @strawberry.field(description="How many buyers have opened a chat about the item: its seller sees it, others null.")
    async def chat_room_count(self, info: Info) -> int | None:
        viewer = info.context.viewer
        seller = await loaders.sellers(info).load(str(self.id))
        if viewer is None or seller is None or viewer.user_id != seller:
            return None
        return await loaders.item_room_counts(info).load(str(self.id))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID, **_representation: Any) -> Item:
        return cls(id=id)


@strawberry.federation.type(keys=["id"], description="A conversation between an item's seller and one buyer.")
class ChatRoom:
    id: strawberry.ID
    created_at: datetime
    item_id: strawberry.Private[str]
    seller_id: strawberry.Private[str]
    buyer_id: strawberry.Private[str]
    message_count: strawberry.Private[int]

    @classmethod
    def of(cls, room: model.ChatRoom) -> ChatRoom:
        return cls(
            id=strawberry.ID(room.id),
            created_at=room.created_at,
            item_id=room.item_id,
            seller_id=room.seller_id,
            buyer_id=room.buyer_id,
            message_count=room.message_count,
        )

    @strawberry.field
    def item(self) -> Item:
        return Item(id=strawberry.ID(self.item_id))

    @strawberry.field
    def seller(self) -> User:
        return User(id=strawberry.ID(self.seller_id))

    @strawberry.field
    def buyer(self) -> User:
        return User(id=strawberry.ID(self.buyer_id))

    @strawberry.field(description="The latest `last` messages before `before`, newest last.")
    async def messages(self, info: Info, last: int | None = None, before: str | None = None) -> ChatMessageConnection:
        size, position = _last(last), _before(before)
        newest_first = await loaders.message_pages(info, size, position).load(str(self.id))
        return ChatMessageConnection.of(newest_first, size, self.message_count)

    @strawberry.field
    async def last_message(self, info: Info) -> ChatMessage | None:
        latest = await loaders.last_messages(info).load(str(self.id))
        return ChatMessage.of(latest[0]) if latest else None

    @strawberry.field(description="Messages from the other participant the viewer has not marked read.")
    async def unread_count(self, info: Info) -> int:
        viewer = info.context.require_viewer()
        return await loaders.unread_counts(info, viewer.user_id).load(str(self.id))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID, **_representation: Any) -> ChatRoom | None:
        """Only its participants can see a room, whichever way they reach it."""
        viewer = info.context.viewer
        room = await loaders.rooms_by_id(info).load(str(id))
        if room is None or viewer is None or not room.has_participant(viewer.user_id):
            return None
        return cls.of(room)


@strawberry.type
class ChatMessage:
    id: strawberry.ID
    body: str
    sent_at: datetime
    room_id: strawberry.Private[str]
    sender_id: strawberry.Private[str]

    @classmethod
    def of(cls, message: model.ChatMessage) -> ChatMessage:
        return cls(
            id=strawberry.ID(message.id),
            body=message.body,
            sent_at=message.sent_at,
            room_id=message.room_id,
            sender_id=message.sender_id,
        )

    @strawberry.field
    async def room(self, info: Info) -> ChatRoom:
        room = await loaders.rooms_by_id(info).load(self.room_id)
        assert room is not None, "a message is never stored without its room"
        return ChatRoom.of(room)

    @strawberry.field
    def sender(self) -> User:
        return User(id=strawberry.ID(self.sender_id))


@strawberry.type
class ChatMessageEdge:
    cursor: str
    node: ChatMessage


@strawberry.type(
    description="Messages oldest first. `pageInfo.hasNextPage` says whether older messages remain, and "
    "`pageInfo.endCursor` (the oldest shown) is the `before` that fetches them."
)
class ChatMessageConnection:
    edges: list[ChatMessageEdge]
    page_info: PageInfo
    total_count: int

    @classmethod
    def of(cls, newest_first: list[model.ChatMessage], size: int, total: int) -> ChatMessageConnection:
        shown = list(reversed(newest_first[:size]))
        edges = [ChatMessageEdge(cursor=message_cursor(m), node=ChatMessage.of(m)) for m in shown]
        return cls(
            edges=edges,
            page_info=PageInfo(has_next_page=len(newest_first) > size, end_cursor=edges[0].cursor if edges else None),
            total_count=total,
        )


@strawberry.type
class ChatRoomEdge:
    cursor: str
    node: ChatRoom


@strawberry.type
class ChatRoomConnection:
    edges: list[ChatRoomEdge]
    page_info: PageInfo
    total_count: int
