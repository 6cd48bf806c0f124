"""The embedded search index: documents, suggestions and the search log in the search service's own SQL database."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from gamja.db import Database
from subgraphs.search.adapters.tables import MetaRow, SearchLogRow, SearchTable
from subgraphs.search.domain.model import ON_SALE, ItemDocument, SearchLogEntry, SearchPage, SearchRequest, TermCount
from subgraphs.search.domain.suggest import prefix_ranges, title_terms
from subgraphs.search.read_model.aside import (
    ASIDE,
    LIVE,
    TOKENIZER_KEY,
    IndexTables,
    lock_aside,
    rebuilding,
    start_aside,
    swap_aside,
)
from subgraphs.search.read_model.fts5 import Fts5
from subgraphs.search.read_model.full_text import FullText, Posting, RelatedTo, like_prefix
from subgraphs.search.read_model.rebuild_lock import sql_rebuild_lock
from subgraphs.search.read_model.tsvector import Tsvector

__all__ = ["SqlSearchIndex"]

DOCS = LIVE.documents
SUGGESTIONS = LIVE.suggestions
SEARCH_LOG = SearchTable.metadata.tables[SearchLogRow.__tablename__]
META = SearchTable.metadata.tables[MetaRow.__tablename__]

_BATCH = 500


def _chunks(values: Sequence[Any], size: int = _BATCH) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _full_text_for(dialect_name: str) -> FullText:
    if dialect_name == "sqlite":
        return Fts5()
    if dialect_name == "postgresql":
        return Tsvector()
    raise ValueError(f"the embedded search index supports SQLite and PostgreSQL, not {dialect_name}")


class SqlSearchIndex:
    """Works on SQLite (FTS5) and PostgreSQL (tsvector + GIN); see full_text.py for the difference."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._full_text = _full_text_for(database.engine.dialect.name)
        self._insert = sqlite.insert if database.is_sqlite else postgresql.insert

    async def tokenizer_version(self) -> str | None:
        async with self._database.engine.connect() as conn:
            value = await conn.scalar(sa.select(META.c.value).where(META.c.key == TOKENIZER_KEY))
        return None if value is None else str(value)

    def rebuild_lock(self) -> AbstractAsyncContextManager[None]:
        return sql_rebuild_lock(self._database)

    async def start_aside(self) -> None:
        async with self._database.engine.begin() as conn:
            await start_aside(conn)

    async def apply_aside(self, documents: Sequence[ItemDocument]) -> int:
        async with self._database.engine.begin() as conn:
            await lock_aside(conn)
            return await self._apply_to(conn, ASIDE, _latest(documents), rewrite_equal=False)

    async def swap_aside(self, tokenizer_version: str) -> None:
        async with self._database.engine.begin() as conn:
            await swap_aside(conn, tokenizer_version)

    async def stored_version(self, item_id: str) -> int | None:
        async with self._database.engine.connect() as conn:
            value = await conn.scalar(sa.select(DOCS.c.version).where(DOCS.c.item_id == item_id))
        return None if value is None else int(value)

    async def stored_versions(self, item_ids: Sequence[str]) -> dict[str, tuple[int, bool]]:
        found: dict[str, tuple[int, bool]] = {}
        async with self._database.engine.connect() as conn:
            for chunk in _chunks(list(item_ids)):
                rows = await conn.execute(
                    sa.select(DOCS.c.item_id, DOCS.c.version, DOCS.c.deleted).where(DOCS.c.item_id.in_(chunk))
                )
                found.update({str(row.item_id): (int(row.version), bool(row.deleted)) for row in rows})
        return found

    async def apply(self, documents: Sequence[ItemDocument], *, rewrite_equal: bool = False) -> int:
        latest = _latest(documents)
        async with self._database.engine.begin() as conn:
            changed = await self._apply_to(conn, LIVE, latest, rewrite_equal=rewrite_equal)
            # After the live writes, so on SQLite this transaction holds the writer lock already and a rebuild
            # cannot start or swap between the look and the writes.
            if await rebuilding(conn):
                await lock_aside(conn)
                await self._apply_to(conn, ASIDE, latest, rewrite_equal=False)
        return changed

    async def _apply_to(
        self, conn: AsyncConnection, tables: IndexTables, documents: Sequence[ItemDocument], *, rewrite_equal: bool
    ) -> int:
        changed = 0
        for chunk in _chunks(documents):
            changed += await self._apply_chunk(conn, tables, chunk, rewrite_equal=rewrite_equal)
        return changed

    async def _apply_chunk(
        self, conn: AsyncConnection, tables: IndexTables, documents: Sequence[ItemDocument], *, rewrite_equal: bool
    ) -> int:
        docs = tables.documents
        rows = (
            await conn.execute(
                sa.select(
                    docs.c.item_id,
                    docs.c.doc_id,
                    docs.c.version,
                    docs.c.deleted,
                    docs.c.title,
                    docs.c.description,
                    docs.c.status,
                    docs.c.category,
                    docs.c.region,
                    docs.c.bumped_epoch,
                    docs.c.fts_rowid,
                ).where(docs.c.item_id.in_([d.item_id for d in documents]))
            )
        ).all()
        stored = {row.item_id: row for row in rows}
        newer = [
            d
            for d in documents
            if d.item_id not in stored
            or stored[d.item_id].version < d.version
            or (rewrite_equal and stored[d.item_id].version == d.version)
        ]
        if not newer:
            return 0
        terms: Counter[str] = Counter()
        erase = []
        for document in newer:
            old = stored.get(document.item_id)
            if old is not None and not old.deleted:
                erase.append(
                    Posting(
                        int(old.doc_id),
                        old.item_id,
                        old.title,
                        old.description,
                        old.status,
                        old.category,
                        old.region,
                        float(old.bumped_epoch),
                        None if old.fts_rowid is None else int(old.fts_rowid),
                    )
                )
                terms.subtract(title_terms(old.title))
            if not document.deleted:
                terms.update(title_terms(document.title))
        await self._full_text.erase(conn, erase, tables)
        values = [_row_values(d) for d in newer]
        updates = [v for v in values if v["item_id"] in stored]
        inserts = [v for v in values if v["item_id"] not in stored]
        if updates:
            await conn.execute(
                sa.update(docs).where(docs.c.item_id == sa.bindparam("key_item_id")),
                [{**v, "key_item_id": v["item_id"]} for v in updates],
            )
        if inserts:
            await conn.execute(sa.insert(docs), inserts)
        live = [d for d in newer if not d.deleted]
        if live:
            ids: dict[str, int] = dict(
                (
                    await conn.execute(
                        sa.select(docs.c.item_id, docs.c.doc_id).where(docs.c.item_id.in_([d.item_id for d in live]))
                    )
                ).all()
            )
            await self._full_text.write(
                conn,
                [
                    Posting(
                        int(ids[d.item_id]),
                        d.item_id,
                        d.title,
                        d.description,
                        d.status,
                        d.category,
                        d.region,
                        d.bumped_at.timestamp(),
                    )
                    for d in live
                ],
                tables,
            )
        await self._count_title_terms(conn, tables.suggestions, terms)
        return len(newer)

    async def _count_title_terms(self, conn: AsyncConnection, suggestions: sa.Table, delta: Counter[str]) -> None:
        changes: list[dict[str, Any]] = [
            {"term": term, "title_count": count, "query_count": 0} for term, count in delta.items() if count
        ]
        if not changes:
            return
        statement = self._insert(suggestions)
        await conn.execute(
            statement.on_conflict_do_update(
                index_elements=["term"],
                set_={"title_count": suggestions.c.title_count + statement.excluded.title_count},
            ),
            changes,
        )
        gone = [change["term"] for change in changes if change["title_count"] < 0]
        for chunk in _chunks(gone):
            await conn.execute(
                sa.delete(suggestions).where(
                    suggestions.c.term.in_(chunk), suggestions.c.title_count <= 0, suggestions.c.query_count <= 0
                )
            )

    async def search(self, request: SearchRequest) -> SearchPage:
        if request.query.is_empty:
            return SearchPage([], 0, False)
        async with self._database.engine.connect() as conn:
            return await self._full_text.search(conn, request)

    async def suggest(self, prefix: str, first: int) -> list[str]:
        ranges = prefix_ranges(prefix)
        if not ranges or first == 0:
            return []
        term = SUGGESTIONS.c.term
        score = SUGGESTIONS.c.title_count + 3 * SUGGESTIONS.c.query_count
        query = (
            sa.select(term)
            .where(sa.or_(*(sa.and_(term >= low, term < high) for low, high in ranges)))
            # The prefix itself is no suggestion: the person has typed it already.
            .where(term != prefix)
            .where(sa.or_(SUGGESTIONS.c.title_count > 0, SUGGESTIONS.c.query_count > 0))
            .order_by(score.desc(), sa.func.length(term), term)
            .limit(first)
        )
        async with self._database.engine.connect() as conn:
            return [str(found) for found in (await conn.scalars(query)).all()]

    async def record_searches(self, entries: Sequence[SearchLogEntry]) -> None:
        if not entries:
            return
        found = Counter(entry.term for entry in entries if entry.had_results and len(entry.term) <= 200)
        async with self._database.engine.begin() as conn:
            await conn.execute(
                sa.insert(SEARCH_LOG),
                [
                    {
                        "term": entry.term[:200],
                        "region": entry.region,
                        "user_hash": entry.user_hash,
                        "had_results": entry.had_results,
                        "searched_at": entry.searched_at,
                    }
                    for entry in entries
                ],
            )
            if found:
                statement = self._insert(SUGGESTIONS)
                await conn.execute(
                    statement.on_conflict_do_update(
                        index_elements=["term"],
                        set_={"query_count": SUGGESTIONS.c.query_count + statement.excluded.query_count},
                    ),
                    [{"term": term, "title_count": 0, "query_count": count} for term, count in found.items()],
                )

    async def popular_terms(self, *, since: datetime, region: str | None, first: int) -> list[TermCount]:
        searcher = sa.func.coalesce(
            SEARCH_LOG.c.user_hash, sa.literal("anon:") + sa.cast(SEARCH_LOG.c.id, sa.String(20))
        )
        count = sa.func.count(sa.distinct(searcher)).label("n")
        query = (
            sa.select(SEARCH_LOG.c.term, count)
            .where(SEARCH_LOG.c.searched_at >= since, SEARCH_LOG.c.had_results.is_(True))
            .group_by(SEARCH_LOG.c.term)
            .order_by(count.desc(), SEARCH_LOG.c.term)
            .limit(first)
        )
        if region:
            query = query.where(SEARCH_LOG.c.region.like(like_prefix(region), escape="\\"))
        async with self._database.engine.connect() as conn:
            return [TermCount(str(row.term), int(row.n)) for row in (await conn.execute(query)).all()]

    async def related(self, item_id: str, first: int) -> list[str]:
        if first == 0:
            return []
        async with self._database.engine.connect() as conn:
            item = (
                await conn.execute(
                    sa.select(DOCS.c.title, DOCS.c.category, DOCS.c.region, DOCS.c.deleted).where(
                        DOCS.c.item_id == item_id
                    )
                )
            ).first()
            if item is None or item.deleted:
                return []
            found = await self._full_text.related(
                conn, RelatedTo(item_id, item.title, item.category, item.region), first
            )
            if len(found) < first:
                # Nothing more alike by title: fill with the newest of the same category nearby.
                rows = await conn.execute(
                    sa.select(DOCS.c.item_id)
                    .where(
                        DOCS.c.region == item.region,
                        DOCS.c.status == ON_SALE,
                        DOCS.c.category == item.category,
                        DOCS.c.deleted.is_(False),
                        DOCS.c.item_id.not_in([item_id, *found]),
                    )
                    .order_by(DOCS.c.bumped_epoch.desc(), DOCS.c.item_id)
                    .limit(first - len(found))
                )
                found.extend(str(row.item_id) for row in rows)
        return found

    async def close(self) -> None:
        return None


def _latest(documents: Sequence[ItemDocument]) -> list[ItemDocument]:
    """One document per item, its newest version (a batch may hold several events of one item, in any order)."""
    latest: dict[str, ItemDocument] = {}
    for document in documents:
        known = latest.get(document.item_id)
        if known is None or document.version > known.version:
            latest[document.item_id] = document
    return list(latest.values())


def _row_values(document: ItemDocument) -> dict[str, Any]:
    return {
        "item_id": document.item_id,
        "version": document.version,
        "deleted": document.deleted,
        "title": document.title,
        "description": document.description,
        "price": document.price,
        "category": document.category,
        "region": document.region,
        "status": document.status,
        "seller_id": document.seller_id,
        "created_at": document.created_at,
        "bumped_at": document.bumped_at,
        "bumped_epoch": document.bumped_at.timestamp(),
    }
