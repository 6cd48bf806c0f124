"""The event envelope every producer writes and every consumer reads (see the brief's event contract)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

__all__ = ["Event", "InvalidEvent"]


class InvalidEvent(ValueError):
    """A record that is not a well-formed envelope: a poison message for the dead-letter topic."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, kw_only=True)
class Event:
    type: str
    aggregate_id: str
    version: int
    payload: dict[str, Any]
    event_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    occurred_at: datetime = field(default_factory=_utc_now)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "type": self.type,
            "aggregate_id": self.aggregate_id,
            "version": self.version,
            "occurred_at": self.occurred_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "payload": self.payload,
        }

    def encode(self) -> bytes:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def decode(cls, raw: bytes) -> Event:
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InvalidEvent(f"not JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise InvalidEvent("the envelope must be a JSON object")
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        try:
            event_id = str(uuid.UUID(str(data["event_id"])))
            event_type = data["type"]
            aggregate_id = data["aggregate_id"]
            version = data["version"]
            occurred_at = datetime.fromisoformat(str(data["occurred_at"]).replace("Z", "+00:00"))
            payload = data["payload"]
        except (KeyError, ValueError, TypeError) as exc:
            raise InvalidEvent(f"malformed envelope: {exc!r}") from exc
        if not isinstance(event_type, str) or not event_type:
            raise InvalidEvent("`type` must be a non-empty string")
        if not isinstance(aggregate_id, str) or not aggregate_id:
            raise InvalidEvent("`aggregate_id` must be a non-empty string")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise InvalidEvent("`version` must be a positive integer")
        if not isinstance(payload, dict):
            raise InvalidEvent("`payload` must be an object")
        if occurred_at.tzinfo is None:
            raise InvalidEvent("`occurred_at` must carry a UTC offset")
        return cls(
            event_id=event_id,
            type=event_type,
            aggregate_id=aggregate_id,
            version=version,
            occurred_at=occurred_at.astimezone(UTC),
            payload=payload,
        )
