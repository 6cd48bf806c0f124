"""Two items API servers (separate processes) on one PostgreSQL database, editing one item at the same time.

Decision: the later edit is applied on top. On PostgreSQL an edit loads the item with SELECT ... FOR UPDATE,
so concurrent edits of one item queue on its row lock and each one reads the state the previous one
committed; the version guard in the UPDATE (CONFLICT, "try again") stays as the safety net and is never hit
here. Every change is one event with the next version: no version twice, none missing.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from gamja.auth.tokens import TokenService
from gamja.auth.viewer import USER, Viewer
from gamja.runner import migrate
from gamja.settings import Settings
from tests.conftest import MakeSettings
from tests.items.conftest import SELLER, published_events

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

LIKERS = [f"00000000-0000-4000-8000-{n:012d}" for n in range(1, 21)]
EDITS_EACH = 10


@pytest.fixture
def backend() -> str:
    return "postgres"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def serve_items(settings: Settings, port: int) -> asyncio.subprocess.Process:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GAMJA_")}
    env |= {
        "GAMJA_VAR_DIR": str(settings.var_dir),
        "GAMJA_JWT_SECRET": settings.jwt_secret.get_secret_value() if settings.jwt_secret else "",
        "GAMJA_ITEMS_DATABASE_URL": str(settings.items_database_url),
        "GAMJA_ITEMS_READ_DATABASE_URL": str(settings.items_read_database_url),
    }
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "gamja.cli", "serve", "items", "--port", str(port), env=env
    )


@pytest.fixture
async def replicas(make_settings: MakeSettings) -> AsyncIterator[tuple[Settings, list[str]]]:
    settings = await make_settings("items")
    await migrate(settings, ["items"])
    ports = [free_port(), free_port()]
    processes = [await serve_items(settings, port) for port in ports]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        async with httpx.AsyncClient() as client:
            for url, process in zip(urls, processes, strict=True):
                for _ in range(600):
                    assert process.returncode is None, "an items replica exited during start-up"
                    try:
                        if (await client.get(f"{url}/health", timeout=1)).status_code == 200:
                            break
                    except httpx.HTTPError:
                        pass
                    await asyncio.sleep(0.1)
        yield settings, [f"{url}/graphql" for url in urls]
    finally:
        for process in processes:
            if process.returncode is None:
                process.terminate()
        for process in processes:
            await asyncio.wait_for(process.wait(), timeout=20)


async def call(client: httpx.AsyncClient, url: str, token: str, query: str, **variables: Any) -> dict[str, Any]:
    response = await client.post(
        url, json={"query": query, "variables": variables}, headers={"authorization": f"Bearer {token}"}, timeout=30
    )
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def test_concurrent_edits_through_two_replicas_are_all_applied_on_top(
    replicas: tuple[Settings, list[str]],
) -> None:
    settings, (first, second) = replicas
    tokens = TokenService.from_settings(settings)

    def token(user: str) -> str:
        return tokens.issue(Viewer(user, frozenset({USER})))

    seller = token(SELLER)
    update = "mutation($id: ID!, $input: UpdateItemInput!) { updateItem(id: $id, input: $input) { id } }"
    like = "mutation($id: ID!) { likeItem(id: $id) { id } }"
    async with httpx.AsyncClient() as client:
        created = await call(
            client,
            first,
            seller,
            "mutation($input: CreateItemInput!) { createItem(input: $input) { id } }",
            input={
                "title": "자전거",
                "description": "접이식",
                "price": 1,
                "category": "스포츠/레저",
                "region": "서울 마포구",
            },
        )
        item_id = created["createItem"]["id"]

        async def titles_through_first() -> None:
            for n in range(1, EDITS_EACH + 1):
                await call(client, first, seller, update, id=item_id, input={"title": f"자전거 {n}"})

        async def prices_through_second() -> None:
            for n in range(1, EDITS_EACH + 1):
                await call(client, second, seller, update, id=item_id, input={"price": 1000 * n})

        async def like_through(url: str, user: str) -> None:
            await call(client, url, token(user), like, id=item_id)

        await asyncio.gather(
            titles_through_first(),
            prices_through_second(),
            *(like_through((first, second)[n % 2], user) for n, user in enumerate(LIKERS)),
        )

        # Neither replica's edits undid the other's: the last title and the last price both hold.
        query = "query($id: ID!) { item(id: $id) { title price likeCount } }"
        expected = {"title": f"자전거 {EDITS_EACH}", "price": 1000 * EDITS_EACH, "likeCount": len(LIKERS)}
        for _ in range(200):  # each replica's projector brings its read store up to date
            seen = [(await call(client, url, seller, query, id=item_id))["item"] for url in (first, second)]
            if seen == [expected, expected]:
                break
            await asyncio.sleep(0.1)
        assert seen == [expected, expected]

    changes = 1 + 2 * EDITS_EACH + len(LIKERS)
    versions = [event.version for event in await published_events(settings) if event.aggregate_id == item_id]
    assert sorted(versions) == list(range(1, changes + 1))
