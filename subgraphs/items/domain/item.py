"""The Item aggregate: a listing, the rules that guard its changes, and the event each change records."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from gamja.errors import BadUserInput, Conflict
from gamja.utc import format_utc
from subgraphs.items.domain import rules
from subgraphs.items.domain.snapshot import ItemSnapshot, ItemStatus

__all__ = ["ALLOWED_TRANSITIONS", "BUMP_INTERVAL", "Change", "Item", "ItemFields", "Sale"]

ALLOWED_TRANSITIONS: dict[ItemStatus, tuple[ItemStatus, ...]] = {
    ItemStatus.ON_SALE: (ItemStatus.RESERVED, ItemStatus.SOLD),
    ItemStatus.RESERVED: (ItemStatus.ON_SALE, ItemStatus.SOLD),
    ItemStatus.SOLD: (),
}
BUMP_INTERVAL = timedelta(hours=24)


@dataclass(frozen=True, kw_only=True)
class ItemFields:
    """What a seller may write; every field is validated when the item takes it."""

    title: str | None = None
    description: str | None = None
    price: int | None = None
    category: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class Change:
    """One recorded change: the event type and the full state right after it (with its version)."""

    type: str
    state: ItemSnapshot
    occurred_at: datetime


@dataclass(frozen=True)
class Sale:
    """A completed deal (the seeds' `Sold_Item`): kept by the write side when an item becomes SOLD."""

    item_id: str
    seller_id: str
    buyer_id: str | None
    price: int
    sold_at: datetime


@dataclass
class Item:
    """State plus a list of changes not yet written to the outbox; `version` counts every change."""

    state: ItemSnapshot
    changes: list[Change] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.state.id

    @property
    def version(self) -> int:
        return self.state.version

    @property
    def seller_id(self) -> str:
        return self.state.seller_id

    @property
    def sale(self) -> Sale | None:
        state = self.state
        if state.status is not ItemStatus.SOLD or state.sold_at is None:
            return None
        return Sale(state.id, state.seller_id, state.buyer_id, state.price, state.sold_at)

    @classmethod
    def create(cls, *, seller_id: str, fields: ItemFields, now: datetime, item_id: str | None = None) -> Item:
        if fields.title is None or fields.price is None or fields.category is None or fields.region is None:
            raise BadUserInput("title, price, category and region are required.")
        state = ItemSnapshot(
            id=item_id or str(uuid.uuid4()),
            title=rules.valid_title(fields.title),
            description=rules.valid_description(fields.description or ""),
            price=rules.valid_price(fields.price),
            category=rules.valid_category(fields.category),
            region=rules.valid_region(fields.region),
            status=ItemStatus.ON_SALE,
            seller_id=seller_id,
            buyer_id=None,
            sold_at=None,
            liked_by=(),
            created_at=now,
            updated_at=now,
            bumped_at=now,
        )
        item = cls(state)
        item._record("ItemCreated", state, now)
        return item

    def _record(self, event_type: str, state: ItemSnapshot, now: datetime) -> None:
        self.state = replace(state, version=self.state.version + 1)
        self.changes.append(Change(event_type, self.state, now))

    def update(self, fields: ItemFields, now: datetime) -> None:
        state = self.state
        updated = replace(
            state,
            title=rules.valid_title(fields.title) if fields.title is not None else state.title,
            description=rules.valid_description(fields.description)
            if fields.description is not None
            else state.description,
            price=rules.valid_price(fields.price) if fields.price is not None else state.price,
            category=rules.valid_category(fields.category) if fields.category is not None else state.category,
            region=rules.valid_region(fields.region) if fields.region is not None else state.region,
        )
        if updated == state:
            return
        if state.status is ItemStatus.SOLD and updated.price != state.price:
            raise BadUserInput(
                "The item is sold: its price is part of the sale record and cannot change.", field="price"
            )
        self._record("ItemUpdated", replace(updated, updated_at=now), now)

    def change_status(self, status: ItemStatus, buyer_id: str | None, now: datetime) -> None:
        current = self.state.status
        allowed = ALLOWED_TRANSITIONS[current]
        if status not in allowed:
            allowed_text = ", ".join(s.value for s in allowed) or "none (a sold item stays sold)"
            raise BadUserInput(
                f"An item that is {current.value} cannot become {status.value}; allowed: {allowed_text}.",
                field="status",
                allowed=[s.value for s in allowed],
            )
        if buyer_id is not None and status is not ItemStatus.SOLD:
            raise BadUserInput("A buyer can only be given when the item becomes SOLD.", field="buyerId")
        if buyer_id is not None and buyer_id == self.seller_id:
            raise BadUserInput("The seller cannot be the buyer.", field="buyerId")
        sold = status is ItemStatus.SOLD
        self._record(
            "ItemStatusChanged",
            replace(
                self.state,
                status=status,
                buyer_id=buyer_id if sold else None,
                sold_at=now if sold else None,
                updated_at=now,
            ),
            now,
        )

    def like(self, user_id: str, now: datetime) -> None:
        if user_id == self.seller_id:
            raise BadUserInput("You cannot like your own item.")
        if user_id in self.state.liked_by:
            raise Conflict("You already like this item.")
        self._record("ItemLiked", replace(self.state, liked_by=(*self.state.liked_by, user_id)), now)

    def unlike(self, user_id: str, now: datetime) -> None:
        if user_id not in self.state.liked_by:
            raise Conflict("You do not like this item.")
        liked_by = tuple(user for user in self.state.liked_by if user != user_id)
        self._record("ItemUnliked", replace(self.state, liked_by=liked_by), now)

    def bump(self, now: datetime) -> None:
        """끌어올리기: back to the top of "newest". The first bump may come at any time, then one per interval."""
        state = self.state
        if state.status is ItemStatus.SOLD:
            raise BadUserInput("A sold item cannot be bumped.")
        if state.bumped_at > state.created_at:
            next_bump = state.bumped_at + BUMP_INTERVAL
            if now < next_bump:
                raise BadUserInput(
                    f"An item can be bumped once every 24 hours; try again after {format_utc(next_bump)}.",
                    nextBumpAt=format_utc(next_bump),
                )
        self._record("ItemBumped", replace(state, bumped_at=now), now)

    def delete(self, now: datetime) -> None:
        self._record("ItemDeleted", replace(self.state, deleted=True, updated_at=now), now)
