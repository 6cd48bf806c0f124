"""Sending one request to our router and to an oracle, and comparing what comes back."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

import httpx
from fixture_subgraph import RequestCounter
from scenario_loader import Scenario

from gamja.auth.tokens import TokenService
from gamja.auth.viewer import ADMIN, USER, Viewer
from router.execution.policy import FetchPolicy
from router.server import create_app
from router.server.access import token_access

__all__ = ["FETCH_TOTALS", "ORACLES", "FetchTotals", "Routers", "assert_same_answer", "ordered"]

ORACLES = {
    "apollo": "Apollo Gateway",
    "hive": "Hive Gateway",
    "rust": "Hive Gateway with the Rust query planner",
}


@dataclass
class FetchTotals:
    """Subgraph requests over every operation compared with the Rust planner, for the run's summary."""

    operations: int = 0
    ours: int = 0
    rust: int = 0

    def add(self, ours: int, rust: int) -> None:
        self.operations += 1
        self.ours += ours
        self.rust += rust

    def summary(self) -> str:
        return (
            f"subgraph fetches over {self.operations} operations: our router {self.ours}, "
            f"Hive Gateway's Rust planner {self.rust}"
        )


FETCH_TOTALS = FetchTotals()


# The oracles do not enforce @authenticated / @requiresScopes (the project's subgraphs use them); ours
# does. Comparisons are made as a signed-in admin, from whom nothing is hidden.
_TOKENS = TokenService("differential-tests-signing-key-" + "x" * 32, ttl_seconds=24 * 3600)
_SIGNED_IN = {"authorization": "Bearer " + _TOKENS.issue(Viewer("differential", frozenset({USER, ADMIN})))}


class Routers:
    """Our router per scenario (in-process ASGI, built once) and the oracles (one Node process each)."""

    def __init__(
        self,
        stack: AsyncExitStack,
        fixture_origin: str,
        oracles: dict[str, httpx.AsyncClient],
        counter: RequestCounter,
    ) -> None:
        self._stack = stack
        self._fixture_origin = fixture_origin
        self._oracles = oracles
        self._counter = counter
        self._ours: dict[str, httpx.AsyncClient] = {}

    async def ours(self, scenario: Scenario, body: dict[str, Any]) -> dict[str, Any]:
        client = self._ours.get(scenario.name)
        if client is None:
            app = create_app(
                scenario.supergraph_sdl(self._fixture_origin),
                policy=FetchPolicy(timeout=10),
                identify=token_access(_TOKENS),
            )
            await self._stack.enter_async_context(app.router.lifespan_context(app))
            client = await self._stack.enter_async_context(
                httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://router")
            )
            self._ours[scenario.name] = client
        result: dict[str, Any] = (await client.post("/graphql", json=body, headers=_SIGNED_IN)).json()
        return result

    async def theirs(self, scenario: Scenario, body: dict[str, Any], oracle: str = "apollo") -> dict[str, Any]:
        response = await self._oracles[oracle].post(
            f"/{scenario.name}/graphql", json=body, headers={"accept": "application/json"}
        )
        result: dict[str, Any] = response.json()
        return result

    async def counted(self, call: Callable[[], Awaitable[dict[str, Any]]]) -> tuple[dict[str, Any], int]:
        """The answer and how many subgraph requests it took (operations are sent one at a time)."""
        before = self._counter.count
        result = await call()
        return result, self._counter.count - before


def ordered(value: Any) -> Any:
    """Field order is part of the answer: objects become lists of pairs. Numbers compare by value
    (JavaScript prints the Float 38.0 as 38)."""
    if isinstance(value, dict):
        return [(key, ordered(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [ordered(item) for item in value]
    return value


def value_completion(response: dict[str, Any]) -> bool:
    """Apollo reports nulls in non-null positions that no subgraph explained in extensions."""
    return "valueCompletion" in (response.get("extensions") or {})


def answer_report(body: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], oracle: str) -> str:
    return (
        f"\nquery: {body['query']}\nours:   {json.dumps(ours, ensure_ascii=False)}"
        f"\n{oracle}: {json.dumps(theirs, ensure_ascii=False)}"
    )


async def assert_same_answer(routers: Routers, scenario: Scenario, body: dict[str, Any]) -> None:
    theirs = await routers.theirs(scenario, body)
    ours = await routers.ours(scenario, body)
    report = answer_report(body, ours, theirs, "apollo")
    assert ordered(ours.get("data")) == ordered(theirs.get("data")), report
    assert ("errors" in ours) == ("errors" in theirs), report
    assert value_completion(ours) == value_completion(theirs), report
