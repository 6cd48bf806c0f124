"""The `DateTime` scalar: every subgraph must define it identically for composition, so it is defined once here."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, NewType

import strawberry

from gamja.errors import BadUserInput

__all__ = ["DateTime", "format_datetime", "parse_datetime"]


def format_datetime(value: datetime) -> str:
    """UTC with a `Z`; a naive value is taken to be UTC already (SQLite drops offsets)."""
    utc = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return utc.isoformat().replace("+00:00", "Z")


def parse_datetime(value: object) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadUserInput(f"`{value}` is not an ISO-8601 date-time.") from exc
    if parsed.tzinfo is None:
        raise BadUserInput(f"`{value}` needs a UTC offset, e.g. 2026-11-21T09:00:00Z.")
    return parsed.astimezone(UTC)


if TYPE_CHECKING:
    # Type checkers see the Python value; the schema sees the scalar below.
    DateTime = datetime
else:
    DateTime = strawberry.scalar(
        NewType("DateTime", datetime),
        name="DateTime",
        description="ISO-8601 date-time in UTC",
        serialize=format_datetime,
        parse_value=parse_datetime,
    )
