"""Deep merge of subgraph results into the response data built so far."""

from __future__ import annotations

from router.execution.types import JSONObject, JSONValue

__all__ = ["merge_into"]


def merge_into(target: JSONObject, source: JSONObject, *, keep_typename: bool = False) -> None:
    """Merge `source` into `target` in place; objects merge key by key, lists element by element.

    `keep_typename` keeps the `__typename` already in `target`: an `@interfaceObject` subgraph
    answers with the interface's name where the data already knows the concrete type.
    """
    for key, value in source.items():
        if key not in target:
            target[key] = value
            continue
        if key == "__typename" and keep_typename:
            continue
        target[key] = _merge_value(target[key], value)


def _merge_value(existing: JSONValue, incoming: JSONValue) -> JSONValue:
    if isinstance(existing, dict) and isinstance(incoming, dict):
        merge_into(existing, incoming)
        return existing
    if isinstance(existing, list) and isinstance(incoming, list) and len(existing) == len(incoming):
        return [_merge_value(a, b) for a, b in zip(existing, incoming, strict=True)]
    if incoming is None and existing is not None:
        # A second subgraph's null (e.g. after its own error) must not erase what another one found.
        return existing
    return incoming
