"""The web app's types are generated from web/schema.graphql: it must be the API schema the router serves now."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_web_schema_snapshot_is_the_routers_api_schema() -> None:
    run = subprocess.run(
        [sys.executable, "web/scripts/schema_snapshot.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
