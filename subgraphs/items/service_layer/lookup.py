"""Items by id for the API: the read store, and the write database for what the read store has not caught up on.

The read store follows the write database through events, so for a moment after a write it lacks a new item. Other
subgraphs learn of that item through their own events, and they may learn of it first: search may index it, or a
comment may name it. When they ask for it by id (`_entities`), "no such item" would be wrong. Because `Item.title`
is non-null, that null would empty the client's whole page. Only the ids the read store misses are looked up in the
write database, in one query. A deleted item stays absent, and an unknown id costs that one query.
"""

from __future__ import annotations

from collections.abc import Sequence

from gamja.db import Database
from subgraphs.items.adapters.repository import load_snapshots
from subgraphs.items.domain.snapshot import ItemSnapshot
from subgraphs.items.read_model.queries import ItemReader

__all__ = ["ItemLookup"]


class ItemLookup:
    def __init__(self, reader: ItemReader, write_db: Database) -> None:
        self._reader = reader
        self._write_db = write_db

    async def by_ids(self, ids: Sequence[str]) -> dict[str, ItemSnapshot]:
        """The live (not deleted) items among `ids`, by id: as the read store has them, else as last written."""
        found = await self._reader.by_ids(ids)
        missing = [item_id for item_id in dict.fromkeys(ids) if item_id not in found]
        if missing:
            async with self._write_db.session() as session:
                for snapshot in await load_snapshots(session, missing):
                    if not snapshot.deleted:
                        found[snapshot.id] = snapshot
        return found
