"""The web app's component tests (vitest, jsdom + Testing Library, axe-core) run with the rest of the suite."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import unavailable

WEB = Path(__file__).resolve().parents[2] / "web"


@pytest.mark.slow
def test_web_component_tests_pass() -> None:
    if shutil.which("npm") is None:
        unavailable("npm is needed for the web app's component tests (Node 20 + npm)")
    if not (WEB / "node_modules").is_dir():
        unavailable("web/node_modules is missing (`make web` runs npm ci; `make test` does it first)")
    # `npm test` regenerates the typed documents from web/schema.graphql first, then runs vitest once.
    run = subprocess.run(["npm", "test", "--silent"], cwd=WEB, capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
