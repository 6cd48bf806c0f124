"""Every read of items: served only from the read store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_
from sqlalchemy.sql import ColumnElement
from sqlmodel import select

from gamja.db import Database
from gamja.errors import BadUserInput
from subgraphs.items.domain.snapshot import ItemSnapshot, ItemStatus
from subgraphs.items.read_model.store import snapshots_from_rows
from subgraphs.items.read_model.tables import ReadItemRow, ReadLikeRow

__all__ = ["ItemFilter", "ItemPage", "ItemReader"]

_items = ReadItemRow.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, kw_only=True)
class ItemFilter:
    status: ItemStatus | None = None
    category: str | None = None
    region: str | None = None  # a prefix: `서울 마포구` matches `서울 마포구 망원동`
    min_price: int | None = None
    max_price: int | None = None
    seller_id: str | None = None
    buyer_id: str | None = None
    liked_by: str | None = None

    def __post_init__(self) -> None:
        # The same refusals, in the same words, as `searchItems`: an inverted range is a mistake to show.
        for name, value in (("minPrice", self.min_price), ("maxPrice", self.max_price)):
            if value is not None and value < 0:
                raise BadUserInput(f"`{name}` cannot be negative.", field=f"filter.{name}")
        if self.min_price is not None and self.max_price is not None and self.min_price > self.max_price:
            raise BadUserInput("`minPrice` is greater than `maxPrice`: nothing can match.", field="filter.minPrice")

    def conditions(self) -> list[ColumnElement[bool]]:
        c = _items.c
        where: list[ColumnElement[bool]] = [c.deleted.is_(False)]
        if self.status is not None:
            where.append(c.status == self.status.value)
        if self.category is not None:
            where.append(c.category == self.category)
        if self.region:
            where.append(c.region.startswith(" ".join(self.region.split()), autoescape=True))
        if self.min_price is not None:
            where.append(c.price >= self.min_price)
        if self.max_price is not None:
            where.append(c.price <= self.max_price)
        if self.seller_id is not None:
            where.append(c.seller_id == self.seller_id)
        if self.buyer_id is not None:
            where.append(c.buyer_id == self.buyer_id)
        if self.liked_by is not None:
            likes = ReadLikeRow.__table__.c  # type: ignore[attr-defined]
            where.append(c.id.in_(select(likes.item_id).where(likes.user_id == self.liked_by)))
        return where


@dataclass(frozen=True)
class ItemPage:
    items: list[ItemSnapshot]
    total: int
    has_next: bool


class ItemReader:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def by_ids(self, ids: Sequence[str]) -> dict[str, ItemSnapshot]:
        """The live (not deleted) items among `ids`, by id."""
        if not ids:
            return {}
        async with self._database.session() as session:
            rows = (
                await session.exec(
                    select(ReadItemRow).where(
                        ReadItemRow.id.in_(ids),  # type: ignore[attr-defined]
                        ReadItemRow.deleted.is_(False),  # type: ignore[attr-defined]
                    )
                )
            ).all()
            return {state.id: state for state in await snapshots_from_rows(session, rows)}

    async def page(self, item_filter: ItemFilter, first: int, after: tuple[datetime, str] | None) -> ItemPage:
        """Newest (last bumped) first; keyset pagination so inserts and bumps never shift a page already read.

        `after` is the (bumped_at, id) of the last item already read; the page starts strictly after it.
        """
        c = _items.c
        where = item_filter.conditions()
        async with self._database.session() as session:
            total = (await session.exec(select(func.count()).select_from(_items).where(*where))).one()
            if after is not None:
                bumped_at, item_id = after
                where.append(or_(c.bumped_at < bumped_at, and_(c.bumped_at == bumped_at, c.id < item_id)))
            query = select(ReadItemRow).where(*where).order_by(c.bumped_at.desc(), c.id.desc()).limit(first + 1)
            rows = list((await session.exec(query)).all())
            items = await snapshots_from_rows(session, rows[:first])
        return ItemPage(items, int(total), len(rows) > first)
