"""Live messages on this replica: the fan-out consumer of `chat.events` and the subscribers it feeds.

Every replica reads the whole `chat.events` topic with a consumer group of its own (a fresh id per process,
starting at the end of the topic: only what comes next is live news), so a message sent through any replica
reaches subscribers on all of them. Nothing is lost while a subscriber is away: the messages are in the
database, and a subscriber that comes back with the last message id it saw is given what it missed from
there before switching to live ones (the live queue is opened first, so the switch has no gap).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Callable, Iterator

from gamja.backoff import Backoff
from gamja.events.envelope import Event, InvalidEvent
from gamja.events.poison import refused
from gamja.events.topics import CHAT_EVENTS
from gamja.events.transport import Subscription, Transport
from subgraphs.chat.service_layer.events import MESSAGE_SENT, SentMessage, sent_message_from_event

__all__ = ["FANOUT_GROUP_PREFIX", "Fanout", "Listener", "LiveMessages", "SubscriberTooSlow"]

log = logging.getLogger(__name__)

FANOUT_GROUP_PREFIX = "chat-fanout"


class SubscriberTooSlow(Exception):
    """A subscriber's queue filled up: it is dropped and should resubscribe with the last id it saw."""


class Listener:
    def __init__(self, accepts: Callable[[SentMessage], bool], capacity: int) -> None:
        self.accepts = accepts
        self._queue: asyncio.Queue[SentMessage | None] = asyncio.Queue(capacity)
        self.overflowed = False

    def offer(self, sent: SentMessage) -> None:
        if self.overflowed or not self.accepts(sent):
            return
        try:
            self._queue.put_nowait(sent)
        except asyncio.QueueFull:
            self.overflowed = True
            # Wake the reader so it notices at once; the slot freed by the drop makes room for the marker.
            with contextlib.suppress(asyncio.QueueEmpty):
                self._queue.get_nowait()
            self._queue.put_nowait(None)

    async def __aiter__(self) -> AsyncIterator[SentMessage]:
        while True:
            sent = await self._queue.get()
            if sent is None or self.overflowed:
                raise SubscriberTooSlow
            yield sent


class LiveMessages:
    """The subscribers connected to this replica; `publish` hands each the messages it may see."""

    def __init__(self, *, queue_capacity: int = 1000) -> None:
        self._listeners: set[Listener] = set()
        self._capacity = queue_capacity

    @contextlib.contextmanager
    def listen(self, accepts: Callable[[SentMessage], bool]) -> Iterator[Listener]:
        listener = Listener(accepts, self._capacity)
        self._listeners.add(listener)
        try:
            yield listener
        finally:
            self._listeners.discard(listener)

    @property
    def listener_count(self) -> int:
        return len(self._listeners)

    def publish(self, sent: SentMessage) -> None:
        for listener in list(self._listeners):
            listener.offer(sent)


class Fanout:
    """Reads `chat.events` from the end with this replica's own group and publishes to `LiveMessages`.

    The group never commits: a replica that restarts gets a new group and starts at the end again, its
    subscribers having reconnected (with the last id they saw, for what they missed).
    """

    def __init__(self, transport: Transport, live: LiveMessages) -> None:
        self._transport = transport
        self._live = live
        self.group_id = f"{FANOUT_GROUP_PREFIX}.{uuid.uuid4().hex[:16]}"
        self._subscription: Subscription | None = None

    async def start(self) -> None:
        """Fix the starting point (the current end of the topic); called when the service is built."""
        if self._subscription is None:
            self._subscription = await self._transport.subscribe(
                group_id=self.group_id, topics=[CHAT_EVENTS], from_latest=True
            )

    async def _pump(self, timeout: float) -> int:
        await self.start()
        assert self._subscription is not None
        records = await self._subscription.poll(max_records=500, timeout=timeout)
        for record in records:
            try:
                event = Event.decode(record.value)
                if event.type == MESSAGE_SENT:
                    self._live.publish(sent_message_from_event(event))
            except (InvalidEvent, KeyError, ValueError, TypeError) as exc:
                # Live delivery only: the message itself is safe in the database either way.
                refused("chat fan-out", "unreadable", f"offset {record.offset}: {exc!r}", where="skipped")
        return len(records)

    async def drain(self) -> int:
        total = 0
        while pumped := await self._pump(0):
            total += pumped
        return total

    async def run(self, stop: asyncio.Event) -> None:
        # A broker that is down is retried ever more slowly, with one traceback per outage, not per try.
        backoff = Backoff(initial=0.5, cap=30.0)
        while not stop.is_set():
            try:
                await self._pump(0.5)
            except Exception:
                delay = backoff.failed()
                log.warning("chat fan-out failed to poll; retrying in %.1fs", delay, exc_info=backoff.first_failure)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=delay)
            else:
                backoff.succeeded()

    async def close(self) -> None:
        if self._subscription is not None:
            subscription, self._subscription = self._subscription, None
            await subscription.close()
