"""The sign-in throttle rule: too many recent failures for one key means wait until the oldest ages out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = ["ThrottlePolicy"]


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures: int
    window: timedelta

    def retry_after(self, failures: Sequence[datetime], now: datetime) -> float | None:
        """Seconds to wait before the next attempt, or None when one more attempt is allowed.

        Failures older than the window no longer count, so a block always lifts on its own.
        """
        recent = sorted(at for at in failures if at > now - self.window)
        if len(recent) < self.max_failures:
            return None
        # The attempt becomes allowed once enough failures have aged out to drop below the limit.
        freed_at = recent[len(recent) - self.max_failures] + self.window
        return max(0.0, (freed_at - now).total_seconds())
