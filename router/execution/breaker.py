"""A circuit breaker for one subgraph instance: closed → open → half-open → closed.

Closed lets every request through and counts consecutive failures. At `failure_threshold` it opens:
requests are refused at once (the caller answers `SUBGRAPH_CIRCUIT_OPEN`) instead of each waiting for a
timeout. After `open_seconds` it half-opens and lets `half_open_probes` requests through: a success
closes it, a failure opens it again for another `open_seconds`. A failure recorded with `eject` opens it at
once, whatever the count: the caller knows the instance is dead and another one can take its requests.
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["BreakerPolicy", "BreakerState", "CircuitBreaker"]

logger = logging.getLogger(__name__)


class BreakerState(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


@dataclass(frozen=True, slots=True)
class BreakerPolicy:
    failure_threshold: int = 5
    open_seconds: float = 10.0
    half_open_probes: int = 1


class CircuitBreaker:
    """Not thread-safe: it lives on the router's event loop, where no two calls interleave."""

    def __init__(self, name: str, policy: BreakerPolicy, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.name = name
        self._policy = policy
        self._clock = clock
        self._state = BreakerState.CLOSED
        self._failures = 0
        self._opened_at = 0.0
        self._probes = 0

    @property
    def state(self) -> BreakerState:
        if self._state is BreakerState.OPEN and self._clock() - self._opened_at >= self._policy.open_seconds:
            return BreakerState.HALF_OPEN
        return self._state

    @property
    def consecutive_failures(self) -> int:
        return self._failures

    def retry_in(self) -> float:
        """Seconds until an open breaker lets a probe through (0 when it is not open)."""
        if self.state is not BreakerState.OPEN:
            return 0.0
        return max(0.0, self._policy.open_seconds - (self._clock() - self._opened_at))

    def available(self) -> bool:
        """Whether `acquire` would succeed now; does not take a half-open probe slot."""
        state = self.state
        if state is BreakerState.CLOSED:
            return True
        return state is BreakerState.HALF_OPEN and self._probe_slots() > 0

    def acquire(self) -> bool:
        """Ask to send one request; True when it may go (in half-open, it takes a probe slot)."""
        state = self.state
        if state is BreakerState.CLOSED:
            return True
        if state is BreakerState.OPEN:
            return False
        if self._state is BreakerState.OPEN:
            self._move(BreakerState.HALF_OPEN)
        if self._probe_slots() <= 0:
            return False
        self._probes += 1
        return True

    def release(self) -> None:
        """A request let through ended without an outcome (cancelled): give its probe slot back."""
        if self._state is BreakerState.HALF_OPEN and self._probes > 0:
            self._probes -= 1

    def record_success(self) -> None:
        self._failures = 0
        if self._state is not BreakerState.CLOSED:
            self._move(BreakerState.CLOSED)

    def record_failure(self, *, eject: bool = False) -> None:
        """`eject`: open now, not after `failure_threshold` (passive outlier ejection, as Envoy's
        consecutive connect failures)."""
        self._failures += 1
        closed = self._state is BreakerState.CLOSED
        tripped = closed and self._failures >= self._policy.failure_threshold
        if self._state is BreakerState.HALF_OPEN or tripped or (closed and eject):
            self._opened_at = self._clock()
            self._move(BreakerState.OPEN, ejected=closed and eject and not tripped)

    def _probe_slots(self) -> int:
        in_flight = self._probes if self._state is BreakerState.HALF_OPEN else 0
        return self._policy.half_open_probes - in_flight

    def _move(self, state: BreakerState, *, ejected: bool = False) -> None:
        previous, self._state = self._state, state
        self._probes = 0
        if state is BreakerState.OPEN:
            logger.warning(
                "circuit breaker for %s opened after %d consecutive failure(s)%s; next probe in %g s",
                self.name,
                self._failures,
                " (ejected at once: it took no connection and another instance serves)" if ejected else "",
                self._policy.open_seconds,
                extra={
                    "breaker": self.name,
                    "breaker_state": state.value,
                    "previous_state": previous.value,
                    "ejected": ejected,
                },
            )
        else:
            logger.info(
                "circuit breaker for %s is %s",
                self.name,
                state.value.replace("_", "-"),
                extra={"breaker": self.name, "breaker_state": state.value, "previous_state": previous.value},
            )
