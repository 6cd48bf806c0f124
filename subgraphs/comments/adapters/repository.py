"""The write side: comments and known items read and changed inside one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import CursorResult, Executable, Table, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from subgraphs.comments.adapters.known_items_aside import KNOWN_ITEMS_NEXT, rebuilding
from subgraphs.comments.adapters.rows import (
    COMMENTS,
    KNOWN_ITEMS,
    comment_from_mapping,
    comment_values,
    known_item_from_row,
)
from subgraphs.comments.domain.model import Comment, KnownItem

__all__ = ["CommentRepository"]


class CommentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _execute(self, statement: Executable) -> CursorResult[Any]:
        # Core statements over the session's own connection, so they share its transaction.
        connection = await self._session.connection()
        return await connection.execute(statement)

    async def item(self, item_id: str) -> KnownItem | None:
        result = await self._execute(select(KNOWN_ITEMS).where(KNOWN_ITEMS.c.id == item_id))
        row = result.mappings().first()
        return known_item_from_row(row) if row is not None else None

    async def comment(self, comment_id: str) -> Comment | None:
        result = await self._execute(select(COMMENTS).where(COMMENTS.c.id == comment_id))
        row = result.mappings().first()
        return comment_from_mapping(row) if row is not None else None

    async def add(self, comment: Comment) -> None:
        await self._execute(insert(COMMENTS).values(**comment_values(comment)))

    async def save(self, comment: Comment) -> None:
        await self._execute(
            update(COMMENTS)
            .where(COMMENTS.c.id == comment.id)
            .values(body=comment.body, updated_at=comment.updated_at, deleted_at=comment.deleted_at)
        )

    async def learn_item(self, item: KnownItem) -> bool:
        """Store the item's state unless a same or newer version is already known; True if it changed.

        While a rebuild runs (known_items_aside.py) the item is learnt by its aside table too.
        """
        changed = await self.learn_items([item])
        # After the live write, so on SQLite this transaction holds the writer lock already and a rebuild
        # cannot start or swap between the look and the write.
        if await rebuilding(self._session):
            await self.learn_items([item], table=KNOWN_ITEMS_NEXT)
        return changed > 0

    async def learn_items(self, items: Sequence[KnownItem], *, table: Table = KNOWN_ITEMS) -> int:
        """One upsert statement for the lot: per item its newest version, unless one as new is known; returns rows changed.

        `table`: the live known items, or a rebuild's aside table.
        """
        newest: dict[str, KnownItem] = {}
        for item in items:
            # PostgreSQL refuses one statement that updates a row twice: the last version per item only.
            if item.id not in newest or newest[item.id].version < item.version:
                newest[item.id] = item
        if not newest:
            return 0
        dialect = self._session.get_bind().dialect.name
        upsert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table).values(
            [
                {"id": item.id, "seller_id": item.seller_id, "version": item.version, "deleted": item.deleted}
                for item in newest.values()
            ]
        )
        # One statement decides and writes, so two writers racing on one item still leave the newest state.
        statement = upsert.on_conflict_do_update(
            index_elements=[table.c.id],
            set_={
                "seller_id": upsert.excluded.seller_id,
                "version": upsert.excluded.version,
                "deleted": upsert.excluded.deleted,
            },
            where=table.c.version < upsert.excluded.version,
        )
        result = await self._execute(statement)
        return int(result.rowcount)

    async def known_items_page(self, after: str | None, limit: int) -> list[KnownItem]:
        """Up to `limit` known items by id, from just after `after` (the check walks them page by page)."""
        query = select(KNOWN_ITEMS).order_by(KNOWN_ITEMS.c.id).limit(limit)
        if after is not None:
            query = query.where(KNOWN_ITEMS.c.id > after)
        return [known_item_from_row(row) for row in (await self._execute(query)).mappings()]
