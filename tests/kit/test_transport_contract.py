"""The transport contract, run against every transport: the local log always, Kafka on a real (Tansu) broker."""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select, update

from gamja.db import Database
from gamja.events.consumer import EventConsumer, dead_letter_topic
from gamja.events.envelope import Event
from gamja.events.factory import open_transport
from gamja.events.outbox import append_to_outbox, define_outbox
from gamja.events.relay import OutboxRelay
from gamja.events.topics import ITEMS_EVENTS
from gamja.events.transport import IncomingRecord, OutgoingRecord, Subscription, Transport
from gamja.settings import Settings
from tests.conftest import MakeSettings, unavailable
from tests.kit.kafka_broker import BrokerUnavailable, TansuBroker
from tests.support.databases import sqlite_url
from tests.support.services import running_stack

OpenTransport = Callable[[], Transport]

metadata = MetaData()
things = Table(
    "things",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(50)),
    Column("version", Integer),
)
outbox = define_outbox(metadata)


@pytest.fixture(scope="session")
def kafka_bootstrap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    broker = TansuBroker(tmp_path_factory.mktemp("tansu") / "tansu.log")
    try:
        broker.start()
    except BrokerUnavailable as exc:
        unavailable(str(exc))
    yield broker.bootstrap_servers
    broker.stop()


@pytest.fixture(params=["local", "kafka"])
async def connect(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[OpenTransport]:
    """Opens a new client of one shared log (a new process, as far as the log can tell), through the factory."""
    if request.param == "kafka":
        settings = Settings(
            var_dir=tmp_path,
            events_transport="kafka",
            kafka_bootstrap_servers=request.getfixturevalue("kafka_bootstrap"),
            kafka_enable_idempotence=False,  # Tansu has no idempotent producers
            # A departed member holds its partitions until its session ends; keep that short in tests.
            kafka_session_timeout_ms=1000,
        )
    else:
        settings = Settings(var_dir=tmp_path, events_transport="local", events_poll_interval=0.01)
    opened: list[Transport] = []

    def connect() -> Transport:
        transport = open_transport(settings)
        opened.append(transport)
        return transport

    yield connect
    for transport in opened:
        await transport.close()


@pytest.fixture
def topic() -> str:
    # The Kafka broker lives for the whole session: every test gets its own topic.
    return f"contract-{uuid.uuid4().hex[:12]}.events"


def group(name: str) -> str:
    return f"{name}-{uuid.uuid4().hex[:8]}"


async def collect(subscription: Subscription, count: int, timeout: float = 20.0) -> list[IncomingRecord]:
    """Poll until `count` records came, then check nothing else is waiting."""
    got: list[IncomingRecord] = []
    deadline = time.monotonic() + timeout
    while len(got) < count and time.monotonic() < deadline:
        got += await subscription.poll(max_records=100, timeout=0.5)
    got += await subscription.poll(timeout=0)
    return got


def values(records: Sequence[IncomingRecord]) -> list[bytes]:
    return [record.value for record in records]


async def test_records_of_one_key_keep_their_order_and_headers(connect: OpenTransport, topic: str) -> None:
    producer = connect()
    keys = [f"item-{n}" for n in range(5)]
    for batch in range(3):
        await producer.publish(
            topic,
            [
                OutgoingRecord(key=key, value=f"{key}:{batch}:{n}".encode(), headers={"type": "변경", "n": str(n)})
                for n in range(4)
                for key in keys
            ],
        )
    subscription = await connect().subscribe(group_id=group("reader"), topics=[topic])
    got = await collect(subscription, 60)

    assert len(got) == 60
    for key in keys:
        mine = [record for record in got if record.key == key]
        assert values(mine) == [f"{key}:{b}:{n}".encode() for b in range(3) for n in range(4)]
        assert len({record.partition for record in mine}) == 1
        assert [record.headers["n"] for record in mine] == [str(n) for _ in range(3) for n in range(4)]
    assert {record.headers["type"] for record in got} == {"변경"}
    for partition in {record.partition for record in got}:
        offsets = [record.offset for record in got if record.partition == partition]
        assert offsets == sorted(set(offsets))


async def test_consumer_groups_read_independently(connect: OpenTransport, topic: str) -> None:
    transport = connect()
    await transport.publish(topic, [OutgoingRecord(key="k", value=v) for v in (b"a", b"b", b"c")])
    first = await transport.subscribe(group_id=group("projector"), topics=[topic])
    second = await transport.subscribe(group_id=group("indexer"), topics=[topic])

    read_by_first = await collect(first, 3)
    await first.commit(read_by_first)
    assert values(read_by_first) == [b"a", b"b", b"c"]
    assert values(await collect(second, 3)) == [b"a", b"b", b"c"]

    await transport.publish(topic, [OutgoingRecord(key="k", value=b"d")])
    assert values(await collect(first, 1)) == [b"d"]
    assert values(await collect(second, 1)) == [b"d"]


async def test_a_group_from_latest_reads_only_what_is_published_after_it_subscribed(
    connect: OpenTransport, topic: str
) -> None:
    transport = connect()
    # One record per batch: Tansu 0.6.0 answers ListOffsets with the last batch's base offset + 1, not its end
    # (bench/faults/README.md): "latest" would fall inside a multi-record batch. Kafka answers the log's end.
    for value in (b"old-1", b"old-2"):
        await transport.publish(topic, [OutgoingRecord(key="k", value=value)])
    live = await transport.subscribe(group_id=group("fanout"), topics=[topic], from_latest=True)
    await transport.publish(topic, [OutgoingRecord(key="k", value=b"new")])
    assert values(await collect(live, 1)) == [b"new"]
    from_start = await transport.subscribe(group_id=group("projector"), topics=[topic])
    assert values(await collect(from_start, 3)) == [b"old-1", b"old-2", b"new"]


async def test_uncommitted_records_go_to_the_next_member_and_committed_ones_do_not(
    connect: OpenTransport, topic: str
) -> None:
    name = group("projector")
    before = connect()
    await before.publish(topic, [OutgoingRecord(key="k", value=v) for v in (b"a", b"b", b"c")])
    member = await before.subscribe(group_id=name, topics=[topic])
    read = await collect(member, 3)
    await member.commit(read[:1])
    await member.close()
    await before.close()  # the process restarts

    after = connect()
    successor = await after.subscribe(group_id=name, topics=[topic])
    redelivered = await collect(successor, 2)
    assert values(redelivered) == [b"b", b"c"]
    await successor.commit(redelivered)
    await successor.close()

    last = await connect().subscribe(group_id=name, topics=[topic])
    assert await last.poll(timeout=0) == []


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
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    db = Database(sqlite_url(tmp_path, "write"))
    async with db.engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    yield db
    await db.dispose()


async def write(database: Database, topic: str, thing_id: str, name: str, version: int) -> None:
    """A change and its event, committed together."""
    async with database.transaction() as session:
        connection = await session.connection()
        if version == 1:
            await connection.execute(insert(things).values(id=thing_id, name=name, version=1))
        else:
            await connection.execute(update(things).where(things.c.id == thing_id).values(name=name, version=version))
        event = Event(type="ThingChanged", aggregate_id=thing_id, version=version, payload={"name": name})
        await append_to_outbox(session, outbox, topic, event)


async def write_db_state(database: Database) -> dict[str, tuple[str, int]]:
    async with database.session() as session:
        connection = await session.connection()
        rows = (await connection.execute(select(things.c.id, things.c.name, things.c.version))).all()
    return {row.id: (row.name, row.version) for row in rows}


async def test_relay_and_consumer_lose_nothing_and_duplicates_are_harmless(
    connect: OpenTransport, topic: str, database: Database
) -> None:
    transport = connect()

    class CrashAfterPublish:
        async def publish(self, topic: str, records: Sequence[OutgoingRecord]) -> None:
            await transport.publish(topic, records)
            raise ConnectionError("process killed after the broker acknowledged")

    for thing in ("a", "b", "c"):
        await write(database, topic, thing, f"{thing}-1", 1)
    with pytest.raises(ConnectionError):
        await OutboxRelay(database, outbox, CrashAfterPublish()).publish_pending()  # type: ignore[arg-type]
    for thing in ("a", "b"):
        await write(database, topic, thing, f"{thing}-2", 2)
    assert await OutboxRelay(database, outbox, transport).drain() == 5  # the first three go out twice

    projection = Projection()
    name = group("projector")
    crashing = EventConsumer(connect(), group_id=name, topics=[topic], handler=projection.handle)
    subscription = await crashing._subscribe()
    for record in await collect(subscription, 8):
        await projection.handle(Event.decode(record.value))
    await subscription.close()  # died before committing
    assert projection.applied == 8

    consumer = EventConsumer(connect(), group_id=name, topics=[topic], handler=projection.handle)
    assert await consumer.drain() == 8
    assert projection.applied == 16
    assert projection.rows == await write_db_state(database) == {"a": ("a-2", 2), "b": ("b-2", 2), "c": ("c-1", 1)}

    await write(database, topic, "c", "c-2", 2)
    assert await OutboxRelay(database, outbox, transport).drain() == 1
    assert await consumer.drain() == 1
    assert projection.rows == await write_db_state(database)
    await consumer.close()


async def test_poison_goes_to_the_dead_letter_topic_and_the_consumer_carries_on(
    connect: OpenTransport, topic: str
) -> None:
    transport = connect()
    await transport.publish(
        topic,
        [
            OutgoingRecord(key="x", value=b"{not json"),
            OutgoingRecord(key="b", value=Event(type="T", aggregate_id="b", version=1, payload={}).encode()),
            OutgoingRecord(
                key="a", value=Event(type="T", aggregate_id="a", version=1, payload={"name": "ok"}).encode()
            ),
        ],
    )
    projection = Projection()

    async def handler(event: Event) -> None:
        if event.aggregate_id == "b":
            raise ValueError("payload has no name")
        await projection.handle(event)

    name = group("projector")
    consumer = EventConsumer(transport, group_id=name, topics=[topic], handler=handler, retry_delay=0)
    assert await consumer.drain() == 3
    await consumer.close()
    assert projection.rows == {"a": ("ok", 1)}

    dead = await collect(await transport.subscribe(group_id=group("ops"), topics=[dead_letter_topic(topic)]), 2)
    by_key = {record.key: record for record in dead}
    assert set(by_key) == {"b", "x"} and len(dead) == 2
    assert by_key["x"].value == b"{not json"
    assert "invalid envelope" in by_key["x"].headers["error"]
    assert by_key["b"].headers["error"] == "ValueError: payload has no name"
    assert by_key["b"].headers["source_topic"] == topic
    assert by_key["b"].headers["consumer_group"] == name

    # Everything was committed, the poison included: a restarted member has nothing to redo.
    restarted = await connect().subscribe(group_id=name, topics=[topic])
    assert await restarted.poll(timeout=0) == []


def test_the_kafka_transport_without_aiokafka_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delitem(sys.modules, "gamja.events.kafka", raising=False)
    monkeypatch.setitem(sys.modules, "aiokafka", None)  # makes `import aiokafka` fail
    with pytest.raises(RuntimeError, match="`kafka` extra"):
        open_transport(Settings(var_dir=tmp_path, events_transport="kafka"))


async def test_two_live_members_of_one_group_share_the_work_without_overlap(connect: OpenTransport, topic: str) -> None:
    transport = connect()
    await transport.publish(topic, [OutgoingRecord(key=f"item-{n % 6}", value=str(n).encode()) for n in range(30)])
    name = group("indexer")
    members = [await connect().subscribe(group_id=name, topics=[topic]) for _ in range(2)]
    got: list[IncomingRecord] = []
    deadline = time.monotonic() + 20
    while len(got) < 30 and time.monotonic() < deadline:
        for member in members:
            batch = await member.poll(timeout=0.2)
            await member.commit(batch)
            got += batch
    assert sorted(int(record.value) for record in got) == list(range(30))


@pytest.fixture
def backend() -> str:
    # The transports are under test here; the database backends are covered by every other suite.
    return "sqlite"


async def test_the_subgraphs_run_unchanged_over_kafka(make_settings: MakeSettings, tmp_path: Path) -> None:
    # A broker of its own: the subgraphs use the real topic and group names, which other tests must not see.
    broker = TansuBroker(tmp_path / "tansu.log")
    try:
        broker.start()
    except BrokerUnavailable as exc:
        unavailable(str(exc))
    try:
        settings = await make_settings(
            "users",
            "items",
            "comments",
            "search",
            events_transport="kafka",
            kafka_bootstrap_servers=broker.bootstrap_servers,
            kafka_enable_idempotence=False,
            kafka_session_timeout_ms=1000,
        )
        async with running_stack(settings, "users", "items", "comments", "search") as stack:
            signed_up = await stack["users"].client.data(
                "mutation($input: SignUpInput!) { signUp(input: $input) { token } }",
                {
                    "input": {
                        "email": "s@example.com",
                        "password": "correct-horse-1",
                        "nickname": "망원감자",
                        "region": "서울",
                    }
                },
            )
            token = signed_up["signUp"]["token"]
            item = {
                "title": "접이식 자전거",
                "description": "",
                "price": 90_000,
                "category": "스포츠/레저",
                "region": "서울",
            }
            created = await stack["items"].client.data(
                "mutation($input: CreateItemInput!) { createItem(input: $input) { id } }", {"input": item}, token=token
            )
            item_id = created["createItem"]["id"]
            await stack.settle()

            # The read store, the search index and the comments service each learnt of the item through Kafka.
            read = await stack["items"].client.data("query($id: ID!) { item(id: $id) { title } }", {"id": item_id})
            assert read["item"] == {"title": "접이식 자전거"}
            found = await stack["search"].client.data('{ searchItems(query: "자전거") { edges { node { id } } } }')
            assert found["searchItems"]["edges"] == [{"node": {"id": item_id}}]
            comment = await stack["comments"].client.data(
                'mutation($id: ID!) { addComment(itemId: $id, body: "네고 되나요?") { body } }',
                {"id": item_id},
                token=token,
            )
            assert comment["addComment"] == {"body": "네고 되나요?"}

        audit = open_transport(settings)
        events = await collect(await audit.subscribe(group_id="audit", topics=[ITEMS_EVENTS]), 1)
        await audit.close()
        assert [(Event.decode(record.value).type, record.key) for record in events] == [("ItemCreated", item_id)]
    finally:
        broker.stop()


async def test_lag_is_what_a_group_has_not_committed_yet(connect: OpenTransport, topic: str) -> None:
    producer, watcher = connect(), connect()
    # One record per publish: Tansu answers ListOffsets with the last batch's first offset + 1, not the
    # end of the partition, so on Tansu a batch of several records would count as one (Kafka counts them all).
    for n in range(5):
        await producer.publish(topic, [OutgoingRecord(key=f"k{n}", value=b"x")])
    name = group("lagging")
    assert await watcher.lag(name, [topic]) == {topic: 5}  # never committed: it starts at the first record
    subscription = await connect().subscribe(group_id=name, topics=[topic])
    await subscription.commit(await collect(subscription, 5))
    assert await watcher.lag(name, [topic]) == {topic: 0}
    for key in ("k0", "k1"):
        await producer.publish(topic, [OutgoingRecord(key=key, value=b"y")])
    assert await watcher.lag(name, [topic]) == {topic: 2}
    await subscription.close()
