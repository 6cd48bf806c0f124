"""JSON type aliases shared by the execution modules."""

from __future__ import annotations

from typing import Any, TypeAlias

__all__ = ["JSONObject", "JSONValue", "ResponsePath"]

JSONValue: TypeAlias = Any
JSONObject: TypeAlias = dict[str, Any]
ResponsePath: TypeAlias = list[str | int]
