"""The service's notion of now (UTC), injected so time-based rules such as throttling can be tested."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

__all__ = ["Clock"]


class Clock:
    def __init__(self) -> None:
        self._offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def advance(self, delta: timedelta) -> None:
        """Move this clock forward (tests use it to let a throttle window pass without sleeping)."""
        self._offset += delta
