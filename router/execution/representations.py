"""Finding the objects at a Flatten path and turning them into `_entities` representations."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from graphql import FieldNode, InlineFragmentNode, SelectionSetNode

from router.execution import codec
from router.execution.schema_info import SchemaInfo
from router.execution.types import JSONObject, JSONValue, PathLink
from router.planning.plan_nodes import TypenameRewrite

__all__ = ["EntityBatch", "Walked", "build_batch", "objects_at_path"]

TypeMatcher = Callable[[str, str], bool]


Level = list[tuple[JSONValue, PathLink]]
"""The values reached by a path so far, each with its response path."""

Walked = dict[tuple[str, ...], Level]
"""Levels already reached, by path prefix: valid only while the data they were read from is unchanged."""


def objects_at_path(
    data: JSONValue, path: tuple[str, ...], walked: Walked | None = None
) -> list[tuple[JSONObject, PathLink]]:
    """Every object reached by `path` with its concrete response path (list indexes filled in),
    linked: `as_response_path` makes the list when an error needs one.

    "@" says "each element" of a list; a list met where the path names a field is walked the same
    way. The walk goes one path segment at a time over all values reached so far (loops, not a
    recursion per value: this runs for every Flatten of every request). `walked` lets Flattens that
    share a prefix (`users.@.reviews.@.product` and `users.@.reviews.@.product.reviews.@.author`)
    walk it once; the caller must empty it whenever the data changes."""
    level: Level = [(data, None)]
    start = 0
    if walked:
        for depth in range(len(path), 0, -1):
            found = walked.get(path[:depth])
            if found is not None:
                level, start = found, depth
                break
    for depth in range(start, len(path)):
        segment = path[depth]
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
        if walked is not None:
            walked[path[: depth + 1]] = level
    return [(value, link) for value, link in _without_lists(level) if isinstance(value, dict)]


def _without_lists(level: Level) -> Level:
    """The level with every list (at any depth) replaced by its elements."""
    if not any(isinstance(value, list) for value, _ in level):
        return level
    flat: Level = []
    for value, link in level:
        if isinstance(value, list):
            flat.extend(_without_lists([(element, (link, i)) for i, element in enumerate(value)]))
        else:
            flat.append((value, link))
    return flat


class MissingField(Exception):
    """The data lacks a field a representation needs (usually after an earlier fetch failed)."""


class _Requires:
    """A fetch's `requires` selection set, compiled per `__typename` met: which keys of an object go
    into its representation, under which field names. Each object then costs one loop over a short
    list, instead of walking the selection set with its type conditions again (this runs for every
    object at every Flatten path of every request)."""

    __slots__ = ("_by_typename", "_matches", "_selection_set")

    def __init__(self, selection_set: SelectionSetNode, matches: TypeMatcher) -> None:
        self._selection_set = selection_set
        self._matches = matches
        # typename (None when the object has none) → (key in the data, field name, sub-selection)
        self._by_typename: dict[str | None, list[tuple[str, str, _Requires | None]]] = {}

    def project(self, value: JSONObject) -> JSONObject:
        """The part of `value` selected by `requires`, keyed by field name as the subgraph expects."""
        typename = value.get("__typename")
        typename = typename if isinstance(typename, str) else None
        entries = self._by_typename.get(typename)
        if entries is None:
            entries = self._by_typename[typename] = self._entries(self._selection_set, typename)
        result: JSONObject = {}
        for key, name, sub in entries:
            if key not in value:
                raise MissingField(key)
            result[name] = value[key] if sub is None else sub.value(value[key])
        return result

    def value(self, value: JSONValue) -> JSONValue:
        if isinstance(value, dict):
            return self.project(value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        return value

    def _entries(
        self, selection_set: SelectionSetNode, typename: str | None
    ) -> list[tuple[str, str, _Requires | None]]:
        """In selection order, fragments expanded where their condition holds for `typename`."""
        entries: list[tuple[str, str, _Requires | None]] = []
        for selection in selection_set.selections:
            if isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition.name.value if selection.type_condition else None
                if condition is None or (typename is not None and self._matches(condition, typename)):
                    entries.extend(self._entries(selection.selection_set, typename))
            elif isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                sub = _Requires(selection.selection_set, self._matches) if selection.selection_set else None
                entries.append((key, selection.name.value, sub))
        return entries


# Compiled `requires` by selection set node (each cached plan keeps its nodes), with the node and the
# schema info kept alongside, so a recycled id never matches another node or supergraph.
_REQUIRES: OrderedDict[tuple[int, int], tuple[SelectionSetNode, SchemaInfo, _Requires]] = OrderedDict()
_REQUIRES_KEPT = 4096


def _requires_for(selection_set: SelectionSetNode, info: SchemaInfo) -> _Requires:
    key = (id(selection_set), id(info))
    entry = _REQUIRES.get(key)
    if entry is not None and entry[0] is selection_set and entry[1] is info:
        _REQUIRES.move_to_end(key)
        return entry[2]
    compiled = _Requires(selection_set, info.matches)
    _REQUIRES[key] = (selection_set, info, compiled)
    if len(_REQUIRES) > _REQUIRES_KEPT:
        _REQUIRES.popitem(last=False)
    return compiled


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
    walked: Walked | None = None,
) -> EntityBatch:
    """Representations of the objects at `path`; `rewrites` rename `__typename` per type condition
    (an `@interfaceObject` subgraph expects the interface's name); `walked` as for `objects_at_path`."""
    batch = EntityBatch()
    index_by_key: dict[bytes, int] = {}
    represent = _requires_for(requires, info).project
    for obj, concrete in objects_at_path(data, path, walked):
        try:
            representation = represent(obj)
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
