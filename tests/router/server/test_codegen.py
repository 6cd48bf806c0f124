"""`@graphql-codegen/cli` (client preset) reads the router's schema, from `GET /schema.graphql` and from
introspection, and the types it writes for the marketplace's operations pass `tsc --strict`."""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from router.server import create_app
from tests.router.server.conftest import PROJECT_SUPERGRAPH, serve_app
from tests.router.server.node_tools import NODE_DIR, node_with, run_node

HERE = Path(__file__).parent / "codegen"


@pytest.fixture(scope="module")
def project_router() -> Iterator[str]:
    with serve_app(create_app(PROJECT_SUPERGRAPH.read_text())) as origin:
        yield origin


@pytest.fixture
def workdir() -> Iterator[Path]:
    # Inside tests/node, so the generated code finds its imports in tests/node/node_modules.
    path = NODE_DIR / "build" / f"codegen-{uuid.uuid4().hex[:8]}"
    path.mkdir(parents=True)
    shutil.copy(HERE / "operations.graphql", path)
    shutil.copy(HERE / "uses_types.ts", path)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.node
@pytest.mark.parametrize("source", ["/schema.graphql", "/graphql"], ids=["sdl", "introspection"])
def test_codegen_client_preset_types_pass_tsc_strict(project_router: str, workdir: Path, source: str) -> None:
    node = node_with("@graphql-codegen/cli", "@graphql-codegen/client-preset", "typescript")
    config = {
        "schema": project_router + source,
        "documents": [str(workdir / "operations.graphql")],
        "generates": {str(workdir / "gql") + "/": {"preset": "client"}},
        "silent": True,
    }
    (workdir / "codegen.json").write_text(json.dumps(config))
    cli = NODE_DIR / "node_modules" / "@graphql-codegen" / "cli" / "cjs" / "bin.js"
    generated = run_node([node, str(cli), "--config", str(workdir / "codegen.json")], timeout=120)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    assert "ItemPageQuery" in (workdir / "gql" / "graphql.ts").read_text()
    tsc = NODE_DIR / "node_modules" / "typescript" / "bin" / "tsc"
    checked = run_node(
        [
            node,
            str(tsc),
            "--strict",
            "--noEmit",
            "--target",
            "es2020",
            "--moduleResolution",
            "node",
            "--skipLibCheck",
            str(workdir / "uses_types.ts"),
        ],
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
