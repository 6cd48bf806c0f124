"""The comments SDL composes with the users and items subgraphs under Apollo's own composition rules."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

import pytest

from gamja.catalog import load_spec
from tests.conftest import MakeSettings

pytestmark = pytest.mark.node

NODE_DIR = Path(__file__).resolve().parents[1] / "node"


def require_composition() -> None:
    if (NODE_DIR / "node_modules" / "@apollo" / "composition").is_dir():
        return
    if os.environ.get("CI"):
        pytest.fail("tests/node/node_modules is missing: run `make test` (npm install) before the node tests")
    pytest.skip("the npm peers are not installed under tests/node (run `make test`)")


async def compose(subgraphs: list[dict[str, str]]) -> dict[str, Any]:
    process = await asyncio.create_subprocess_exec(
        "node", "compose.mjs", cwd=NODE_DIR, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await process.communicate(json.dumps({"subgraphs": subgraphs}).encode())
    result: dict[str, Any] = json.loads(out)
    return result


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_comments_composes_with_users_and_items(make_settings: MakeSettings) -> None:
    require_composition()
    names = ("users", "items", "comments")
    settings = await make_settings(*names)
    subgraphs = []
    for name in names:
        runtime = await load_spec(name).build(settings)
        try:
            result = await runtime.schema.execute("{ _service { sdl } }")
        finally:
            await runtime.close()
        assert result.data is not None
        subgraphs.append({"name": name, "url": f"http://{name}.test/graphql", "sdl": result.data["_service"]["sdl"]})

    composed = await compose(subgraphs)

    assert composed["errors"] == []
    api = composed["apiSchemaSdl"]
    for expected in (
        "type Comment {",
        "comments(first: Int = null, after: String = null): CommentConnection\n",
        "commentCount: Int\n",
        "addComment(itemId: ID!, body: String!, parentId: ID = null): Comment!",
        "deleteComment(id: ID!): ID!",
    ):
        assert expected in api, expected
