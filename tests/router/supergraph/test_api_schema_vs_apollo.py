"""Our API schema equals Apollo's (`Supergraph.apiSchema()`), type and field order included."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from graphql import build_schema, print_schema

from router.supergraph import Supergraph

TESTS = Path(__file__).resolve().parents[2]
NODE_DIR = TESTS / "node"
SUPERGRAPHS = sorted(
    [
        *(TESTS / "fixtures" / "supergraphs").glob("*.graphql"),
        *(TESTS / "router" / "differential" / "supergraphs").glob("*.graphql"),
    ]
)


@pytest.mark.node
def test_api_schemas_equal_apollos() -> None:
    if not (shutil.which("node") and (NODE_DIR / "node_modules" / "@apollo" / "federation-internals").is_dir()):
        if os.environ.get("CI"):
            pytest.fail("node and tests/node/node_modules are required in CI (run `make test`)")
        pytest.skip("node or tests/node/node_modules missing: run `make test` to install the npm peers")
    sdls = {str(path): path.read_text() for path in SUPERGRAPHS}
    completed = subprocess.run(
        ["node", "api-schema.mjs"],
        cwd=NODE_DIR,
        input=json.dumps(sdls),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    theirs: dict[str, str] = json.loads(completed.stdout)
    different = [
        path
        for path, sdl in sdls.items()
        if print_schema(Supergraph.from_sdl(sdl).api_schema) != print_schema(build_schema(theirs[path]))
    ]
    assert not different
    assert len(sdls) >= 7
