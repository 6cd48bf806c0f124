"""Nothing lost: crashes, redelivery, duplicates and reordering all end with the read store equal to the write DB.

The oracle is the service's own consistency check (`gamja check items`), which compares every item's full
state and version on both sides.
"""

from __future__ import annotations

import json
import random
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import select

from gamja.events.consumer import dead_letter_topic
from gamja.events.envelope import Event
from gamja.events.local_log import LocalLog
from gamja.events.topics import ITEMS_EVENTS
from gamja.events.transport import OutgoingRecord
from subgraphs.items.adapters.repository import load_snapshots
from subgraphs.items.adapters.tables import outbox
from subgraphs.items.read_model.projector import READ_STORE_GROUP
from subgraphs.items.read_model.store import store_snapshot
from subgraphs.items.read_model.tables import ReadItemRow, ReadLikeRow
from subgraphs.items.service import SPEC
from tests.items.conftest import BUYER, OTHER, SELLER, Items, open_items, published_events


async def check(items: Items) -> list[str]:
    assert SPEC.check is not None
    return await SPEC.check(items.stack["items"].runtime)


async def busy_history(items: Items) -> list[dict[str, Any]]:
    """A few items with every kind of change, so the events interleave across items."""
    created = [await items.create(title=f"물건 {n}", price=1000 * n) for n in range(4)]
    seller, other, buyer = items.token(SELLER), items.token(OTHER), items.token(BUYER)
    like = "mutation($id: ID!) { likeItem(id: $id) { id } }"
    for item in created:
        await items.client.data(like, {"id": item["id"]}, token=other)
    await items.client.data(like, {"id": created[0]["id"]}, token=buyer)
    await items.client.data("mutation($id: ID!) { unlikeItem(id: $id) { id } }", {"id": created[1]["id"]}, token=other)
    await items.client.data(
        'mutation($id: ID!) { updateItem(id: $id, input: {title: "고친 제목", price: 5}) { id } }',
        {"id": created[2]["id"]},
        token=seller,
    )
    await items.client.data(
        "mutation($id: ID!, $b: ID) { changeItemStatus(id: $id, status: SOLD, buyerId: $b) { id } }",
        {"id": created[0]["id"], "b": BUYER},
        token=seller,
    )
    await items.client.data("mutation($id: ID!) { bumpItem(id: $id) { id } }", {"id": created[1]["id"]}, token=seller)
    await items.client.data("mutation($id: ID!) { deleteItem(id: $id) }", {"id": created[3]["id"]}, token=seller)
    return created


async def wipe_read_store(items: Items) -> None:
    async with items.services.read_db.transaction() as session:
        await session.exec(delete(ReadLikeRow))
        await session.exec(delete(ReadItemRow))


async def test_crash_after_commit_before_publish_loses_nothing(make_settings: Any) -> None:
    settings = await make_settings("items")
    async with open_items(settings) as first_life:
        created = await busy_history(first_life)
        # The process dies here: the writes are committed, the relay never ran.
    assert await published_events(settings) == []
    async with open_items(settings) as second_life:
        problems = await check(second_life)
        assert len(problems) == 4 and all("missing from the read store" in p for p in problems)
        await second_life.settle()
        assert await check(second_life) == []
        assert (await second_life.read(created[2]["id"]))["title"] == "고친 제목"
    assert len(await published_events(settings)) == 14


async def test_relay_that_fails_to_publish_retries_later(items: Items) -> None:
    created = await items.create()
    relay_transport = items.services.relay._transport
    original = relay_transport.publish

    async def broken(topic: str, records: Any) -> None:
        raise ConnectionError("broker unreachable")

    relay_transport.publish = broken  # type: ignore[method-assign]
    try:
        await items.services.relay.publish_pending()
    except ConnectionError:
        pass
    else:
        raise AssertionError("the relay should have surfaced the failure")
    relay_transport.publish = original  # type: ignore[method-assign]
    await items.settle()
    assert await check(items) == []
    assert (await items.read(created["id"]))["title"] == "이케아 책상"


async def test_relay_crash_after_publish_before_marking_duplicates_harmlessly(items: Items) -> None:
    await busy_history(items)
    # Publish every outbox row as the relay would, then "crash" before marking them sent: they go out twice.
    duplicates = [OutgoingRecord(key=event.aggregate_id, value=event.encode()) for event in await _outbox_events(items)]
    await items.services.relay._transport.publish(ITEMS_EVENTS, duplicates)
    await items.settle()
    assert len(await published_events(items.settings)) == 2 * len(duplicates)
    assert await check(items) == []


async def _outbox_events(items: Items) -> list[Event]:
    async with items.services.write_db.session() as session:
        rows = (await session.exec(select(outbox.c.envelope).order_by(outbox.c.id))).all()
    return [Event.from_dict(row if isinstance(row, dict) else json.loads(row)) for row in rows]


async def test_projector_crash_before_committing_offsets_is_redelivered_harmlessly(items: Items) -> None:
    created = await busy_history(items)
    await items.services.relay.drain()
    log = LocalLog(items.settings.events_log_file())
    try:
        # A projector member applies everything, then dies before committing its offsets.
        doomed = await log.subscribe(group_id=READ_STORE_GROUP, topics=[ITEMS_EVENTS])
        records = await doomed.poll(max_records=1000, timeout=0)
        for record in records:
            await items.services.projector(Event.decode(record.value))
        await doomed.close()
        assert await log.committed(READ_STORE_GROUP, ITEMS_EVENTS) == 0
        # Its successor gets every record again and applies them a second time.
        assert await items.services.consumer.drain() == len(records) == 14
        assert await log.committed(READ_STORE_GROUP, ITEMS_EVENTS) == 14
    finally:
        await log.close()
    assert await check(items) == []
    read = await items.read(created[0]["id"])
    assert (read["likeCount"], read["status"]) == (2, "SOLD")


async def test_duplicated_and_reordered_events_converge(items: Items) -> None:
    await busy_history(items)
    await items.settle()
    events = await published_events(items.settings)
    for seed in range(5):
        await wipe_read_store(items)
        shuffled = events * 2
        random.Random(seed).shuffle(shuffled)
        for event in shuffled:
            await items.services.projector(event)
        assert await check(items) == [], f"shuffle seed {seed}"


async def test_an_older_event_never_overwrites_a_newer_one(items: Items) -> None:
    item = await items.create(title="처음 제목")
    await items.client.data(
        'mutation($id: ID!) { updateItem(id: $id, input: {title: "바뀐 제목"}) { id } }',
        {"id": item["id"]},
        token=items.token(SELLER),
    )
    await items.settle()
    created, updated = await published_events(items.settings)
    for event in (created, updated, created):
        await items.services.projector(event)
    assert (await items.read(item["id"]))["title"] == "바뀐 제목"


async def test_a_poison_event_is_dead_lettered_and_the_projector_carries_on(items: Items) -> None:
    transport = items.services.relay._transport
    bad_payload = Event(type="ItemCreated", aggregate_id="x", version=1, payload={"id": "x"})
    await transport.publish(
        ITEMS_EVENTS,
        [OutgoingRecord(key="x", value=b"not json"), OutgoingRecord(key="x", value=bad_payload.encode())],
    )
    created = await items.create()
    await items.settle()
    assert (await items.read(created["id"]))["id"] == created["id"]
    log = LocalLog(items.settings.events_log_file())
    try:
        subscription = await log.subscribe(group_id="test-dead-letters", topics=[dead_letter_topic(ITEMS_EVENTS)])
        dead = await subscription.poll(max_records=10, timeout=0)
        await subscription.close()
    finally:
        await log.close()
    assert [record.value for record in dead] == [b"not json", bad_payload.encode()]
    assert "invalid envelope" in dead[0].headers["error"]
    assert await check(items) == []


async def test_check_reports_differences_and_reindex_repairs_them(items: Items) -> None:
    created = await busy_history(items)
    await items.settle()
    assert await check(items) == []
    async with items.services.read_db.transaction() as session:
        await session.exec(delete(ReadItemRow).where(ReadItemRow.id == created[0]["id"]))  # type: ignore[arg-type]
        await session.exec(
            update(ReadItemRow).where(ReadItemRow.id == created[2]["id"]).values(title="엉뚱한 제목")  # type: ignore[arg-type]
        )
        await session.exec(delete(ReadLikeRow).where(ReadLikeRow.item_id == created[2]["id"]))  # type: ignore[arg-type]
    stray = ReadItemRow(
        **{
            "id": "stray",
            "title": "유령",
            "description": "",
            "price": 1,
            "category": "기타 중고물품",
            "region": "서울",
            "status": "ON_SALE",
            "seller_id": SELLER,
            "created_at": items.clock(),
            "updated_at": items.clock(),
            "bumped_at": items.clock(),
            "deleted": False,
            "version": 1,
        }
    )
    async with items.services.read_db.transaction() as session:
        session.add(stray)
    problems = await check(items)
    assert any(created[0]["id"] in p and "missing from the read store" in p for p in problems)
    assert any(created[2]["id"] in p and "title" in p and "엉뚱한 제목" in p for p in problems)
    assert any(created[2]["id"] in p and "liked_by" in p for p in problems)
    assert not any(created[1]["id"] in p for p in problems)
    assert any(p.startswith("item stray:") and "not in the write DB" in p for p in problems)
    assert SPEC.reindex is not None
    await SPEC.reindex(items.stack["items"].runtime)
    assert await check(items) == []
    titles = {
        edge["node"]["title"]
        for edge in (await items.client.data("{ items { edges { node { title } } } }"))["items"]["edges"]
    }
    assert titles == {"물건 0", "물건 1", "고친 제목"}


async def test_a_rebuild_racing_the_projector_never_goes_back_a_version(items: Items) -> None:
    item = await items.create(title="처음 제목")
    async with items.services.write_db.session() as session:
        [stale] = await load_snapshots(session, [item["id"]])  # the rebuild read the write DB here...
    await items.client.data(
        'mutation($id: ID!) { updateItem(id: $id, input: {title: "바뀐 제목"}) { id } }',
        {"id": item["id"]},
        token=items.token(SELLER),
    )
    await items.settle()  # ...then the projector applied version 2...
    async with items.services.read_db.transaction() as session:
        assert not await store_snapshot(session, stale, overwrite_same_version=True)  # ...so the rebuild's v1 loses
    assert (await items.read(item["id"]))["title"] == "바뀐 제목"
    assert await check(items) == []
