"""The three faults, each under the steady load, with what they cost: requests served, errors, recovery times.

A scenario starts the load, lets it run, injects its fault, waits (by polling the router's /ready and the
databases, never by fixed sleeps alone) until the stack has recovered, runs a little longer, stops the load,
waits for the read side to settle, and then asks the databases and `gamja check` whether anything was lost,
doubled or left behind.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.support.faults.load import WRITES, Load, run_tag
from tests.support.faults.stack import FaultStack
from tests.support.faults.verify import caught_up, lost_or_doubled, settle

__all__ = [
    "Figures",
    "ReadyWatch",
    "caused_by_fault",
    "cut_search_replica",
    "error_bound",
    "kill_items_replica",
    "restart_broker",
]

WARM_UP_SECONDS = 4.0
AFTER_SECONDS = 4.0
CONDITION_TIMEOUT = 120.0
SETTLE_TIMEOUT = 120.0
CHECKED = ("items", "search", "comments")
CHECK_ATTEMPTS = 2
CUT_SECONDS = 12.0  # more than the broker's session timeout (GAMJA_KAFKA_SESSION_TIMEOUT_MS, 10 s)
CUT_AFTER_OPEN_SECONDS = 5.0


@dataclass
class Figures:
    fault: str
    load_seconds: float = 0.0
    served: int = 0
    errors: int = 0
    errors_by: dict[str, int] = field(default_factory=dict)  # "kind code" → count
    in_flight_at_fault: int = 0
    # Loops whose next request may take an idle keep-alive connection to the faulty replica that the fault left
    # open (a network cut; a killed process closes its sockets): each such request waits out its timeout.
    idle_connection_loops: int = 0
    recovery: dict[str, float] = field(default_factory=dict)  # named durations, seconds
    settle_seconds: float = 0.0
    problems: list[str] = field(default_factory=list)  # lost or doubled writes, gaps, unsettled sides
    checks: dict[str, tuple[int, str]] = field(default_factory=dict)  # service → (exit code, output)
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def drift_free(self) -> bool:
        return all(code == 0 and output.endswith("0 difference(s)") for code, output in self.checks.values())


class ReadyWatch:
    """Polls the router's /ready and keeps each subgraph's (available instances, breaker) with the time seen."""

    def __init__(self, router_url: str, interval: float = 0.2) -> None:
        self._client = httpx.AsyncClient(base_url=router_url, timeout=5, trust_env=False)
        self._interval = interval
        self.latest: dict[str, dict[str, Any]] = {}
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> ReadyWatch:
        self._task = asyncio.create_task(self._poll())
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        await self._client.aclose()

    async def _poll(self) -> None:
        while True:
            try:
                body = (await self._client.get("/ready")).json()
                self.latest = body.get("subgraphs", {})
            except (httpx.HTTPError, ValueError):
                pass
            await asyncio.sleep(self._interval)

    async def until(self, holds: Callable[[dict[str, dict[str, Any]]], bool], what: str) -> float:
        """The monotonic time at which `holds` was first seen true."""
        deadline = time.monotonic() + CONDITION_TIMEOUT
        while not holds(self.latest):
            if time.monotonic() >= deadline:
                raise AssertionError(f"the router's /ready never showed {what} (last: {self.latest})")
            await asyncio.sleep(self._interval / 2)
        return time.monotonic()


def _available(service: str, count: int, breaker: str | None = None) -> Callable[[dict[str, dict[str, Any]]], bool]:
    def holds(states: dict[str, dict[str, Any]]) -> bool:
        state = states.get(service, {})
        return bool(state.get("available") == count and (breaker is None or state.get("breaker") == breaker))

    return holds


def caused_by_fault(code: str | None) -> bool:
    """Errors of a subgraph or of the wire; the others (e.g. a comment on an item that comments does not know
    yet, NOT_FOUND) are the stack's ordinary answers, counted but not charged to the fault."""
    return code is not None and (code.startswith("SUBGRAPH_") or not code.isupper() or code.startswith("HTTP"))


Fault = Callable[[FaultStack, Load, ReadyWatch, Figures], Awaitable[None]]


async def _under_load(stack: FaultStack, name: str, fault: Fault) -> Figures:
    figures = Figures(name)
    tag = run_tag()
    tokens = await Load.sign_up(stack.router_url, tag, 2)
    load = Load(stack.router_url, tokens, tag)
    dsns = {stem: stack.dsn(stem) for stem in ("items", "items_read", "search", "comments")}
    async with ReadyWatch(stack.router_url) as watch:
        started = time.monotonic()
        load.start()
        try:
            await asyncio.sleep(WARM_UP_SECONDS)
            await fault(stack, load, watch, figures)
            await asyncio.sleep(AFTER_SECONDS)
        finally:
            await load.stop()
        figures.load_seconds = time.monotonic() - started
    failed = [request for request in load.requests if not request.ok]
    figures.served = len(load.requests) - len(failed)
    figures.errors = len(failed)
    figures.errors_by = dict(Counter(f"{request.kind} {request.error}" for request in failed))
    figures.notes["fault errors"] = sum(1 for request in failed if caused_by_fault(request.error))
    if load.odd_answers:
        figures.notes["answers without data or errors"] = load.odd_answers[:5]
    settled = await settle(dsns, tag, SETTLE_TIMEOUT)
    figures.settle_seconds = settled.seconds
    figures.notes["items written"] = settled.items
    if settled.behind:
        figures.problems.append(f"the read side did not settle: items behind {settled.behind}")
    figures.problems += await lost_or_doubled(dsns, tag, load.ledger, stack.router_url, tokens[0])
    attempts = {}
    for service in CHECKED:
        figures.checks[service], attempts[service] = await _check(stack, service)
    figures.notes["gamja check attempts"] = attempts
    return figures


async def _check(stack: FaultStack, service: str) -> tuple[tuple[int, str], int]:
    """`gamja check`, again (at most CHECK_ATTEMPTS times) while it fails: on a starved machine its replay of the
    topic can time out on the broker or end before the log does; every attempt is counted in the figures."""
    attempt = 0
    while True:
        attempt += 1
        code, output = await asyncio.to_thread(stack.check, service)
        if code == 0 or attempt == CHECK_ATTEMPTS:
            return (code, output), attempt


async def _kill_items(stack: FaultStack, load: Load, watch: ReadyWatch, figures: Figures) -> None:
    await watch.until(_available("items", 2, "closed"), "both items replicas available")
    figures.in_flight_at_fault = load.in_flight_now(WRITES)
    killed = stack.kill("items", 2)
    opened = await watch.until(_available("items", 1), "the killed replica's breaker open")
    await asyncio.sleep(2.0)  # the replica stays dead a while under load, as before a supervisor restarts it
    await asyncio.to_thread(stack.revive, "items", 2)
    revived = time.monotonic()
    closed = await watch.until(_available("items", 2, "closed"), "the revived replica's breaker closed")
    failed_after = [r.ended for r in load.requests if not r.ok and r.started >= killed - 30]
    figures.recovery = {
        "breaker open after kill": opened - killed,
        "last client error after kill": (max(failed_after) - killed) if failed_after else 0.0,
        "revived replica back in rotation": closed - revived,
    }
    figures.notes["dead seconds"] = revived - killed


async def _restart_broker(stack: FaultStack, load: Load, watch: ReadyWatch, figures: Figures) -> None:
    dsns = {stem: stack.dsn(stem) for stem in ("items", "items_read", "search")}
    stopped, started = await asyncio.to_thread(stack.restart_broker, 5.0)
    figures.in_flight_at_fault = 0
    # Everything written up to the broker's return must reach the read store and the index.
    caught = await caught_up(dsns, load.tag, CONDITION_TIMEOUT)
    figures.recovery = {
        "broker down": started - stopped,
        "read side caught up after broker back": caught - started,
    }


async def _cut_search(stack: FaultStack, load: Load, watch: ReadyWatch, figures: Figures) -> None:
    await watch.until(_available("search", 2, "closed"), "both search replicas available")
    figures.in_flight_at_fault = load.in_flight_now(frozenset({"search"}))
    figures.idle_connection_loops = load.counts[2]  # the searchers
    await asyncio.to_thread(stack.cut, "search", 2)
    cut = time.monotonic()
    opened = await watch.until(_available("search", 1), "the cut replica's breaker open")
    # Cut for longer than the broker's session timeout (so the replica also drops out of its consumer group),
    # and for a while with the breaker open (so the other replica alone serves the searches).
    await asyncio.sleep(max(CUT_AFTER_OPEN_SECONDS, CUT_SECONDS - (time.monotonic() - cut)))
    served_while_cut = sum(1 for r in load.between(cut, time.monotonic()) if r.kind == "search" and r.ok)
    served_while_open = sum(1 for r in load.between(opened, time.monotonic()) if r.kind == "search" and r.ok)
    await asyncio.to_thread(stack.restore, "search", 2)
    restored = time.monotonic()
    closed = await watch.until(_available("search", 2, "closed"), "the breaker closed again")
    failed_after = [r.ended for r in load.requests if not r.ok and r.started >= cut - 30]
    figures.recovery = {
        "breaker open after cut": opened - cut,
        "last client error after cut": (max(failed_after) - cut) if failed_after else 0.0,
        "breaker closed after link back": closed - restored,
    }
    figures.notes["searches served while cut"] = served_while_cut
    figures.notes["searches served by the other replica, breaker open"] = served_while_open
    figures.notes["cut seconds"] = restored - cut


async def kill_items_replica(stack: FaultStack) -> Figures:
    return await _under_load(stack, "SIGKILL one items replica", _kill_items)


async def restart_broker(stack: FaultStack) -> Figures:
    return await _under_load(stack, "restart the broker", _restart_broker)


async def cut_search_replica(stack: FaultStack) -> Figures:
    return await _under_load(stack, "cut one search replica off the network", _cut_search)


def error_bound(figures: Figures) -> int:
    """Errors a fault may cost: the requests already on a connection to the faulty replica, nothing more.

    A request whose connection is refused or times out never reached the replica, so the router sends it, query
    or mutation, to the other replica and ejects the faulty one at once; its half-open probes are queries, which
    fail over too. What is left are the requests in flight at the fault (a mutation is never sent twice) and, for
    a network cut, the next request of each loop that takes an idle keep-alive connection the cut left open."""
    return figures.in_flight_at_fault + figures.idle_connection_loops
