"""The `DateTime` scalar: composition needs it identical in every subgraph, so it is defined once, here."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry

from gamja.errors import BadUserInput
from gamja.utc import format_utc

__all__ = ["DATETIME", "format_datetime", "parse_datetime"]


def format_datetime(value: datetime) -> str:
    """UTC with a `Z`; a naive value is taken to be UTC already (SQLite drops offsets)."""
    return format_utc(value)


def parse_datetime(value: object) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadUserInput(f"`{value}` is not an ISO-8601 date-time.") from exc
    if parsed.tzinfo is None:
        raise BadUserInput(f"`{value}` needs a UTC offset, e.g. 2026-11-21T09:00:00Z.")
    return parsed.astimezone(UTC)


# build_schema maps every `datetime` annotation to this definition (Strawberry's scalar_map), so subgraph
# types simply say `created_at: datetime`.
DATETIME = strawberry.scalar(
    name="DateTime",
    description="ISO-8601 date-time in UTC",
    serialize=format_datetime,
    parse_value=parse_datetime,
)
