"""The committed fixture supergraphs are what @apollo/composition makes of their subgraph SDLs."""

from __future__ import annotations

import json
import subprocess

import pytest
from planner_harness import FIXTURES, NODE_DIR, require_node


@pytest.mark.node
def test_fixture_supergraphs_are_up_to_date() -> None:
    require_node()
    dirs = sorted(str(d) for d in FIXTURES.iterdir() if d.is_dir())
    completed = subprocess.run(
        ["node", "compose-fixture.mjs", *dirs],
        cwd=NODE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    composed: dict[str, str] = json.loads(completed.stdout)
    stale = [d for d, sdl in composed.items() if (FIXTURES / f"{d.rsplit('/', 1)[-1]}.graphql").read_text() != sdl]
    assert not stale, f"recompose with: node tests/node/compose-fixture.mjs DIR > DIR.graphql — {stale}"
