"""Runs a handler over a topic's events: applied first, offset committed after; poison goes to a dead letter."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

from gamja.backoff import Backoff
from gamja.events.envelope import Event, InvalidEvent
from gamja.events.poison import refused
from gamja.events.transport import IncomingRecord, OutgoingRecord, Subscription, Transport

__all__ = ["BatchHandler", "EventConsumer", "EventHandler", "dead_letter_topic"]

log = logging.getLogger(__name__)

EventHandler = Callable[[Event], Awaitable[None]]
BatchHandler = Callable[[Sequence[Event]], Awaitable[None]]


def dead_letter_topic(topic: str) -> str:
    return f"{topic}.dead-letter"


class EventConsumer:
    """The same for every transport: a projector only writes `handler`.

    `handler` must be idempotent (it may see an event twice, or an older version after a newer one).
    A record that cannot be decoded, or whose handler keeps failing after `max_attempts`, is copied
    to `<topic>.dead-letter` with the error and the consumer carries on.

    `batch_handler`, when given, receives every decodable event of a poll in one call (e.g. one
    transaction for the lot); if it raises, the events go through `handler` one by one instead, so a
    poison event is retried and dead-lettered alone while the others still apply.
    """

    def __init__(
        self,
        transport: Transport,
        *,
        group_id: str,
        topics: Sequence[str],
        handler: EventHandler,
        batch_handler: BatchHandler | None = None,
        max_attempts: int = 3,
        retry_delay: float = 0.05,
        batch_size: int = 100,
    ) -> None:
        self._transport = transport
        self.group_id = group_id
        self.topics = tuple(topics)
        self._handler = handler
        self._batch_handler = batch_handler
        self._max_attempts = max_attempts
        self._retry_delay = retry_delay
        self._batch_size = batch_size
        self._subscription: Subscription | None = None

    async def _subscribe(self) -> Subscription:
        if self._subscription is None:
            self._subscription = await self._transport.subscribe(group_id=self.group_id, topics=self.topics)
        return self._subscription

    async def _decode(self, record: IncomingRecord) -> Event | None:
        try:
            return Event.decode(record.value)
        except InvalidEvent as exc:
            await self._dead_letter(record, f"invalid envelope: {exc}", reason="undecodable")
            return None

    async def _apply(self, record: IncomingRecord, event: Event) -> None:
        for attempt in range(1, self._max_attempts + 1):
            try:
                await self._handler(event)
                return
            except Exception as exc:
                if attempt == self._max_attempts:
                    log.warning("event %s failed %d times; dead-lettered", event.event_id, attempt, exc_info=True)
                    await self._dead_letter(record, f"{type(exc).__name__}: {exc}", reason="handler_failed")
                    return
                await asyncio.sleep(self._retry_delay * 2 ** (attempt - 1))

    async def _apply_all(self, records: Sequence[IncomingRecord]) -> None:
        decoded = [(record, event) for record in records if (event := await self._decode(record)) is not None]
        if self._batch_handler is not None and decoded:
            try:
                await self._batch_handler([event for _, event in decoded])
                return
            except Exception:
                log.warning(
                    "consumer %s: a batch of %d failed; applying one by one", self.group_id, len(decoded), exc_info=True
                )
        for record, event in decoded:
            await self._apply(record, event)

    async def _dead_letter(self, record: IncomingRecord, error: str, *, reason: str) -> None:
        refused(f"consumer {self.group_id}", reason, f"{record.topic}@{record.offset}: {error}")
        headers = {
            **record.headers,
            "error": error[:2000],
            "source_topic": record.topic,
            "source_offset": str(record.offset),
            "consumer_group": self.group_id,
        }
        await self._transport.publish(
            dead_letter_topic(record.topic), [OutgoingRecord(key=record.key or "", value=record.value, headers=headers)]
        )

    async def process_batch(self, timeout: float = 0.0) -> int:
        """Apply and commit the records available now (waiting up to `timeout`); returns how many."""
        subscription = await self._subscribe()
        records = await subscription.poll(max_records=self._batch_size, timeout=timeout)
        await self._apply_all(records)
        await subscription.commit(records)
        return len(records)

    async def drain(self) -> int:
        total = 0
        while processed := await self.process_batch():
            total += processed
        return total

    async def run(self, stop: asyncio.Event) -> None:
        # A broker that is down is retried ever more slowly, with one traceback per outage, not per try.
        backoff = Backoff(initial=0.5, cap=30.0)
        while not stop.is_set():
            try:
                await self.process_batch(timeout=0.5)
            except Exception:
                delay = backoff.failed()
                log.warning(
                    "consumer %s failed to poll; retrying in %.1fs",
                    self.group_id,
                    delay,
                    exc_info=backoff.first_failure,
                )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=delay)
            else:
                backoff.succeeded()
        await self.close()

    async def lag(self) -> dict[str, int]:
        """Per topic, the records stored that this group has not committed yet (the `/metrics` gauge)."""
        return await self._transport.lag(self.group_id, self.topics)

    async def close(self) -> None:
        if self._subscription is not None:
            await self._subscription.close()
            self._subscription = None
