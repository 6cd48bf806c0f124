"""Applies `items.events` to the search index: every event carries the full item, so each one is an upsert."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from contextlib import aclosing
from functools import partial

from gamja.events.consumer import EventConsumer
from gamja.events.envelope import Event, InvalidEvent
from gamja.events.latest import LatestPerKey
from gamja.events.replay import replay_topic
from gamja.events.topics import ITEMS_EVENTS
from gamja.events.transport import Transport
from subgraphs.search.domain.model import ItemDocument
from subgraphs.search.domain.tokens import TOKENIZER_VERSION
from subgraphs.search.read_model.index import SearchIndex

__all__ = ["INDEXER_GROUP", "ITEM_EVENT_TYPES", "Indexer"]

log = logging.getLogger(__name__)

INDEXER_GROUP = "search-indexer"
ITEM_EVENT_TYPES = frozenset(
    {"ItemCreated", "ItemUpdated", "ItemStatusChanged", "ItemBumped", "ItemLiked", "ItemUnliked", "ItemDeleted"}
)
_LIVE_BATCH = 500


def _document(event: Event) -> ItemDocument | None:
    """The item state an event carries; None for event types search does not index.

    A payload missing a field raises: the live consumer retries, then dead-letters it and carries on.
    """
    if event.type not in ITEM_EVENT_TYPES:
        return None
    return ItemDocument.from_payload(
        event.aggregate_id, event.version, event.payload, deleted=event.type == "ItemDeleted"
    )


def _decode(raw: bytes) -> ItemDocument | None:
    # A replay skips what it cannot read: the live consumer has dead-lettered (or will dead-letter) it.
    try:
        return _document(Event.decode(raw))
    except (InvalidEvent, KeyError, ValueError, TypeError):
        log.warning("rebuild skipped an unreadable items event")
        return None


class Indexer:
    def __init__(self, index: SearchIndex, transport: Transport) -> None:
        self._index = index
        self._transport = transport
        self.consumer = EventConsumer(
            transport,
            group_id=INDEXER_GROUP,
            topics=[ITEMS_EVENTS],
            handler=self.handle,
            batch_handler=self.handle_batch,
            batch_size=_LIVE_BATCH,
        )

    async def handle(self, event: Event) -> None:
        await self.handle_batch([event])

    async def handle_batch(self, events: Sequence[Event]) -> None:
        """One index transaction for the lot; one unreadable payload fails it (the consumer then goes event by event)."""
        documents = [document for event in events if (document := _document(event)) is not None]
        if documents:
            await self._index.apply(documents)

    async def rebuild(self) -> int:
        """Apply the whole topic again from its first record; returns the records read.

        Search cannot read the items database, so the event log is its source of truth: a consumer group
        that has never committed starts at offset 0. The regular "search-indexer" group keeps its offset;
        whatever it applies meanwhile is newer-or-equal by version, so the two never disagree. The replay
        applies a batch per transaction and skips what it cannot read (the live consumer dead-letters it).

        With the current tokenizer the rebuild is in place: every document is written again at its version,
        so searches keep finding everything while it replays. An index made by another tokenizer cannot be
        rewritten in place (its postings cannot be erased with the new tokens), so the replay builds a new
        index aside while searches keep reading the old one and the live indexer writes both; then the new
        one is swapped in atomically, with the tokenizer version.
        """
        async with self._index.rebuild_lock():
            return await self._rebuild()

    async def _rebuild(self) -> int:
        """`rebuild` with the rebuild lock held (see rebuild_lock.py: another replica may be rebuilding too)."""
        if await self._index.tokenizer_version() == TOKENIZER_VERSION:
            return await self._replay(partial(self._index.apply, rewrite_equal=True), "in place")
        await self._index.start_aside()
        read = await self._replay(self._index.apply_aside, "aside")
        await self._index.swap_aside(TOKENIZER_VERSION)
        log.info("search index built aside under tokenizer %s and swapped in", TOKENIZER_VERSION)
        return read

    async def _replay(self, apply: Callable[[Sequence[ItemDocument]], Awaitable[int]], how: str) -> int:
        read = 0
        replay = replay_topic(self._transport, ITEMS_EVENTS, group_prefix=f"{INDEXER_GROUP}.rebuild")
        async with aclosing(replay):
            async for records in replay:
                await apply([document for record in records if (document := _decode(record.value)) is not None])
                read += len(records)
        log.info("search index rebuilt %s from %d events", how, read)
        return read

    async def differences(self) -> list[str]:
        """What the index disagrees on with the event log (the latest version of every item in it).

        Reads the topic with a throw-away consumer group into a scratch file (the latest version per item), then
        compares it with the index a page of items at a time. A difference right after a change is normal
        (the indexer has not caught up yet), one that stays is what `gamja reindex search` repairs.
        """
        problems = []
        async with LatestPerKey.opened() as latest:
            replay = replay_topic(self._transport, ITEMS_EVENTS, group_prefix=f"{INDEXER_GROUP}.check")
            async with aclosing(replay):
                async for records in replay:
                    documents = [document for record in records if (document := _decode(record.value)) is not None]
                    await latest.add([(d.item_id, d.version, "deleted" if d.deleted else "") for d in documents])
            async for page in latest.pages():
                stored = await self._index.stored_versions([item_id for item_id, _, _ in page])
                for item_id, version, value in page:
                    deleted = value == "deleted"
                    have = stored.get(item_id)
                    if have is None:
                        if not deleted:
                            problems.append(f"item {item_id}: version {version} in the log, missing from the index")
                    elif have[0] != version:
                        problems.append(f"item {item_id}: version {version} in the log, {have[0]} in the index")
                    elif have[1] != deleted:
                        problems.append(f"item {item_id}: deleted={deleted} in the log, deleted={have[1]} in the index")
        return problems

    async def ensure_current_tokenizer(self) -> bool:
        """Rebuild when the index was made by another tokenizer (or never made); True if it rebuilt.

        Replicas that start together all see the old version; the first to take the lock rebuilds, and the
        others, once it lets them in, find the index current and leave it alone.
        """
        if await self._index.tokenizer_version() == TOKENIZER_VERSION:
            return False
        async with self._index.rebuild_lock():
            if await self._index.tokenizer_version() == TOKENIZER_VERSION:
                return False
            await self._rebuild()
        return True
