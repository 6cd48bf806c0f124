"""The same chat events give the same payloads through our router and through Hive Gateway (the reference with
subscriptions): `chatMessageSent` from chat, with the sender's and the room's users resolved from users."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from node_peers import NODE_DIR, require_node_peers

from gamja.auth.tokens import TokenService
from gamja.events.local_log import LocalLog
from gamja.runner import migrate
from router.composition import SubgraphSource, compose
from router.server.access import token_access
from router.server.bootstrap import create_app
from router.subscriptions.auth import token_verifier
from subgraphs.chat.graphql.schema import build_chat_schema
from subgraphs.users.graphql.schema import build_users_schema
from tests.chat.servers import chat_replica, serve_service
from tests.comments.support import Items
from tests.conftest import MakeSettings
from tests.router.subscriptions.conftest import Market, Person, _sdl, serve_router

pytestmark = [pytest.mark.node, pytest.mark.slow]

SUBSCRIPTION = (
    "subscription($roomId: ID) { chatMessageSent(roomId: $roomId) { id body sentAt"
    " sender { id nickname } room { id buyer { nickname } seller { nickname } } } }"
)


@asynccontextmanager
async def hive_gateway(supergraph_sdl: str, workdir: Path) -> AsyncIterator[str]:
    """Hive Gateway over this supergraph, subscribing to subgraphs over WebSocket; yields its /graphql URL."""
    require_node_peers()
    supergraphs = workdir / "supergraphs.json"
    supergraphs.write_text(json.dumps({"market": supergraph_sdl}))
    process = await asyncio.create_subprocess_exec(
        "node",
        "hive-gateway.mjs",
        "0",
        str(supergraphs),
        "--subscriptions-over-ws",
        cwd=NODE_DIR,
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "NODE_NO_WARNINGS": "1"},
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 120)).decode()
        assert line.startswith("listening "), f"Hive Gateway did not start: {line!r}"
        yield f"http://127.0.0.1:{int(line.split()[1])}/market/graphql"
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), 10)


async def sse_payloads(http: httpx.AsyncClient, url: str, token: str, variables: dict[str, Any], count: int,
                       opened: asyncio.Event) -> list[dict[str, Any]]:  # fmt: skip
    """The first `count` `next` payloads of one SSE subscription (distinct-connections mode)."""
    payloads: list[dict[str, Any]] = []
    headers = {"accept": "text/event-stream", "authorization": f"Bearer {token}"}
    body = {"query": SUBSCRIPTION, "variables": variables}
    async with http.stream("POST", url, json=body, headers=headers, timeout=60) as response:
        assert response.status_code == 200, await response.aread()
        opened.set()
        event = ""
        async for line in response.aiter_lines():
            if line.startswith("event:"):
                event = line[len("event:") :].strip()
            elif line.startswith("data:") and event == "next":
                payloads.append(json.loads(line[len("data:") :]))
                if len(payloads) == count:
                    return payloads
    return payloads


@pytest.fixture
async def two_routers(make_settings: MakeSettings, tmp_path: Path) -> AsyncIterator[tuple[Market, str]]:
    """Users and one chat replica behind our router and behind Hive Gateway, over the same supergraph."""
    settings = await make_settings("users", "chat", run_workers=True)
    await migrate(settings, ["users", "chat"])
    log = LocalLog(settings.events_log_file())
    async with AsyncExitStack() as stack:
        stack.push_async_callback(log.close)
        users = await stack.enter_async_context(serve_service(settings, "users"))
        chat = await stack.enter_async_context(chat_replica(settings))
        composed = compose(
            [
                SubgraphSource("users", users.url, _sdl(build_users_schema)),
                SubgraphSource("chat", chat.url, _sdl(build_chat_schema)),
            ]
        )
        assert composed.errors == [], composed.errors
        tokens = TokenService.from_settings(settings)
        app = create_app(composed.supergraph_sdl, authenticate=token_verifier(tokens), identify=token_access(tokens))
        ours = await stack.enter_async_context(serve_router(app))
        theirs = await stack.enter_async_context(hive_gateway(composed.supergraph_sdl, tmp_path))
        http = await stack.enter_async_context(httpx.AsyncClient(timeout=30))
        yield Market(ours, http, users, chat, chat, Items(log)), theirs


async def test_the_same_chat_events_give_the_same_payloads_through_both_routers(
    two_routers: tuple[Market, str],
) -> None:
    market, hive_url = two_routers
    seller, buyer = await market.person("감자농부"), await market.person("당근조아")
    room = await market.room(seller, buyer)
    bodies = ["안녕하세요, 아직 있나요?", "네 있어요 😊", "내일 망원역에서 봬요"]

    async def listen(url: str, viewer: Person, opened: asyncio.Event) -> list[dict[str, Any]]:
        return await sse_payloads(market.http, url, viewer.token, {"roomId": room}, len(bodies), opened)

    openings = [asyncio.Event() for _ in range(2)]
    listeners = [
        asyncio.create_task(listen(market.router_url, seller, openings[0])),
        asyncio.create_task(listen(hive_url, seller, openings[1])),
    ]
    for opened in openings:
        await asyncio.wait_for(opened.wait(), 60)
    await market.a.listening(2)  # both routers' streams reached the chat subgraph
    senders = [buyer, seller, buyer]
    sent = [await market.send_via_b(sender, room, body) for sender, body in zip(senders, bodies, strict=True)]
    ours, theirs = await asyncio.wait_for(asyncio.gather(*listeners), 60)

    assert ours == theirs
    assert [payload["data"]["chatMessageSent"]["id"] for payload in ours] == sent
    assert ours[1]["data"]["chatMessageSent"]["sender"] == {"id": seller.id, "nickname": "감자농부"}
    assert ours[0]["data"]["chatMessageSent"]["room"]["buyer"] == {"nickname": "당근조아"}
