"""The one interface every search backend implements; the service layer and the indexer see only this."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Protocol

from subgraphs.search.domain.model import ItemDocument, SearchLogEntry, SearchPage, SearchRequest, TermCount

__all__ = ["SearchIndex"]


class SearchIndex(Protocol):
    """Versioned item documents plus the search log.

    Writes are idempotent: a document whose version is not newer than the stored one is ignored,
    and a deleted item stays as a tombstone so an older event cannot bring it back.
    """

    async def tokenizer_version(self) -> str | None:
        """The tokenizer the stored index was built with (None for an index never built)."""
        ...

    def rebuild_lock(self) -> AbstractAsyncContextManager[None]:
        """Held for a whole rebuild: waits while another process rebuilds this index; released if its holder dies."""
        ...

    async def start_aside(self) -> None:
        """Begin an empty index beside the live one (dropping an unfinished one); from now on `apply` writes both.

        For a rebuild under a new tokenizer: the live index keeps answering searches until `swap_aside`.
        """
        ...

    async def apply_aside(self, documents: Sequence[ItemDocument]) -> int:
        """`apply` to the index being built aside only (a rebuild's replay); the same version rules."""
        ...

    async def swap_aside(self, tokenizer_version: str) -> None:
        """Make the index built aside the live one, atomically for searches, and record its tokenizer.

        The search log and what past searches add to suggestions carry over; the old index is dropped.
        """
        ...

    async def apply(self, documents: Sequence[ItemDocument], *, rewrite_equal: bool = False) -> int:
        """Upsert or delete (tombstone) each document unless an equal or newer version is stored; returns how many changed.

        `rewrite_equal` also writes a document whose version equals the stored one (a rebuild in place: the
        index keeps answering while each document is written again; a newer one is still never undone).
        """
        ...

    async def stored_version(self, item_id: str) -> int | None: ...

    async def stored_versions(self, item_ids: Sequence[str]) -> dict[str, tuple[int, bool]]:
        """(version, deleted) of each of these items the index knows."""
        ...

    async def search(self, request: SearchRequest) -> SearchPage: ...

    async def suggest(self, prefix: str, first: int) -> list[str]:
        """Terms starting with `prefix` (already normalized), most useful first."""
        ...

    async def record_searches(self, entries: Sequence[SearchLogEntry]) -> None:
        """Append to the search log; a search that found something also feeds suggestions."""
        ...

    async def popular_terms(self, *, since: datetime, region: str | None, first: int) -> list[TermCount]:
        """Normalized queries searched since `since` (in regions starting with `region`), by distinct searchers."""
        ...

    async def related(self, item_id: str, first: int) -> list[str]:
        """Ids of on-sale items in the item's region that share title terms or its category, best first."""
        ...

    async def close(self) -> None: ...
