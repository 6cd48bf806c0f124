"""Writes and reads item snapshots in the read store; the version decides whether a write wins."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from subgraphs.items.domain.snapshot import ItemSnapshot, ItemStatus, as_utc
from subgraphs.items.read_model.tables import ReadItemRow, ReadLikeRow

__all__ = ["load_read_snapshots", "snapshots_from_rows", "store_snapshot"]

_items = ReadItemRow.__table__  # type: ignore[attr-defined]


async def store_snapshot(session: AsyncSession, state: ItemSnapshot, *, overwrite_same_version: bool = False) -> bool:
    """Upsert the item unless the store already holds a newer version (or the same one); True if written.

    One statement decides and writes, so two writers racing on one item cannot go backwards.
    """
    values = {
        "id": state.id,
        "title": state.title,
        "description": state.description,
        "price": state.price,
        "category": state.category,
        "region": state.region,
        "status": state.status.value,
        "seller_id": state.seller_id,
        "buyer_id": state.buyer_id,
        "sold_at": state.sold_at,
        "created_at": state.created_at,
        "updated_at": state.updated_at,
        "bumped_at": state.bumped_at,
        "deleted": state.deleted,
        "version": state.version,
    }
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
    return [
        ItemSnapshot(
            id=row.id,
            title=row.title,
            description=row.description,
            price=row.price,
            category=row.category,
            region=row.region,
            status=ItemStatus(row.status),
            seller_id=row.seller_id,
            buyer_id=row.buyer_id,
            sold_at=as_utc(row.sold_at) if row.sold_at else None,
            liked_by=tuple(liked.get(row.id, ())),
            created_at=as_utc(row.created_at),
            updated_at=as_utc(row.updated_at),
            bumped_at=as_utc(row.bumped_at),
            deleted=row.deleted,
            version=row.version,
        )
        for row in rows
    ]


async def load_read_snapshots(session: AsyncSession) -> list[ItemSnapshot]:
    """Every row of the read store, tombstones included (for the consistency check)."""
    rows = (await session.exec(select(ReadItemRow).order_by(ReadItemRow.id))).all()
    return await snapshots_from_rows(session, rows)
