"""One write transaction: the aggregates' rows and their outbox events commit together, then the relay is woken."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from gamja.db import Database
from gamja.events.envelope import Event
from gamja.events.outbox import append_to_outbox
from gamja.events.topics import ITEMS_EVENTS
from subgraphs.items.adapters.repository import ItemRepository
from subgraphs.items.adapters.tables import outbox

__all__ = ["UnitOfWork"]


class UnitOfWork:
    def __init__(self, database: Database, *, on_commit: Callable[[], None]) -> None:
        self._database = database
        self._on_commit = on_commit
        # SQLite has one writer at a time and no row locks: without this, concurrent requests on one item
        # would read the same version and all but one would fail the version check. PostgreSQL locks the row.
        self._serial = asyncio.Lock() if database.is_sqlite else None

    @asynccontextmanager
    async def begin(self) -> AsyncIterator[ItemRepository]:
        """Yield a repository; when the block ends every changed item and its events are written in one commit."""
        wrote_events = False
        async with self._serial or contextlib.nullcontext(), self._database.transaction() as session:
            items = ItemRepository(session, lock_rows=not self._database.is_sqlite)
            yield items
            for item in items.seen:
                await items.flush(item)
                for change in item.changes:
                    event = Event(
                        type=change.type,
                        aggregate_id=item.id,
                        version=change.state.version,
                        payload=change.state.to_payload(),
                        occurred_at=change.occurred_at,
                    )
                    await append_to_outbox(session, outbox, ITEMS_EVENTS, event)
                    wrote_events = True
                item.changes.clear()
        if wrote_events:
            self._on_commit()
