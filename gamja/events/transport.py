"""The transport interface: the local log and Kafka both implement it, consumers and the relay use only it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

__all__ = ["IncomingRecord", "OutgoingRecord", "Subscription", "Transport"]


@dataclass(frozen=True)
class OutgoingRecord:
    key: str
    value: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class IncomingRecord:
    topic: str
    partition: int
    offset: int
    key: str | None
    value: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


class Subscription(Protocol):
    """One member of a consumer group. Delivery is at least once: commit only what has been applied."""

    async def poll(self, *, max_records: int = 100, timeout: float = 1.0) -> list[IncomingRecord]: ...

    async def commit(self, records: Sequence[IncomingRecord]) -> None:
        """Mark these records (and everything before them on their partition) as applied."""
        ...

    async def close(self) -> None: ...


class Transport(Protocol):
    async def publish(self, topic: str, records: Sequence[OutgoingRecord]) -> None:
        """Append records durably, in order per key; returns only once they are stored."""
        ...

    async def subscribe(self, *, group_id: str, topics: Sequence[str], from_latest: bool = False) -> Subscription:
        """Join `group_id`; a group that has never committed starts at the first record, or with
        `from_latest` at the end of each topic (for live fan-out, which only wants what comes next)."""
        ...

    async def lag(self, group_id: str, topics: Sequence[str]) -> dict[str, int]:
        """Per topic, how many stored records `group_id` has not committed yet (all partitions summed)."""
        ...

    async def close(self) -> None: ...
