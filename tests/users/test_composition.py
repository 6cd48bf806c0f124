"""The users SDL composes with Apollo's own composition library (the reference implementation)."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest

from subgraphs.users.graphql.schema import build_users_schema
from tests.conftest import unavailable

NODE_DIR = Path(__file__).resolve().parents[1] / "node"


@pytest.mark.node
async def test_users_subgraph_composes_into_a_supergraph() -> None:
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "@apollo" / "composition").exists():
        unavailable("node and tests/node/node_modules are needed (run `make test` to install them)")
    result = await build_users_schema().execute("{ _service { sdl } }")
    assert result.errors is None and result.data is not None
    sdl = result.data["_service"]["sdl"]
    request = {"subgraphs": [{"name": "users", "url": "http://127.0.0.1:4001/graphql", "sdl": sdl}]}
    process = await asyncio.create_subprocess_exec(
        node, "compose.mjs", cwd=NODE_DIR, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await process.communicate(json.dumps(request).encode())
    composed = json.loads(out)
    assert composed["errors"] == []
    api = composed["apiSchemaSdl"]
    for expected in (
        "me: User",
        "user(id: ID!): User",
        "signUp(input: SignUpInput!): AuthPayload!",
        "mannerScore: Float!",
    ):
        assert expected in api
    # Federation plumbing stays out of the client-facing schema.
    assert "_entities" not in api and "_service" not in api
