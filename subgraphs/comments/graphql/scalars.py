"""The `DateTime` scalar every subgraph defines the same way: ISO-8601 in UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import strawberry

__all__ = ["DateTime"]


def _serialize(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _parse(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("DateTime must be an ISO-8601 string")
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError("DateTime must carry a UTC offset, e.g. 2026-11-21T09:00:00Z")
    return parsed.astimezone(UTC)


if TYPE_CHECKING:
    # Type checkers see the Python value; the schema sees the scalar below.
    DateTime = datetime
else:
    DateTime = strawberry.scalar(
        datetime,
        name="DateTime",
        description="ISO-8601 date-time in UTC",
        serialize=_serialize,
        parse_value=_parse,
    )
