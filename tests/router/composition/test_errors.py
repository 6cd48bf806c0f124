"""Every error kind reads like a compiler's: its code, the subgraphs, the element, and a way out.

Runs without Node: the differential test separately checks that Apollo fails the same sets.
"""

from __future__ import annotations

import pytest
from composition_corpus import Case, load_corpus

from router.composition import compose

ERROR_CASES = [c for c in load_corpus() if c.expect_error]
# Words that tell the reader what to do about it.
REMEDY = ("add", "remove", "mark", "make", "use", "give", "declare", "fix", "rename", "define", "write", "name",
          "only", "drop", "check", "key on", "put")  # fmt: skip


@pytest.mark.parametrize("case", ERROR_CASES, ids=[c.name for c in ERROR_CASES])
def test_error_kind_is_reported_with_context(case: Case) -> None:
    result = compose(case.subgraphs)
    assert result.supergraph_sdl == "" and result.api_schema_sdl == ""
    matching = [e for e in result.errors if e.code == case.expect_error]
    assert matching, [str(e) for e in result.errors]
    names = {s.name for s in case.subgraphs}
    for error in matching:
        assert error.subgraphs and set(error.subgraphs) <= names
        assert any(f'"{name}"' in error.message or f"[{name}]" in error.message for name in error.subgraphs)
        if error.coordinate is not None:
            assert error.coordinate.split("(")[0].split(".")[0] in error.message
        assert any(word in error.message.lower() for word in REMEDY), error.message


def test_field_sharing_error_names_both_subgraphs_and_the_field() -> None:
    case = next(c for c in ERROR_CASES if c.name == "err_01_invalid_field_sharing")
    (error,) = compose(case.subgraphs).errors
    assert error.coordinate == "User.nickname"
    assert error.subgraphs == ("items", "users")
    assert 'resolved from subgraphs "items" and "users"' in error.message
    assert "@shareable" in error.message


def test_kind_mismatch_says_what_each_subgraph_has() -> None:
    case = next(c for c in ERROR_CASES if c.name == "err_02_type_kind_mismatch")
    (error,) = compose(case.subgraphs).errors
    assert 'Object Type in subgraph "a"' in error.message
    assert 'Interface Type in subgraph "b"' in error.message


def test_every_corpus_error_kind_is_distinct_enough() -> None:
    assert len({c.expect_error for c in ERROR_CASES}) >= 25
