"""The browser tests' fixtures: the built web app, `make run`'s stack serving it (one per test session), and
the Node scripts under tests/node that drive headless Chromium against it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from router.server.config import DEFAULT_WEB_DIR
from tests.conftest import unavailable
from tests.router.server.node_tools import node_with, run_node
from tests.web.stack import Stack, running_stack


@pytest.fixture(scope="session")
def web_dist() -> Path:
    if not (DEFAULT_WEB_DIR / "index.html").is_file():
        unavailable(f"the web app is not built in {DEFAULT_WEB_DIR} (`make web`; `make test` builds it)")
    return DEFAULT_WEB_DIR


@pytest.fixture(scope="session")
def stack(web_dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with running_stack(tmp_path_factory.mktemp("stack") / "var", web_dist) as running:
        yield running


def browse(script: str, *args: str, timeout: float = 300) -> dict[str, Any]:
    """Run tests/node/SCRIPT (headless Chromium) and return the JSON line it prints; its stderr on failure."""
    node = node_with("playwright-core", "axe-core")
    if shutil.which("chromium") is None and not Path("/usr/bin/chromium").exists():
        unavailable("Debian's chromium is needed (`make test` installs it)")
    completed = run_node([node, script, *args], timeout=timeout)
    lines = completed.stdout.strip().splitlines()
    assert completed.returncode == 0 and lines, f"{script} failed:\n{completed.stdout}\n{completed.stderr}"
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def clean(seen: dict[str, list[str]]) -> None:
    """Nothing left the machine, nothing broke: the same bar for every browser test."""
    assert seen["blocked"] == [], f"requests outside the app's origin: {seen['blocked']}"
    assert seen["errors"] == [], f"errors in the page: {seen['errors']}"
    assert seen["failed"] == [], f"failed requests: {seen['failed']}"
