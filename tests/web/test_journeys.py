"""Two people use the built web app in headless Chromium against `make run`'s stack (tests/node/web-journey.mjs).

A signs up and lists an item; B signs up, finds it by a Korean search, comments, starts 채팅하기 and sends a
message; A, in the room, sees it arrive live and marks the item sold to B. Every request that does not go to the
stack's own origin is blocked. One run of the journey serves every test here: the journey itself, axe-core on
each page, the pages' width on a phone, the screenshots, and the first page's JavaScript against its budget.
"""

from __future__ import annotations

import gzip
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web.conftest import clean
from tests.web.journey import AUDITED, PHOTOGRAPHED, run_journey
from tests.web.stack import Stack

pytestmark = [pytest.mark.slow, pytest.mark.node]

ROOT = Path(__file__).resolve().parents[2]
BUDGET_BYTES = 250 * 1024
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def journey(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return run_journey(stack.origin, tmp_path_factory.mktemp("screenshots"))


def graphql(stack: Stack, query: str, variables: dict[str, Any], token: str | None = None) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    request = {"query": query, "variables": variables}
    response = httpx.post(f"{stack.origin}/graphql", json=request, headers=headers, timeout=30)
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body


def test_a_seller_and_a_buyer_meet_sell_and_chat_live(journey: dict[str, Any], stack: Stack) -> None:
    assert journey["ok"], f"stopped at: {journey['step']}\n{journey.get('error')}\n--- stack log ---\n{stack.log()}"
    clean(journey["seen"])
    assert journey["liveSocket"], "A's page received the message without a WebSocket to /graphql"
    # What the app did is what the API holds: B bought the item A listed.
    people = journey["people"]
    login = "mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }"
    token = graphql(stack, login, {"e": people["B"], "p": people["password"]})["data"]["logIn"]["token"]
    sold = {"id": journey["itemId"], "title": people["title"], "status": "SOLD"}
    deadline = time.monotonic() + 120  # users learns the sale from items' events
    while True:
        bought = graphql(stack, "{ me { purchases { edges { node { id title status } } } } }", {}, token)
        purchases = [edge["node"] for edge in bought["data"]["me"]["purchases"]["edges"]]
        if sold in purchases or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert sold in purchases


@pytest.mark.parametrize("page", AUDITED)
def test_no_serious_or_critical_accessibility_violations(journey: dict[str, Any], page: str) -> None:
    assert page in journey["axe"], f"page not reached (the journey stopped at: {journey['step']})"
    serious = [v for v in journey["axe"][page] if v["impact"] in SERIOUS]
    assert not serious, serious


@pytest.mark.parametrize("page", AUDITED)
def test_no_page_is_wider_than_a_phone(journey: dict[str, Any], page: str) -> None:
    assert page in journey["overflow"], f"page not reached (the journey stopped at: {journey['step']})"
    assert journey["overflow"][page] <= 0, f"{journey['overflow'][page]} CSS pixels past a 390 px screen"


def test_the_main_pages_are_photographed_and_shown_in_the_readme(journey: dict[str, Any]) -> None:
    taken = {Path(path).stem.removeprefix("web-"): Path(path) for path in journey["screenshots"]}
    assert sorted(taken) == sorted(PHOTOGRAPHED), f"stopped at: {journey['step']}"
    assert all(path.stat().st_size > 10_000 for path in taken.values())
    readme = (ROOT / "README.md").read_text()
    for name in PHOTOGRAPHED:
        assert (ROOT / "docs" / f"web-{name}.png").is_file(), f"docs/web-{name}.png (python -m tests.web.screenshots)"
        assert f"docs/web-{name}.png" in readme, name


def test_the_first_page_javascript_stays_within_its_budget(journey: dict[str, Any], web_dist: Path) -> None:
    """What a browser fetched to show `/`, gzipped at level 9 as a server would send it: under 250 KB."""
    scripts = journey["firstPageScripts"]
    assert scripts, "the first page loaded no script"
    sizes = {src: len(gzip.compress((web_dist / src.lstrip("/")).read_bytes(), 9)) for src in scripts}
    total = sum(sizes.values())
    print(f"\nfirst page JavaScript: {total / 1024:.1f} KB gzipped ({len(sizes)} files; budget 250 KB)")
    assert total <= BUDGET_BYTES, sizes
