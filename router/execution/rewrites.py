"""Output rewrites: a subgraph's answer put back under the client's keys before it is merged."""

from __future__ import annotations

from collections.abc import Sequence

from router.execution.representations import objects_at_path
from router.execution.schema_info import SchemaInfo
from router.execution.types import JSONValue
from router.planning.plan_nodes import KeyRenamer

__all__ = ["rename_keys"]


def rename_keys(value: JSONValue, renames: Sequence[KeyRenamer], info: SchemaInfo) -> None:
    """Apply the fetch's renames in place; inner ones first, as their paths use the keys as answered."""
    for rename in reversed(renames):
        for obj, _ in objects_at_path(value, rename.path):
            typename = obj.get("__typename")
            if rename.from_key in obj and isinstance(typename, str) and info.matches(rename.type_condition, typename):
                obj[rename.to_key] = obj.pop(rename.from_key)
