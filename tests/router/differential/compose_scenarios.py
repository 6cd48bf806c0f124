"""Regenerates supergraphs/<scenario>.graphql with @apollo/composition (tests/node/compose.mjs).

Run after changing a scenario's subgraphs:  .venv/bin/python tests/router/differential/compose_scenarios.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from scenario_loader import SUPERGRAPH_DIR, Scenario, load_scenarios

NODE_DIR = Path(__file__).resolve().parents[2] / "node"


def compose_all(scenarios: list[Scenario]) -> dict[str, dict[str, Any]]:
    """Apollo's composition result (`supergraphSdl`, `errors`, ...) per scenario, in one Node run."""
    request = {
        "sets": [
            {
                "id": s.name,
                "subgraphs": [{"name": n, "url": s.subgraph_url(n), "sdl": sdl} for n, sdl in s.subgraphs.items()],
            }
            for s in scenarios
        ]
    }
    completed = subprocess.run(
        ["node", str(NODE_DIR / "compose.mjs")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=True,
        cwd=NODE_DIR,
    )
    results: dict[str, dict[str, Any]] = json.loads(completed.stdout)["results"]
    return results


def main() -> int:
    scenarios = load_scenarios()
    results = compose_all(scenarios)
    failed = False
    SUPERGRAPH_DIR.mkdir(exist_ok=True)
    for scenario in scenarios:
        result = results[scenario.name]
        if result["errors"]:
            failed = True
            print(f"{scenario.name}: composition failed: {result['errors']}", file=sys.stderr)
            continue
        scenario.supergraph_path.write_text(result["supergraphSdl"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
