"""searchItems' results: pagination, totalCount, filters, sorts and how the index follows item events."""

from __future__ import annotations

import zlib
from datetime import timedelta
from typing import Any

import pytest

from tests.search.conftest import SearchWorld
from tests.search.items import BASE_TIME, ItemState


async def _pages(world: SearchWorld, query: str, first: int, **arguments: Any) -> list[list[str]]:
    pages: list[list[str]] = []
    after = None
    while True:
        result = await world.search(query, first=first, after=after, **arguments)
        pages.append([edge["node"]["id"] for edge in result["edges"]])
        info = result["pageInfo"]
        if not info["hasNextPage"]:
            assert len(pages) < 50
            return pages
        after = info["endCursor"]
        assert after == result["edges"][-1]["cursor"]


@pytest.mark.parametrize("sort", ["RELEVANCE", "NEWEST", "PRICE_ASC", "PRICE_DESC"])
async def test_pages_cover_every_hit_once_in_the_same_order(world: SearchWorld, sort: str) -> None:
    for n in range(23):
        await world.items.create(f"자전거 {n}호", description="자전거 " * (n % 4), price=1000 * (n % 5))
    await world.items.create("킥보드")
    await world.settle()

    everything = await world.search("자전거", first=100, sort=sort)
    pages = await _pages(world, "자전거", 10, sort=sort)

    assert [len(page) for page in pages] == [10, 10, 3]
    assert [item for page in pages for item in page] == [e["node"]["id"] for e in everything["edges"]]
    assert everything["totalCount"] == 23
    assert (await world.search("자전거", first=5, sort=sort))["totalCount"] == 23


async def test_first_defaults_to_20_and_zero_gives_only_the_count(world: SearchWorld) -> None:
    for n in range(25):
        await world.items.create(f"의자 {n}")
    await world.settle()

    assert len((await world.search("의자"))["edges"]) == 20
    none = await world.search("의자", first=0)
    assert none["edges"] == [] and none["totalCount"] == 25


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"first": 101}, "first"),
        ({"first": -1}, "first"),
        ({"after": "bm90IGEgY3Vyc29y"}, "after"),
        ({"after": "%%%"}, "after"),
    ],
)
async def test_bad_paging_arguments_are_bad_user_input(
    world: SearchWorld, arguments: dict[str, object], field: str
) -> None:
    body = await world.client.execute(
        "query($q: String!, $first: Int, $after: String) { searchItems(query: $q, first: $first, after: $after) { totalCount } }",
        {"q": "의자", **arguments},
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"]["field"] == field


async def test_a_cursor_of_another_sort_is_refused(world: SearchWorld) -> None:
    for n in range(3):
        await world.items.create(f"의자 {n}")
    await world.settle()
    cursor = (await world.search("의자", first=1, sort="NEWEST"))["pageInfo"]["endCursor"]

    body = await world.client.execute(
        'query($a: String) { searchItems(query: "의자", sort: PRICE_ASC, after: $a) { totalCount } }', {"a": cursor}
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_filters_combine(world: SearchWorld) -> None:
    cheap = await world.items.create("캠핑 의자", price=5000, category="스포츠/레저", region="서울 마포구 망원동")
    await world.items.create("캠핑 의자 2개", price=30000, category="스포츠/레저", region="서울 마포구 합정동")
    sold = await world.items.create("캠핑 의자 세트", price=8000, category="스포츠/레저", region="서울 마포구 망원동")
    await world.items.change(sold.id, "ItemStatusChanged", status="SOLD")
    await world.items.create("사무용 의자", price=7000, category="가구/인테리어", region="서울 마포구 망원동")
    await world.items.create("캠핑 의자", price=6000, category="스포츠/레저", region="부산 해운대구 우동")
    await world.settle()

    async def ids(**search_filter: object) -> set[str]:
        result = await world.search("의자", filter=search_filter, first=100)
        assert result["totalCount"] == len(result["edges"])
        return {edge["node"]["id"] for edge in result["edges"]}

    assert len(await ids()) == 5
    assert await ids(status="SOLD") == {sold.id}
    assert len(await ids(status="ON_SALE")) == 4
    assert len(await ids(category="스포츠/레저")) == 4
    assert len(await ids(region="서울 마포구")) == 4
    assert len(await ids(region="서울 마포구 망원동")) == 3
    assert len(await ids(region="서울 마포")) == 4, "a region filter is a string prefix, not a word prefix"
    assert await ids(region="서울 마포구 망원동", category="스포츠/레저", status="ON_SALE", maxPrice=6000) == {cheap.id}
    assert len(await ids(minPrice=6000, maxPrice=8000)) == 3
    assert await ids(region="서울 강남구") == set()
    assert await ids(region="100%_") == set()


async def test_an_impossible_price_range_is_bad_user_input(world: SearchWorld) -> None:
    codes = await world.client.error_codes(
        '{ searchItems(query: "의자", filter: {minPrice: 10, maxPrice: 5}) { totalCount } }'
    )
    assert codes == ["BAD_USER_INPUT"]


async def test_sorts_by_price_and_by_newest(world: SearchWorld) -> None:
    a = await world.items.create("책상", price=30000, created_at=BASE_TIME)
    b = await world.items.create("책상 원목", price=10000, created_at=BASE_TIME + timedelta(days=2))
    c = await world.items.create("책상 의자 세트", price=20000, created_at=BASE_TIME + timedelta(days=1))
    await world.settle()

    assert await world.ids("책상", sort="PRICE_ASC") == [b.id, c.id, a.id]
    assert await world.ids("책상", sort="PRICE_DESC") == [a.id, c.id, b.id]
    assert await world.ids("책상", sort="NEWEST") == [b.id, c.id, a.id]
    # Bumping (끌어올리기) puts an item back on top of the newest.
    await world.items.change(a.id, "ItemBumped", bumped_at=BASE_TIME + timedelta(days=3))
    await world.settle()
    assert await world.ids("책상", sort="NEWEST") == [a.id, b.id, c.id]


async def test_relevance_weighs_title_over_description(world: SearchWorld) -> None:
    in_description = await world.items.create("거의 새것 팝니다", description="닌텐도 스위치 본체와 닌텐도 게임 두 개")
    in_title = await world.items.create("닌텐도 스위치", description="거의 새것 팝니다")
    await world.settle()

    assert await world.ids("닌텐도") == [in_title.id, in_description.id]
    assert await world.ids("닌텐도", sort="RELEVANCE") == [in_title.id, in_description.id]


async def test_relevance_prefers_fresh_items_when_equally_relevant(world: SearchWorld) -> None:
    old = await world.items.create("캠핑 텐트", created_at=BASE_TIME - timedelta(days=60))
    new = await world.items.create("캠핑 텐트", created_at=BASE_TIME)
    await world.settle()

    assert await world.ids("텐트") == [new.id, old.id]


async def test_freshness_is_gentle_and_never_beats_a_much_better_match(world: SearchWorld) -> None:
    old_title_match = await world.items.create("캠핑 텐트 4인용", created_at=BASE_TIME - timedelta(days=30))
    fresh_description_match = await world.items.create("캠핑 용품", description="텐트 팩 포함", created_at=BASE_TIME)
    await world.settle()

    assert await world.ids("텐트") == [old_title_match.id, fresh_description_match.id]


async def test_updates_deletes_and_status_changes_are_visible_after_the_events(world: SearchWorld) -> None:
    item = await world.items.create("닌텐도 스위치")
    await world.settle()
    assert await world.ids("닌텐도") == [item.id]

    await world.items.change(item.id, title="플레이스테이션 5")
    await world.settle()
    assert await world.ids("닌텐도") == []
    assert await world.ids("플레이스테이션") == [item.id]

    await world.items.change(item.id, "ItemStatusChanged", status="RESERVED")
    await world.settle()
    assert await world.ids("플레이스테이션", filter={"status": "RESERVED"}) == [item.id]

    await world.items.delete(item.id)
    await world.settle()
    assert await world.ids("플레이스테이션") == []


async def test_items_listed_in_the_same_millisecond_are_all_found_and_paged(world: SearchWorld) -> None:
    # Item ids whose CRC-32 share the low 10 bits: the embedded index's freshness keys would collide.
    by_bits: dict[int, list[str]] = {}
    n = 0
    while True:
        item_id = f"00000000-0000-4000-8000-{n:012d}"
        bits = zlib.crc32(item_id.encode()) & 1023
        by_bits.setdefault(bits, []).append(item_id)
        if len(by_bits[bits]) == 3:
            colliding = by_bits[bits]
            break
        n += 1
    for item_id in colliding:
        state = ItemState(id=item_id, title="캠핑 랜턴", created_at=BASE_TIME)
        world.items.items[item_id] = state
        await world.items.publish("ItemCreated", state)
    await world.settle()

    pages = await _pages(world, "랜턴", 1)

    assert sorted(item for page in pages for item in page) == sorted(colliding)
    assert (await world.search("랜턴"))["totalCount"] == 3
