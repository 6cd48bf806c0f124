"""The web app's Content-Security-Policy in headless Chromium: it lets a same-origin app work (script, GraphQL
over HTTP and WebSocket) and refuses what an injected page would use (inline script)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from router.execution.policy import FetchPolicy
from router.server import create_app
from router.server.config import FrontDoorConfig
from tests.conftest import unavailable
from tests.router.server.conftest import serve_app
from tests.router.server.node_tools import node_with, run_node

pytestmark = pytest.mark.node

# The stand-in for a build: what it can do is written into #result for the browser test to read.
SCRIPT = """
const result = {};
const done = () => {
  const out = document.getElementById("result");
  out.textContent = JSON.stringify(result);
  out.dataset.done = "yes";
};
result.inlineRan = window.__inlineRan === true;
fetch("/graphql", { method: "POST", headers: { "content-type": "application/json" },
  body: JSON.stringify({ query: "{ __typename }" }) })
  .then((r) => r.json())
  .then((body) => {
    result.http = body.data.__typename;
    const socket = new WebSocket(`ws://${location.host}/graphql`, "graphql-transport-ws");
    socket.onopen = () => socket.send(JSON.stringify({ type: "connection_init", payload: {} }));
    socket.onmessage = (event) => { result.ws = JSON.parse(event.data).type; socket.close(); done(); };
    socket.onerror = () => { result.ws = "error"; done(); };
  })
  .catch((error) => { result.http = String(error); done(); });
"""
INDEX = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>stand-in</title>
<script type="module" src="/assets/index-Cq3x9_Za.js"></script></head>
<body><main><pre id="result"></pre></main><script>window.__inlineRan = true;</script></body></html>"""


@pytest.fixture
def origin(supergraph_sdl: str, tmp_path: Path) -> Iterator[str]:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "assets" / "index-Cq3x9_Za.js").write_text(SCRIPT)
    config = FrontDoorConfig(web_dir=tmp_path)
    with serve_app(create_app(supergraph_sdl, policy=FetchPolicy(timeout=5), config=config)) as served:
        yield served


def test_the_policy_lets_the_app_reach_the_api_and_refuses_inline_script(origin: str) -> None:
    node = node_with("playwright-core")
    if shutil.which("chromium") is None and not Path("/usr/bin/chromium").exists():
        unavailable("Debian's chromium is needed (`make test` installs it)")
    completed = run_node([node, "web-csp.mjs", origin, "/items/42"], timeout=120)
    assert completed.returncode == 0, completed.stderr
    seen = json.loads(completed.stdout.strip().splitlines()[-1])
    assert seen["ok"], seen.get("error")
    assert seen["status"] == 200 and "connect-src 'self' ws: wss:" in seen["csp"]
    assert seen["result"] == {"inlineRan": False, "http": "Query", "ws": "connection_ack"}
    assert seen["seen"]["blocked"] == [] and seen["seen"]["failed"] == []
    # The one error is Chromium's report of the refused inline script.
    errors = seen["seen"]["errors"]
    assert len(errors) == 1 and "Content Security Policy" in errors[0] and "script-src" in errors[0], errors
