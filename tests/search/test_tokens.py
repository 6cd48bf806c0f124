"""The tokenizer, query parser, highlighter and suggestion terms without any I/O."""

from __future__ import annotations

import unicodedata

import pytest

from gamja.errors import BadUserInput
from subgraphs.search.domain.highlight import highlight
from subgraphs.search.domain.query import parse_query
from subgraphs.search.domain.suggest import normalize_prefix, prefix_ranges, title_terms
from subgraphs.search.domain.tokens import compact_hangul, index_fields, tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("아이폰13프로", ["아이", "이폰", "폰", "13", "프로", "로"]),
        ("RTX 3080", ["rtx", "3080"]),
        ("ＲＴＸ３０８０", ["rtx", "3080"]),
        ("집", ["집"]),
        ("iPhone-15, 새것!", ["iphone", "15", "새것", "것"]),
        ("", []),
        ("!!! ***", []),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


def test_hangul_typed_as_separate_jamo_is_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "자전거")
    assert decomposed != "자전거"
    assert tokens(decomposed) == tokens("자전거")


def test_the_spacing_free_copy_only_holds_what_spacing_split() -> None:
    assert compact_hangul("맥북 에어 M1 팝니다") == "맥북에어 m1 팝니다"
    fields = index_fields("맥북 에어", "설명")
    assert fields.title == ["맥북", "북", "에어", "어"]
    assert fields.compact == ["맥북", "북에", "에어", "어"]
    assert index_fields("아이폰", "").compact == []


def test_queries_become_phrases_and_prefixes() -> None:
    parsed = parse_query('  "맥북에어"  rtx3080* 폰 ')
    assert [(c.tokens, c.prefix) for c in parsed.clauses] == [
        (("맥북", "북에", "에어"), False),
        (("rtx",), False),
        (("3080",), False),
        (("폰",), True),
    ]
    assert parsed.text == '"맥북에어" rtx3080* 폰'


@pytest.mark.parametrize("query", ["", " ", "\u3000\t"])
def test_empty_queries_are_refused(query: str) -> None:
    with pytest.raises(BadUserInput):
        parse_query(query)


def test_a_query_of_symbols_matches_nothing_without_failing() -> None:
    assert parse_query('"*-()').is_empty


def test_highlight_maps_folded_matches_back_to_the_original_text() -> None:
    assert highlight(parse_query("rtx3080"), "ＲＴＸ３０８０ 팝니다", "") == "<mark>ＲＴＸ３０８０</mark> 팝니다"
    assert highlight(parse_query("맥북에어"), "맥북  에어", "") == "<mark>맥북  에어</mark>"
    assert highlight(parse_query("없음"), "맥북", "설명") is None


def test_a_description_snippet_is_a_window_around_the_first_hit() -> None:
    description = "가" * 100 + " 자전거 " + "나" * 100
    snippet = highlight(parse_query("자전거"), "제목", description)
    assert snippet is not None
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>자전거</mark>" in snippet
    assert len(snippet) < 120


def test_title_terms_are_words_without_particles() -> None:
    assert title_terms("아이폰13프로를 팝니다!") == {"아이폰13프로", "아이폰", "팝니다"}
    assert title_terms("고양이 사과 마을") == {"고양이", "사과", "마을"}
    assert title_terms("a 집") == set()


@pytest.mark.parametrize(
    ("typed", "becomes", "never"),
    [
        ("아이포", ["아이폰", "아이포토"], ["아이파", "아이"]),
        ("아이ㅍ", ["아이파", "아이폰", "아이핑크"], ["아이스", "아이"]),
        ("아잎", ["아잎새", "아이폰"], ["아이스"]),
        ("갈", ["갈비", "가락"], ["가방"]),
        ("rtx", ["rtx3080"], ["rt"]),
    ],
)
def test_prefix_ranges_cover_what_an_unfinished_korean_word_can_become(
    typed: str, becomes: list[str], never: list[str]
) -> None:
    ranges = prefix_ranges(normalize_prefix(typed))
    for word in becomes:
        assert any(low <= word < high for low, high in ranges), word
    for word in never:
        assert not any(low <= word < high for low, high in ranges), word
