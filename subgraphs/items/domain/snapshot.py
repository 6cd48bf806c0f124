"""The full state of an item as the event contract carries it (`payload`), shared by both sides of CQRS."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from gamja.utc import format_utc, parse_utc

__all__ = ["ItemSnapshot", "ItemStatus"]


class ItemStatus(StrEnum):
    ON_SALE = "ON_SALE"
    RESERVED = "RESERVED"
    SOLD = "SOLD"


@dataclass(frozen=True, kw_only=True)
class ItemSnapshot:
    id: str
    title: str
    description: str
    price: int
    category: str
    region: str
    status: ItemStatus
    seller_id: str
    buyer_id: str | None
    sold_at: datetime | None
    liked_by: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    bumped_at: datetime
    deleted: bool = False
    # Not part of the payload (the envelope carries it); kept here so each side can store and compare it.
    version: int = 0

    @property
    def like_count(self) -> int:
        return len(self.liked_by)

    def to_payload(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "price": self.price,
            "category": self.category,
            "region": self.region,
            "status": self.status.value,
            "seller_id": self.seller_id,
            "buyer_id": self.buyer_id,
            "sold_at": format_utc(self.sold_at) if self.sold_at else None,
            "like_count": self.like_count,
            "liked_by": list(self.liked_by),
            "created_at": format_utc(self.created_at),
            "updated_at": format_utc(self.updated_at),
            "bumped_at": format_utc(self.bumped_at),
            "deleted": self.deleted,
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any], version: int) -> ItemSnapshot:
        """Raises KeyError/ValueError/TypeError on a malformed payload (the consumer dead-letters it)."""
        liked_by = payload["liked_by"]
        if not isinstance(liked_by, list) or not all(isinstance(user, str) for user in liked_by):
            raise TypeError("`liked_by` must be a list of user ids")
        sold_at = payload.get("sold_at")
        buyer_id = payload.get("buyer_id")
        price = payload["price"]
        if not isinstance(price, int) or isinstance(price, bool):
            raise TypeError("`price` must be an integer")
        return cls(
            id=str(payload["id"]),
            title=str(payload["title"]),
            description=str(payload["description"]),
            price=price,
            category=str(payload["category"]),
            region=str(payload["region"]),
            status=ItemStatus(payload["status"]),
            seller_id=str(payload["seller_id"]),
            buyer_id=str(buyer_id) if buyer_id is not None else None,
            sold_at=parse_utc(str(sold_at)) if sold_at else None,
            liked_by=tuple(liked_by),
            created_at=parse_utc(str(payload["created_at"])),
            updated_at=parse_utc(str(payload["updated_at"])),
            bumped_at=parse_utc(str(payload["bumped_at"])),
            deleted=bool(payload.get("deleted", False)),
            version=version,
        )
