"""GraphiQL, offline: headless Chromium loads it from the router alone and runs a typed query."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import unavailable
from tests.router.server.node_tools import node_with, run_node


@pytest.mark.node
def test_graphiql_renders_and_answers_with_every_non_local_request_blocked(router_url: str, tmp_path: Path) -> None:
    node = node_with("playwright-core")
    if shutil.which("chromium") is None and not Path("/usr/bin/chromium").exists():
        unavailable("Debian's chromium is needed (`make test` installs it)")
    screenshot = tmp_path / "playground.png"
    completed = run_node([node, "playground.mjs", router_url, str(screenshot)], timeout=90)
    assert completed.returncode == 0, completed.stderr
    seen = json.loads(completed.stdout.strip().splitlines()[-1])
    assert seen["blocked"] == [], "the page asked for something outside the router"
    assert seen["failed"] == [] and seen["errors"] == []
    assert seen["hasExplorer"] and seen["hasHistory"]
    assert "당근이" in seen["result"] and "자전거" in seen["result"]
    assert screenshot.stat().st_size > 10_000
