"""View counting for `item(id)`: at most one view per viewer (user, or client address) per item per hour.

The counters live in the read store's database, beside the projection but outside it: a view is not a
change of the listing, so it produces no event, has no version, and survives `gamja reindex items`
(which only rewrites the projected tables). Writing them on the read side keeps `item(id)` — the hottest
query — off the write DB and the outbox; the cost is that a lost read store loses its view counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select

from gamja.db import Database
from subgraphs.items.read_model.tables import ItemViewCountRow, ItemViewerRow

__all__ = ["VIEW_WINDOW", "ViewCounter"]

VIEW_WINDOW = timedelta(hours=1)

_viewers = ItemViewerRow.__table__  # type: ignore[attr-defined]
_counts = ItemViewCountRow.__table__  # type: ignore[attr-defined]


class ViewCounter:
    def __init__(self, database: Database) -> None:
        self._database = database
        self._dialect = sqlite if database.is_sqlite else postgresql

    async def record(self, item_id: str, viewer: str, now: datetime) -> bool:
        """Count this view unless the viewer's last counted view of the item is less than an hour old."""
        insert = self._dialect.insert
        async with self._database.transaction() as session:
            claim = insert(_viewers).values(item_id=item_id, viewer=viewer, counted_at=now)
            # One statement claims the viewer's hour, so two simultaneous requests cannot both count.
            claim = claim.on_conflict_do_update(
                index_elements=[_viewers.c.item_id, _viewers.c.viewer],
                set_={"counted_at": now},
                where=_viewers.c.counted_at <= now - VIEW_WINDOW,
            ).returning(_viewers.c.item_id)
            if (await session.exec(claim)).first() is None:
                return False
            bump = insert(_counts).values(item_id=item_id, count=1)
            bump = bump.on_conflict_do_update(index_elements=[_counts.c.item_id], set_={"count": _counts.c.count + 1})
            await session.exec(bump)
        return True

    async def counts(self, item_ids: Sequence[str]) -> dict[str, int]:
        if not item_ids:
            return {}
        async with self._database.session() as session:
            rows = await session.exec(select(_counts.c.item_id, _counts.c.count).where(_counts.c.item_id.in_(item_ids)))
            return {item_id: int(count) for item_id, count in rows.all()}
