"""Outbox, relay and consumer together: nothing is lost between a write and its readers, duplicates are harmless."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select, text, update

from gamja.db import Database
from gamja.events.consumer import EventConsumer, dead_letter_topic
from gamja.events.envelope import Event
from gamja.events.local_log import LocalLog
from gamja.events.outbox import append_to_outbox, define_outbox
from gamja.events.relay import OutboxRelay
from gamja.events.transport import OutgoingRecord

TOPIC = "things.events"

metadata = MetaData()
things = Table(
    "things",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(50)),
    Column("version", Integer),
)
outbox = define_outbox(metadata)


class Projection:
    """A read model that applies events idempotently by version, as every real projector must."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[str, int]] = {}
        self.applied = 0

    async def handle(self, event: Event) -> None:
        self.applied += 1
        current = self.rows.get(event.aggregate_id)
        if current is not None and current[1] >= event.version:
            return
        self.rows[event.aggregate_id] = (event.payload["name"], event.version)


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database(database_url)
    async with db.engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    yield db
    await db.dispose()


@pytest.fixture
async def log(tmp_path: Path) -> AsyncIterator[LocalLog]:
    transport = LocalLog(tmp_path / "events.db")
    yield transport
    await transport.close()


async def write(database: Database, thing_id: str, name: str, version: int) -> None:
    """A change and its event, committed together."""
    async with database.transaction() as session:
        if version == 1:
            await session.exec(insert(things).values(id=thing_id, name=name, version=1))
        else:
            await session.exec(update(things).where(things.c.id == thing_id).values(name=name, version=version))
        event = Event(type="ThingChanged", aggregate_id=thing_id, version=version, payload={"name": name})
        await append_to_outbox(session, outbox, TOPIC, event)


async def write_db_state(database: Database) -> dict[str, tuple[str, int]]:
    async with database.session() as session:
        rows = (await session.exec(select(things.c.id, things.c.name, things.c.version))).all()
    return {row.id: (row.name, row.version) for row in rows}


async def test_a_crash_between_commit_and_publish_loses_nothing(database: Database, log: LocalLog) -> None:
    await write(database, "a", "first", 1)
    await write(database, "a", "second", 2)
    # The process died here: nothing was published. A new relay after the restart finds the rows.
    relay = OutboxRelay(database, outbox, log)
    assert await relay.drain() == 2
    assert await relay.drain() == 0
    projection = Projection()
    consumer = EventConsumer(log, group_id="projector", topics=[TOPIC], handler=projection.handle)
    await consumer.drain()
    assert projection.rows == await write_db_state(database)


async def test_a_crash_after_publish_before_marking_publishes_again_harmlessly(
    database: Database, log: LocalLog
) -> None:
    class CrashAfterPublish:
        async def publish(self, topic: str, records: Sequence[OutgoingRecord]) -> None:
            await log.publish(topic, records)
            raise ConnectionError("process killed after the broker acknowledged")

    await write(database, "a", "first", 1)
    with pytest.raises(ConnectionError):
        await OutboxRelay(database, outbox, CrashAfterPublish()).publish_pending()  # type: ignore[arg-type]
    await write(database, "a", "second", 2)
    assert await OutboxRelay(database, outbox, log).drain() == 2  # "first" goes out a second time
    assert await log.end_offsets(TOPIC) == 3

    projection = Projection()
    await EventConsumer(log, group_id="projector", topics=[TOPIC], handler=projection.handle).drain()
    assert projection.applied == 3
    assert projection.rows == await write_db_state(database) == {"a": ("second", 2)}


async def test_a_consumer_crash_before_commit_redelivers_and_ends_equal(database: Database, log: LocalLog) -> None:
    for version, name in enumerate(["one", "two", "three"], start=1):
        await write(database, "a", name, version)
    await OutboxRelay(database, outbox, log).drain()

    projection = Projection()
    crashing = EventConsumer(log, group_id="projector", topics=[TOPIC], handler=projection.handle)
    subscription = await crashing._subscribe()
    for record in await subscription.poll(timeout=0):
        await projection.handle(Event.decode(record.value))
    await subscription.close()  # died before committing

    await EventConsumer(log, group_id="projector", topics=[TOPIC], handler=projection.handle).drain()
    assert projection.applied == 6
    assert projection.rows == await write_db_state(database)


async def test_poison_goes_to_the_dead_letter_topic_and_the_consumer_carries_on(log: LocalLog) -> None:
    good = Event(type="ThingChanged", aggregate_id="a", version=1, payload={"name": "ok"})
    await log.publish(
        TOPIC,
        [
            OutgoingRecord(key="x", value=b"{not json"),
            OutgoingRecord(key="b", value=Event(type="T", aggregate_id="b", version=1, payload={}).encode()),
            OutgoingRecord(key="a", value=good.encode()),
        ],
    )
    projection = Projection()

    async def handler(event: Event) -> None:
        if event.aggregate_id == "b":
            raise ValueError("payload has no name")
        await projection.handle(event)

    consumer = EventConsumer(log, group_id="p", topics=[TOPIC], handler=handler, retry_delay=0)
    assert await consumer.drain() == 3
    assert projection.rows == {"a": ("ok", 1)}
    dead = await (await log.subscribe(group_id="ops", topics=[dead_letter_topic(TOPIC)])).poll(timeout=0)
    assert [record.value for record in dead] == [b"{not json", dead[1].value]
    assert "invalid envelope" in dead[0].headers["error"]
    assert dead[1].headers["error"] == "ValueError: payload has no name"
    assert dead[1].headers["source_offset"] == "1"
    assert await log.committed("p", TOPIC) == 3


def test_the_envelope_round_trips_and_rejects_malformed_input() -> None:
    event = Event(type="ItemCreated", aggregate_id="i1", version=3, payload={"title": "자전거"})
    decoded = Event.decode(event.encode())
    assert decoded == event
    assert event.to_dict()["occurred_at"].endswith("Z")
    from gamja.events.envelope import InvalidEvent

    for bad in (b"[]", b'{"type": "X"}', event.encode().replace(b'"version":3', b'"version":0')):
        with pytest.raises(InvalidEvent):
            Event.decode(bad)


async def _raw_outbox_row(database: Database, event_id: str, envelope_text: str) -> None:
    """An outbox row as a bug (or a hand edit) could leave it: the stored text is whatever it is."""
    value = ":envelope" if database.is_sqlite else "CAST(:envelope AS json)"
    async with database.transaction() as session:
        await session.exec(
            text(
                "INSERT INTO outbox (event_id, topic, key, envelope, created_at) "
                f"VALUES (:event_id, :topic, 'bad', {value}, CURRENT_TIMESTAMP)"
            ).bindparams(event_id=event_id, topic=TOPIC, envelope=envelope_text)
        )


async def test_an_undecodable_outbox_row_is_dead_lettered_and_the_next_row_goes_out(
    database: Database, log: LocalLog
) -> None:
    """Issue 11: one bad row used to fail every publish attempt, holding back every event after it."""
    before = _poison_count("outbox relay", "undecodable")
    good_before = Event(type="ThingChanged", aggregate_id="t0", version=1, payload={"name": "before"})
    surrogate = good_before.to_dict() | {"event_id": str(uuid.uuid4()), "payload": {"name": "\ud800"}}
    bad = [json.dumps(surrogate), json.dumps({"type": "no envelope"})]
    if database.is_sqlite:  # PostgreSQL's json type refuses text that is not JSON
        bad.append("{not json")
    for n, envelope in enumerate(bad):
        await _raw_outbox_row(database, f"bad-{n}", envelope)
    await write(database, "t1", "after", 1)
    relay = OutboxRelay(database, outbox, log)
    assert await relay.drain() == len(bad) + 1
    assert await relay.drain() == 0  # nothing left behind
    projection = Projection()
    await EventConsumer(log, group_id="p", topics=[TOPIC], handler=projection.handle).drain()
    assert projection.rows == {"t1": ("after", 1)}
    dead = await (await log.subscribe(group_id="ops", topics=[dead_letter_topic(TOPIC)])).poll(timeout=0)
    assert [record.headers["outbox_id"] for record in dead] and len(dead) == len(bad)
    assert "UnicodeEncodeError" in dead[0].headers["error"] and "InvalidEvent" in dead[1].headers["error"]
    assert _poison_count("outbox relay", "undecodable") == before + len(bad)


def _poison_count(loop: str, reason: str) -> float:
    value = REGISTRY.get_sample_value("gamja_events_poison_total", {"loop": loop, "reason": reason})
    return value or 0.0
