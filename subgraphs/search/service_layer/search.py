"""The search use cases: validate, ask the index, highlight, log; the GraphQL resolvers call only these."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from gamja.errors import BadUserInput
from gamja.subgraph.pagination import page_size
from subgraphs.search.domain.highlight import highlight
from subgraphs.search.domain.model import (
    Cursor,
    SearchFilter,
    SearchLogEntry,
    SearchRequest,
    SearchSort,
    TermCount,
)
from subgraphs.search.domain.query import parse_query
from subgraphs.search.domain.suggest import normalize_prefix
from subgraphs.search.read_model.index import SearchIndex
from subgraphs.search.service_layer.search_log import SearchLogBuffer

__all__ = ["HighlightedHit", "HighlightedPage", "SearchService"]

Clock = Callable[[], datetime]
DEFAULT_SUGGESTIONS = 10
DEFAULT_POPULAR = 10
DEFAULT_RELATED = 10
_MAX_PREFIX = 100


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class HighlightedHit:
    item_id: str
    cursor: str
    highlight: str | None


@dataclass(frozen=True)
class HighlightedPage:
    hits: list[HighlightedHit]
    total: int
    has_next: bool

    @property
    def end_cursor(self) -> str | None:
        return self.hits[-1].cursor if self.hits else None


class SearchService:
    def __init__(
        self,
        index: SearchIndex,
        *,
        user_hash_key: bytes,
        popular_window: timedelta,
        search_log: SearchLogBuffer | None = None,
        clock: Clock = _utc_now,
    ) -> None:
        self.index = index
        self.search_log = search_log or SearchLogBuffer(index)
        self._user_hash_key = user_hash_key
        self.popular_window = popular_window
        self.clock = clock

    def _user_hash(self, user_id: str | None) -> str | None:
        # Keyed and truncated: counts distinct searchers without a way back to who they are.
        if user_id is None:
            return None
        return hmac.new(self._user_hash_key, user_id.encode(), hashlib.sha256).hexdigest()[:32]

    async def search(
        self,
        query: str,
        search_filter: SearchFilter,
        sort: SearchSort,
        first: int | None,
        after: str | None,
        *,
        user_id: str | None,
    ) -> HighlightedPage:
        parsed = parse_query(query)
        search_filter.validate()
        size = page_size(first)
        cursor = Cursor.decode(after, sort) if after is not None else None
        now = self.clock()
        request = SearchRequest(
            query=parsed,
            filter=search_filter,
            sort=sort,
            first=size,
            after=cursor,
        )
        page = await self.index.search(request)
        if cursor is None:
            # Only the first page is a new search; following pages would count the same one again.
            self.search_log.add(
                SearchLogEntry(
                    term=parsed.text,
                    region=search_filter.region or None,
                    user_hash=self._user_hash(user_id),
                    searched_at=now,
                    had_results=page.total > 0,
                )
            )
        hits = [
            HighlightedHit(hit.item_id, hit.cursor.encode(), highlight(parsed, hit.title, hit.description))
            for hit in page.hits
        ]
        return HighlightedPage(hits, page.total, page.has_next)

    async def suggestions(self, prefix: str, first: int | None) -> list[str]:
        size = DEFAULT_SUGGESTIONS if first is None else page_size(first)
        normalized = normalize_prefix(prefix)
        await self.search_log.flush_for_read()
        if len(normalized) > _MAX_PREFIX:
            raise BadUserInput(f"The prefix is too long: at most {_MAX_PREFIX} characters.", field="prefix")
        return await self.index.suggest(normalized, size) if normalized else []

    async def popular_terms(self, first: int | None, region: str | None) -> list[TermCount]:
        size = DEFAULT_POPULAR if first is None else page_size(first)
        since = self.clock() - self.popular_window
        await self.search_log.flush_for_read()
        return await self.index.popular_terms(since=since, region=region or None, first=size)

    async def related(self, item_id: str, first: int | None) -> list[str]:
        return await self.index.related(item_id, DEFAULT_RELATED if first is None else page_size(first))
