"""`gamja reindex|check comments`: the known items rebuilt from, and compared with, the whole `items.events` log."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Iterable
from contextlib import aclosing

from gamja.db import Database
from gamja.events.envelope import Event, InvalidEvent
from gamja.events.known_items import KnownItem, known_item_from_event
from gamja.events.latest import LatestPerKey
from gamja.events.replay import replay_topic
from gamja.events.topics import ITEMS_EVENTS
from gamja.events.transport import IncomingRecord, Transport
from subgraphs.comments.adapters.known_items_aside import KNOWN_ITEMS_NEXT, start_aside, swap_aside
from subgraphs.comments.adapters.repository import CommentRepository

__all__ = ["KNOWN_ITEMS_GROUP", "KnownItemsReplay"]

log = logging.getLogger(__name__)

# The live consumer's group; a replay reads under throw-away groups named after it.
KNOWN_ITEMS_GROUP = "comments-known-items"
REPLAY_BATCH = 1000


def _decode(records: Iterable[IncomingRecord]) -> list[KnownItem]:
    items = []
    for record in records:
        # A replay skips what it cannot read: the live consumer has dead-lettered (or will dead-letter) it.
        try:
            items.append(known_item_from_event(Event.decode(record.value)))
        except (InvalidEvent, KeyError, ValueError, TypeError):
            log.warning("comments replay skipped an unreadable items event")
    return items


class KnownItemsReplay:
    """Reads `items.events` from its first record with a throw-away consumer group (a group that never committed).

    The regular "comments-known-items" group keeps its offset. The log keeps every event (items.events
    has no retention limit), so it is the source of truth for which items exist and in what state.
    """

    def __init__(self, database: Database, transport: Transport) -> None:
        self._database = database
        self._transport = transport

    def _replay(self, purpose: str, batch_size: int = REPLAY_BATCH) -> AsyncGenerator[list[IncomingRecord]]:
        return replay_topic(
            self._transport, ITEMS_EVENTS, group_prefix=f"{KNOWN_ITEMS_GROUP}.{purpose}", batch_size=batch_size
        )

    async def rebuild(self, *, batch_size: int = REPLAY_BATCH) -> int:
        """Build the known items again from the whole log, aside, then swap them in; returns the records read.

        Readers and comment writers use the old table until the swap (known_items_aside.py); the live
        consumer writes both meanwhile, so nothing it learns is lost. Each replayed batch is one short
        transaction and one upsert statement (the newest version per item of the batch; across batches the
        version decides), so memory holds one batch whatever the length of the log. Comments are never touched.
        """
        async with self._database.transaction() as session:
            await start_aside(session)
        read = 0
        replay = self._replay("rebuild", batch_size)
        async with aclosing(replay):
            async for records in replay:
                async with self._database.transaction() as session:
                    await CommentRepository(session).learn_items(_decode(records), table=KNOWN_ITEMS_NEXT)
                read += len(records)
        async with self._database.transaction() as session:
            await swap_aside(session)
        log.info("comments known items rebuilt aside from %d events and swapped in", read)
        return read

    async def _known_pages(self, size: int) -> AsyncIterator[list[KnownItem]]:
        after: str | None = None
        while True:
            async with self._database.session() as session:
                page = await CommentRepository(session).known_items_page(after, size)
            if not page:
                return
            yield page
            after = page[-1].id

    async def differences(self, *, page_size: int = 1000) -> list[str]:
        """Known items that disagree with the latest event of their item in the log, and items only one side has.

        The log is read once into a scratch file (the latest state per item); then both sides are walked in id
        order, a page at a time, so memory does not grow with the number of items. A difference right after a
        change is normal (the consumer has not caught up yet); one that stays is what `gamja reindex comments`
        repairs.
        """
        problems: list[str] = []
        async with LatestPerKey.opened() as latest:
            replay = self._replay("check")
            async with aclosing(replay):
                async for records in replay:
                    await latest.add([(item.id, item.version, _facts(item)) for item in _decode(records)])
            logged = (
                KnownItem(item_id, json.loads(value)[0], version, json.loads(value)[1])
                async for page in latest.pages(page_size)
                for item_id, version, value in page
            )
            known = (item async for page in self._known_pages(page_size) for item in page)
            want, have = await anext(logged, None), await anext(known, None)
            while want is not None or have is not None:
                if have is not None and (want is None or have.id < want.id):
                    problems.append(f"item {have.id}: known (version {have.version}) but not in the log")
                    have = await anext(known, None)
                elif want is not None and (have is None or want.id < have.id):
                    problems.append(f"item {want.id}: version {want.version} in the log, not known")
                    want = await anext(logged, None)
                else:
                    assert want is not None and have is not None
                    for field in ("version", "seller_id", "deleted"):
                        if getattr(want, field) != getattr(have, field):
                            problems.append(
                                f"item {want.id}: {field} {getattr(want, field)} in the log, {getattr(have, field)} known"
                            )
                    want, have = await anext(logged, None), await anext(known, None)
        return problems


def _facts(item: KnownItem) -> str:
    return json.dumps([item.seller_id, item.deleted])
