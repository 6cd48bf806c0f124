"""Writing to chat: open a room, send a message, mark a room read; each one transaction that checks the rules."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from gamja.auth.viewer import Viewer
from gamja.db import Database
from gamja.events.outbox import append_to_outbox
from gamja.events.topics import CHAT_EVENTS
from subgraphs.chat.adapters.repository import ChatRepository
from subgraphs.chat.adapters.tables import outbox
from subgraphs.chat.domain.model import (
    ChatMessage,
    ChatRoom,
    check_may_start,
    check_writable,
    clean_body,
    require_participant,
)
from subgraphs.chat.service_layer.events import message_sent_event

__all__ = ["ChatCommands"]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _nothing() -> None:
    return None


class ChatCommands:
    """`on_commit` wakes the outbox relay, so a message leaves for `chat.events` as soon as it is stored."""

    def __init__(
        self,
        database: Database,
        *,
        on_commit: Callable[[], None] = _nothing,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._database = database
        self._on_commit = on_commit
        self._clock = clock

    async def start(self, viewer: Viewer, item_id: str, *, room_id: str | None = None) -> ChatRoom:
        """The viewer's room about the item, as its buyer: opened now, or the one they already have."""
        async with self._database.transaction() as session:
            repo = ChatRepository(session)
            item = check_may_start(await repo.item(item_id), item_id, viewer)
            now = self._clock()
            wanted = ChatRoom(
                id=room_id or str(uuid.uuid4()),
                item_id=item.id,
                seller_id=item.seller_id,
                buyer_id=viewer.user_id,
                created_at=now,
                active_at=now,
            )
            return await repo.open_room(wanted)

    async def send(self, viewer: Viewer, room_id: str, body: str, *, message_id: str | None = None) -> ChatMessage:
        """The sender is always the verified viewer; the message and its event commit together."""
        text = clean_body(body)
        async with self._database.transaction() as session:
            repo = ChatRepository(session)
            room = require_participant(await repo.room(room_id), room_id, viewer)
            check_writable(await repo.item(room.item_id))
            message = ChatMessage(
                id=message_id or str(uuid.uuid4()),
                room_id=room.id,
                sender_id=viewer.user_id,
                body=text,
                sent_at=self._clock(),
            )
            version = await repo.add_message(message)
            await append_to_outbox(session, outbox, CHAT_EVENTS, message_sent_event(room, message, version))
        self._on_commit()
        return message

    async def mark_read(self, viewer: Viewer, room_id: str) -> ChatRoom:
        """Everything in the room up to its latest message counts as read by the viewer (allowed read-only too)."""
        async with self._database.transaction() as session:
            repo = ChatRepository(session)
            room = require_participant(await repo.room(room_id), room_id, viewer)
            latest = await repo.latest_message(room.id)
            if latest is not None:
                await repo.mark_read(room.id, viewer.user_id, latest)
            return room
