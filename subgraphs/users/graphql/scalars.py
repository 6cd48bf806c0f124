"""The `DateTime` scalar, defined identically in every subgraph."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry

from gamja.errors import BadUserInput

__all__ = ["DateTime"]


def _serialize(value: datetime) -> str:
    utc = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return utc.isoformat().replace("+00:00", "Z")


def _parse(value: object) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadUserInput(f"`{value}` is not an ISO-8601 date-time.") from exc
    if parsed.tzinfo is None:
        raise BadUserInput(f"`{value}` needs a UTC offset, e.g. 2026-11-21T09:00:00Z.")
    return parsed.astimezone(UTC)


DateTime = strawberry.scalar(
    datetime,
    name="DateTime",
    description="ISO-8601 date-time in UTC",
    serialize=_serialize,
    parse_value=_parse,
)
