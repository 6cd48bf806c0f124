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
from subgraphs.comments.adapters.repository import CommentRepository

__all__ = ["KNOWN_ITEMS_GROUP", "KnownItemsReplay"]

log = logging.getLogger(__name__)

# The live consumer's group; a replay reads under throw-away groups named after it.
KNOWN_ITEMS_GROUP = "comments-known-items"


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

    def _replay(self, purpose: str) -> AsyncGenerator[list[IncomingRecord]]:
        return replay_topic(self._transport, ITEMS_EVENTS, group_prefix=f"{KNOWN_ITEMS_GROUP}.{purpose}")

    async def rebuild(self) -> int:
        """Empty the known items and apply the whole log again, by version; returns the records read.

        One transaction, so readers and comment writers see the old table until the new one is complete.
        The table is emptied before the log is read: whatever the live consumer applied before is in the
        log we replay, and whatever it applies meanwhile waits for this transaction and then lands by version.
        Comments are never touched.
        """
        read = 0
        async with self._database.transaction() as session:
            repository = CommentRepository(session)
            await repository.forget_all_items()
            replay = self._replay("rebuild")
            async with aclosing(replay):
                async for records in replay:
                    for item in _decode(records):
                        await repository.learn_item(item)
                    read += len(records)
        log.info("comments known items rebuilt from %d events", read)
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
