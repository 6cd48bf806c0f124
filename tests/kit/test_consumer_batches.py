"""A consumer's batch handler: one call per poll, a failing batch falls back to one event at a time."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest

from gamja.events.consumer import EventConsumer, dead_letter_topic
from gamja.events.envelope import Event
from gamja.events.local_log import LocalLog
from gamja.events.transport import OutgoingRecord

TOPIC = "things.events"


class Projection:
    """Idempotent by version; counts the calls it receives so the test sees how events were delivered."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[str, int]] = {}
        self.batches: list[list[str]] = []
        self.singles: list[str] = []

    @staticmethod
    def _put(rows: dict[str, tuple[str, int]], event: Event) -> None:
        name = event.payload["name"]  # a payload without a name is the poison
        current = rows.get(event.aggregate_id)
        if current is None or current[1] < event.version:
            rows[event.aggregate_id] = (name, event.version)

    async def handle(self, event: Event) -> None:
        self.singles.append(event.aggregate_id)
        self._put(self.rows, event)

    async def handle_batch(self, events: Sequence[Event]) -> None:
        self.batches.append([event.aggregate_id for event in events])
        staged = dict(self.rows)  # all or nothing, as a database transaction would be
        for event in events:
            self._put(staged, event)
        self.rows = staged


def _event(aggregate_id: str, version: int, **payload: str) -> OutgoingRecord:
    event = Event(type="ThingChanged", aggregate_id=aggregate_id, version=version, payload=payload)
    return OutgoingRecord(key=aggregate_id, value=event.encode())


@pytest.fixture
async def log(tmp_path: Path) -> AsyncIterator[LocalLog]:
    transport = LocalLog(tmp_path / "events.db")
    yield transport
    await transport.close()


def _consumer(log: LocalLog, projection: Projection, **options: int) -> EventConsumer:
    return EventConsumer(
        log,
        group_id="p",
        topics=[TOPIC],
        handler=projection.handle,
        batch_handler=projection.handle_batch,
        retry_delay=0,
        **options,
    )


async def _dead_letters(log: LocalLog) -> list[OutgoingRecord]:
    subscription = await log.subscribe(group_id="ops", topics=[dead_letter_topic(TOPIC)])
    try:
        records = await subscription.poll(timeout=0)
    finally:
        await subscription.close()
    return [OutgoingRecord(key=r.key or "", value=r.value, headers=r.headers) for r in records]


async def test_a_poll_is_applied_in_one_batch_call(log: LocalLog) -> None:
    await log.publish(TOPIC, [_event("a", 1, name="one"), _event("b", 1, name="bee"), _event("a", 2, name="two")])
    projection = Projection()

    assert await _consumer(log, projection).drain() == 3

    assert projection.batches == [["a", "b", "a"]]
    assert projection.singles == []
    assert projection.rows == {"a": ("two", 2), "b": ("bee", 1)}
    assert await log.committed("p", TOPIC) == 3


async def test_batches_follow_the_poll_size_and_commit_each(log: LocalLog) -> None:
    await log.publish(TOPIC, [_event(f"t{n}", 1, name=str(n)) for n in range(5)])
    projection = Projection()
    consumer = _consumer(log, projection, batch_size=2)

    assert await consumer.process_batch() == 2
    assert await log.committed("p", TOPIC) == 2
    assert await consumer.drain() == 3

    assert projection.batches == [["t0", "t1"], ["t2", "t3"], ["t4"]]
    assert await log.committed("p", TOPIC) == 5
    await consumer.close()


async def test_a_failing_batch_falls_back_and_dead_letters_only_the_poison(log: LocalLog) -> None:
    await log.publish(
        TOPIC,
        [
            _event("a", 1, name="ok"),
            OutgoingRecord(key="x", value=b"{not json"),
            _event("b", 1, nickname="no name"),
            _event("c", 1, name="fine"),
        ],
    )
    projection = Projection()

    assert await _consumer(log, projection).drain() == 4

    # The undecodable record never reaches a handler; the batch fails on "b" and is then applied event by event.
    assert projection.batches == [["a", "b", "c"]]
    assert projection.singles == ["a", "b", "b", "b", "c"]
    assert projection.rows == {"a": ("ok", 1), "c": ("fine", 1)}
    dead = await _dead_letters(log)
    assert len(dead) == 2
    assert dead[0].value == b"{not json"
    assert "invalid envelope" in dead[0].headers["error"]
    assert dead[1].headers["error"] == "KeyError: 'name'"
    assert dead[1].headers["source_offset"] == "2"
    assert await log.committed("p", TOPIC) == 4


async def test_a_poll_of_only_undecodable_records_calls_no_handler(log: LocalLog) -> None:
    await log.publish(TOPIC, [OutgoingRecord(key="x", value=b"[]")])
    projection = Projection()

    assert await _consumer(log, projection).drain() == 1

    assert projection.batches == [] and projection.singles == []
    assert len(await _dead_letters(log)) == 1
    assert await log.committed("p", TOPIC) == 1


async def test_without_a_batch_handler_events_go_one_by_one(log: LocalLog) -> None:
    await log.publish(TOPIC, [_event("a", 1, name="one"), _event("b", 1, name="bee")])
    projection = Projection()

    consumer = EventConsumer(log, group_id="p", topics=[TOPIC], handler=projection.handle)
    assert await consumer.drain() == 2

    assert projection.batches == []
    assert projection.singles == ["a", "b"]
    assert await log.committed("p", TOPIC) == 2
