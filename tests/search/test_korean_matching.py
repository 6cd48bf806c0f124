"""searchItems understands Korean: compounds, particles, spacing, Latin/digit splits, prefixes, and never parses syntax."""

from __future__ import annotations

import pytest

from tests.search.conftest import SearchWorld


async def test_a_word_is_found_inside_a_compound(world: SearchWorld) -> None:
    phone = await world.items.create("아이폰13프로 256기가")
    await world.items.create("갤럭시 S23 울트라")
    await world.settle()

    result = await world.search("아이폰")

    assert [edge["node"]["id"] for edge in result["edges"]] == [phone.id]
    assert result["totalCount"] == 1
    assert result["edges"][0]["highlight"] == "<mark>아이폰</mark>13프로 256기가"


async def test_a_word_is_found_with_a_particle_attached(world: SearchWorld) -> None:
    bike = await world.items.create("출퇴근용 중고", description="작년에 산 자전거를 팝니다")
    await world.settle()

    result = await world.search("자전거")

    assert [edge["node"]["id"] for edge in result["edges"]] == [bike.id]
    assert result["edges"][0]["highlight"] == "작년에 산 <mark>자전거</mark>를 팝니다"


@pytest.mark.parametrize(("title", "query"), [("맥북 에어 M2", "맥북에어"), ("맥북에어 M2", "맥북 에어")])
async def test_spacing_does_not_matter(world: SearchWorld, title: str, query: str) -> None:
    laptop = await world.items.create(title)
    await world.items.create("에어팟 프로")
    await world.settle()

    assert await world.ids(query) == [laptop.id]


@pytest.mark.parametrize(("title", "query"), [("RTX 3080 그래픽카드", "rtx3080"), ("rtx3080 팝니다", "RTX 3080")])
async def test_letters_and_digits_match_split_or_joined(world: SearchWorld, title: str, query: str) -> None:
    card = await world.items.create(title)
    await world.items.create("RTX 4090 그래픽카드")
    await world.settle()

    assert await world.ids(query) == [card.id]


async def test_full_width_and_upper_case_are_folded(world: SearchWorld) -> None:
    card = await world.items.create("ＲＴＸ３０８０ 급처")
    await world.settle()

    assert await world.ids("rtx 3080") == [card.id]


async def test_a_prefix_finds_every_word_starting_with_it(world: SearchWorld) -> None:
    phone = await world.items.create("아이폰 15 미개봉")
    pad = await world.items.create("아이패드 미니 6")
    await world.items.create("갤럭시탭 S9")
    await world.settle()

    assert sorted(await world.ids("아이")) == sorted([phone.id, pad.id])
    assert await world.ids("아이패") == [pad.id]


async def test_a_single_syllable_is_found_anywhere_in_a_word(world: SearchWorld) -> None:
    phone = await world.items.create("아이폰 미개봉")
    case = await world.items.create("폰케이스 새것")
    await world.items.create("노트북 거치대")
    await world.settle()

    assert sorted(await world.ids("폰")) == sorted([phone.id, case.id])


async def test_the_last_latin_word_is_a_prefix_while_typing(world: SearchWorld) -> None:
    card = await world.items.create("rtx3080 팝니다")
    iphone = await world.items.create("iPhone 14 Pro")
    await world.settle()

    assert await world.ids("rtx30") == [card.id]
    assert await world.ids("iph") == [iphone.id]


async def test_every_word_of_the_query_must_match(world: SearchWorld) -> None:
    await world.items.create("아이폰 케이스")
    both = await world.items.create("아이폰 15 프로 케이스 포함")
    await world.settle()

    assert await world.ids("아이폰 프로") == [both.id]


SYNTAX_QUERIES = [
    # (query, whether it names the item): operators of FTS5, tsquery and Lucene are words or separators here.
    ('"', False),
    ("*", False),
    ("-", False),
    ("(", False),
    (")", False),
    ("NEAR", False),
    (":*", False),
    ("\\", False),
    ("''", False),
    ('"아이폰', True),
    ('아이폰"', True),
    ("아이폰*", True),
    ("-아이폰", True),
    ("(아이폰", True),
    ("NEAR(아이폰 케이스)", False),
    ("아이폰 NEAR 케이스", False),
    ("아이폰 + 케이스", True),
    ("^아이폰", True),
    ("아이폰 | 케이스", True),
    ("아이폰 & !케이스", True),
    ("'; DROP TABLE search_documents; --", False),
]


@pytest.mark.parametrize(("query", "names_it"), SYNTAX_QUERIES)
async def test_syntax_characters_are_plain_text(world: SearchWorld, query: str, names_it: bool) -> None:
    phone = await world.items.create("아이폰 케이스")
    await world.settle()

    assert await world.ids(query) == ([phone.id] if names_it else [])
    assert await world.ids("아이폰") == [phone.id], "the index must survive any query"


async def test_operator_words_are_searched_as_words(world: SearchWorld) -> None:
    near = await world.items.create("Near field 스피커")
    await world.settle()

    assert await world.ids("NEAR") == [near.id]
    assert await world.ids("near 스피커") == [near.id]


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "\u3000"])
async def test_an_empty_query_is_bad_user_input(world: SearchWorld, query: str) -> None:
    body = await world.client.execute("query($q: String!) { searchItems(query: $q) { totalCount } }", {"q": query})

    assert [error["extensions"]["code"] for error in body["errors"]] == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["field"] == "query"


async def test_a_query_too_long_is_bad_user_input(world: SearchWorld) -> None:
    codes = await world.client.error_codes(
        "query($q: String!) { searchItems(query: $q) { totalCount } }", {"q": "가" * 201}
    )
    assert codes == ["BAD_USER_INPUT"]


async def test_highlights_are_html_escaped(world: SearchWorld) -> None:
    await world.items.create("<script>아이폰</script> & 충전기")
    await world.settle()

    result = await world.search("아이폰")

    assert result["edges"][0]["highlight"] == "&lt;script&gt;<mark>아이폰</mark>&lt;/script&gt; &amp; 충전기"
