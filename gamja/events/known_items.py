"""What a room learns about items from `items.events` (seller, version, deleted): one decoder and one consumer.

Comments and chat both keep a table of the items they may hang on; each gives its own `learn` (an upsert by
version in its own database) and its own group id, and the rest is the same.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from gamja.events.consumer import EventConsumer
from gamja.events.envelope import Event
from gamja.events.topics import ITEMS_EVENTS
from gamja.events.transport import Transport

__all__ = ["ITEM_DELETED", "KnownItem", "LearnItem", "known_item_from_event", "known_items_consumer"]

ITEM_DELETED = "ItemDeleted"


@dataclass(frozen=True)
class KnownItem:
    """An item as another room knows it: its seller, and whether it still exists, at `version`."""

    id: str
    seller_id: str
    version: int
    deleted: bool


LearnItem = Callable[[KnownItem], Awaitable[object]]


def known_item_from_event(event: Event) -> KnownItem:
    """Every items event carries the full item state, so any type (even one added later) is applied the same way."""
    seller_id = event.payload.get("seller_id")
    if not isinstance(seller_id, str) or not seller_id:
        raise ValueError(f"{event.type} {event.aggregate_id} v{event.version} has no seller_id in its payload")
    return KnownItem(
        id=event.aggregate_id,
        seller_id=seller_id,
        version=event.version,
        deleted=event.type == ITEM_DELETED or event.payload.get("deleted") is True,
    )


def known_items_consumer(transport: Transport, *, group_id: str, learn: LearnItem) -> EventConsumer:
    """The consumer of `items.events` under `group_id` that hands each item's state to `learn`.

    `learn` must keep the newest version only (it may see an event twice, or an older one after a newer one).
    """

    async def handle(event: Event) -> None:
        await learn(known_item_from_event(event))

    return EventConsumer(transport, group_id=group_id, topics=[ITEMS_EVENTS], handler=handle)
