"""Issue 17, point 6: the distributed stack survives faults, on one machine.

One stack for the module (see tests/support/faults/stack.py): PostgreSQL, Tansu on durable storage, two
replicas of items and of search (each search replica in its own network namespace), one of every other
subgraph, the router discovering them. Each test runs the steady mixed load, injects one fault, and checks
what a user and an operator would: no acknowledged write lost, none applied twice, errors bounded to what
the fault had to cost, the read side caught up, and `gamja check items|search|comments` without drift.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest

from tests.conftest import unavailable
from tests.kit.kafka_broker import BrokerUnavailable
from tests.support.databases import PostgresUnavailable
from tests.support.faults.scenarios import (
    Figures,
    caused_by_fault,
    cut_search_replica,
    error_bound,
    kill_items_replica,
    restart_broker,
)
from tests.support.faults.stack import FaultStack

pytestmark = [
    pytest.mark.faults,
    pytest.mark.slow,
    pytest.mark.postgres,
]

QUERIES = ("read", "list", "search")


@pytest.fixture(scope="module")
def stack() -> Iterator[FaultStack]:
    with tempfile.TemporaryDirectory(prefix="gamja-faults-") as work_dir:
        # GAMJA_FAULTS_LOG_DIR keeps the children's logs after the run (they go with the temporary directory).
        stack = FaultStack(
            Path(work_dir), log_dir=Path(os.environ.get("GAMJA_FAULTS_LOG_DIR") or Path(work_dir) / "logs")
        )
        try:
            stack.start()
        except (PostgresUnavailable, BrokerUnavailable) as exc:
            unavailable(str(exc))
        try:
            yield stack
        finally:
            stack.close()


def report(figures: Figures) -> str:
    return json.dumps(asdict(figures), ensure_ascii=False, indent=1)


def assert_survived(figures: Figures) -> None:
    assert figures.problems == [], report(figures)
    assert figures.drift_free, report(figures)
    assert figures.served > 0, report(figures)
    assert figures.notes["fault errors"] <= error_bound(figures), report(figures)


async def test_sigkill_of_an_items_replica_loses_no_acknowledged_write(stack: FaultStack) -> None:
    figures = await kill_items_replica(stack)
    print(report(figures))
    assert_survived(figures)
    # A query whose connection failed went to the other replica: only mutations could fail.
    assert not [key for key in figures.errors_by if key.split()[0] in QUERIES and caused_by_fault(key.split()[1])], (
        report(figures)
    )


async def test_a_search_replica_cut_off_the_network_moves_traffic_to_the_other(stack: FaultStack) -> None:
    if stack.netns_problem is not None:
        unavailable(f"network namespaces cannot be made here: {stack.netns_problem}")
    figures = await cut_search_replica(stack)
    print(report(figures))
    assert_survived(figures)
    assert figures.notes["searches served by the other replica, breaker open"] > 0, report(figures)
    # Only searches depend on the cut replica.
    assert all(key.startswith("search ") for key in figures.errors_by if caused_by_fault(key.split()[1])), report(
        figures
    )


# Last: a broker restart is the hardest on the consumer groups the tests after it would need.
async def test_a_broker_restart_leaves_no_gap_and_no_duplicate(stack: FaultStack) -> None:
    figures = await restart_broker(stack)
    print(report(figures))
    assert_survived(figures)
    # Writes go to the outbox and reads to the read store and index: a broker outage costs clients nothing.
    assert figures.notes["fault errors"] == 0, report(figures)
