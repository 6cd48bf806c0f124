"""The write side: rooms, messages, read positions and known items read and changed inside one transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import CursorResult, Executable, and_, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from subgraphs.chat.adapters.rows import (
    KNOWN_ITEMS,
    MESSAGES,
    READS,
    ROOMS,
    known_item_from_row,
    message_from_row,
    room_from_row,
)
from subgraphs.chat.domain.model import ChatMessage, ChatRoom, KnownItem

__all__ = ["ChatRepository"]


class ChatRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _execute(self, statement: Executable) -> CursorResult[Any]:
        # Core statements over the session's own connection, so they share its transaction.
        connection = await self._session.connection()
        return await connection.execute(statement)

    def _insert(self, table: Any) -> Any:
        dialect = self._session.get_bind().dialect.name
        return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)

    async def item(self, item_id: str) -> KnownItem | None:
        row = (await self._execute(select(KNOWN_ITEMS).where(KNOWN_ITEMS.c.id == item_id))).mappings().first()
        return known_item_from_row(row) if row is not None else None

    async def learn_item(self, item: KnownItem) -> bool:
        """Store the item's state unless a same or newer version is already known; True if it changed."""
        values = {"id": item.id, "seller_id": item.seller_id, "version": item.version, "deleted": item.deleted}
        upsert = self._insert(KNOWN_ITEMS).values(**values)
        # One statement, so two deliveries of the same event racing each other still leave the newest state.
        statement = upsert.on_conflict_do_update(
            index_elements=[KNOWN_ITEMS.c.id],
            set_={k: upsert.excluded[k] for k in ("seller_id", "version", "deleted")},
            where=KNOWN_ITEMS.c.version < upsert.excluded.version,
        )
        return bool((await self._execute(statement)).rowcount)

    async def forget_all_items(self) -> None:
        """Empty the known items (for a rebuild from the event log); rooms and messages stay as they are."""
        await self._execute(delete(KNOWN_ITEMS))

    async def room(self, room_id: str) -> ChatRoom | None:
        row = (await self._execute(select(ROOMS).where(ROOMS.c.id == room_id))).mappings().first()
        return room_from_row(row) if row is not None else None

    async def open_room(self, room: ChatRoom) -> ChatRoom:
        """Insert the room unless this buyer already has one on the item; the room that exists either way."""
        values = {
            "id": room.id,
            "item_id": room.item_id,
            "seller_id": room.seller_id,
            "buyer_id": room.buyer_id,
            "created_at": room.created_at,
            "active_at": room.active_at,
            "message_count": 0,
        }
        await self._execute(self._insert(ROOMS).values(**values).on_conflict_do_nothing())
        row = (
            (
                await self._execute(
                    select(ROOMS).where(ROOMS.c.item_id == room.item_id, ROOMS.c.buyer_id == room.buyer_id)
                )
            )
            .mappings()
            .one()
        )
        return room_from_row(row)

    async def add_message(self, message: ChatMessage) -> int:
        """Store the message and bump its room; returns the room's new message count (the event's version).

        The counter update takes the room's row lock first, so concurrent senders in one room serialise.
        """
        result = await self._execute(
            update(ROOMS)
            .where(ROOMS.c.id == message.room_id)
            .values(message_count=ROOMS.c.message_count + 1, active_at=message.sent_at)
            .returning(ROOMS.c.message_count)
        )
        count = int(result.scalar_one())
        await self._execute(
            insert(MESSAGES).values(
                id=message.id,
                room_id=message.room_id,
                sender_id=message.sender_id,
                body=message.body,
                sent_at=message.sent_at,
            )
        )
        return count

    async def message(self, message_id: str) -> ChatMessage | None:
        row = (await self._execute(select(MESSAGES).where(MESSAGES.c.id == message_id))).mappings().first()
        return message_from_row(row) if row is not None else None

    async def latest_message(self, room_id: str) -> ChatMessage | None:
        row = (
            (
                await self._execute(
                    select(MESSAGES)
                    .where(MESSAGES.c.room_id == room_id)
                    .order_by(MESSAGES.c.sent_at.desc(), MESSAGES.c.id.desc())
                    .limit(1)
                )
            )
            .mappings()
            .first()
        )
        return message_from_row(row) if row is not None else None

    async def mark_read(self, room_id: str, user_id: str, upto: ChatMessage) -> None:
        """Move the reader's position forward to `upto`; never backwards (a late, older mark changes nothing)."""
        upsert = self._insert(READS).values(room_id=room_id, user_id=user_id, read_at=upto.sent_at, read_id=upto.id)
        older = READS.c.read_at < upsert.excluded.read_at
        same_time_lower_id = and_(READS.c.read_at == upsert.excluded.read_at, READS.c.read_id < upsert.excluded.read_id)
        await self._execute(
            upsert.on_conflict_do_update(
                index_elements=[READS.c.room_id, READS.c.user_id],
                set_={"read_at": upsert.excluded.read_at, "read_id": upsert.excluded.read_id},
                where=older | same_time_lower_id,
            )
        )
