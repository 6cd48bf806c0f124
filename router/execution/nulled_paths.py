"""Which response paths a failed fetch left null, so each error can say where it struck.

A root fetch nulls the root fields it selected; an entity fetch nulls, in every object it was to
complete, the fields it was to add. A subgraph that could not be used at all sends one error with no
path: the executor turns it into one error per nulled field, as GraphQL reports field errors.
"""

from __future__ import annotations

from graphql import FieldNode, InlineFragmentNode, OperationDefinitionNode, SelectionSetNode

from router.execution.representations import EntityBatch
from router.execution.schema_info import SchemaInfo
from router.execution.types import JSONObject, ResponsePath, as_response_path
from router.planning.plan_nodes import FetchNode

__all__ = ["attach_paths", "entity_field_paths", "root_field_paths"]


def root_field_paths(fetch: FetchNode) -> list[ResponsePath]:
    return [[key] for key in _response_keys(_operation_selections(fetch))]


def entity_field_paths(fetch: FetchNode, batch: EntityBatch, info: SchemaInfo) -> list[ResponsePath]:
    entities = next(
        (
            s
            for s in _operation_selections(fetch).selections
            if isinstance(s, FieldNode) and s.name.value == "_entities"
        ),
        None,
    )
    if entities is None or entities.selection_set is None:
        return []
    by_condition: list[tuple[str | None, list[str]]] = []
    for selection in entities.selection_set.selections:
        if isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition.name.value if selection.type_condition else None
            by_condition.append((condition, _response_keys(selection.selection_set)))
        elif isinstance(selection, FieldNode):
            by_condition.append((None, _response_keys(SelectionSetNode(selections=(selection,)))))
    paths: list[ResponsePath] = []
    for targets in batch.targets:
        for target, target_path in targets:
            for key in _keys_for(target, by_condition, info):
                paths.append([*as_response_path(target_path), key])
    return paths


def attach_paths(errors: list[JSONObject], paths: list[ResponsePath]) -> list[JSONObject]:
    """Errors with a path stay as they are; each one without gets a copy per nulled path."""
    attached: list[JSONObject] = []
    for error in errors:
        if "path" in error or not paths:
            attached.append(error)
        else:
            attached.extend({**error, "path": path} for path in paths)
    return attached


def _keys_for(target: JSONObject, by_condition: list[tuple[str | None, list[str]]], info: SchemaInfo) -> list[str]:
    typename = target.get("__typename")
    keys: list[str] = []
    for condition, condition_keys in by_condition:
        if condition is None or not isinstance(typename, str) or info.matches(condition, typename):
            keys.extend(k for k in condition_keys if k not in keys)
    return keys


def _operation_selections(fetch: FetchNode) -> SelectionSetNode:
    operation = next(d for d in fetch.document.definitions if isinstance(d, OperationDefinitionNode))
    return operation.selection_set


def _response_keys(selection_set: SelectionSetNode) -> list[str]:
    keys: list[str] = []
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            key = selection.alias.value if selection.alias else selection.name.value
            if key != "__typename" and key not in keys:
                keys.append(key)
        elif isinstance(selection, InlineFragmentNode):
            keys.extend(k for k in _response_keys(selection.selection_set) if k not in keys)
    return keys
