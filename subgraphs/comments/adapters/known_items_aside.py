"""The known items built aside during `gamja reindex comments`, and the swap that makes them the live table.

While `known_items_next` exists a rebuild is running: the live consumer writes every item to both tables, so
the aside one misses nothing learnt after it was created (what was learnt before is in the log the replay
reads), and readers and comment writers go on using `known_items`. The replay writes the aside table in short
transactions, a batch each, so nobody waits for the whole replay (on SQLite one long transaction would hold
the only writer lock that long, and comment writers give up after the busy timeout). The swap renames the
aside table into place in one transaction: readers see the old table or the new one, never a half. A rebuild
that died leaves the aside table (the consumer keeps writing it); the next rebuild starts it again.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from gamja.db import table_exists
from subgraphs.comments.adapters.rows import KNOWN_ITEMS

__all__ = ["KNOWN_ITEMS_NEXT", "rebuilding", "start_aside", "swap_aside"]

_SUFFIX = "_next"
# Same columns in the same order, so a statement prepared before the swap gets the same row type after it.
KNOWN_ITEMS_NEXT = sa.Table(
    KNOWN_ITEMS.name + _SUFFIX,
    sa.MetaData(),
    *(sa.Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable) for c in KNOWN_ITEMS.columns),
)


def _is_sqlite(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "sqlite"


async def _execute(session: AsyncSession, statement: str) -> None:
    # Over the session's own connection, so it shares its transaction.
    connection = await session.connection()
    await connection.execute(text(statement))


async def rebuilding(session: AsyncSession) -> bool:
    """Whether a rebuild's aside table exists (then every learnt item must reach it too)."""
    return await table_exists(await session.connection(), KNOWN_ITEMS_NEXT.name)


def _recreate(connection: sa.Connection) -> None:
    KNOWN_ITEMS_NEXT.drop(connection, checkfirst=True)
    KNOWN_ITEMS_NEXT.create(connection)


async def start_aside(session: AsyncSession) -> None:
    """An empty aside table (dropping an unfinished rebuild's)."""
    connection = await session.connection()
    await connection.run_sync(_recreate)


async def swap_aside(session: AsyncSession) -> None:
    """Make the aside table the live one and drop the old one, in the caller's transaction."""
    live, aside = KNOWN_ITEMS.name, KNOWN_ITEMS_NEXT.name
    if not _is_sqlite(session):
        # The live table first, as the consumer takes them (it writes the live one, then the aside one).
        await _execute(session, f"LOCK TABLE {live}, {aside} IN ACCESS EXCLUSIVE MODE")
    await _execute(session, f"ALTER TABLE {live} RENAME TO {live}_old")
    await _execute(session, f"ALTER TABLE {aside} RENAME TO {live}")
    await _execute(session, f"DROP TABLE {live}_old")
    if not _is_sqlite(session):
        # SQLite renames its automatic primary-key index with the table; PostgreSQL keeps the old name.
        await _execute(session, f"ALTER INDEX {aside}_pkey RENAME TO {live}_pkey")
