"""The indexer: idempotent by version, poison events dead-lettered, `gamja reindex search`, tokenizer upgrades."""

from __future__ import annotations

from collections.abc import Sequence

from gamja.catalog import load_spec
from gamja.events.consumer import dead_letter_topic
from gamja.events.envelope import Event
from gamja.events.local_log import LocalLog
from gamja.events.topics import ITEMS_EVENTS
from gamja.events.transport import OutgoingRecord
from subgraphs.search.domain.model import ItemDocument
from subgraphs.search.read_model.indexer import INDEXER_GROUP
from tests.search.conftest import SearchWorld


async def test_an_older_or_repeated_event_never_undoes_a_newer_one(world: SearchWorld) -> None:
    item = await world.items.create("닌텐도 스위치")
    first = world.items.items[item.id]
    renamed = await world.items.change(item.id, title="플레이스테이션 5")
    await world.items.publish("ItemCreated", first)  # redelivered late
    await world.items.publish("ItemUpdated", renamed)  # delivered twice
    await world.settle()

    assert await world.ids("플레이스테이션") == [item.id]
    assert await world.ids("닌텐도") == []
    assert await world.runtime.services.index.stored_version(item.id) == 2


async def test_a_deleted_item_stays_deleted_when_old_events_arrive(world: SearchWorld) -> None:
    item = await world.items.create("닌텐도 스위치")
    created = world.items.items[item.id]
    await world.items.delete(item.id)
    await world.settle()
    await world.items.publish("ItemCreated", created)
    await world.settle()

    assert await world.ids("닌텐도") == []
    assert await world.runtime.services.index.stored_version(item.id) == 2


async def test_offsets_are_committed_after_applying(world: SearchWorld) -> None:
    await world.items.create("닌텐도 스위치")
    await world.items.create("아이폰")
    await world.settle()

    log = LocalLog(world.settings.events_log_file())
    try:
        assert await log.committed(INDEXER_GROUP, ITEMS_EVENTS) == await log.end_offsets(ITEMS_EVENTS) == 2
    finally:
        await log.close()


async def test_a_poison_event_is_dead_lettered_and_the_indexer_carries_on(world: SearchWorld) -> None:
    log = LocalLog(world.settings.events_log_file())
    try:
        broken = Event(type="ItemCreated", aggregate_id="broken-item", version=1, payload={"title": "no price"})
        await log.publish(ITEMS_EVENTS, [OutgoingRecord(key="broken-item", value=broken.encode())])
        await log.publish(ITEMS_EVENTS, [OutgoingRecord(key="garbage", value=b"not json")])
        item = await world.items.create("닌텐도 스위치")
        await world.settle()

        assert await world.ids("닌텐도") == [item.id]
        assert await log.end_offsets(dead_letter_topic(ITEMS_EVENTS)) == 2
    finally:
        await log.close()


async def test_events_the_indexer_does_not_know_are_ignored(world: SearchWorld) -> None:
    item = await world.items.create("닌텐도 스위치")
    await world.items.publish("ItemViewed", world.items.items[item.id])
    await world.settle()

    assert await world.ids("닌텐도") == [item.id]


async def test_reindex_rebuilds_the_same_index_from_the_event_log(world: SearchWorld) -> None:
    kept = await world.items.create("닌텐도 스위치", price=100)
    gone = await world.items.create("닌텐도 게임칩")
    await world.items.change(kept.id, title="닌텐도 스위치 OLED", price=200)
    await world.items.delete(gone.id)
    await world.settle()
    before = await world.search("닌텐도", first=100)

    reindex = load_spec("search").reindex
    assert reindex is not None
    await reindex(world.runtime)

    after = await world.search("닌텐도", first=100)
    assert [e["node"]["id"] for e in after["edges"]] == [e["node"]["id"] for e in before["edges"]] == [kept.id]
    assert after["edges"][0]["highlight"] == "<mark>닌텐도</mark> 스위치 OLED"
    assert await world.runtime.services.index.stored_version(kept.id) == 2
    # Events after the rebuild still flow through the regular consumer group.
    await world.items.change(kept.id, title="스위치 라이트")
    await world.settle()
    assert await world.ids("닌텐도") == []


async def test_reindex_keeps_answering_while_it_replays_and_keeps_writes_made_meanwhile(world: SearchWorld) -> None:
    switch = await world.items.create("닌텐도 스위치")
    chip = await world.items.create("닌텐도 게임칩")
    await world.settle()
    index = world.runtime.services.index
    apply = index.apply
    seen_during: list[list[str]] = []
    live = False

    async def searching_first(documents: Sequence[ItemDocument], *, rewrite_equal: bool = False) -> int:
        nonlocal live
        if not live:  # a replay batch: what does a search find right now?
            seen_during.append(sorted(await world.ids("닌텐도")))
            if len(seen_during) == 1:  # an edit that lands while the rebuild runs, through the live indexer
                live = True
                await world.items.change(chip.id, title="닌텐도 게임칩 마리오")
                await world.settle()
                live = False
        return await apply(documents, rewrite_equal=rewrite_equal)

    index.apply = searching_first  # type: ignore[method-assign]
    reindex = load_spec("search").reindex
    assert reindex is not None
    await reindex(world.runtime)
    index.apply = apply  # type: ignore[method-assign]

    assert seen_during, "the replay never applied a batch"
    assert all(found == sorted([switch.id, chip.id]) for found in seen_during), seen_during
    assert await world.ids("마리오") == [chip.id]
    assert await index.stored_version(chip.id) == 2


async def test_reindex_skips_events_it_cannot_read(world: SearchWorld) -> None:
    log = LocalLog(world.settings.events_log_file())
    try:
        await log.publish(ITEMS_EVENTS, [OutgoingRecord(key="garbage", value=b"not json")])
        broken = Event(type="ItemCreated", aggregate_id="broken-item", version=1, payload={"title": "no price"})
        await log.publish(ITEMS_EVENTS, [OutgoingRecord(key="broken-item", value=broken.encode())])
    finally:
        await log.close()
    item = await world.items.create("닌텐도 스위치")
    await world.settle()

    reindex = load_spec("search").reindex
    assert reindex is not None
    await reindex(world.runtime)

    assert await world.ids("닌텐도") == [item.id]


async def test_check_reports_what_the_index_has_not_applied(world: SearchWorld) -> None:
    check = load_spec("search").check
    assert check is not None
    kept = await world.items.create("닌텐도 스위치")
    gone = await world.items.create("닌텐도 게임칩")
    await world.items.delete(gone.id)
    await world.settle()
    assert await check(world.runtime) == []

    await world.items.change(kept.id, title="닌텐도 스위치 OLED")
    late = await world.items.create("아이폰")

    problems = await check(world.runtime)
    assert problems == sorted(
        [
            f"item {kept.id}: version 2 in the log, 1 in the index",
            f"item {late.id}: version 1 in the log, missing from the index",
        ]
    )
    await world.settle()
    assert await check(world.runtime) == []


async def test_a_batch_of_events_is_indexed_in_one_apply_whatever_its_order(world: SearchWorld) -> None:
    index = world.runtime.services.index
    applied: list[int] = []
    apply = index.apply

    async def counting(documents: Sequence[ItemDocument]) -> int:
        applied.append(len(documents))
        return await apply(documents)

    index.apply = counting  # type: ignore[method-assign]
    renamed = await world.items.create("닌텐도 스위치")
    first = world.items.items[renamed.id]
    await world.items.change(renamed.id, title="플레이스테이션 5")
    await world.items.publish("ItemCreated", first)  # older version after the newer one, same batch
    gone = await world.items.create("닌텐도 게임칩")
    created = world.items.items[gone.id]
    await world.items.delete(gone.id)
    await world.items.publish("ItemCreated", created)
    kept = await world.items.create("아이폰 13")
    await world.settle()

    assert applied == [7]  # one poll, one index transaction
    assert await world.ids("닌텐도") == []
    assert await world.ids("플레이스테이션") == [renamed.id]
    assert await world.ids("아이폰") == [kept.id]
    assert await index.stored_versions([renamed.id, gone.id, kept.id]) == {
        renamed.id: (2, False),
        gone.id: (2, True),
        kept.id: (1, False),
    }
    log = LocalLog(world.settings.events_log_file())
    try:
        assert await log.committed(INDEXER_GROUP, ITEMS_EVENTS) == await log.end_offsets(ITEMS_EVENTS) == 7
    finally:
        await log.close()
