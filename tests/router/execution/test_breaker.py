"""The breaker's states on a hand-moved clock: closed → open → half-open → closed or open again; an ejection."""

from __future__ import annotations

import logging

import pytest

from router.execution.breaker import BreakerPolicy, BreakerState, CircuitBreaker


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def breaker(clock: Clock, **policy: float) -> CircuitBreaker:
    return CircuitBreaker("reviews", BreakerPolicy(**policy), clock=clock)  # type: ignore[arg-type]


def test_opens_after_consecutive_failures_only() -> None:
    b = breaker(Clock(), failure_threshold=3)
    b.record_failure()
    b.record_failure()
    b.record_success()  # a success in between resets the count
    b.record_failure()
    b.record_failure()
    assert b.state is BreakerState.CLOSED and b.acquire()
    b.record_failure()
    assert b.state is BreakerState.OPEN
    assert not b.acquire() and not b.available()


def test_half_open_lets_the_configured_probes_through_then_closes_on_success() -> None:
    clock = Clock()
    b = breaker(clock, failure_threshold=1, open_seconds=5, half_open_probes=2)
    b.record_failure()
    clock.now += 4.9
    assert b.state is BreakerState.OPEN and round(b.retry_in(), 1) == 0.1
    clock.now += 0.1
    assert b.state is BreakerState.HALF_OPEN
    assert b.acquire() and b.acquire()
    assert not b.acquire()  # both probe slots are taken
    b.record_success()
    assert b.state is BreakerState.CLOSED and b.acquire()


def test_failed_probe_opens_again_for_a_full_period() -> None:
    clock = Clock()
    b = breaker(clock, failure_threshold=1, open_seconds=5)
    b.record_failure()
    clock.now += 5
    assert b.acquire()
    b.record_failure()
    assert b.state is BreakerState.OPEN and b.retry_in() == 5


def test_cancelled_probe_gives_its_slot_back() -> None:
    clock = Clock()
    b = breaker(clock, failure_threshold=1, open_seconds=1)
    b.record_failure()
    clock.now += 1
    assert b.acquire() and not b.acquire()
    b.release()
    assert b.acquire()


def test_an_ejection_opens_a_closed_breaker_at_once_and_says_so_once(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    b = breaker(clock, failure_threshold=5, open_seconds=5)
    with caplog.at_level(logging.WARNING, logger="router.execution.breaker"):
        b.record_failure(eject=True)
        b.record_failure(eject=True)  # another request in flight that met the same dead instance
    assert b.state is BreakerState.OPEN and b.retry_in() == 5
    [record] = caplog.records
    assert "ejected" in record.getMessage() and record.__dict__["ejected"] is True


def test_a_breaker_that_trips_on_its_threshold_is_not_reported_as_ejected(caplog: pytest.LogCaptureFixture) -> None:
    b = breaker(Clock(), failure_threshold=2)
    with caplog.at_level(logging.WARNING, logger="router.execution.breaker"):
        b.record_failure()
        b.record_failure(eject=True)
    [record] = caplog.records
    assert "ejected" not in record.getMessage() and record.__dict__["ejected"] is False
