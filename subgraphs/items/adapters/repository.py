"""Loads and stores Item aggregates in the write DB; remembers what it handed out for the unit of work."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from gamja.errors import Conflict
from subgraphs.items.adapters.snapshot_columns import snapshot_columns, snapshot_from_row
from subgraphs.items.adapters.tables import ItemLikeRow, ItemRow, KnownUserRow, SaleRow
from subgraphs.items.domain.item import Item
from subgraphs.items.domain.snapshot import ItemSnapshot, ItemStatus

__all__ = ["ItemRepository", "load_snapshot_page", "load_snapshots"]


async def load_snapshots(session: AsyncSession, ids: Sequence[str] | None = None) -> list[ItemSnapshot]:
    """Items (deleted ones included) with their likes; all of them when `ids` is None."""
    items = select(ItemRow).order_by(ItemRow.id)
    likes = select(ItemLikeRow).order_by(ItemLikeRow.item_id, ItemLikeRow.position)  # type: ignore[arg-type]
    if ids is not None:
        items = items.where(ItemRow.id.in_(ids))  # type: ignore[attr-defined]
        likes = likes.where(ItemLikeRow.item_id.in_(ids))  # type: ignore[attr-defined]
    liked: dict[str, list[str]] = {}
    for like in (await session.exec(likes)).all():
        liked.setdefault(like.item_id, []).append(like.user_id)
    return [snapshot_from_row(row, liked.get(row.id, ())) for row in (await session.exec(items)).all()]


async def load_snapshot_page(session: AsyncSession, after: str | None, limit: int) -> list[ItemSnapshot]:
    """Up to `limit` items by id, from just after `after` (deleted ones included): a rebuild's or check's batch."""
    query = select(ItemRow).order_by(ItemRow.id).limit(limit)
    if after is not None:
        query = query.where(ItemRow.id > after)
    rows = (await session.exec(query)).all()
    if not rows:
        return []
    likes = select(ItemLikeRow).where(ItemLikeRow.item_id.in_([row.id for row in rows]))  # type: ignore[attr-defined]
    liked: dict[str, list[str]] = {}
    for like in (await session.exec(likes.order_by(ItemLikeRow.item_id, ItemLikeRow.position))).all():  # type: ignore[arg-type]
        liked.setdefault(like.item_id, []).append(like.user_id)
    return [snapshot_from_row(row, liked.get(row.id, ())) for row in rows]


class ItemRepository:
    def __init__(self, session: AsyncSession, *, lock_rows: bool) -> None:
        self._session = session
        self._lock_rows = lock_rows
        self._loaded: dict[str, ItemSnapshot] = {}
        self.seen: list[Item] = []

    def add(self, item: Item) -> None:
        self.seen.append(item)

    async def user_known(self, user_id: str) -> bool:
        """Whether `users.events` has announced this account (see `adapters/known_users.py`)."""
        return (await self._session.get(KnownUserRow, user_id)) is not None

    async def get(self, item_id: str) -> Item | None:
        """The item, deleted ones included (callers decide); locked for this transaction on PostgreSQL."""
        query = select(ItemRow).where(ItemRow.id == item_id)
        if self._lock_rows:
            query = query.with_for_update()
        row = (await self._session.exec(query)).first()
        if row is None:
            return None
        likes = await self._session.exec(
            select(ItemLikeRow.user_id).where(ItemLikeRow.item_id == item_id).order_by(ItemLikeRow.position)  # type: ignore[arg-type]
        )
        state = snapshot_from_row(row, list(likes.all()))
        self._loaded[item_id] = state
        item = Item(state)
        self.seen.append(item)
        return item

    async def flush(self, item: Item) -> None:
        """Write the item's current state: insert if new, else update guarded by the version it was loaded at."""
        state = item.state
        before = self._loaded.get(item.id)
        if before is None:
            await self._session.exec(insert(ItemRow).values(id=state.id, **snapshot_columns(state)))
        elif before.version != state.version:
            result = await self._session.exec(
                update(ItemRow)
                .where(ItemRow.id == state.id, ItemRow.version == before.version)  # type: ignore[arg-type]
                .values(**snapshot_columns(state))
            )
            if result.rowcount != 1:
                raise Conflict("The item was changed at the same time by someone else; try again.")
        else:
            return
        await self._flush_likes(state, before)
        sale = item.sale
        if sale is not None and (before is None or before.status is not ItemStatus.SOLD):
            await self._session.exec(
                insert(SaleRow).values(
                    item_id=sale.item_id,
                    seller_id=sale.seller_id,
                    buyer_id=sale.buyer_id,
                    price=sale.price,
                    sold_at=sale.sold_at,
                )
            )
        self._loaded[item.id] = state

    async def _flush_likes(self, state: ItemSnapshot, before: ItemSnapshot | None) -> None:
        old = before.liked_by if before else ()
        if old == state.liked_by:
            return
        removed = set(old) - set(state.liked_by)
        if removed:
            await self._session.exec(
                delete(ItemLikeRow).where(
                    ItemLikeRow.item_id == state.id,  # type: ignore[arg-type]
                    ItemLikeRow.user_id.in_(removed),  # type: ignore[attr-defined]
                )
            )
        kept = set(old) & set(state.liked_by)
        start = await self._next_position(state.id) if kept else 0
        added = [user for user in state.liked_by if user not in kept]
        if added:
            await self._session.exec(
                insert(ItemLikeRow).values(
                    [{"item_id": state.id, "user_id": user, "position": start + i} for i, user in enumerate(added)]
                )
            )

    async def _next_position(self, item_id: str) -> int:
        positions = await self._session.exec(select(ItemLikeRow.position).where(ItemLikeRow.item_id == item_id))
        return max(positions.all(), default=-1) + 1
