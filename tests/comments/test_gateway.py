"""End to end: items and comments over HTTP behind Apollo Gateway and behind our router, which must agree.

Apollo Gateway does not forward `Authorization`, so writes go to our router or straight to the subgraphs.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from gamja.auth.tokens import TokenService
from gamja.auth.viewer import Viewer
from gamja.catalog import load_spec
from gamja.runner import migrate
from gamja.service import ServiceRuntime
from gamja.subgraph.app import create_subgraph_app
from router.server.access import token_access
from router.server.bootstrap import create_app
from tests.comments.support import user_id
from tests.comments.test_batching import comments_engine, counting_statements
from tests.conftest import MakeSettings

pytestmark = pytest.mark.node

NODE_DIR = Path(__file__).resolve().parents[1] / "node"
SERVICES = ("items", "comments")


def require_gateway() -> None:
    if (NODE_DIR / "node_modules" / "@apollo" / "gateway").is_dir():
        return
    if os.environ.get("CI"):
        pytest.fail("tests/node/node_modules is missing: run `make test` (npm install) before the node tests")
    pytest.skip("the npm peers are not installed under tests/node (run `make test`)")


@contextlib.asynccontextmanager
async def serve_http(runtime: ServiceRuntime) -> AsyncIterator[str]:
    """The subgraph on a free local port; yields its GraphQL URL."""
    app = create_subgraph_app(runtime, run_workers=False)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None, lifespan="on"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/graphql"
    finally:
        server.should_exit = True
        await task


async def node(script: str, *args: str, stdin: bytes | None = None) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        "node",
        script,
        *args,
        cwd=NODE_DIR,
        stdin=asyncio.subprocess.PIPE if stdin is not None else None,
        stdout=asyncio.subprocess.PIPE,
    )


async def supergraph(subgraphs: list[dict[str, str]]) -> str:
    process = await node("compose.mjs", stdin=b"")
    out, _ = await process.communicate(json.dumps({"subgraphs": subgraphs}).encode())
    result = json.loads(out)
    assert result["errors"] == [], result["errors"]
    sdl: str = result["supergraphSdl"]
    return sdl


@contextlib.asynccontextmanager
async def gateway(supergraph_sdl: str, workdir: Path) -> AsyncIterator[str]:
    path = workdir / "supergraphs.json"
    path.write_text(json.dumps({"market": supergraph_sdl}))
    process = await node("gateway.mjs", "0", str(path))
    assert process.stdout is not None
    line = (await process.stdout.readline()).decode()
    try:
        assert line.startswith("listening "), f"Apollo Gateway did not start: {line!r}"
        yield f"http://127.0.0.1:{int(line.split()[1])}/market/graphql"
    finally:
        process.terminate()
        await process.wait()


class Market:
    def __init__(
        self,
        http: httpx.AsyncClient,
        urls: dict[str, str],
        runtimes: dict[str, ServiceRuntime],
        gateway_url: str,
        tokens: TokenService,
        router: httpx.AsyncClient,
    ) -> None:
        self.router = router
        self.tokens = tokens
        self.http = http
        self.urls = urls
        self.runtimes = runtimes
        self.gateway_url = gateway_url

    async def _post(
        self,
        url: str,
        query: str,
        variables: dict[str, Any],
        token: str | None,
        *,
        via: httpx.AsyncClient | None = None,
    ) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        client = via or self.http
        body = (await client.post(url, json={"query": query, "variables": variables}, headers=headers)).json()
        assert "errors" not in body, body["errors"]
        return body["data"]

    async def write(self, service: str, query: str, variables: dict[str, Any], token: str) -> Any:
        return await self._post(self.urls[service], query, variables, token)

    async def write_through_router(self, query: str, variables: dict[str, Any], token: str) -> Any:
        return await self._post("/graphql", query, variables, token, via=self.router)

    async def ask_gateway(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        return await self._post(self.gateway_url, query, variables or {}, None)

    async def ask_router(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        return await self._post("/graphql", query, variables or {}, None, via=self.router)

    async def read(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        """The answer of Apollo Gateway, after checking that our router gives the very same one."""
        theirs, ours = await self.ask_gateway(query, variables), await self.ask_router(query, variables)
        assert json.dumps(ours, ensure_ascii=False) == json.dumps(theirs, ensure_ascii=False)
        return theirs

    async def settle(self) -> None:
        while sum([await runtime.settle() for runtime in self.runtimes.values()]):
            pass


@contextlib.asynccontextmanager
async def market(make_settings: MakeSettings, workdir: Path) -> AsyncIterator[Market]:
    require_gateway()
    settings = await make_settings(*SERVICES)
    await migrate(settings, list(SERVICES))
    async with contextlib.AsyncExitStack() as stack:
        runtimes = {name: await load_spec(name).build(settings) for name in SERVICES}
        urls = {name: await stack.enter_async_context(serve_http(runtime)) for name, runtime in runtimes.items()}
        http = await stack.enter_async_context(httpx.AsyncClient(timeout=30))
        sdls = {}
        for name, url in urls.items():
            sdls[name] = (await http.post(url, json={"query": "{ _service { sdl } }"})).json()["data"]["_service"][
                "sdl"
            ]
        sdl = await supergraph([{"name": name, "url": url, "sdl": sdls[name]} for name, url in urls.items()])
        gateway_url = await stack.enter_async_context(gateway(sdl, workdir))
        app = create_app(sdl, identify=token_access(TokenService.from_settings(settings)))
        await stack.enter_async_context(app.router.lifespan_context(app))
        router = await stack.enter_async_context(
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://router", timeout=30)
        )
        yield Market(http, urls, runtimes, gateway_url, TokenService.from_settings(settings), router)


CREATE_ITEM = (
    'mutation($title: String!) { createItem(input: { title: $title, description: "상태 좋아요", price: 10000,'
    ' category: "디지털기기", region: "서울 마포구 망원동" }) { id } }'
)
ADD_COMMENT = (
    "mutation($itemId: ID!, $body: String!, $parentId: ID) {"
    " addComment(itemId: $itemId, body: $body, parentId: $parentId) { id } }"
)


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_an_items_conversation_reads_through_the_gateway(make_settings: MakeSettings, tmp_path: Path) -> None:
    async with market(make_settings, tmp_path) as shop:
        seller, buyer = user_id(), user_id()
        seller_token, buyer_token = shop.tokens.issue(Viewer(seller)), shop.tokens.issue(Viewer(buyer))
        item = (await shop.write("items", CREATE_ITEM, {"title": "아이폰 팝니다"}, seller_token))["createItem"]["id"]
        await shop.settle()
        question = await shop.write("comments", ADD_COMMENT, {"itemId": item, "body": "네고 되나요?"}, buyer_token)
        question_id = question["addComment"]["id"]
        # Through our router, which forwards the token to the comments subgraph.
        await shop.write_through_router(
            ADD_COMMENT, {"itemId": item, "body": "조금요", "parentId": question_id}, seller_token
        )

        data = await shop.read(
            "query($id: ID!) { item(id: $id) { title seller { id } commentCount comments { totalCount"
            " edges { node { body author { id } item { title } replies { body author { id } } } } } } }",
            {"id": item},
        )
        await shop.write_through_router("mutation($id: ID!) { deleteItem(id: $id) }", {"id": item}, seller_token)
        await shop.settle()
        after_deletion = await shop.read("query($id: ID!) { comment(id: $id) { id } }", {"id": question_id})

    assert after_deletion == {"comment": None}
    assert data == {
        "item": {
            "title": "아이폰 팝니다",
            "seller": {"id": seller},
            "commentCount": 2,
            "comments": {
                "totalCount": 1,
                "edges": [
                    {
                        "node": {
                            "body": "네고 되나요?",
                            "author": {"id": buyer},
                            "item": {"title": "아이폰 팝니다"},
                            "replies": [{"body": "조금요", "author": {"id": seller}}],
                        }
                    }
                ],
            },
        }
    }


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_a_list_of_fifty_items_costs_the_comments_database_one_query(
    make_settings: MakeSettings, tmp_path: Path
) -> None:
    async with market(make_settings, tmp_path) as shop:
        seller_token, buyer_token = shop.tokens.issue(Viewer(user_id())), shop.tokens.issue(Viewer(user_id()))
        items = [
            (await shop.write("items", CREATE_ITEM, {"title": f"물건 {n}"}, seller_token))["createItem"]["id"]
            for n in range(50)
        ]
        await shop.settle()
        expected = {item: n % 3 for n, item in enumerate(items)}
        for item, count in expected.items():
            for k in range(count):
                await shop.write("comments", ADD_COMMENT, {"itemId": item, "body": f"댓글 {k}"}, buyer_token)

        listing = "{ items(first: 50) { edges { node { id commentCount } } } }"
        engine = comments_engine(shop.runtimes["comments"])
        with counting_statements(engine) as through_gateway:
            data = await shop.ask_gateway(listing)
        with counting_statements(engine) as through_router:
            ours = await shop.ask_router(listing)

    assert ours == data
    assert {edge["node"]["id"]: edge["node"]["commentCount"] for edge in data["items"]["edges"]} == expected
    assert (len(through_gateway), len(through_router)) == (1, 1), (through_gateway, through_router)
