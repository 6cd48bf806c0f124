"""How many subscriptions one connection and one client (address) may hold, and the keep-alive period."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from router.subscriptions.errors import SUBSCRIPTION_LIMIT

__all__ = ["LimitExceeded", "SubscriptionLimits"]


class LimitExceeded(Exception):
    code = SUBSCRIPTION_LIMIT


@dataclass
class SubscriptionLimits:
    per_connection: int = 100
    per_client: int = 1000
    keepalive_seconds: float = 15.0
    _by_client: Counter[str] = field(default_factory=Counter)

    @contextmanager
    def hold(self, client: str) -> Iterator[None]:
        """Count one open subscription of `client` while the block runs; refuse one over the limit."""
        if self._by_client[client] >= self.per_client:
            raise LimitExceeded(
                f"This client already has {self.per_client} open subscriptions; close one before opening another."
            )
        self._by_client[client] += 1
        try:
            yield
        finally:
            self._by_client[client] -= 1
            if self._by_client[client] <= 0:
                del self._by_client[client]

    def open_count(self) -> int:
        return sum(self._by_client.values())
