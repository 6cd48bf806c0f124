"""`make run`'s stack serves the built app and the API on one origin (what the browser tests stand on)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.web.stack import Stack

pytestmark = [pytest.mark.slow, pytest.mark.node]


def test_the_stack_serves_the_build_at_the_root_and_the_api_beside_it(stack: Stack, web_dist: Path) -> None:
    index = (web_dist / "index.html").read_text()
    for route in ["/", "/items/1", "/chats"]:
        page = httpx.get(f"{stack.origin}{route}", headers={"accept": "text/html"}, timeout=30)
        assert page.status_code == 200 and page.text == index, route
    answer = httpx.post(
        f"{stack.origin}/graphql", json={"query": "{ items(first: 1) { edges { node { title } } } }"}, timeout=30
    )
    assert answer.status_code == 200 and answer.json()["data"]["items"]["edges"], answer.text
    assert "http://127.0.0.1" in stack.log() and f"{stack.origin}/\n" in "".join(stack.output)
