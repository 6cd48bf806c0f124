"""searchSuggestions, popularSearchTerms and relatedItems through GraphQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.search.conftest import SearchWorld

SUGGEST = "query($p: String!, $n: Int) { searchSuggestions(prefix: $p, first: $n) }"
POPULAR = "query($n: Int, $r: String) { popularSearchTerms(first: $n, region: $r) { term count } }"
RELATED = "query($id: ID!, $n: Int) { relatedItems(itemId: $id, first: $n) { id } }"
USERS = [f"00000000-0000-4000-8000-00000000000{n}" for n in range(1, 7)]


async def _suggest(world: SearchWorld, prefix: str, first: int | None = None) -> list[str]:
    data = await world.client.data(SUGGEST, {"p": prefix, "n": first})
    return list(data["searchSuggestions"])


async def _popular(world: SearchWorld, first: int | None = None, region: str | None = None) -> list[tuple[str, int]]:
    data = await world.client.data(POPULAR, {"n": first, "r": region})
    return [(row["term"], row["count"]) for row in data["popularSearchTerms"]]


async def test_suggestions_complete_a_prefix_from_titles_most_common_first(world: SearchWorld) -> None:
    await world.items.create("아이폰 15 미개봉")
    await world.items.create("아이폰13프로 256")
    await world.items.create("아이폰 케이스")
    await world.items.create("아이패드 미니")
    await world.items.create("갤럭시 버즈")
    await world.settle()

    suggestions = await _suggest(world, "아이")

    assert suggestions[0] == "아이폰"
    assert {"아이폰", "아이패드", "아이폰13프로"} <= set(suggestions)
    assert all(term.startswith("아이") for term in suggestions)
    assert await _suggest(world, "아이", first=1) == ["아이폰"]
    assert await _suggest(world, "갤") == ["갤럭시"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("아이포", ["아이폰"]),  # the last syllable is still being typed: 포 → 폰
        ("아이ㅍ", ["아이폰", "아이패드"]),  # only the next consonant so far
        ("아잎", ["아이폰", "아이패드"]),  # the IME holds ㅍ as a final until the vowel comes
        ("맥부", ["맥북"]),
        ("닭", ["달걀", "닭갈비"]),  # a double final splits (닭 → 달 + ㄱ…); equally common: shorter first
    ],
)
async def test_suggestions_follow_a_korean_word_while_it_is_typed(
    world: SearchWorld, typed: str, expected: list[str]
) -> None:
    for title in ("아이폰 15", "아이폰 케이스", "아이패드 미니", "맥북 에어", "닭갈비 밀키트", "달걀 한 판", "다리미"):
        await world.items.create(title)
    await world.settle()

    assert await _suggest(world, typed) == expected


async def test_suggestions_drop_particles_and_follow_deletions(world: SearchWorld) -> None:
    bike = await world.items.create("자전거를 팝니다")
    await world.settle()
    assert await _suggest(world, "자전") == ["자전거"]

    await world.items.delete(bike.id)
    await world.settle()
    assert await _suggest(world, "자전") == []


async def test_past_searches_that_found_something_are_suggested(world: SearchWorld) -> None:
    await world.items.create("아이패드 프로 12.9")
    await world.settle()
    await world.search("아이패드 프로")
    await world.search("아이패드 에어")  # finds nothing: not worth suggesting

    suggestions = await _suggest(world, "아이패드 ")

    assert suggestions == ["아이패드 프로"]


async def test_suggestions_fold_case_and_width_and_never_fail(world: SearchWorld) -> None:
    await world.items.create("RTX3080 그래픽카드")
    await world.settle()

    assert await _suggest(world, "ＲＴＸ") == ["rtx3080"]
    assert await _suggest(world, "   ") == []
    assert await _suggest(world, "%") == []
    codes = await world.client.error_codes(SUGGEST, {"p": "아", "n": 101})
    assert codes == ["BAD_USER_INPUT"]


async def test_popular_terms_count_distinct_searchers_in_the_window(world: SearchWorld) -> None:
    await world.items.create("아이폰 15")
    await world.items.create("자전거")
    await world.settle()
    now = datetime.now(UTC)
    world.set_clock(now - timedelta(hours=30))
    for user in USERS[:5]:
        await world.search("자전거", token=world.token(user))  # too old to count
    world.set_clock(now)
    for user in USERS[:3]:
        await world.search("아이폰", token=world.token(user))
    await world.search("아이폰", token=world.token(USERS[0]))  # the same person again counts once
    await world.search("  자전거 ", token=world.token(USERS[4]))
    await world.search("없는물건", token=world.token(USERS[5]))  # found nothing: never popular

    assert await _popular(world) == [("아이폰", 3), ("자전거", 1)]
    assert await _popular(world, first=1) == [("아이폰", 3)]

    world.set_clock(now + timedelta(hours=23))
    assert await _popular(world) == [("아이폰", 3), ("자전거", 1)]
    world.set_clock(now + timedelta(hours=25))
    assert await _popular(world) == []


async def test_popular_terms_per_region_prefix(world: SearchWorld) -> None:
    await world.items.create("아이폰 15", region="서울 마포구 망원동")
    await world.items.create("자전거", region="서울 마포구 합정동")
    await world.items.create("서핑보드", region="부산 해운대구 우동")
    await world.settle()
    for user in USERS[:2]:
        await world.search("아이폰", token=world.token(user), filter={"region": "서울 마포구 망원동"})
    await world.search("자전거", token=world.token(USERS[2]), filter={"region": "서울 마포구 합정동"})
    for user in USERS[:3]:
        await world.search("서핑보드", token=world.token(user), filter={"region": "부산 해운대구"})

    assert await _popular(world, region="서울 마포구") == [("아이폰", 2), ("자전거", 1)]
    assert await _popular(world, region="서울 마포구 합정동") == [("자전거", 1)]
    assert await _popular(world, region="부산") == [("서핑보드", 3)]
    assert await _popular(world) == [("서핑보드", 3), ("아이폰", 2), ("자전거", 1)]


async def test_anonymous_searches_count_one_each_and_pages_do_not_count(world: SearchWorld) -> None:
    for n in range(3):
        await world.items.create(f"의자 {n}")
    await world.settle()
    first = await world.search("의자", first=1)
    await world.search("의자", first=1, after=first["pageInfo"]["endCursor"])
    await world.search("의자")

    assert await _popular(world) == [("의자", 2)]


async def test_related_items_share_region_and_title_and_are_on_sale(world: SearchWorld) -> None:
    region = "서울 마포구 망원동"
    item = await world.items.create("아이폰 13 프로 블루", region=region, category="디지털기기")
    close = await world.items.create("아이폰 13 미니", region=region, category="디지털기기")
    closer = await world.items.create("아이폰 13 프로 그린", region=region, category="디지털기기")
    same_category = await world.items.create("갤럭시 S22", region=region, category="디지털기기")
    await world.items.create("아이폰 13 프로", region="부산 해운대구 우동", category="디지털기기")
    sold = await world.items.create("아이폰 13 프로 골드", region=region, category="디지털기기")
    await world.items.change(sold.id, "ItemStatusChanged", status="SOLD")
    await world.items.create("원목 식탁", region=region, category="가구/인테리어")
    await world.settle()

    data = await world.client.data(RELATED, {"id": item.id})
    related = [row["id"] for row in data["relatedItems"]]

    assert related == [closer.id, close.id, same_category.id]
    one = await world.client.data(RELATED, {"id": item.id, "n": 1})
    assert [row["id"] for row in one["relatedItems"]] == [closer.id]


async def test_related_items_of_an_unknown_or_deleted_item_are_empty(world: SearchWorld) -> None:
    item = await world.items.create("아이폰 13")
    await world.items.create("아이폰 14")
    await world.settle()
    await world.items.delete(item.id)
    await world.settle()

    assert (await world.client.data(RELATED, {"id": item.id}))["relatedItems"] == []
    assert (await world.client.data(RELATED, {"id": "no-such-item"}))["relatedItems"] == []
