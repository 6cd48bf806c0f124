"""The embedded index's tables built aside during a rebuild under a new tokenizer, and the swap that makes them live.

An index made by another tokenizer cannot be rebuilt in place: a contentless FTS5 table forgets a posting only
when handed the tokens it was given, and the new tokenizer does not make them. So the replay writes a second
table set (`search_documents_next`, `search_suggestions_next` for title counts, and on SQLite the FTS5 table
`search_fts_next`) while searches keep reading the live one. While `search_documents_next` exists every
`apply` writes both sets, so the new one misses nothing applied after it was created (what was applied before
is in the log the replay reads). The swap renames the aside tables into place and records the tokenizer
version in one transaction: a search sees the old index or the new one, never a half. A rebuild that died
leaves the aside tables (every apply keeps writing them); the next rebuild starts them again.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from gamja.db import table_exists
from subgraphs.search.adapters.tables import DocumentRow, SearchTable, SuggestionRow

__all__ = ["ASIDE", "LIVE", "TOKENIZER_KEY", "IndexTables", "lock_aside", "rebuilding", "start_aside", "swap_aside"]

TOKENIZER_KEY = "tokenizer_version"
_SUFFIX = "_next"
# Index names are per schema, not per table: the aside set's own while both sets exist (PostgreSQL renames them).
_INDEX_SUFFIX = "__next"
# The FTS5 table as the migration makes it (contentless: the text lives in the documents table).
_FTS5_COLUMNS = "title, compact, body, facets, content='', tokenize='unicode61 remove_diacritics 2'"


@dataclass(frozen=True)
class IndexTables:
    """One set of the index's tables: the live one, or a rebuild's aside one."""

    documents: sa.Table
    # Only title_count is kept in the aside one; query counts come from the search log and stay live.
    suggestions: sa.Table
    # SQLite: the FTS5 table holding these documents' postings (their fts_rowid points into it).
    fts: str


def _aside(live: sa.Table, metadata: sa.MetaData) -> sa.Table:
    """Same columns in the same order and the same unique keys; named indexes are made by hand (see above)."""
    columns = [
        sa.Column(
            c.name,
            c.type,
            primary_key=c.primary_key,
            nullable=c.nullable,
            unique=c.unique,
            autoincrement=c.autoincrement,
        )
        for c in live.columns
    ]
    return sa.Table(live.name + _SUFFIX, metadata, *columns)


_DOCS = SearchTable.metadata.tables[DocumentRow.__tablename__]
_SUGGESTIONS = SearchTable.metadata.tables[SuggestionRow.__tablename__]
LIVE = IndexTables(_DOCS, _SUGGESTIONS, "search_fts")
_ASIDE_METADATA = sa.MetaData()
ASIDE = IndexTables(_aside(_DOCS, _ASIDE_METADATA), _aside(_SUGGESTIONS, _ASIDE_METADATA), "search_fts_next")
# The documents' named indexes (the migration's): the scope one on both dialects, the GIN one on PostgreSQL.
_SCOPE_INDEX = ("ix_search_documents_scope", "(region, status, category)")
_TSV_INDEX = ("ix_search_documents_tsv", "USING gin (tsv)")
# PostgreSQL names a unique key's index after its table: these are renamed at the swap.
_KEYS = ("pkey", "item_id_key", "fts_rowid_key")


def _is_sqlite(conn: AsyncConnection) -> bool:
    return conn.dialect.name == "sqlite"


async def rebuilding(conn: AsyncConnection) -> bool:
    """Whether a rebuild's aside tables exist (then every apply must reach them too)."""
    return await table_exists(conn, ASIDE.documents.name)


async def lock_aside(conn: AsyncConnection) -> None:
    """PostgreSQL: one writer of the aside tables at a time, so two cannot both insert one item between look and write.

    (SQLite's single writer does this there.) Live writers take it after their live writes, the replay holds
    nothing live, and the swap locks the live tables first: no two of them wait on each other in a circle.
    """
    if not _is_sqlite(conn):
        names = ", ".join(table.name for table in (ASIDE.documents, ASIDE.suggestions))
        await conn.execute(text(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE"))


def _recreate(connection: sa.Connection, table: sa.Table) -> None:
    table.drop(connection, checkfirst=True)
    table.create(connection)


async def start_aside(conn: AsyncConnection) -> None:
    """Empty aside tables (dropping an unfinished rebuild's), with the indexes that can be renamed at the swap."""
    if _is_sqlite(conn):
        await conn.execute(text(f"DROP TABLE IF EXISTS {ASIDE.fts}"))
        await conn.execute(text(f"CREATE VIRTUAL TABLE {ASIDE.fts} USING fts5({_FTS5_COLUMNS})"))
    for table in (ASIDE.documents, ASIDE.suggestions):
        await conn.run_sync(_recreate, table)
    if not _is_sqlite(conn):
        # SQLite cannot rename an index: there the scope index is built at the swap.
        for name, definition in (_SCOPE_INDEX, _TSV_INDEX):
            await conn.execute(text(f"CREATE INDEX {name}{_INDEX_SUFFIX} ON {ASIDE.documents.name} {definition}"))


async def _carry_query_counts(conn: AsyncConnection) -> None:
    """The live suggestions' query counts (past searches, not the tokenizer's business) into the aside table."""
    live, aside = LIVE.suggestions.name, ASIDE.suggestions.name
    # "WHERE true" lets SQLite tell the upsert's ON CONFLICT from a join's ON.
    await conn.execute(
        text(
            f"INSERT INTO {aside} (term, title_count, query_count) "
            f"SELECT term, 0, query_count FROM {live} WHERE query_count > 0 AND true "
            "ON CONFLICT (term) DO UPDATE SET query_count = excluded.query_count"
        )
    )


async def _replace(conn: AsyncConnection, live: str, aside: str) -> None:
    await conn.execute(text(f"ALTER TABLE {live} RENAME TO {live}_old"))
    await conn.execute(text(f"ALTER TABLE {aside} RENAME TO {live}"))
    await conn.execute(text(f"DROP TABLE {live}_old"))


async def swap_aside(conn: AsyncConnection, tokenizer_version: str) -> None:
    """Make the aside tables the live ones, drop the old ones and record the tokenizer, in the caller's transaction."""
    sqlite = _is_sqlite(conn)
    if not sqlite:
        # Live tables first, as every live writer takes them (see lock_aside).
        names = ", ".join(t.name for t in (LIVE.documents, LIVE.suggestions, ASIDE.documents, ASIDE.suggestions))
        await conn.execute(text(f"LOCK TABLE {names} IN ACCESS EXCLUSIVE MODE"))
    await _carry_query_counts(conn)
    await _replace(conn, LIVE.documents.name, ASIDE.documents.name)
    await _replace(conn, LIVE.suggestions.name, ASIDE.suggestions.name)
    documents = LIVE.documents.name
    if sqlite:
        await _replace(conn, LIVE.fts, ASIDE.fts)
        name, definition = _SCOPE_INDEX
        await conn.execute(text(f"CREATE INDEX {name} ON {documents} {definition}"))
    else:
        for name, _ in (_SCOPE_INDEX, _TSV_INDEX):
            await conn.execute(text(f"ALTER INDEX {name}{_INDEX_SUFFIX} RENAME TO {name}"))
        for table in (LIVE.documents.name, LIVE.suggestions.name):
            for key in _KEYS if table == documents else _KEYS[:1]:
                await conn.execute(text(f"ALTER INDEX {table}{_SUFFIX}_{key} RENAME TO {table}_{key}"))
        await conn.execute(text(f"ALTER SEQUENCE {documents}{_SUFFIX}_doc_id_seq RENAME TO {documents}_doc_id_seq"))
    await conn.execute(
        text(
            "INSERT INTO search_meta (key, value) VALUES (:key, :value) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"key": TOKENIZER_KEY, "value": tokenizer_version},
    )
