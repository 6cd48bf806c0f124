"""The dialect-specific half of the embedded index: FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL.

Both index the same Python-made tokens and read the same clauses (phrases of bigrams, prefixes), so the
embedded backend answers identically on either database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from subgraphs.search.domain.query import ParsedQuery
from subgraphs.search.domain.tokens import IndexedFields

__all__ = ["Fts5", "FullText", "Tsvector", "full_text_for"]


class FullText(Protocol):
    #: FROM clause exposing the documents as `d` (joined to the full-text index where it is separate).
    source: str

    def match(self, query: ParsedQuery) -> str:
        """The engine's query string for `:match` (every clause must match)."""
        ...

    def match_any(self, tokens: Sequence[str]) -> str:
        """The engine's query string for `:match` matching documents with any of the tokens."""
        ...

    #: SQL condition applying `:match`, and a relevance expression (higher is better) for it.
    condition: str
    rank: str

    async def write(self, conn: AsyncConnection, rows: Sequence[tuple[int, IndexedFields]]) -> None: ...

    async def erase(self, conn: AsyncConnection, rows: Sequence[tuple[int, IndexedFields]]) -> None: ...

    async def clear(self, conn: AsyncConnection) -> None: ...


def _fts5_string(token: str) -> str:
    # Tokens hold only letters and digits; quoting makes words like NEAR or AND plain strings anyway.
    return '"' + token.replace('"', '""') + '"'


class Fts5:
    source = "search_fts JOIN search_documents AS d ON d.doc_id = search_fts.rowid"
    condition = "search_fts MATCH :match"
    # Column weights: title over the spacing-free title copy over the description.
    rank = "(-bm25(search_fts, 4.0, 2.0, 1.0))"

    def match(self, query: ParsedQuery) -> str:
        parts = []
        for clause in query.clauses:
            phrase = _fts5_string(" ".join(clause.tokens))
            parts.append(phrase + "*" if clause.prefix else phrase)
        return " AND ".join(parts)

    def match_any(self, tokens: Sequence[str]) -> str:
        return " OR ".join(_fts5_string(token) for token in tokens)

    async def write(self, conn: AsyncConnection, rows: Sequence[tuple[int, IndexedFields]]) -> None:
        if rows:
            await conn.execute(
                text("INSERT INTO search_fts (rowid, title, compact, body) VALUES (:rowid, :title, :compact, :body)"),
                [_fts5_row(doc_id, fields) for doc_id, fields in rows],
            )

    async def erase(self, conn: AsyncConnection, rows: Sequence[tuple[int, IndexedFields]]) -> None:
        # A contentless table forgets a row only when handed exactly the tokens it was given.
        if rows:
            await conn.execute(
                text(
                    "INSERT INTO search_fts (search_fts, rowid, title, compact, body) "
                    "VALUES ('delete', :rowid, :title, :compact, :body)"
                ),
                [_fts5_row(doc_id, fields) for doc_id, fields in rows],
            )

    async def clear(self, conn: AsyncConnection) -> None:
        await conn.execute(text("INSERT INTO search_fts (search_fts) VALUES ('delete-all')"))


def _fts5_row(doc_id: int, fields: IndexedFields) -> dict[str, Any]:
    return {
        "rowid": doc_id,
        "title": " ".join(fields.title),
        "compact": " ".join(fields.compact),
        "body": " ".join(fields.body),
    }


_MAX_POSITION = 16383  # PostgreSQL's limit for tsvector positions


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


class Tsvector:
    source = "search_documents AS d"
    condition = "d.tsv @@ CAST(:match AS tsquery)"
    rank = "ts_rank('{0.25, 0.1, 0.6, 1.0}', d.tsv, CAST(:match AS tsquery))"

    def match(self, query: ParsedQuery) -> str:
        parts = []
        for clause in query.clauses:
            if clause.prefix:
                parts.append(_lexeme(clause.tokens[0]) + ":*")
            else:
                parts.append("(" + " <-> ".join(_lexeme(token) for token in clause.tokens) + ")")
        return " & ".join(parts)

    def match_any(self, tokens: Sequence[str]) -> str:
        return " | ".join(_lexeme(token) for token in tokens)

    async def write(self, conn: AsyncConnection, rows: Sequence[tuple[int, IndexedFields]]) -> None:
        if rows:
            await conn.execute(
                text("UPDATE search_documents SET tsv = CAST(:tsv AS tsvector) WHERE doc_id = :doc_id"),
                [{"doc_id": doc_id, "tsv": tsvector_literal(fields)} for doc_id, fields in rows],
            )

    async def erase(self, conn: AsyncConnection, rows: Sequence[tuple[int, IndexedFields]]) -> None:
        if rows:
            await conn.execute(
                text("UPDATE search_documents SET tsv = NULL WHERE doc_id = :doc_id"),
                [{"doc_id": doc_id} for doc_id, _ in rows],
            )

    async def clear(self, conn: AsyncConnection) -> None:
        await conn.execute(text("UPDATE search_documents SET tsv = NULL"))


def full_text_for(dialect_name: str) -> FullText:
    if dialect_name == "sqlite":
        return Fts5()
    if dialect_name == "postgresql":
        return Tsvector()
    raise ValueError(f"the embedded search index supports SQLite and PostgreSQL, not {dialect_name}")
