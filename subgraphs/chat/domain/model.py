"""Chat rooms between an item's seller and one buyer, their messages, and who may do what in them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gamja.auth.viewer import Viewer
from gamja.errors import BadUserInput, Forbidden, NotFound
from gamja.events.known_items import KnownItem

__all__ = [
    "MAX_BODY_LENGTH",
    "ChatMessage",
    "ChatRoom",
    "KnownItem",
    "Position",
    "check_may_start",
    "check_writable",
    "clean_body",
    "require_participant",
]

MAX_BODY_LENGTH = 1000


@dataclass(frozen=True)
class Position:
    """A place in a room's history: messages are ordered by (sent_at, id), oldest first."""

    sent_at: datetime
    id: str


@dataclass(frozen=True)
class ChatRoom:
    id: str
    item_id: str
    seller_id: str
    buyer_id: str
    created_at: datetime
    # When the last message was sent (or the room was opened): the viewer's room list is ordered by it.
    active_at: datetime
    # How many messages the room has had; also the version of the room's events on `chat.events`.
    message_count: int = 0

    def has_participant(self, user_id: str) -> bool:
        return user_id in (self.buyer_id, self.seller_id)


@dataclass(frozen=True)
class ChatMessage:
    id: str
    room_id: str
    sender_id: str
    body: str
    sent_at: datetime

    @property
    def position(self) -> Position:
        return Position(self.sent_at, self.id)


def clean_body(body: str) -> str:
    """The body as stored: trimmed, 1 to 1,000 characters (as comments)."""
    cleaned = body.strip()
    if not cleaned:
        raise BadUserInput("Write something: a message cannot be empty.", field="body")
    if len(cleaned) > MAX_BODY_LENGTH:
        raise BadUserInput(
            f"A message can be at most {MAX_BODY_LENGTH:,} characters; this one has {len(cleaned):,}.", field="body"
        )
    return cleaned


def require_participant(room: ChatRoom | None, room_id: str, viewer: Viewer) -> ChatRoom:
    """Only the room's buyer and seller see it; admins do not read private conversations either."""
    if room is None:
        raise NotFound(f"There is no chat room {room_id!r}.", field="roomId")
    if not room.has_participant(viewer.user_id):
        raise Forbidden("Only the buyer and the seller of this chat may use it.")
    return room


def check_may_start(item: KnownItem | None, item_id: str, viewer: Viewer) -> KnownItem:
    if item is None or item.deleted:
        raise NotFound(f"There is no item {item_id!r} (it may have been deleted).", field="itemId")
    if item.seller_id == viewer.user_id:
        raise Forbidden("You sell this item: buyers start chats with you, you cannot start one yourself.")
    return item


def check_writable(item: KnownItem | None) -> None:
    """A deleted item's rooms stay readable, but nobody can write in them any more."""
    if item is None or item.deleted:
        raise Forbidden("The item of this chat was deleted: the conversation is read-only now.")
