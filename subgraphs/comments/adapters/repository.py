"""The write side: comments and known items read and changed inside one transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import CursorResult, Executable, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

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
        """Store the item's state unless a same or newer version is already known; True if it changed."""
        dialect = self._session.get_bind().dialect.name
        values = {"id": item.id, "seller_id": item.seller_id, "version": item.version, "deleted": item.deleted}
        upsert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(KNOWN_ITEMS).values(**values)
        # One statement, so two deliveries of the same event racing each other still leave the newest state.
        statement = upsert.on_conflict_do_update(
            index_elements=[KNOWN_ITEMS.c.id],
            set_={
                "seller_id": upsert.excluded.seller_id,
                "version": upsert.excluded.version,
                "deleted": upsert.excluded.deleted,
            },
            where=KNOWN_ITEMS.c.version < upsert.excluded.version,
        )
        result = await self._execute(statement)
        return bool(result.rowcount)

    async def known_items_page(self, after: str | None, limit: int) -> list[KnownItem]:
        """Up to `limit` known items by id, from just after `after` (the check walks them page by page)."""
        query = select(KNOWN_ITEMS).order_by(KNOWN_ITEMS.c.id).limit(limit)
        if after is not None:
            query = query.where(KNOWN_ITEMS.c.id > after)
        return [known_item_from_row(row) for row in (await self._execute(query)).mappings()]

    async def forget_all_items(self) -> None:
        """Empty the known items (for a rebuild from the event log); the comments stay as they are."""
        await self._execute(delete(KNOWN_ITEMS))
