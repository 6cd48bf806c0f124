"""The read side: what readers see, each method one SQL statement for a whole batch of keys.

A comment is shown when its item is known and not deleted, and it is not deleted itself, except for a
deleted top-level comment that still has live replies: that one stays as a placeholder.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, or_, select, true

from gamja.db import Database
from subgraphs.comments.adapters.rows import COMMENTS, KNOWN_ITEMS, comment_from_mapping
from subgraphs.comments.domain.model import Comment

__all__ = ["CommentQueries", "Position"]


@dataclass(frozen=True)
class Position:
    """Where a page starts: after the comment with this (created_at, id)."""

    created_at: datetime
    id: str


def _live_item() -> ColumnElement[bool]:
    return exists().where(KNOWN_ITEMS.c.id == COMMENTS.c.item_id, KNOWN_ITEMS.c.deleted == false())


def _has_live_replies() -> ColumnElement[bool]:
    reply = COMMENTS.alias("reply")
    return exists().where(reply.c.parent_id == COMMENTS.c.id, reply.c.deleted_at.is_(None))


def _shown_thread() -> ColumnElement[bool]:
    return and_(COMMENTS.c.parent_id.is_(None), or_(COMMENTS.c.deleted_at.is_(None), _has_live_replies()))


def _after(position: Position | None, *, newest_first: bool) -> ColumnElement[bool]:
    if position is None:
        return true()
    created, ident = COMMENTS.c.created_at, COMMENTS.c.id
    if newest_first:
        return or_(created < position.created_at, and_(created == position.created_at, ident < position.id))
    return or_(created > position.created_at, and_(created == position.created_at, ident > position.id))


class CommentQueries:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def _rows(self, statement: Select[Any]) -> list[Any]:
        async with self._database.engine.connect() as connection:
            result = await connection.execute(statement)
            return list(result.mappings().all())

    async def _pages(
        self,
        group: str,
        keys: Sequence[str],
        where: ColumnElement[bool],
        first: int,
        after: Position | None,
        *,
        newest_first: bool,
    ) -> dict[str, list[Comment]]:
        """Up to `first` + 1 comments per key (the extra one tells whether another page follows)."""
        column = COMMENTS.c[group]
        order = (
            (COMMENTS.c.created_at.desc(), COMMENTS.c.id.desc())
            if newest_first
            else (COMMENTS.c.created_at, COMMENTS.c.id)
        )
        rank = func.row_number().over(partition_by=column, order_by=order).label("rank")
        ranked = (
            select(COMMENTS, rank)
            .where(column.in_(keys), where, _live_item(), _after(after, newest_first=newest_first))
            .subquery()
        )
        rows = await self._rows(
            select(ranked).where(ranked.c.rank <= first + 1).order_by(ranked.c[group], ranked.c.rank)
        )
        pages: dict[str, list[Comment]] = defaultdict(list)
        for row in rows:
            pages[row[group]].append(comment_from_mapping(row))
        return pages

    async def _counts(self, group: str, keys: Sequence[str], where: ColumnElement[bool]) -> dict[str, int]:
        column = COMMENTS.c[group]
        rows = await self._rows(
            select(column.label("key"), func.count().label("total"))
            .where(column.in_(keys), where, _live_item())
            .group_by(column)
        )
        return {row["key"]: int(row["total"]) for row in rows}

    async def comments(self, ids: Sequence[str]) -> dict[str, Comment]:
        """Comments by id, as a reader may see them (placeholders included)."""
        shown = or_(COMMENTS.c.deleted_at.is_(None), and_(COMMENTS.c.parent_id.is_(None), _has_live_replies()))
        rows = await self._rows(select(COMMENTS).where(COMMENTS.c.id.in_(ids), shown, _live_item()))
        return {row["id"]: comment_from_mapping(row) for row in rows}

    async def comment_counts(self, item_ids: Sequence[str]) -> dict[str, int]:
        """Live comments and replies per item (placeholders are not counted)."""
        return await self._counts("item_id", item_ids, COMMENTS.c.deleted_at.is_(None))

    async def thread_pages(
        self, item_ids: Sequence[str], first: int, after: Position | None
    ) -> dict[str, list[Comment]]:
        return await self._pages("item_id", item_ids, _shown_thread(), first, after, newest_first=False)

    async def thread_counts(self, item_ids: Sequence[str]) -> dict[str, int]:
        return await self._counts("item_id", item_ids, _shown_thread())

    async def replies(self, parent_ids: Sequence[str]) -> dict[str, list[Comment]]:
        rows = await self._rows(
            select(COMMENTS)
            .where(COMMENTS.c.parent_id.in_(parent_ids), COMMENTS.c.deleted_at.is_(None), _live_item())
            .order_by(COMMENTS.c.created_at, COMMENTS.c.id)
        )
        replies: dict[str, list[Comment]] = defaultdict(list)
        for row in rows:
            replies[row["parent_id"]].append(comment_from_mapping(row))
        return replies

    async def author_pages(
        self, author_ids: Sequence[str], first: int, after: Position | None
    ) -> dict[str, list[Comment]]:
        return await self._pages(
            "author_id", author_ids, COMMENTS.c.deleted_at.is_(None), first, after, newest_first=True
        )

    async def author_counts(self, author_ids: Sequence[str]) -> dict[str, int]:
        return await self._counts("author_id", author_ids, COMMENTS.c.deleted_at.is_(None))
