"""PostgreSQL full text: the same tokens as a weighted, positioned tsvector under a GIN index."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from subgraphs.search.domain.model import ON_SALE, Cursor, CursorKey, SearchHit, SearchPage, SearchRequest, SearchSort
from subgraphs.search.domain.query import ParsedQuery
from subgraphs.search.domain.tokens import IndexedFields
from subgraphs.search.read_model.aside import IndexTables
from subgraphs.search.read_model.full_text import Posting, RelatedTo, like_prefix, related_tokens

__all__ = ["Tsvector", "tsvector_literal"]

_MAX_POSITION = 16383  # PostgreSQL's limit for tsvector positions
_KEYS: dict[SearchSort, str] = {
    SearchSort.RELEVANCE: "hits.tier, hits.bumped_epoch, hits.item_id",
    SearchSort.NEWEST: "hits.bumped_epoch, hits.item_id",
    SearchSort.PRICE_ASC: "hits.price, hits.item_id",
    SearchSort.PRICE_DESC: "hits.price, hits.item_id",
}
_KEY_TYPES: dict[SearchSort, tuple[type, ...]] = {
    SearchSort.RELEVANCE: (int, float, str),
    SearchSort.NEWEST: (float, str),
    SearchSort.PRICE_ASC: (int, str),
    SearchSort.PRICE_DESC: (int, str),
}


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(fields: IndexedFields) -> str:
    """Weights A (title), B (spacing-free title), D (description); a gap between fields keeps phrases inside one."""
    entries: list[str] = []
    position = 1
    for weight, field_tokens in (("A", fields.title), ("B", fields.compact), ("D", fields.body)):
        for token in field_tokens:
            entries.append(f"{_lexeme(token)}:{min(position, _MAX_POSITION)}{weight}")
            position += 1
        position += 1
    return " ".join(entries)


def _tsquery(query: ParsedQuery, weights: str = "") -> str:
    parts = []
    for clause in query.clauses:
        if clause.prefix:
            parts.append(f"{_lexeme(clause.tokens[0])}:*{weights}")
        elif weights:
            parts.append("(" + " <-> ".join(f"{_lexeme(token)}:{weights}" for token in clause.tokens) + ")")
        else:
            parts.append("(" + " <-> ".join(_lexeme(token) for token in clause.tokens) + ")")
    return " & ".join(parts)


class Tsvector:
    async def write(self, conn: AsyncConnection, postings: Sequence[Posting], tables: IndexTables) -> None:
        if postings:
            await conn.execute(
                text(f"UPDATE {tables.documents.name} SET tsv = CAST(:tsv AS tsvector) WHERE doc_id = :doc_id"),
                [{"doc_id": p.doc_id, "tsv": tsvector_literal(p.fields())} for p in postings],
            )

    async def erase(self, conn: AsyncConnection, postings: Sequence[Posting], tables: IndexTables) -> None:
        if postings:
            await conn.execute(
                text(f"UPDATE {tables.documents.name} SET tsv = NULL WHERE doc_id = :doc_id"),
                [{"doc_id": p.doc_id} for p in postings],
            )

    async def search(self, conn: AsyncConnection, request: SearchRequest) -> SearchPage:
        params: dict[str, Any] = {"match": _tsquery(request.query), "in_title": _tsquery(request.query, "AB")}
        conditions = ["d.tsv @@ CAST(:match AS tsquery)"]
        f = request.filter
        if f.status is not None:
            conditions.append("d.status = :status")
            params["status"] = f.status
        if f.category is not None:
            conditions.append("d.category = :category")
            params["category"] = f.category
        if f.region:
            conditions.append("d.region LIKE :region ESCAPE '\\'")
            params["region"] = like_prefix(f.region)
        if f.min_price is not None:
            conditions.append("d.price >= :min_price")
            params["min_price"] = f.min_price
        if f.max_price is not None:
            conditions.append("d.price <= :max_price")
            params["max_price"] = f.max_price
        where = " AND ".join(conditions)
        total = int(await conn.scalar(text(f"SELECT count(*) FROM search_documents AS d WHERE {where}"), params) or 0)

        keys = _KEYS[request.sort]
        ascending = request.sort is SearchSort.PRICE_ASC
        keyset = ""
        if request.after is not None:
            values = request.after.expect(*_KEY_TYPES[request.sort])
            names = [f"after_{n}" for n in range(len(values))]
            params.update(zip(names, values, strict=True))
            placeholders = ", ".join(
                f"CAST(:{name} AS {'TEXT' if isinstance(value, str) else 'DOUBLE PRECISION'})"
                for name, value in zip(names, values, strict=True)
            )
            keyset = f"WHERE ({keys}) {'>' if ascending else '<'} ({placeholders})"
        order = ", ".join(f"{key} {'ASC' if ascending else 'DESC'}" for key in keys.split(", "))
        rows = (
            await conn.execute(
                text(
                    "SELECT hits.* FROM (SELECT d.item_id, d.title, d.description, d.price, d.bumped_epoch, "
                    "CASE WHEN d.tsv @@ CAST(:in_title AS tsquery) THEN 1 ELSE 0 END AS tier "
                    f"FROM search_documents AS d WHERE {where}) AS hits {keyset} ORDER BY {order} LIMIT :limit"
                ),
                {**params, "limit": request.first + 1},
            )
        ).all()
        hits = []
        for row in rows[: request.first]:
            values_of: dict[str, CursorKey] = {
                "hits.tier": int(row.tier),
                "hits.bumped_epoch": float(row.bumped_epoch),
                "hits.item_id": str(row.item_id),
                "hits.price": int(row.price),
            }
            cursor = Cursor(request.sort, tuple(values_of[key] for key in keys.split(", ")))
            hits.append(SearchHit(str(row.item_id), str(row.title), str(row.description), cursor))
        return SearchPage(hits, total, len(rows) > request.first)

    async def related(self, conn: AsyncConnection, item: RelatedTo, first: int) -> list[str]:
        tokens = related_tokens(item.title)
        if not tokens:
            return []
        rows = await conn.execute(
            text(
                "SELECT d.item_id FROM search_documents AS d "
                "WHERE d.tsv @@ CAST(:match AS tsquery) AND d.region = :region AND d.status = :on_sale "
                "AND d.item_id <> :item_id "
                "ORDER BY ts_rank('{0, 0, 0.5, 1.0}', d.tsv, CAST(:match AS tsquery)) "
                "* CASE WHEN d.category = :category THEN 1.5 ELSE 1.0 END DESC, d.item_id LIMIT :first"
            ),
            {
                "match": " | ".join(f"{_lexeme(token)}:AB" for token in tokens),
                "region": item.region,
                "on_sale": ON_SALE,
                "item_id": item.item_id,
                "category": item.category,
                "first": first,
            },
        )
        return [str(row.item_id) for row in rows]
