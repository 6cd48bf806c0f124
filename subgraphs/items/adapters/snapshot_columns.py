"""An item snapshot as table columns and back: the write tables and the read store keep the same ones."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from gamja.utc import as_utc
from subgraphs.items.domain.snapshot import ItemSnapshot, ItemStatus

__all__ = ["ItemColumns", "snapshot_columns", "snapshot_from_row"]


class ItemColumns(Protocol):
    """A row of `items` (write side) or `read_items` (read store)."""

    id: str
    title: str
    description: str
    price: int
    category: str
    region: str
    status: str
    seller_id: str
    buyer_id: str | None
    sold_at: datetime | None
    created_at: datetime
    updated_at: datetime
    bumped_at: datetime
    deleted: bool
    version: int


def snapshot_from_row(row: ItemColumns, liked_by: Sequence[str]) -> ItemSnapshot:
    return ItemSnapshot(
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
        liked_by=tuple(liked_by),
        created_at=as_utc(row.created_at),
        updated_at=as_utc(row.updated_at),
        bumped_at=as_utc(row.bumped_at),
        deleted=row.deleted,
        version=row.version,
    )


def snapshot_columns(state: ItemSnapshot) -> dict[str, object]:
    """Every column but `id` (an update sets these; an insert adds the id)."""
    return {
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
