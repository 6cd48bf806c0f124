"""Writes and reads item snapshots in the read store; the version decides whether a write wins."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import delete, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult
from sqlalchemy.sql.base import Executable
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from subgraphs.items.adapters.snapshot_columns import snapshot_columns, snapshot_from_row
from subgraphs.items.domain.snapshot import ItemSnapshot
from subgraphs.items.read_model.tables import ReadItemRow, ReadLikeRow

__all__ = ["load_read_page", "snapshots_from_rows", "store_snapshot"]


async def _execute(session: AsyncSession, statement: Executable, parameters: Any = None) -> CursorResult[Any]:
    # Core statements over the session's own connection, so they share its transaction.
    connection = await session.connection()
    return await connection.execute(statement, parameters)


_items: sa.Table = ReadItemRow.__table__  # type: ignore[attr-defined]
_likes: sa.Table = ReadLikeRow.__table__  # type: ignore[attr-defined]


async def store_snapshot(
    session: AsyncSession,
    state: ItemSnapshot,
    *,
    overwrite_same_version: bool = False,
    items: sa.Table = _items,
    likes: sa.Table = _likes,
) -> bool:
    """Upsert the item unless the store already holds a newer version (or the same one); True if written.

    One statement decides and writes, so two writers racing on one item cannot go backwards. `items` and
    `likes`: the live tables, or a rebuild's aside ones.
    """
    values = {"id": state.id, **snapshot_columns(state)}
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    statement = dialect.insert(items).values(values)
    newer = (
        items.c.version <= statement.excluded.version
        if overwrite_same_version
        else items.c.version < statement.excluded.version
    )
    statement = statement.on_conflict_do_update(
        index_elements=[items.c.id],
        set_={name: statement.excluded[name] for name in values if name != "id"},
        where=newer,
    ).returning(items.c.id)
    if (await _execute(session, statement)).first() is None:
        return False
    await _execute(session, delete(likes).where(likes.c.item_id == state.id))
    if state.liked_by:
        await _execute(
            session,
            insert(likes).values(
                [{"item_id": state.id, "user_id": user, "position": i} for i, user in enumerate(state.liked_by)]
            ),
        )
    return True


async def snapshots_from_rows(session: AsyncSession, rows: Sequence[ReadItemRow]) -> list[ItemSnapshot]:
    """Attach each row's likes (one query for all rows)."""
    ids = [row.id for row in rows]
    liked: dict[str, list[str]] = {}
    if ids:
        likes = await session.exec(
            select(ReadLikeRow)
            .where(ReadLikeRow.item_id.in_(ids))  # type: ignore[attr-defined]
            .order_by(ReadLikeRow.item_id, ReadLikeRow.position)  # type: ignore[arg-type]
        )
        for like in likes.all():
            liked.setdefault(like.item_id, []).append(like.user_id)
    return [snapshot_from_row(row, liked.get(row.id, ())) for row in rows]


async def load_read_page(session: AsyncSession, after: str | None, limit: int) -> list[ItemSnapshot]:
    """Up to `limit` rows of the read store by id, from just after `after`, tombstones included (for the check)."""
    query = select(ReadItemRow).order_by(ReadItemRow.id).limit(limit)
    if after is not None:
        query = query.where(ReadItemRow.id > after)
    return await snapshots_from_rows(session, (await session.exec(query)).all())
