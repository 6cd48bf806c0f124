"""Connection arguments, cursors and the DateTime scalar shared by every subgraph."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from gamja.errors import BadUserInput
from gamja.subgraph.pagination import MAX_PAGE_SIZE, decode_cursor, encode_cursor, page_size
from gamja.subgraph.scalars import format_datetime, parse_datetime

AT = datetime(2026, 11, 21, 9, 30, 15, 123456, tzinfo=UTC)


def test_a_cursor_round_trips_and_is_opaque() -> None:
    cursor = encode_cursor("item", AT, "a|b")
    assert "item" not in cursor
    assert decode_cursor("item", cursor) == (AT, "a|b")


@pytest.mark.parametrize("cursor", ["", "garbage!!", encode_cursor("comment", AT, "x"), "aXRlbTpub3QtYS1kYXRlfHg="])
def test_foreign_or_broken_cursors_are_bad_user_input(cursor: str) -> None:
    with pytest.raises(BadUserInput) as error:
        decode_cursor("item", cursor)
    assert error.value.extensions == {"field": "after"}


def test_page_size_defaults_and_bounds() -> None:
    assert page_size(None) == 20
    assert page_size(0) == 0
    assert page_size(MAX_PAGE_SIZE) == MAX_PAGE_SIZE
    for bad in (-1, MAX_PAGE_SIZE + 1):
        with pytest.raises(BadUserInput):
            page_size(bad)


def test_datetimes_are_utc_with_a_z() -> None:
    seoul = timezone(timedelta(hours=9))
    assert format_datetime(AT.astimezone(seoul)) == "2026-11-21T09:30:15.123456Z"
    assert format_datetime(AT.replace(tzinfo=None)) == "2026-11-21T09:30:15.123456Z"
    assert parse_datetime("2026-11-21T18:30:15.123456+09:00") == AT
    for bad in ("yesterday", "2026-11-21T09:30:15"):
        with pytest.raises(BadUserInput):
            parse_datetime(bad)
