"""SQLite FTS5 (contentless) full text: tokens, facet tokens for filters, rowids ordered by freshness."""

from __future__ import annotations

import hashlib
import math
import time
import zlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from subgraphs.search.domain.model import ON_SALE, Cursor, SearchHit, SearchPage, SearchRequest, SearchSort
from subgraphs.search.domain.query import ParsedQuery
from subgraphs.search.read_model.aside import IndexTables
from subgraphs.search.read_model.full_text import Posting, RelatedTo, related_tokens

__all__ = ["Fts5"]

_JOIN = "search_fts JOIN search_documents AS d ON d.fts_rowid = search_fts.rowid"
_HIT_COLUMNS = (
    "search_fts.rowid AS r, d.item_id AS item_id, d.title AS title, d.description AS description, d.price AS price"
)
_TITLE_COLUMNS = "{title compact}"
_RELATED_QUERY_TOKENS = 5
_RELATED_POOL = 200
# Document frequencies move slowly; a few minutes old is precise enough to weigh terms.
_FREQUENCY_TTL_SECONDS = 300.0
_FREQUENCY_CACHE_SIZE = 100_000


def _string(token: str) -> str:
    # Tokens hold only letters and digits; quoting makes words like NEAR or AND plain strings anyway.
    return '"' + token.replace('"', '""') + '"'


def _clauses(query: ParsedQuery) -> str:
    parts = []
    for clause in query.clauses:
        phrase = _string(" ".join(clause.tokens))
        parts.append(phrase + "*" if clause.prefix else phrase)
    return " AND ".join(parts)


def _facet(kind: str, value: str) -> str:
    """Filters as index tokens, so FTS5 intersects them with the text (count and pages stay inside the index)."""
    return "f" + kind + hashlib.blake2b(value.encode(), digest_size=10).hexdigest()


def _facets(posting: Posting) -> list[str]:
    region_prefixes = {posting.region[:end] for end in range(1, len(posting.region) + 1)}
    return [
        _facet("s", posting.status),
        _facet("c", posting.category),
        *sorted(_facet("r", prefix) for prefix in region_prefixes),
    ]


def _row(posting: Posting, rowid: int) -> dict[str, Any]:
    fields = posting.fields()
    return {
        "rowid": rowid,
        "title": " ".join(fields.title),
        "compact": " ".join(fields.compact),
        "body": " ".join(fields.body),
        "facets": " ".join(_facets(posting)),
    }


def _rowid_for(posting: Posting) -> int:
    # Milliseconds of bumped_at, then 10 bits of the item id: index order is freshness order.
    return round(posting.bumped_epoch * 1000) * 1024 + (zlib.crc32(posting.item_id.encode()) & 1023)


class Fts5:
    def __init__(self) -> None:
        self._frequency: dict[str, tuple[int, float]] = {}

    async def write(self, conn: AsyncConnection, postings: Sequence[Posting], tables: IndexTables) -> None:
        if not postings:
            return
        documents = tables.documents.name
        wanted = {posting.doc_id: _rowid_for(posting) for posting in postings}
        taken = {
            int(row[0])
            for row in await conn.execute(
                text(f"SELECT fts_rowid FROM {documents} WHERE fts_rowid IN ({','.join(map(str, wanted.values()))})")
            )
        }
        assigned: dict[int, int] = {}
        for posting in postings:
            rowid = wanted[posting.doc_id]
            while rowid in taken or await _rowid_in_use(conn, documents, rowid, wanted[posting.doc_id]):
                rowid += 1
            taken.add(rowid)
            assigned[posting.doc_id] = rowid
        await conn.execute(
            text(f"UPDATE {documents} SET fts_rowid = :rowid WHERE doc_id = :doc_id"),
            [{"rowid": rowid, "doc_id": doc_id} for doc_id, rowid in assigned.items()],
        )
        await conn.execute(
            text(
                f"INSERT INTO {tables.fts} (rowid, title, compact, body, facets) "
                "VALUES (:rowid, :title, :compact, :body, :facets)"
            ),
            [_row(posting, assigned[posting.doc_id]) for posting in postings],
        )

    async def erase(self, conn: AsyncConnection, postings: Sequence[Posting], tables: IndexTables) -> None:
        # A contentless table forgets a row only when handed exactly the tokens it was given.
        indexed = [posting for posting in postings if posting.fts_rowid is not None]
        if not indexed:
            return
        await conn.execute(
            text(
                f"INSERT INTO {tables.fts} ({tables.fts}, rowid, title, compact, body, facets) "
                "VALUES ('delete', :rowid, :title, :compact, :body, :facets)"
            ),
            [_row(posting, int(posting.fts_rowid or 0)) for posting in indexed],
        )
        await conn.execute(
            text(f"UPDATE {tables.documents.name} SET fts_rowid = NULL WHERE doc_id = :doc_id"),
            [{"doc_id": posting.doc_id} for posting in indexed],
        )

    async def search(self, conn: AsyncConnection, request: SearchRequest) -> SearchPage:
        query = _clauses(request.query)
        f = request.filter
        facets = []
        if f.status is not None:
            facets.append(_facet("s", f.status))
        if f.category is not None:
            facets.append(_facet("c", f.category))
        if f.region:
            facets.append(_facet("r", f.region))
        scope = "".join(f" AND {{facets}} : {_string(token)}" for token in facets)
        params: dict[str, Any] = {}
        prices = []
        if f.min_price is not None:
            prices.append("d.price >= :min_price")
            params["min_price"] = f.min_price
        if f.max_price is not None:
            prices.append("d.price <= :max_price")
            params["max_price"] = f.max_price
        price_sql = "".join(f" AND {condition}" for condition in prices)
        everything = f"({query}){scope}"
        if prices:
            count_sql = f"SELECT count(*) FROM {_JOIN} WHERE search_fts MATCH :everything{price_sql}"
        else:
            count_sql = "SELECT count(*) FROM search_fts WHERE search_fts MATCH :everything"
        total = int(await conn.scalar(text(count_sql), {**params, "everything": everything}) or 0)
        limit = request.first + 1

        if request.sort in (SearchSort.PRICE_ASC, SearchSort.PRICE_DESC):
            order = "ASC" if request.sort is SearchSort.PRICE_ASC else "DESC"
            keyset = ""
            if request.after is not None:
                price, rowid = request.after.expect(int, int)
                op = ">" if order == "ASC" else "<"
                keyset = f" AND (d.price {op} :after_price OR (d.price = :after_price AND search_fts.rowid {op} :after_rowid))"
                params.update(after_price=price, after_rowid=rowid)
            rows = (
                await conn.execute(
                    text(
                        f"SELECT {_HIT_COLUMNS} FROM {_JOIN} WHERE search_fts MATCH :everything{price_sql}{keyset} "
                        f"ORDER BY d.price {order}, search_fts.rowid {order} LIMIT :limit"
                    ),
                    {**params, "everything": everything, "limit": limit},
                )
            ).all()
            hits = [_hit(request, (int(row.price), int(row.r)), row) for row in rows]
            return SearchPage(hits[: request.first], total, len(hits) > request.first)

        if request.sort is SearchSort.NEWEST:
            tiers = [(0, everything)]
        else:
            in_title = f"{_TITLE_COLUMNS} : ({query})"
            tiers = [(1, f"({in_title}){scope}"), (0, f"(({query}) NOT ({in_title})){scope}")]
        after_tier: int | None = None
        after_rowid: int | None = None
        if request.after is not None:
            if request.sort is SearchSort.NEWEST:
                after_tier, after_rowid = 0, int(request.after.expect(int)[0])
            else:
                tier_key, rowid_key = request.after.expect(int, int)
                after_tier, after_rowid = int(tier_key), int(rowid_key)
        hits = []
        for tier, match in tiers:
            if after_tier is not None and tier > after_tier:
                continue
            keyset = " AND search_fts.rowid < :after_rowid" if after_tier is not None and tier == after_tier else ""
            rows = (
                await conn.execute(
                    text(
                        f"SELECT {_HIT_COLUMNS} FROM {_JOIN} WHERE search_fts MATCH :match{price_sql}{keyset} "
                        "ORDER BY search_fts.rowid DESC LIMIT :limit"
                    ),
                    {**params, "match": match, "after_rowid": after_rowid, "limit": limit - len(hits)},
                )
            ).all()
            for row in rows:
                keys = (int(row.r),) if request.sort is SearchSort.NEWEST else (tier, int(row.r))
                hits.append(_hit(request, keys, row))
            if len(hits) >= limit:
                break
        return SearchPage(hits[: request.first], total, len(hits) > request.first)

    async def related(self, conn: AsyncConnection, item: RelatedTo, first: int) -> list[str]:
        """Term overlap, weighted by rarity, among the newest items nearby that share a telling title token.

        Scoring every match with bm25 costs tens of milliseconds on 100k items; walking the index
        newest-first for a bounded pool of candidates and ranking them here costs about one.
        """
        weights = await self._token_weights(conn, related_tokens(item.title))
        telling = sorted(weights, key=lambda token: -weights[token])[:_RELATED_QUERY_TOKENS]
        if not telling:
            return []
        match = (
            f"({' OR '.join(_string(token) for token in telling)})"
            f" AND {{facets}} : {_string(_facet('r', item.region))} AND {{facets}} : {_string(_facet('s', ON_SALE))}"
        )
        rows = await conn.execute(
            text(
                f"SELECT d.item_id, d.title, d.category FROM {_JOIN} WHERE search_fts MATCH :match "
                "AND d.item_id <> :item_id AND d.region = :region ORDER BY search_fts.rowid DESC LIMIT :pool"
            ),
            {"match": match, "item_id": item.item_id, "region": item.region, "pool": _RELATED_POOL},
        )
        scored = []
        for position, row in enumerate(rows):
            shared = weights.keys() & set(related_tokens(row.title, limit=64))
            score = sum(weights[token] for token in shared) * (1.5 if row.category == item.category else 1.0)
            if score > 0:
                scored.append((-score, position, str(row.item_id)))
        return [item_id for _, _, item_id in sorted(scored)[:first]]

    async def _token_weights(self, conn: AsyncConnection, tokens: list[str]) -> dict[str, float]:
        """Rarer tokens tell more (as "more like this" weighs terms); a token only this item has tells nothing."""
        now = time.monotonic()
        unknown = [t for t in tokens if t not in self._frequency or self._frequency[t][1] < now]
        if unknown:
            # A bare term is counted from its doclist without reading positions; one round trip for all of them.
            counts = " UNION ALL ".join(
                f"SELECT {n} AS n, count(*) AS c FROM search_fts WHERE search_fts MATCH :t{n}"
                for n in range(len(unknown))
            )
            rows = await conn.execute(text(counts), {f"t{n}": _string(token) for n, token in enumerate(unknown)})
            if len(self._frequency) > _FREQUENCY_CACHE_SIZE:
                self._frequency.clear()
            for row in rows:
                self._frequency[unknown[int(row.n)]] = (int(row.c), now + _FREQUENCY_TTL_SECONDS)
        return {t: 1.0 / math.log(1.0 + self._frequency[t][0]) for t in tokens if self._frequency[t][0] > 1}


async def _rowid_in_use(conn: AsyncConnection, documents: str, rowid: int, wanted: int) -> bool:
    # Only probed after a collision (two items bumped in the same millisecond with the same 10 hash bits).
    if rowid == wanted:
        return False
    found = await conn.scalar(text(f"SELECT 1 FROM {documents} WHERE fts_rowid = :rowid"), {"rowid": rowid})
    return found is not None


def _hit(request: SearchRequest, keys: tuple[int, ...], row: Any) -> SearchHit:
    return SearchHit(
        item_id=str(row.item_id),
        title=str(row.title),
        description=str(row.description),
        cursor=Cursor(request.sort, keys),
    )
