"""Applies `items.events` to the search index: every event carries the full item, so each one is an upsert."""

from __future__ import annotations

import logging
import uuid

from gamja.events.consumer import EventConsumer
from gamja.events.envelope import Event
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


class Indexer:
    def __init__(self, index: SearchIndex, transport: Transport) -> None:
        self._index = index
        self._transport = transport
        self.consumer = EventConsumer(transport, group_id=INDEXER_GROUP, topics=[ITEMS_EVENTS], handler=self.handle)

    async def handle(self, event: Event) -> None:
        if event.type not in ITEM_EVENT_TYPES:
            return
        # A payload missing a field raises here: the consumer retries, then dead-letters it and carries on.
        document = ItemDocument.from_payload(
            event.aggregate_id, event.version, event.payload, deleted=event.type == "ItemDeleted"
        )
        await self._index.apply([document])

    async def rebuild(self) -> int:
        """Empty the index and apply the whole topic again from its first record.

        Search cannot read the items database, so the event log is its source of truth: a consumer group
        that has never committed starts at offset 0. The regular "search-indexer" group keeps its offset;
        whatever it applies meanwhile is newer-or-equal by version, so the two never disagree.
        """
        await self._index.reset(TOKENIZER_VERSION)
        replay = EventConsumer(
            self._transport,
            group_id=f"{INDEXER_GROUP}.rebuild.{uuid.uuid4().hex[:12]}",
            topics=[ITEMS_EVENTS],
            handler=self.handle,
            batch_size=500,
        )
        try:
            applied = await replay.drain()
        finally:
            await replay.close()
        log.info("search index rebuilt from %d events", applied)
        return applied

    async def ensure_current_tokenizer(self) -> bool:
        """Rebuild when the index was made by another tokenizer (or never made); True if it rebuilt."""
        if await self._index.tokenizer_version() == TOKENIZER_VERSION:
            return False
        await self.rebuild()
        return True
