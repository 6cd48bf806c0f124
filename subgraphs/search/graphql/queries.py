"""The search queries of the public API: searchItems, searchSuggestions, popularSearchTerms, relatedItems."""

from __future__ import annotations

from typing import Any, TypeVar

import strawberry
from strawberry import UNSET
from strawberry.types import Info

from gamja.subgraph.context import RequestContext
from gamja.subgraph.pagination import PageInfo
from subgraphs.search.domain.model import SearchFilter, SearchSort
from subgraphs.search.graphql.types import (
    Item,
    SearchFilterInput,
    SearchItemConnection,
    SearchItemEdge,
    SearchSortEnum,
    SearchTermCount,
)
from subgraphs.search.service_layer.search import SearchService

__all__ = ["Query"]

SearchInfo = Info[RequestContext[Any], None]
T = TypeVar("T")


def _service(info: SearchInfo) -> SearchService:
    service: SearchService = info.context.services.search
    return service


def _given(value: T | None) -> T | None:
    """Arguments have no default in the contract (Strawberry would print `= null`): UNSET means not given."""
    return None if value is UNSET else value


def _filter(value: SearchFilterInput | None) -> SearchFilter:
    if value is None:
        return SearchFilter()
    status = _given(value.status)
    return SearchFilter(
        status=status.value if status is not None else None,
        category=_given(value.category),
        region=_given(value.region),
        min_price=_given(value.min_price),
        max_price=_given(value.max_price),
    )


async def search_items(
    info: SearchInfo,
    query: str,
    filter: SearchFilterInput | None = UNSET,
    sort: SearchSortEnum | None = UNSET,
    first: int | None = UNSET,
    after: str | None = UNSET,
) -> SearchItemConnection:
    viewer = info.context.viewer
    page = await _service(info).search(
        query,
        _filter(_given(filter)),
        SearchSort((_given(sort) or SearchSortEnum.RELEVANCE).value),
        _given(first),
        _given(after),
        user_id=viewer.user_id if viewer is not None else None,
    )
    return SearchItemConnection(
        edges=[
            SearchItemEdge(cursor=hit.cursor, node=Item(id=strawberry.ID(hit.item_id)), highlight=hit.highlight)
            for hit in page.hits
        ],
        page_info=PageInfo(has_next_page=page.has_next, end_cursor=page.end_cursor),
        total_count=page.total,
    )


async def search_suggestions(info: SearchInfo, prefix: str, first: int | None = UNSET) -> list[str]:
    return await _service(info).suggestions(prefix, _given(first))


async def popular_search_terms(
    info: SearchInfo, first: int | None = UNSET, region: str | None = UNSET
) -> list[SearchTermCount]:
    terms = await _service(info).popular_terms(_given(first), _given(region))
    return [SearchTermCount(term=t.term, count=t.count) for t in terms]


async def related_items(info: SearchInfo, item_id: strawberry.ID, first: int | None = UNSET) -> list[Item]:
    ids = await _service(info).related(str(item_id), _given(first))
    return [Item(id=strawberry.ID(item)) for item in ids]


@strawberry.type
class Query:
    # Resolvers as functions passed to strawberry.field: the decorator form with a description is untyped.
    search_items: SearchItemConnection = strawberry.field(
        resolver=search_items,
        description="Items matching a Korean-aware full-text query; returns references the items subgraph resolves.",
    )
    search_suggestions: list[str] = strawberry.field(
        resolver=search_suggestions, description="Autocomplete from item titles and past searches, most useful first."
    )
    popular_search_terms: list[SearchTermCount] = strawberry.field(
        resolver=popular_search_terms,
        description="The most searched terms over the recent window (24 h by default), "
        "optionally in regions starting with `region`.",
    )
    related_items: list[Item] = strawberry.field(
        resolver=related_items,
        description="On-sale items in the same region with a similar title or the same category, "
        "excluding the item itself.",
    )
