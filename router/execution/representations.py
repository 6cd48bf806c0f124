"""Finding the objects at a Flatten path and turning them into `_entities` representations."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from graphql import FieldNode, InlineFragmentNode, SelectionSetNode

from router.execution import codec
from router.execution.schema_info import SchemaInfo
from router.execution.types import JSONObject, JSONValue, PathLink
from router.planning.plan_nodes import TypenameRewrite

__all__ = ["EntityBatch", "build_batch", "objects_at_path"]

TypeMatcher = Callable[[str, str], bool]


def objects_at_path(data: JSONValue, path: tuple[str, ...]) -> list[tuple[JSONObject, PathLink]]:
    """Every object reached by `path` with its concrete response path (list indexes filled in),
    linked: `as_response_path` makes the list when an error needs one.

    "@" says "each element" of a list; a list met where the path names a field is walked the same
    way. The walk goes one path segment at a time over all values reached so far (loops, not a
    recursion per value: this runs for every Flatten of every request)."""
    level: list[tuple[JSONValue, PathLink]] = [(data, None)]
    for segment in path:
        if segment == "@":
            level = [
                (element, (link, i))
                for value, link in level
                if isinstance(value, list)
                for i, element in enumerate(value)
            ]
        else:
            level = [
                (value[segment], (link, segment))
                for value, link in _without_lists(level)
                if isinstance(value, dict) and segment in value
            ]
    return [(value, link) for value, link in _without_lists(level) if isinstance(value, dict)]


def _without_lists(level: list[tuple[JSONValue, PathLink]]) -> list[tuple[JSONValue, PathLink]]:
    """The level with every list (at any depth) replaced by its elements."""
    if not any(isinstance(value, list) for value, _ in level):
        return level
    flat: list[tuple[JSONValue, PathLink]] = []
    for value, link in level:
        if isinstance(value, list):
            flat.extend(_without_lists([(element, (link, i)) for i, element in enumerate(value)]))
        else:
            flat.append((value, link))
    return flat


class MissingField(Exception):
    """The data lacks a field a representation needs (usually after an earlier fetch failed)."""


def project_requires(value: JSONObject, selection_set: SelectionSetNode, matches: TypeMatcher) -> JSONObject:
    """The part of `value` selected by `requires`, keyed by field name as the subgraph expects."""
    result: JSONObject = {}
    typename = value.get("__typename")
    for selection in selection_set.selections:
        if isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition.name.value if selection.type_condition else None
            if condition is None or (isinstance(typename, str) and matches(condition, typename)):
                result.update(project_requires(value, selection.selection_set, matches))
        elif isinstance(selection, FieldNode):
            key = selection.alias.value if selection.alias else selection.name.value
            if key not in value:
                raise MissingField(key)
            result[selection.name.value] = _project_value(value[key], selection.selection_set, matches)
    return result


def _project_value(value: JSONValue, selection_set: SelectionSetNode | None, matches: TypeMatcher) -> JSONValue:
    if selection_set is None or value is None:
        return value
    if isinstance(value, list):
        return [_project_value(v, selection_set, matches) for v in value]
    if isinstance(value, dict):
        return project_requires(value, selection_set, matches)
    return value


@dataclass(slots=True)
class EntityBatch:
    """Deduplicated representations and, for each, the objects (and their paths) it stands for."""

    representations: list[JSONObject] = field(default_factory=list)
    targets: list[list[tuple[JSONObject, PathLink]]] = field(default_factory=list)


def build_batch(
    data: JSONValue,
    path: tuple[str, ...],
    requires: SelectionSetNode,
    info: SchemaInfo,
    rewrites: Sequence[TypenameRewrite] = (),
) -> EntityBatch:
    """Representations of the objects at `path`; `rewrites` rename `__typename` per type condition
    (an `@interfaceObject` subgraph expects the interface's name)."""
    batch = EntityBatch()
    index_by_key: dict[bytes, int] = {}
    for obj, concrete in objects_at_path(data, path):
        try:
            representation = project_requires(obj, requires, info.matches)
        except MissingField:
            continue
        typename = representation.get("__typename")
        if not isinstance(typename, str):
            continue
        for rewrite in rewrites:
            if info.matches(rewrite.type_condition, typename):
                representation["__typename"] = rewrite.set_to
                break
        key = codec.dumps_sorted(representation)
        index = index_by_key.get(key)
        if index is None:
            index_by_key[key] = len(batch.representations)
            batch.representations.append(representation)
            batch.targets.append([(obj, concrete)])
        else:
            batch.targets[index].append((obj, concrete))
    return batch
