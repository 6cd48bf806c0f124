"""Running tests/node/web-journey.mjs: two people in headless Chromium against a running stack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.web.conftest import browse

# Every page the journey audits (axe-core, width) and the ones it photographs for docs/ and the README.
AUDITED = ["feed", "signup", "sell", "search", "item", "chats", "chat", "my-items", "edit", "login"]
PHOTOGRAPHED = ["feed", "search", "item", "sell", "chat", "login"]


def run_journey(origin: str, shots: Path) -> dict[str, Any]:
    shots.mkdir(parents=True, exist_ok=True)
    return browse("web-journey.mjs", origin, str(shots), timeout=600)
