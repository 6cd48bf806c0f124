"""GraphQL types of the search subgraph, named as in the public API contract."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry import UNSET
from strawberry.federation.schema_directives import Key
from strawberry.federation.types import FieldSet

from gamja.subgraph.pagination import PageInfo

__all__ = [
    "Item",
    "ItemStatus",
    "SearchFilterInput",
    "SearchItemConnection",
    "SearchItemEdge",
    "SearchSortEnum",
    "SearchTermCount",
]


# A reference only: the items subgraph owns Item and describes it (a second description would be a
# composition hint about inconsistent descriptions).
@strawberry.federation.type(keys=[Key(fields=FieldSet("id"), resolvable=False)])
class Item:
    id: strawberry.ID


@strawberry.enum(name="ItemStatus")
class ItemStatus(Enum):
    ON_SALE = "ON_SALE"
    RESERVED = "RESERVED"
    SOLD = "SOLD"


@strawberry.enum(
    name="SearchSort",
    description=(
        "RELEVANCE: items whose title holds the whole query first, then items matched through the description; "
        "the most recently listed or bumped first within each. NEWEST: most recently listed or bumped first."
    ),
)
class SearchSortEnum(Enum):
    RELEVANCE = "RELEVANCE"
    NEWEST = "NEWEST"
    PRICE_ASC = "PRICE_ASC"
    PRICE_DESC = "PRICE_DESC"


@strawberry.input(name="SearchFilter", description="Every given condition must hold; `region` matches by prefix.")
class SearchFilterInput:
    # UNSET: no default in the schema, as in the contract (a default of None would print `= null`).
    status: ItemStatus | None = UNSET
    category: str | None = UNSET
    region: str | None = UNSET
    min_price: int | None = UNSET
    max_price: int | None = UNSET


@strawberry.type
class SearchItemEdge:
    cursor: str
    node: Item
    highlight: str | None = strawberry.field(
        description="The title (or a window of the description) with matches in `<mark>`, HTML-escaped."
    )


@strawberry.type
class SearchItemConnection:
    edges: list[SearchItemEdge]
    page_info: PageInfo
    total_count: int


@strawberry.type
class SearchTermCount:
    term: str
    count: int
