"""The search suite runs once per index backend: embedded on SQLite, embedded on PostgreSQL, Elasticsearch."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from gamja.auth.tokens import TokenService
from gamja.auth.viewer import Viewer
from gamja.settings import Settings
from tests.conftest import unavailable
from tests.search.items import ItemEvents
from tests.support.databases import PostgresUnavailable, create_postgres_database, drop_postgres_database, sqlite_url
from tests.support.services import Stack, running_stack

ES_SKIP_REASON = (
    "ELASTICSEARCH_URL is not set: no Elasticsearch server can be installed on this machine, "
    "so the Elasticsearch backend's contract tests did not run"
)


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres), "elasticsearch"],
)
async def search_settings(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Settings]:
    """Settings whose search index is the backend under test."""
    kind = str(request.param)
    created: str | None = None
    prefix = f"gamja-test-{uuid.uuid4().hex[:10]}"
    if kind == "elasticsearch":
        if not os.environ.get("ELASTICSEARCH_URL"):
            pytest.skip(ES_SKIP_REASON)
        monkeypatch.setenv("GAMJA_SEARCH_BACKEND", "elasticsearch")
        monkeypatch.setenv("GAMJA_SEARCH_ELASTICSEARCH_INDEX_PREFIX", prefix)
    else:
        monkeypatch.setenv("GAMJA_SEARCH_BACKEND", "embedded")
    if kind == "postgres":
        try:
            created, url = await create_postgres_database()
        except PostgresUnavailable as exc:
            unavailable(str(exc))
    else:
        url = sqlite_url(tmp_path, "search")
    yield Settings(
        var_dir=tmp_path / "var",
        jwt_secret=SecretStr("search-test-secret-" + "x" * 40),
        run_workers=False,
        search_database_url=url,
    )
    if created is not None:
        await drop_postgres_database(created)
    if kind == "elasticsearch":
        from elasticsearch import AsyncElasticsearch

        client = AsyncElasticsearch(os.environ["ELASTICSEARCH_URL"])
        try:
            # Explicit names: Elasticsearch 8 refuses wildcard deletes by default (action.destructive_requires_name);
            # listing is no delete, and finds the versioned items indices behind the alias.
            names = list((await client.indices.get(index=f"{prefix}-*", allow_no_indices=True)).body)
            if names:
                await client.indices.delete(index=",".join(names), ignore_unavailable=True)
            for template in [f"{prefix}-items", f"{prefix}-search-log"]:
                await client.options(ignore_status=404).indices.delete_index_template(name=template)
        finally:
            await client.close()


class SearchWorld:
    """A running search subgraph plus a stand-in for the items subgraph publishing its events."""

    def __init__(self, stack: Stack, events: ItemEvents, settings: Settings) -> None:
        self.stack = stack
        self.items = events
        self.settings = settings
        self.client = stack["search"].client
        self.runtime = stack["search"].runtime

    async def settle(self) -> None:
        await self.stack.settle()

    def token(self, user_id: str) -> str:
        return TokenService.from_settings(self.settings).issue(Viewer(user_id))

    def set_clock(self, now: datetime) -> None:
        self.runtime.services.search.clock = lambda: now

    async def search(self, query: str, *, token: str | None = None, **arguments: Any) -> dict[str, Any]:
        body = await self.client.execute(SEARCH, {"query": query, **arguments}, token=token)
        assert "errors" not in body, body["errors"]
        result: dict[str, Any] = body["data"]["searchItems"]
        return result

    async def ids(self, query: str, **arguments: Any) -> list[str]:
        result = await self.search(query, **arguments)
        return [edge["node"]["id"] for edge in result["edges"]]


SEARCH = """
query Search($query: String!, $filter: SearchFilter, $sort: SearchSort, $first: Int, $after: String) {
  searchItems(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount
    edges { cursor highlight node { id } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


@asynccontextmanager
async def search_world(settings: Settings) -> AsyncIterator[SearchWorld]:
    events = ItemEvents(settings)
    try:
        async with running_stack(settings, "search") as stack:
            yield SearchWorld(stack, events, settings)
    finally:
        await events.close()


@pytest.fixture
async def world(search_settings: Settings) -> AsyncIterator[SearchWorld]:
    async with search_world(search_settings) as running:
        yield running
