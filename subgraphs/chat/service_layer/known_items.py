"""Learns which items exist, who sells them and whether they were deleted, from `items.events`."""

from __future__ import annotations

from gamja.db import Database
from gamja.events.envelope import Event
from subgraphs.chat.adapters.repository import ChatRepository
from subgraphs.chat.domain.model import KnownItem

__all__ = ["GROUP_ID", "KnownItemsProjector", "known_item_from_event"]

GROUP_ID = "chat-known-items"
ITEM_DELETED = "ItemDeleted"


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


class KnownItemsProjector:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def __call__(self, event: Event) -> None:
        item = known_item_from_event(event)
        async with self._database.transaction() as session:
            await ChatRepository(session).learn_item(item)
