"""The production search index on Elasticsearch (official async client), with the embedded backend's semantics.

Matching uses the same Python-made tokens as the embedded index (indexed with a whitespace analyzer, so
phrases and prefixes mean exactly what they mean there); the `title`/`description` text fields carry a
`cjk_bigram` analyzer (or nori) for `more_like_this`. Versions use Elasticsearch's external versioning,
which refuses a version that is not newer: idempotent upserts and tombstones for free.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from typing import Any, Literal

from elasticsearch import AsyncElasticsearch, NotFoundError
from elasticsearch.helpers import async_bulk

from subgraphs.search.domain.model import (
    ON_SALE,
    Cursor,
    ItemDocument,
    SearchHit,
    SearchLogEntry,
    SearchPage,
    SearchRequest,
    SearchSort,
    TermCount,
)
from subgraphs.search.domain.query import ParsedQuery
from subgraphs.search.domain.suggest import LAST_CHAR, prefix_ranges, title_terms
from subgraphs.search.domain.tokens import index_fields
from subgraphs.search.read_model import elastic_aside
from subgraphs.search.read_model.elastic_rebuild_lock import elastic_rebuild_lock

__all__ = ["ElasticsearchIndex"]

Analyzer = Literal["cjk_bigram", "nori"]
_TOKEN_FIELDS = (("title_tokens", 4.0), ("compact_tokens", 2.0), ("body_tokens", 1.0))
_REGEX_SPECIAL = set('.?+*|{}[]()"\\#@&<>~')
# RELEVANCE as in the embedded index: whole query in the title first (score 1, else 0), then newest first.
_SORTS: dict[SearchSort, list[dict[str, str]]] = {
    SearchSort.RELEVANCE: [{"_score": "desc"}, {"bumped_epoch": "desc"}, {"item_id": "desc"}],
    SearchSort.NEWEST: [{"bumped_epoch": "desc"}, {"item_id": "desc"}],
    SearchSort.PRICE_ASC: [{"price": "asc"}, {"item_id": "asc"}],
    SearchSort.PRICE_DESC: [{"price": "desc"}, {"item_id": "desc"}],
}
_KEY_TYPES: dict[SearchSort, tuple[type, ...]] = {
    SearchSort.RELEVANCE: (float, float, str),
    SearchSort.NEWEST: (float, str),
    SearchSort.PRICE_ASC: (int, str),
    SearchSort.PRICE_DESC: (int, str),
}
_TITLE_FIELDS = _TOKEN_FIELDS[:2]


def _analysis(analyzer: Analyzer) -> dict[str, Any]:
    analyzers: dict[str, Any] = {
        "gamja_tokens": {"type": "custom", "tokenizer": "whitespace"},
        "korean_text": {"type": "custom", "tokenizer": "standard", "filter": ["cjk_width", "lowercase", "cjk_bigram"]},
    }
    if analyzer == "nori":
        analyzers["korean_text"] = {"type": "custom", "tokenizer": "nori_tokenizer", "filter": ["lowercase"]}
    return {"analyzer": analyzers}


def _items_mappings() -> dict[str, Any]:
    tokens = {"type": "text", "analyzer": "gamja_tokens", "norms": True}
    return {
        "dynamic": "strict",
        "properties": {
            "item_id": {"type": "keyword"},
            "version": {"type": "long"},
            "deleted": {"type": "boolean"},
            "title": {"type": "text", "analyzer": "korean_text"},
            "description": {"type": "text", "analyzer": "korean_text"},
            "title_tokens": tokens,
            "compact_tokens": tokens,
            "body_tokens": tokens,
            "title_terms": {"type": "keyword"},
            "price": {"type": "long"},
            "category": {"type": "keyword"},
            "region": {"type": "keyword"},
            "status": {"type": "keyword"},
            "seller_id": {"type": "keyword"},
            "created_at": {"type": "date"},
            "bumped_at": {"type": "date"},
            "bumped_epoch": {"type": "double"},
        },
    }


_LOG_MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "term": {"type": "keyword"},
        "region": {"type": "keyword"},
        "user_hash": {"type": "keyword"},
        "searcher": {"type": "keyword"},
        "had_results": {"type": "boolean"},
        "searched_at": {"type": "date"},
    },
}


def _regex_escape(text: str) -> str:
    return "".join("\\" + char if char in _REGEX_SPECIAL else char for char in text)


def _regex_prefix(prefix: str) -> str:
    """A Lucene regular expression for the terms a (possibly half-typed Korean) prefix can become."""
    alternatives = []
    for low, high in prefix_ranges(prefix):
        if high.endswith(LAST_CHAR):
            alternatives.append(_regex_escape(low) + ".*")
        else:
            alternatives.append(_regex_escape(low[:-1]) + f"[{low[-1]}-{chr(ord(high[-1]) - 1)}].*")
    return "|".join(f"({alternative})" for alternative in alternatives)


def _source(document: ItemDocument) -> dict[str, Any]:
    fields = index_fields(document.title, document.description)
    return {
        "item_id": document.item_id,
        "version": document.version,
        "deleted": document.deleted,
        "title": document.title,
        "description": document.description,
        "title_tokens": " ".join(fields.title),
        "compact_tokens": " ".join(fields.compact),
        "body_tokens": " ".join(fields.body),
        "title_terms": [] if document.deleted else sorted(title_terms(document.title)),
        "price": document.price,
        "category": document.category,
        "region": document.region,
        "status": document.status,
        "seller_id": document.seller_id,
        "created_at": document.created_at.isoformat(),
        "bumped_at": document.bumped_at.isoformat(),
        "bumped_epoch": document.bumped_at.timestamp(),
    }


def _clause_query(
    tokens: Sequence[str], prefix: bool, fields: Sequence[tuple[str, float]] = _TOKEN_FIELDS
) -> dict[str, Any]:
    should: list[dict[str, Any]] = []
    for field, boost in fields:
        if prefix:
            should.append({"prefix": {field: {"value": tokens[0], "boost": boost}}})
        else:
            should.append({"match_phrase": {field: {"query": " ".join(tokens), "boost": boost}}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _match(query: ParsedQuery, fields: Sequence[tuple[str, float]] = _TOKEN_FIELDS) -> list[dict[str, Any]]:
    return [_clause_query(clause.tokens, clause.prefix, fields) for clause in query.clauses]


class ElasticsearchIndex:
    def __init__(self, client: AsyncElasticsearch, *, prefix: str, analyzer: Analyzer = "cjk_bigram") -> None:
        self._client = client
        self._analyzer = analyzer
        # An alias: searches and writes go through it to the one concrete index it points at (elastic_aside.py).
        self.items_index = f"{prefix}-items"
        self.log_index = f"{prefix}-search-log"
        self.meta_index = f"{prefix}-meta"
        self._ready = False

    @classmethod
    def connect(cls, url: str, *, prefix: str, analyzer: Analyzer = "cjk_bigram") -> ElasticsearchIndex:
        return cls(AsyncElasticsearch(url), prefix=prefix, analyzer=analyzer)

    async def _ensure(self) -> None:
        if self._ready:
            return
        client = self._client
        await client.indices.put_index_template(
            name=self.items_index,
            # The versioned indices behind the alias, and an index from before aliases named like it.
            index_patterns=[self.items_index, f"{self.items_index}-*"],
            template={"settings": {"analysis": _analysis(self._analyzer)}, "mappings": _items_mappings()},
        )
        await client.indices.put_index_template(
            name=self.log_index, index_patterns=[self.log_index], template={"mappings": _LOG_MAPPINGS}
        )
        await elastic_aside.create_items_index(client, self.items_index)
        for index in (self.log_index, self.meta_index):
            if not await client.indices.exists(index=index):
                await client.indices.create(index=index)
        self._ready = True

    async def tokenizer_version(self) -> str | None:
        await self._ensure()
        try:
            found = await self._client.get(index=self.meta_index, id=elastic_aside.TOKENIZER_DOC)
        except NotFoundError:
            return None
        return str(found["_source"]["value"])

    @contextlib.asynccontextmanager
    async def rebuild_lock(self) -> AsyncIterator[None]:
        await self._ensure()
        async with elastic_rebuild_lock(self._client, self.meta_index):
            yield

    async def start_aside(self) -> None:
        await self._ensure()
        await elastic_aside.start_aside(self._client, self.items_index, self.meta_index)

    async def apply_aside(self, documents: Sequence[ItemDocument]) -> int:
        await self._ensure()
        index = await elastic_aside.aside_index(self._client, self.meta_index)
        if index is None:
            raise RuntimeError("no rebuild is running: start_aside first")
        return await self._bulk(documents, index, rewrite_equal=False)

    async def swap_aside(self, tokenizer_version: str) -> None:
        await self._ensure()
        await elastic_aside.swap_aside(self._client, self.items_index, self.meta_index, tokenizer_version)

    async def stored_version(self, item_id: str) -> int | None:
        await self._ensure()
        try:
            found = await self._client.get(index=self.items_index, id=item_id, source_includes=["version"])
        except NotFoundError:
            return None
        return int(found["_source"]["version"])

    async def stored_versions(self, item_ids: Sequence[str]) -> dict[str, tuple[int, bool]]:
        await self._ensure()
        found: dict[str, tuple[int, bool]] = {}
        for start in range(0, len(item_ids), 1000):
            response = await self._client.mget(
                index=self.items_index, ids=list(item_ids[start : start + 1000]), source_includes=["version", "deleted"]
            )
            for doc in response["docs"]:
                if doc.get("found"):
                    found[str(doc["_id"])] = (int(doc["_source"]["version"]), bool(doc["_source"]["deleted"]))
        return found

    async def apply(self, documents: Sequence[ItemDocument], *, rewrite_equal: bool = False) -> int:
        await self._ensure()
        aside = await elastic_aside.aside_index(self._client, self.meta_index)
        applied = await self._bulk(documents, self.items_index, rewrite_equal=rewrite_equal)
        if aside is not None:
            await self._bulk(documents, aside, rewrite_equal=False)
        return applied

    async def _bulk(self, documents: Sequence[ItemDocument], index: str, *, rewrite_equal: bool) -> int:
        if not documents:
            return 0
        actions = [
            {
                "_op_type": "index",
                "_index": index,
                "_id": document.item_id,
                "version": document.version,
                # external_gte accepts an equal version too (a rebuild in place), never an older one.
                "version_type": "external_gte" if rewrite_equal else "external",
                "_source": _source(document),
            }
            for document in documents
        ]
        applied, errors = await async_bulk(self._client, actions, raise_on_error=False, refresh="wait_for")
        problems: list[dict[str, Any]] = errors if isinstance(errors, list) else []
        failures = [error for error in problems if next(iter(error.values())).get("status") != 409]
        if failures:
            raise RuntimeError(f"Elasticsearch refused {len(failures)} document(s): {failures[:3]}")
        return int(applied)

    def _filters(self, request: SearchRequest) -> list[dict[str, Any]]:
        f = request.filter
        filters: list[dict[str, Any]] = [{"term": {"deleted": False}}]
        if f.status is not None:
            filters.append({"term": {"status": f.status}})
        if f.category is not None:
            filters.append({"term": {"category": f.category}})
        if f.region:
            filters.append({"prefix": {"region": f.region}})
        price: dict[str, int] = {}
        if f.min_price is not None:
            price["gte"] = f.min_price
        if f.max_price is not None:
            price["lte"] = f.max_price
        if price:
            filters.append({"range": {"price": price}})
        return filters

    async def search(self, request: SearchRequest) -> SearchPage:
        await self._ensure()
        if request.query.is_empty:
            return SearchPage([], 0, False)
        query: dict[str, Any] = {
            "bool": {
                "filter": [*_match(request.query), *self._filters(request)],
                "should": [
                    {
                        "constant_score": {
                            "filter": {"bool": {"must": _match(request.query, _TITLE_FIELDS)}},
                            "boost": 1.0,
                        }
                    }
                ],
            }
        }
        after = list(request.after.expect(*_KEY_TYPES[request.sort])) if request.after is not None else None
        response = await self._client.search(
            index=self.items_index,
            query=query,
            sort=_SORTS[request.sort],
            search_after=after,
            size=request.first + 1,
            track_total_hits=True,
            source_includes=["item_id", "title", "description"],
        )
        raw = response["hits"]["hits"]
        hits = [
            SearchHit(
                item_id=hit["_source"]["item_id"],
                title=hit["_source"]["title"],
                description=hit["_source"]["description"],
                cursor=Cursor(request.sort, tuple(hit["sort"])),
            )
            for hit in raw[: request.first]
        ]
        return SearchPage(hits, int(response["hits"]["total"]["value"]), len(raw) > request.first)

    async def _prefix_counts(
        self, index: str, field: str, prefix: str, size: int, condition: dict[str, Any]
    ) -> dict[str, int]:
        response = await self._client.search(
            index=index,
            size=0,
            query={"bool": {"filter": [condition]}},
            aggs={"terms": {"terms": {"field": field, "include": _regex_prefix(prefix), "size": size}}},
        )
        return {bucket["key"]: int(bucket["doc_count"]) for bucket in response["aggregations"]["terms"]["buckets"]}

    async def suggest(self, prefix: str, first: int) -> list[str]:
        await self._ensure()
        if not prefix or first == 0:
            return []
        size = max(first * 5, 50)
        titles = await self._prefix_counts(self.items_index, "title_terms", prefix, size, {"term": {"deleted": False}})
        queries = await self._prefix_counts(self.log_index, "term", prefix, size, {"term": {"had_results": True}})
        scores = {
            term: titles.get(term, 0) + 3 * queries.get(term, 0)
            for term in titles.keys() | queries.keys()
            if term != prefix
        }
        return sorted(scores, key=lambda term: (-scores[term], len(term), term))[:first]

    async def record_searches(self, entries: Sequence[SearchLogEntry]) -> None:
        await self._ensure()
        if not entries:
            return
        actions = [
            {
                "_op_type": "index",
                "_index": self.log_index,
                "_source": {
                    "term": entry.term,
                    "region": entry.region,
                    "user_hash": entry.user_hash,
                    "searcher": entry.user_hash or f"anon:{uuid.uuid4().hex}",
                    "had_results": entry.had_results,
                    "searched_at": entry.searched_at.astimezone(UTC).isoformat(),
                },
            }
            for entry in entries
        ]
        await async_bulk(self._client, actions, refresh="wait_for")

    async def popular_terms(self, *, since: datetime, region: str | None, first: int) -> list[TermCount]:
        await self._ensure()
        filters: list[dict[str, Any]] = [
            {"range": {"searched_at": {"gte": since.astimezone(UTC).isoformat()}}},
            {"term": {"had_results": True}},
        ]
        if region:
            filters.append({"prefix": {"region": region}})
        response = await self._client.search(
            index=self.log_index,
            size=0,
            query={"bool": {"filter": filters}},
            aggs={
                "terms": {
                    "terms": {"field": "term", "size": first, "order": [{"searchers": "desc"}, {"_key": "asc"}]},
                    "aggs": {"searchers": {"cardinality": {"field": "searcher"}}},
                }
            },
        )
        buckets = response["aggregations"]["terms"]["buckets"]
        return [TermCount(bucket["key"], int(bucket["searchers"]["value"])) for bucket in buckets]

    async def related(self, item_id: str, first: int) -> list[str]:
        await self._ensure()
        if first == 0:
            return []
        try:
            found = await self._client.get(index=self.items_index, id=item_id)
        except NotFoundError:
            return []
        item = found["_source"]
        if item["deleted"]:
            return []
        scope = [
            {"term": {"region": item["region"]}},
            {"term": {"status": ON_SALE}},
            {"term": {"deleted": False}},
        ]
        response = await self._client.search(
            index=self.items_index,
            size=first,
            query={
                "bool": {
                    "must": [
                        {
                            "more_like_this": {
                                "fields": ["title", "title_tokens"],
                                "like": [{"_index": self.items_index, "_id": item_id}],
                                "min_term_freq": 1,
                                "min_doc_freq": 1,
                                "max_query_terms": 16,
                                "minimum_should_match": "1",
                            }
                        }
                    ],
                    "should": [{"term": {"category": {"value": item["category"], "boost": 0.5}}}],
                    "filter": scope,
                    "must_not": [{"ids": {"values": [item_id]}}],
                }
            },
            sort=[{"_score": "desc"}, {"item_id": "asc"}],
            source_includes=["item_id"],
        )
        ids = [hit["_source"]["item_id"] for hit in response["hits"]["hits"]]
        if len(ids) < first:
            response = await self._client.search(
                index=self.items_index,
                size=first - len(ids),
                query={
                    "bool": {
                        "filter": [*scope, {"term": {"category": item["category"]}}],
                        "must_not": [{"ids": {"values": [item_id, *ids]}}],
                    }
                },
                sort=[{"bumped_epoch": "desc"}, {"item_id": "asc"}],
                source_includes=["item_id"],
            )
            ids.extend(hit["_source"]["item_id"] for hit in response["hits"]["hits"])
        return ids

    async def close(self) -> None:
        await self._client.close()
