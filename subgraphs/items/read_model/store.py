"""Writes and reads item snapshots in the read store; the version decides whether a write wins."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from subgraphs.items.adapters.snapshot_columns import snapshot_columns, snapshot_from_row
from subgraphs.items.domain.snapshot import ItemSnapshot
from subgraphs.items.read_model.tables import ReadItemRow, ReadLikeRow

__all__ = ["load_read_snapshots", "snapshots_from_rows", "store_snapshot"]

_items = ReadItemRow.__table__  # type: ignore[attr-defined]


async def store_snapshot(session: AsyncSession, state: ItemSnapshot, *, overwrite_same_version: bool = False) -> bool:
    """Upsert the item unless the store already holds a newer version (or the same one); True if written.

    One statement decides and writes, so two writers racing on one item cannot go backwards.
    """
    values = {"id": state.id, **snapshot_columns(state)}
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    statement = dialect.insert(_items).values(values)
    newer = (
        _items.c.version <= statement.excluded.version
        if overwrite_same_version
        else _items.c.version < statement.excluded.version
    )
    statement = statement.on_conflict_do_update(
        index_elements=[_items.c.id],
        set_={name: statement.excluded[name] for name in values if name != "id"},
        where=newer,
    ).returning(_items.c.id)
    if (await session.exec(statement)).first() is None:
        return False
    await session.exec(delete(ReadLikeRow).where(ReadLikeRow.item_id == state.id))  # type: ignore[arg-type]
    if state.liked_by:
        await session.exec(
            insert(ReadLikeRow).values(
                [{"item_id": state.id, "user_id": user, "position": i} for i, user in enumerate(state.liked_by)]
            )
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


async def load_read_snapshots(session: AsyncSession) -> list[ItemSnapshot]:
    """Every row of the read store, tombstones included (for the consistency check)."""
    rows = (await session.exec(select(ReadItemRow).order_by(ReadItemRow.id))).all()
    return await snapshots_from_rows(session, rows)
