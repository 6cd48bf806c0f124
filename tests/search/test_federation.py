"""The search subgraph composes with the items subgraph under Apollo's composition and exposes the public contract."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from pathlib import Path

import pytest

from tests.search.conftest import SearchWorld

NODE_DIR = Path(__file__).resolve().parents[1] / "node"
SCHEMA_FILE = Path(__file__).resolve().parents[2] / "subgraphs" / "search" / "schema.graphql"

# Just enough of the items subgraph to own `Item` (and share the enum and PageInfo) as the contract says.
ITEMS_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.11", import: ["@key", "@shareable"])
enum ItemStatus { ON_SALE RESERVED SOLD }
type Item @key(fields: "id") { id: ID! title: String! status: ItemStatus! }
type PageInfo @shareable { hasNextPage: Boolean! endCursor: String }
type Query { item(id: ID!): Item }
"""

CONTRACT = [
    "searchItems(query: String!, filter: SearchFilter, sort: SearchSort, first: Int, after: String): SearchItemConnection!",
    "searchSuggestions(prefix: String!, first: Int): [String!]!",
    "popularSearchTerms(first: Int, region: String): [SearchTermCount!]!",
    "relatedItems(itemId: ID!, first: Int): [Item!]!",
]


async def _compose(search_sdl: str) -> dict[str, object]:
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "@apollo" / "composition").exists():
        if os.environ.get("CI"):
            pytest.fail("node and tests/node/node_modules are required in CI (run `make test`)")
        pytest.skip("node or tests/node/node_modules is missing: run `make test` to install the npm peers")
    process = await asyncio.create_subprocess_exec(
        node,
        str(NODE_DIR / "search-compose.mjs"),
        cwd=NODE_DIR,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    payload = {
        "subgraphs": [
            {"name": "items", "url": "http://items/graphql", "sdl": ITEMS_SDL},
            {"name": "search", "url": "http://search/graphql", "sdl": search_sdl},
        ]
    }
    stdout, stderr = await process.communicate(json.dumps(payload).encode())
    assert process.returncode == 0, stderr.decode()
    result: dict[str, object] = json.loads(stdout)
    return result


@pytest.mark.node
async def test_search_composes_with_items_and_exposes_the_contract(world: SearchWorld) -> None:
    sdl = (await world.client.data("{ _service { sdl } }"))["_service"]["sdl"]

    result = await _compose(sdl)

    assert result["errors"] == []
    api = str(result["apiSchemaSdl"])
    for field in CONTRACT:
        assert field in api, field
    for line in ("node: Item!", "highlight: String", "totalCount: Int!", "term: String!", "count: Int!"):
        assert line in api, line
    assert "enum SearchSort {\n  RELEVANCE\n  NEWEST\n  PRICE_ASC\n  PRICE_DESC\n}" in api


async def test_the_checked_in_schema_is_what_the_subgraph_serves(world: SearchWorld) -> None:
    sdl = (await world.client.data("{ _service { sdl } }"))["_service"]["sdl"]
    checked_in = await asyncio.to_thread(SCHEMA_FILE.read_text)

    assert sdl.strip() == checked_in.strip(), "regenerate subgraphs/search/schema.graphql (see its README)"
