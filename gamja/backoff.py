"""Retry pacing for background loops: exponential with a cap, reset on the first success."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Backoff"]


@dataclass
class Backoff:
    """`failed()` returns how long to wait before the next try; a streak is logged once, not per retry."""

    initial: float = 0.5
    cap: float = 30.0
    failures: int = field(default=0, init=False)

    def failed(self) -> float:
        self.failures += 1
        return float(min(self.cap, self.initial * 2 ** (self.failures - 1)))

    @property
    def first_failure(self) -> bool:
        """True right after the first failure of a streak: log the traceback then, a one-line note after."""
        return self.failures == 1

    def succeeded(self) -> None:
        self.failures = 0
