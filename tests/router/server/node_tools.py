"""Running the npm tools under tests/node (graphql-http, codegen, tsc, playwright-core) from tests."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import unavailable

NODE_DIR = Path(__file__).resolve().parents[2] / "node"


def node_with(*packages: str) -> str:
    """The `node` executable, once these packages are installed under tests/node (CI: a failure if not)."""
    node = shutil.which("node")
    missing = [p for p in packages if not (NODE_DIR / "node_modules" / p / "package.json").is_file()]
    if node is None or missing:
        unavailable(
            f"node and tests/node/node_modules/{', '.join(missing) or 'node'} are needed (`make test` installs them)"
        )
    assert node is not None
    return node


def run_node(args: list[str], *, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=NODE_DIR, capture_output=True, text=True, timeout=timeout, check=False)
