"""JSON type aliases shared by the execution modules, and the linked form of a response path."""

from __future__ import annotations

from typing import Any, TypeAlias

__all__ = ["JSONObject", "JSONValue", "PathLink", "ResponsePath", "as_response_path"]

JSONValue: TypeAlias = Any
JSONObject: TypeAlias = dict[str, Any]
ResponsePath: TypeAlias = list[str | int]

# A response path as (parent, key) links: one small tuple per step instead of a copied list, and
# the list is only built when an error needs it (most responses have none).
PathLink: TypeAlias = tuple[Any, str | int] | None


def as_response_path(link: PathLink) -> ResponsePath:
    keys: ResponsePath = []
    while link is not None:
        link, key = link
        keys.append(key)
    keys.reverse()
    return keys
