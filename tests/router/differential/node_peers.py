"""Whether the npm test peers (tests/node/node_modules) are there: skip locally, fail in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

NODE_DIR = Path(__file__).resolve().parents[2] / "node"


def require_node_peers() -> None:
    if (NODE_DIR / "node_modules" / "@apollo" / "gateway").is_dir():
        return
    if os.environ.get("CI"):
        pytest.fail("tests/node/node_modules is missing: run `make test` (npm install) before the node tests")
    pytest.skip("the npm peers are not installed under tests/node (run `make test`)")
