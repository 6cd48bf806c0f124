"""Publishes item events onto the shared local log exactly per the items event contract (stands in for the items subgraph)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from gamja.events.envelope import Event
from gamja.events.local_log import LocalLog
from gamja.events.topics import ITEMS_EVENTS
from gamja.events.transport import OutgoingRecord
from gamja.settings import Settings

__all__ = ["ItemEvents", "ItemState"]

SELLER = "00000000-0000-4000-8000-000000000001"
BASE_TIME = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class ItemState:
    id: str
    title: str
    description: str = ""
    price: int = 10000
    category: str = "디지털기기"
    region: str = "서울 마포구 망원동"
    status: str = "ON_SALE"
    created_at: datetime = BASE_TIME
    bumped_at: datetime | None = None
    version: int = 1
    deleted: bool = False
    seller_id: str = SELLER
    liked_by: tuple[str, ...] = field(default_factory=tuple)

    def payload(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "price": self.price,
            "category": self.category,
            "region": self.region,
            "status": self.status,
            "seller_id": self.seller_id,
            "buyer_id": None,
            "sold_at": None,
            "like_count": len(self.liked_by),
            "liked_by": list(self.liked_by),
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.bumped_at or self.created_at),
            "bumped_at": _iso(self.bumped_at or self.created_at),
            "deleted": self.deleted,
        }


class ItemEvents:
    """Keeps the last state of every item it published, so tests can say "update title" like the items service."""

    def __init__(self, settings: Settings) -> None:
        self._log = LocalLog(settings.events_log_file())
        self.items: dict[str, ItemState] = {}
        self._clock = BASE_TIME

    async def close(self) -> None:
        await self._log.close()

    async def publish(self, event_type: str, state: ItemState) -> None:
        event = Event(type=event_type, aggregate_id=state.id, version=state.version, payload=state.payload())
        await self._log.publish(
            ITEMS_EVENTS, [OutgoingRecord(key=state.id, value=event.encode(), headers={"type": event_type})]
        )

    async def create(self, title: str, **fields: Any) -> ItemState:
        self._clock += timedelta(minutes=1)
        fields.setdefault("created_at", self._clock)
        state = ItemState(id=str(uuid.uuid4()), title=title, **fields)
        self.items[state.id] = state
        await self.publish("ItemCreated", state)
        return state

    async def change(self, item_id: str, event_type: str = "ItemUpdated", **fields: Any) -> ItemState:
        state = replace(self.items[item_id], version=self.items[item_id].version + 1, **fields)
        self.items[item_id] = state
        await self.publish(event_type, state)
        return state

    async def delete(self, item_id: str) -> ItemState:
        return await self.change(item_id, "ItemDeleted", deleted=True)
