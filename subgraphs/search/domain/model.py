"""What the index stores and answers: documents, requests, pages of hits, term counts."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from gamja.errors import BadUserInput
from gamja.utc import parse_utc
from subgraphs.search.domain.query import ParsedQuery

__all__ = [
    "Cursor",
    "CursorKey",
    "ItemDocument",
    "SearchFilter",
    "SearchHit",
    "SearchLogEntry",
    "SearchPage",
    "SearchRequest",
    "SearchSort",
    "TermCount",
]

ON_SALE = "ON_SALE"


class SearchSort(Enum):
    RELEVANCE = "RELEVANCE"
    NEWEST = "NEWEST"
    PRICE_ASC = "PRICE_ASC"
    PRICE_DESC = "PRICE_DESC"


@dataclass(frozen=True)
class ItemDocument:
    """The part of an item's state (from its events) that search needs; `deleted` makes it a tombstone."""

    item_id: str
    version: int
    title: str
    description: str
    price: int
    category: str
    region: str
    status: str
    seller_id: str
    created_at: datetime
    bumped_at: datetime
    deleted: bool = False

    @classmethod
    def from_payload(cls, item_id: str, version: int, payload: dict[str, Any], *, deleted: bool) -> ItemDocument:
        created_at = parse_utc(str(payload["created_at"]))
        return cls(
            item_id=item_id,
            version=version,
            title=str(payload["title"]),
            description=str(payload.get("description") or ""),
            price=int(payload["price"]),
            category=str(payload["category"]),
            region=str(payload["region"]),
            status=str(payload["status"]),
            seller_id=str(payload.get("seller_id") or ""),
            created_at=created_at,
            bumped_at=parse_utc(str(payload.get("bumped_at") or created_at.isoformat())),
            deleted=deleted or bool(payload.get("deleted", False)),
        )


@dataclass(frozen=True)
class SearchFilter:
    status: str | None = None
    category: str | None = None
    region: str | None = None
    min_price: int | None = None
    max_price: int | None = None

    def validate(self) -> None:
        for name, value in (("minPrice", self.min_price), ("maxPrice", self.max_price)):
            if value is not None and value < 0:
                raise BadUserInput(f"`{name}` cannot be negative.", field=f"filter.{name}")
        if self.min_price is not None and self.max_price is not None and self.min_price > self.max_price:
            raise BadUserInput("`minPrice` is greater than `maxPrice`: nothing can match.", field="filter.minPrice")


CursorKey = int | float | str


@dataclass(frozen=True)
class Cursor:
    """Keyset position after the last hit of a page: the sort values of that hit, as the backend sorts them."""

    sort: SearchSort
    keys: tuple[CursorKey, ...]

    def encode(self) -> str:
        raw = json.dumps([self.sort.value, list(self.keys)], ensure_ascii=False, separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode()

    @classmethod
    def decode(cls, value: str, sort: SearchSort) -> Cursor:
        try:
            sort_name, keys = json.loads(base64.urlsafe_b64decode(value.encode()))
            cursor = cls(SearchSort(sort_name), tuple(keys))
        except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
            raise BadUserInput("`after` is not a cursor this API gave out.", field="after") from exc
        if cursor.sort is not sort:
            raise BadUserInput("`after` belongs to a search with another sort order; start again.", field="after")
        return cursor

    def expect(self, *types: type) -> tuple[CursorKey, ...]:
        """The keys, checked against the shape the backend gives out (a forged cursor is the client's error)."""
        valid = len(self.keys) == len(types) and all(
            (isinstance(key, kind) and not isinstance(key, bool)) or (kind is float and isinstance(key, int))
            for key, kind in zip(self.keys, types, strict=False)
        )
        if not valid:
            raise BadUserInput("`after` is not a cursor this API gave out.", field="after")
        return self.keys


@dataclass(frozen=True)
class SearchRequest:
    query: ParsedQuery
    filter: SearchFilter
    sort: SearchSort
    first: int
    after: Cursor | None


@dataclass(frozen=True)
class SearchHit:
    item_id: str
    title: str
    description: str
    cursor: Cursor


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    total: int
    has_next: bool


@dataclass(frozen=True)
class SearchLogEntry:
    term: str
    region: str | None
    user_hash: str | None
    searched_at: datetime
    had_results: bool


@dataclass(frozen=True)
class TermCount:
    term: str
    count: int
