"""Refresh the web app's screenshots in docs/ (shown in the README): `.venv/bin/python -m tests.web.screenshots`.

It runs what the browser tests run: `make run`'s stack on fresh data, the two-person journey in headless
Chromium, a phone's viewport; the pictures are taken on the way. The app must be built (`make web`).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from router.server.config import DEFAULT_WEB_DIR
from tests.web.journey import PHOTOGRAPHED, run_journey
from tests.web.stack import running_stack

DOCS = Path(__file__).resolve().parents[2] / "docs"


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch, running_stack(Path(scratch) / "var", DEFAULT_WEB_DIR) as stack:
        result = run_journey(stack.origin, DOCS)
    missing = [name for name in PHOTOGRAPHED if not (DOCS / f"web-{name}.png").is_file()]
    if not result["ok"] or missing:
        print(f"stopped at: {result['step']}\n{result.get('error', '')}\nmissing: {missing}", file=sys.stderr)
        return 1
    print("\n".join(result["screenshots"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
