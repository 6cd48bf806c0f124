"""Applies `items.events` to the read store: idempotent by version, so redelivery and reordering are harmless."""

from __future__ import annotations

import logging

from gamja.db import Database
from gamja.events.envelope import Event
from subgraphs.items.domain.snapshot import ItemSnapshot
from subgraphs.items.read_model.aside import ASIDE, rebuilding
from subgraphs.items.read_model.store import store_snapshot

__all__ = ["READ_STORE_GROUP", "ReadStoreProjector"]

READ_STORE_GROUP = "items-read-store"

log = logging.getLogger(__name__)


class ReadStoreProjector:
    """Every event carries the full item state, so applying one (whatever its type) is an upsert only a newer
    version wins; a payload that does not parse raises, and the consumer retries then dead-letters it."""

    def __init__(self, database: Database) -> None:
        self._database = database

    async def __call__(self, event: Event) -> None:
        state = ItemSnapshot.from_payload(event.payload, event.version)
        if state.id != event.aggregate_id:
            raise ValueError(f"payload id {state.id!r} is not the aggregate id {event.aggregate_id!r}")
        async with self._database.transaction() as session:
            applied = await store_snapshot(session, state)
            # After the live write, so on SQLite this transaction already holds the writer lock and a rebuild
            # cannot start or swap between the look and the write.
            if await rebuilding(session):
                await store_snapshot(session, state, items=ASIDE.items, likes=ASIDE.likes)
        if not applied:
            log.debug("skipped %s v%d of item %s: the read store has it or newer", event.type, event.version, state.id)
