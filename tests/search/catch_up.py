"""Live indexer catch-up: events/s through the `search-indexer` consumer, per event vs one transaction per batch.

.venv/bin/python -m tests.search.catch_up            # 5,000 events, SQLite search database
.venv/bin/python -m tests.search.catch_up --events 20000
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from gamja.db import Database
from gamja.events.consumer import EventConsumer
from gamja.events.envelope import Event
from gamja.events.local_log import LocalLog
from gamja.events.topics import ITEMS_EVENTS
from gamja.events.transport import OutgoingRecord
from gamja.migrations import upgrade
from subgraphs.search.read_model.indexer import INDEXER_GROUP, Indexer
from subgraphs.search.read_model.sql_index import SqlSearchIndex
from subgraphs.search.service import SPEC
from tests.search.items import BASE_TIME, ItemState


def _records(count: int) -> list[OutgoingRecord]:
    # Half creations, half renames of the same items: every event changes the index.
    # Distinct listing times, as real items have (the FTS5 rowid is derived from them).
    items = [
        ItemState(
            id=f"item-{n:06d}", title=f"캠핑 의자 {n}번", price=1000 + n, created_at=BASE_TIME + timedelta(seconds=n)
        )
        for n in range(count // 2)
    ]
    records = []
    for state in items:
        for version, event_type in ((1, "ItemCreated"), (2, "ItemUpdated")):
            payload = state.payload() | {"title": f"{state.title} v{version}"}
            records.append(OutgoingRecord(key=state.id, value=_encode(event_type, state.id, version, payload)))
    return records


def _encode(event_type: str, item_id: str, version: int, payload: dict[str, object]) -> bytes:
    return Event(type=event_type, aggregate_id=item_id, version=version, payload=payload).encode()


async def _measure(directory: Path, count: int, *, batched: bool) -> float:
    log = LocalLog(directory / "events.db")
    database = Database(f"sqlite+aiosqlite:///{directory / 'search.db'}")
    await upgrade(SPEC.migrations[""], database)
    index = SqlSearchIndex(database)
    indexer = Indexer(index, log)
    consumer = indexer.consumer
    if not batched:  # the consumer as it was: one event per handler call, one transaction each
        consumer = EventConsumer(log, group_id=INDEXER_GROUP, topics=[ITEMS_EVENTS], handler=indexer.handle)
    try:
        records = _records(count)
        for start in range(0, len(records), 100):  # as the outbox relay publishes
            await log.publish(ITEMS_EVENTS, records[start : start + 100])
        started = time.perf_counter()
        applied = await consumer.drain()
        elapsed = time.perf_counter() - started
        assert applied == count, applied
        return count / elapsed
    finally:
        await consumer.close()
        await index.close()
        await log.close()
        await database.dispose()


async def main(count: int) -> None:
    for batched in (False, True):
        with tempfile.TemporaryDirectory() as directory:
            rate = await _measure(Path(directory), count, batched=batched)
        print(f"{'one transaction per batch' if batched else 'one transaction per event'}: {rate:,.0f} events/s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=5000)
    asyncio.run(main(parser.parse_args().events))
