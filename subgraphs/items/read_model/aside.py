"""The read store's tables built aside during a rebuild, and the swap that makes them the live ones.

While `read_items_next` exists, a rebuild is running: the projector writes every event to both table sets,
so the aside one misses nothing written after it was created, and queries go on reading the live one. The
swap renames the aside tables into place in one transaction: readers see the old store or the new one,
never a half. An unfinished rebuild (a crash) leaves the aside tables; the next rebuild starts them again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import delete, insert, select, text
from sqlalchemy.engine import CursorResult
from sqlalchemy.sql.base import Executable
from sqlmodel.ext.asyncio.session import AsyncSession

from gamja.db import table_exists
from subgraphs.items.adapters.snapshot_columns import snapshot_columns
from subgraphs.items.domain.snapshot import ItemSnapshot
from subgraphs.items.read_model.tables import ReadItemRow, ReadLikeRow

__all__ = ["ASIDE", "LIVE", "StoreTables", "copy_batch", "rebuilding", "start_aside", "swap_aside"]


async def _execute(session: AsyncSession, statement: Executable, parameters: Any = None) -> CursorResult[Any]:
    # Core statements over the session's own connection, so they share its transaction.
    connection = await session.connection()
    return await connection.execute(statement, parameters)


ASIDE_SUFFIX = "_next"
# The aside set's own index names while both sets exist (index names are per database, not per table).
INDEX_SUFFIX = "__next"


@dataclass(frozen=True)
class StoreTables:
    items: sa.Table
    likes: sa.Table

    @property
    def both(self) -> tuple[sa.Table, sa.Table]:
        return self.items, self.likes


def _aside(live: sa.Table, metadata: sa.MetaData) -> sa.Table:
    """Same columns in the same order (a prepared statement re-planned after the swap gets the same row type)."""
    columns = [sa.Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable) for c in live.columns]
    return sa.Table(live.name + ASIDE_SUFFIX, metadata, *columns)


LIVE = StoreTables(ReadItemRow.__table__, ReadLikeRow.__table__)  # type: ignore[attr-defined]
_ASIDE_METADATA = sa.MetaData()
ASIDE = StoreTables(_aside(LIVE.items, _ASIDE_METADATA), _aside(LIVE.likes, _ASIDE_METADATA))


def _is_sqlite(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "sqlite"


async def rebuilding(session: AsyncSession) -> bool:
    """Whether a rebuild's aside tables exist (then every write must reach them too)."""
    return await table_exists(await session.connection(), ASIDE.items.name)


def _create_indexes(live: sa.Table, on: str, suffix: str) -> list[sa.TextClause]:
    """The live table's indexes, as DDL for table `on` with `suffix` on their names (no metadata touched)."""
    return [
        text(f"CREATE INDEX {index.name}{suffix} ON {on} ({', '.join(column.name for column in index.columns)})")
        for index in sorted(live.indexes, key=lambda index: str(index.name))
    ]


def _recreate(connection: sa.Connection, table: sa.Table) -> None:
    table.drop(connection, checkfirst=True)
    table.create(connection)


async def start_aside(session: AsyncSession) -> None:
    """Empty aside tables (dropping an unfinished rebuild's), with their indexes where they can be renamed later."""
    connection = await session.connection()
    for table in ASIDE.both:
        await connection.run_sync(_recreate, table)
    if not _is_sqlite(session):
        # PostgreSQL renames indexes at the swap; SQLite cannot, so there they are built at the swap.
        for live, aside in zip(LIVE.both, ASIDE.both, strict=True):
            for statement in _create_indexes(live, aside.name, INDEX_SUFFIX):
                await _execute(session, statement)


async def copy_batch(session: AsyncSession, states: Sequence[ItemSnapshot]) -> None:
    """Write one batch of the write DB into the aside tables; a newer version the projector put there stays."""
    if not states:
        return
    items, likes = ASIDE.both
    if not _is_sqlite(session):
        # The projector must not insert between our look and our insert (SQLite's writer lock does this there).
        await _execute(session, text(f"LOCK TABLE {items.name}, {likes.name} IN SHARE ROW EXCLUSIVE MODE"))
    ids = [state.id for state in states]
    found = await _execute(session, select(items.c.id, items.c.version).where(items.c.id.in_(ids)))
    held: dict[str, int] = {row.id: row.version for row in found}
    fresh = [state for state in states if held.get(state.id, 0) < state.version]
    stale = [state.id for state in fresh if state.id in held]
    if stale:
        await _execute(session, delete(likes).where(likes.c.item_id.in_(stale)))
        await _execute(session, delete(items).where(items.c.id.in_(stale)))
    if fresh:
        await _execute(session, insert(items), [{"id": state.id, **snapshot_columns(state)} for state in fresh])
    rows = [
        {"item_id": state.id, "user_id": user, "position": position}
        for state in fresh
        for position, user in enumerate(state.liked_by)
    ]
    if rows:
        await _execute(session, insert(likes), rows)


async def swap_aside(session: AsyncSession) -> None:
    """Make the aside tables the live ones and drop the old ones, in the caller's transaction."""
    sqlite = _is_sqlite(session)
    if not sqlite:
        names = ", ".join(table.name for table in (*LIVE.both, *ASIDE.both))
        await _execute(session, text(f"LOCK TABLE {names} IN ACCESS EXCLUSIVE MODE"))
    for live, aside in zip(LIVE.both, ASIDE.both, strict=True):
        await _execute(session, text(f"ALTER TABLE {live.name} RENAME TO {live.name}_old"))
        await _execute(session, text(f"ALTER TABLE {aside.name} RENAME TO {live.name}"))
        await _execute(session, text(f"DROP TABLE {live.name}_old"))
        if sqlite:
            for statement in _create_indexes(live, live.name, ""):
                await _execute(session, statement)
        else:
            for index in live.indexes:
                await _execute(session, text(f"ALTER INDEX {index.name}{INDEX_SUFFIX} RENAME TO {index.name}"))
            await _execute(session, text(f"ALTER INDEX {aside.name}_pkey RENAME TO {live.name}_pkey"))
