"""UTC timestamps: everything Gamja stores and sends is UTC, whatever a driver or a payload hands back."""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["as_utc", "format_utc", "parse_utc"]


def as_utc(moment: datetime) -> datetime:
    """A naive value is taken to be UTC already: SQLite keeps no offset, and we only ever store UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def format_utc(moment: datetime) -> str:
    """ISO-8601 with a `Z`, e.g. 2026-11-21T09:00:00Z."""
    return as_utc(moment).isoformat().replace("+00:00", "Z")


def parse_utc(text: str) -> datetime:
    """Reads what `format_utc` (or any ISO-8601 writer) produced; a missing offset means UTC, as in `as_utc`."""
    return as_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
