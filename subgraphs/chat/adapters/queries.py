"""The read side: what participants see, each method one SQL statement for a whole batch of keys."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select, true

from gamja.db import Database
from subgraphs.chat.adapters.rows import KNOWN_ITEMS, MESSAGES, READS, ROOMS, message_from_row, room_from_row
from subgraphs.chat.domain.model import ChatMessage, ChatRoom, Position

__all__ = ["ChatQueries"]


def _message_after(position: Position) -> ColumnElement[bool]:
    sent, ident = MESSAGES.c.sent_at, MESSAGES.c.id
    return or_(sent > position.sent_at, and_(sent == position.sent_at, ident > position.id))


def _message_before(position: Position | None) -> ColumnElement[bool]:
    if position is None:
        return true()
    sent, ident = MESSAGES.c.sent_at, MESSAGES.c.id
    return or_(sent < position.sent_at, and_(sent == position.sent_at, ident < position.id))


def _room_before(position: tuple[datetime, str] | None) -> ColumnElement[bool]:
    if position is None:
        return true()
    active, ident = ROOMS.c.active_at, ROOMS.c.id
    return or_(active < position[0], and_(active == position[0], ident < position[1]))


def _participant(user_id: str) -> ColumnElement[bool]:
    return or_(ROOMS.c.buyer_id == user_id, ROOMS.c.seller_id == user_id)


class ChatQueries:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def _rows(self, statement: Select[Any]) -> list[Any]:
        async with self._database.engine.connect() as connection:
            return list((await connection.execute(statement)).mappings().all())

    async def rooms(self, room_ids: Sequence[str]) -> dict[str, ChatRoom]:
        rows = await self._rows(select(ROOMS).where(ROOMS.c.id.in_(room_ids)))
        return {row["id"]: room_from_row(row) for row in rows}

    async def rooms_of(self, user_id: str, first: int, after: tuple[datetime, str] | None) -> list[ChatRoom]:
        """The user's rooms, most recently active first; `first` + 1 to tell whether another page follows."""
        rows = await self._rows(
            select(ROOMS)
            .where(_participant(user_id), _room_before(after))
            .order_by(ROOMS.c.active_at.desc(), ROOMS.c.id.desc())
            .limit(first + 1)
        )
        return [room_from_row(row) for row in rows]

    async def room_counts(self, user_id: str) -> int:
        rows = await self._rows(select(func.count().label("total")).where(_participant(user_id)))
        return int(rows[0]["total"])

    async def unread_counts(self, room_ids: Sequence[str], user_id: str) -> dict[str, int]:
        """Per room, the other participant's messages after the user's read position."""
        read = READS.alias("read")
        unread = or_(
            read.c.read_at.is_(None),
            MESSAGES.c.sent_at > read.c.read_at,
            and_(MESSAGES.c.sent_at == read.c.read_at, MESSAGES.c.id > read.c.read_id),
        )
        rows = await self._rows(
            select(MESSAGES.c.room_id, func.count().label("total"))
            .select_from(
                MESSAGES.outerjoin(read, and_(read.c.room_id == MESSAGES.c.room_id, read.c.user_id == user_id))
            )
            .where(MESSAGES.c.room_id.in_(room_ids), MESSAGES.c.sender_id != user_id, unread)
            .group_by(MESSAGES.c.room_id)
        )
        return {row["room_id"]: int(row["total"]) for row in rows}

    async def pages(self, room_ids: Sequence[str], last: int, before: Position | None) -> dict[str, list[ChatMessage]]:
        """Up to `last` + 1 messages per room before `before`, newest first (callers show them oldest first)."""
        order = (MESSAGES.c.sent_at.desc(), MESSAGES.c.id.desc())
        rank = func.row_number().over(partition_by=MESSAGES.c.room_id, order_by=order).label("rank")
        ranked = select(MESSAGES, rank).where(MESSAGES.c.room_id.in_(room_ids), _message_before(before)).subquery()
        rows = await self._rows(
            select(ranked).where(ranked.c.rank <= last + 1).order_by(ranked.c.room_id, ranked.c.rank)
        )
        pages: dict[str, list[ChatMessage]] = defaultdict(list)
        for row in rows:
            pages[row["room_id"]].append(message_from_row(row))
        return pages

    async def messages_after(self, user_id: str, room_id: str | None, after: Position, limit: int) -> list[ChatMessage]:
        """What a reconnecting subscriber missed: messages after `after`, oldest first, in one room or all of
        the user's rooms."""
        scope = (
            MESSAGES.c.room_id == room_id
            if room_id is not None
            else MESSAGES.c.room_id.in_(select(ROOMS.c.id).where(_participant(user_id)))
        )
        rows = await self._rows(
            select(MESSAGES)
            .where(scope, _message_after(after))
            .order_by(MESSAGES.c.sent_at, MESSAGES.c.id)
            .limit(limit)
        )
        return [message_from_row(row) for row in rows]

    async def messages(self, message_ids: Sequence[str]) -> dict[str, ChatMessage]:
        rows = await self._rows(select(MESSAGES).where(MESSAGES.c.id.in_(message_ids)))
        return {row["id"]: message_from_row(row) for row in rows}

    async def sellers(self, item_ids: Sequence[str]) -> dict[str, str]:
        """The seller of each item chat knows of and that still exists."""
        rows = await self._rows(
            select(KNOWN_ITEMS.c.id, KNOWN_ITEMS.c.seller_id).where(
                KNOWN_ITEMS.c.id.in_(item_ids), KNOWN_ITEMS.c.deleted == false()
            )
        )
        return {row["id"]: row["seller_id"] for row in rows}

    async def item_room_counts(self, item_ids: Sequence[str]) -> dict[str, int]:
        rows = await self._rows(
            select(ROOMS.c.item_id, func.count().label("total"))
            .where(ROOMS.c.item_id.in_(item_ids))
            .group_by(ROOMS.c.item_id)
        )
        return {row["item_id"]: int(row["total"]) for row in rows}
