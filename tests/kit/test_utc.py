"""UTC helpers every subgraph uses for what its database or an event payload hands back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from gamja.utc import as_utc, format_utc, parse_utc

SEOUL = timezone(timedelta(hours=9))


def test_naive_values_are_read_as_utc_and_offsets_are_converted() -> None:
    assert as_utc(datetime(2026, 11, 21, 9, 0)) == datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
    converted = as_utc(datetime(2026, 11, 21, 18, 0, tzinfo=SEOUL))
    assert converted.utcoffset() == timedelta(0)
    assert converted.hour == 9


def test_format_writes_z_and_parse_reads_it_back() -> None:
    moment = datetime(2026, 11, 21, 18, 0, 5, 250000, tzinfo=SEOUL)
    text = format_utc(moment)
    assert text == "2026-11-21T09:00:05.250000Z"
    assert parse_utc(text) == moment
    assert parse_utc(text).tzinfo is UTC
    assert parse_utc("2026-11-21T09:00:00") == datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
