"""Walks a query plan: runs fetches in sequence or concurrently and merges their results.

The executor only knows the plan. It builds the merged data (response keys of the subgraph
operations, which carry the client's aliases) and the re-pathed subgraph errors; shaping the
final response is `projection`'s job.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from router.execution.errors import SUBGRAPH_INVALID_RESPONSE, subgraph_error
from router.execution.fetcher import SubgraphFetcher
from router.execution.merge import merge_into
from router.execution.nulled_paths import attach_paths, entity_field_paths, root_field_paths
from router.execution.representations import EntityBatch, Walked, build_batch
from router.execution.rewrites import rename_keys
from router.execution.schema_info import PlainSchemaInfo, SchemaInfo
from router.execution.types import JSONObject, ResponsePath, as_response_path
from router.planning.plan_nodes import (
    BatchFetchNode,
    ConditionNode,
    FetchNode,
    FlattenNode,
    ParallelNode,
    PlanNode,
    QueryPlan,
    SequenceNode,
    SubscriptionNode,
    batch_alias,
    batch_representations,
)

__all__ = ["ExecutionResult", "PlanExecutor"]


@dataclass(slots=True)
class ExecutionResult:
    data: JSONObject = field(default_factory=dict)
    errors: list[JSONObject] = field(default_factory=list)


class PlanExecutor:
    def __init__(self, fetcher: SubgraphFetcher, *, schema_info: SchemaInfo | None = None) -> None:
        self.fetcher = fetcher
        self._info: SchemaInfo = schema_info or PlainSchemaInfo()

    async def execute(
        self,
        plan: QueryPlan,
        variables: Mapping[str, Any],
        *,
        headers: Mapping[str, str] | None = None,
        data: JSONObject | None = None,
    ) -> ExecutionResult:
        """`data`: what is known before the plan runs (a subscription event, whose entities the plan completes)."""
        run = _Run(self.fetcher, self._info, variables, headers or {})
        if data is not None:
            run.result.data = data
        if plan.node is not None:
            assert not isinstance(plan.node, SubscriptionNode), "router.subscriptions runs subscription plans"
            await run.node(plan.node)
        return run.result


class _Run:
    """State of one plan execution."""

    def __init__(
        self,
        fetcher: SubgraphFetcher,
        info: SchemaInfo,
        variables: Mapping[str, Any],
        headers: Mapping[str, str],
    ) -> None:
        self.fetcher = fetcher
        self.info = info
        self.variables = variables
        self.headers = headers
        self.result = ExecutionResult()
        # Flatten walks of the data as it is now; emptied by every merge (see `objects_at_path`).
        self.walked: Walked = {}

    async def node(self, node: PlanNode) -> None:
        if isinstance(node, SequenceNode):
            for child in node.nodes:
                await self.node(child)
        elif isinstance(node, ParallelNode):
            await asyncio.gather(*(self.node(child) for child in node.nodes))
        elif isinstance(node, ConditionNode):
            branch = node.if_clause if self.variables.get(node.condition) else node.else_clause
            if branch is not None:
                await self.node(branch)
        elif isinstance(node, FlattenNode):
            await self.entity_fetch(node.path, node.node)
        elif isinstance(node, BatchFetchNode):
            await self.batch_fetch(node)
        else:
            await self.root_fetch(node)

    def _variables_for(self, fetch: FetchNode) -> dict[str, Any]:
        return {name: self.variables[name] for name in fetch.variable_usages if name in self.variables}

    async def root_fetch(self, fetch: FetchNode) -> None:
        response = await self.fetcher.fetch(
            fetch.service_name,
            fetch.operation,
            self._variables_for(fetch),
            operation_kind="mutation" if fetch.operation_kind == "mutation" else "query",
            operation_name=fetch.operation_name,
            headers=self.headers,
        )
        errors = attach_paths(response.errors, root_field_paths(fetch)) if response.failed else response.errors
        self.result.errors.extend(errors)
        if response.data is not None:
            self.walked.clear()
            if fetch.output_rewrites:
                rename_keys(response.data, fetch.output_rewrites, self.info)
            merge_into(self.result.data, response.data)

    async def entity_fetch(self, path: tuple[str, ...], fetch: FetchNode) -> None:
        assert fetch.requires is not None, "a fetch under a Flatten is an entity fetch and has requires"
        batch = build_batch(self.result.data, path, fetch.requires, self.info, fetch.input_rewrites, self.walked)
        if not batch.representations:
            return
        variables = self._variables_for(fetch)
        variables["representations"] = batch.representations
        response = await self.fetcher.fetch(
            fetch.service_name,
            fetch.operation,
            variables,
            operation_kind="query",
            operation_name=fetch.operation_name,
            headers=self.headers,
        )
        entities = response.data.get("_entities") if response.data is not None else None
        self._merge_entities(path, fetch, batch, response.errors, response.failed, response.data is None, entities)

    async def batch_fetch(self, node: BatchFetchNode) -> None:
        """Entity fetches sent as one request; each `_e<i>` (and its errors) merged as its Flatten's."""
        batches = []
        for entity in node.entities:
            assert entity.node.requires is not None, "a batch holds entity fetches"
            batches.append(
                build_batch(
                    self.result.data,
                    entity.path,
                    entity.node.requires,
                    self.info,
                    entity.node.input_rewrites,
                    self.walked,
                )
            )
        sent = [index for index, batch in enumerate(batches) if batch.representations]
        if not sent:
            return
        variables = {name: self.variables[name] for name in node.variable_usages if name in self.variables}
        for index, batch in enumerate(batches):
            variables[batch_representations(index)] = batch.representations
        response = await self.fetcher.fetch(
            node.service_name,
            node.operation,
            variables,
            operation_kind="query",
            operation_name=node.operation_name,
            headers=self.headers,
        )
        for index, (flatten, batch) in enumerate(zip(node.entities, batches, strict=True)):
            alias = batch_alias(index)
            errors = []
            for error in response.errors:
                path = error.get("path")
                if isinstance(path, list) and path and path[0] == alias:
                    errors.append({**error, "path": ["_entities", *path[1:]]})
                elif (not isinstance(path, list) or not path) and (response.failed or index == sent[0]):
                    errors.append(error)  # whole-request errors: a failure nulls every part, else told once
            if not batch.representations:
                continue
            entities = response.data.get(alias) if response.data is not None else None
            self._merge_entities(
                flatten.path, flatten.node, batch, errors, response.failed, response.data is None, entities
            )

    def _merge_entities(
        self,
        path: tuple[str, ...],
        fetch: FetchNode,
        batch: EntityBatch,
        response_errors: list[JSONObject],
        failed: bool,
        no_data: bool,
        entities: object,
    ) -> None:
        errors = [_repath(error, batch, list(path)) for error in response_errors]
        if failed:
            errors = attach_paths(errors, entity_field_paths(fetch, batch, self.info))
        self.result.errors.extend(errors)
        if no_data:
            return
        if not isinstance(entities, list) or len(entities) != len(batch.representations):
            error = subgraph_error(
                fetch.service_name,
                f'Subgraph "{fetch.service_name}" returned {_describe(entities)} for '
                f"{len(batch.representations)} entity representations.",
                SUBGRAPH_INVALID_RESPONSE,
            )
            self.result.errors.extend(attach_paths([error], entity_field_paths(fetch, batch, self.info)))
            return
        self.walked.clear()
        if fetch.output_rewrites:
            rename_keys(entities, fetch.output_rewrites, self.info)
        for entity, targets in zip(entities, batch.targets, strict=True):
            if isinstance(entity, dict):
                for target, _ in targets:
                    _merge_entity(target, entity, self.info)


def _merge_entity(target: JSONObject, entity: JSONObject, info: SchemaInfo) -> None:
    typename = entity.get("__typename")
    # An @interfaceObject subgraph answers with the interface's name: the data's concrete type stays.
    keep_typename = isinstance(typename, str) and not info.is_object_type(typename)
    merge_into(target, entity, keep_typename=keep_typename)


def _repath(error: JSONObject, batch: EntityBatch, flatten_path: ResponsePath) -> JSONObject:
    """Turn `["_entities", i, ...]` into the client path of the first object behind representation i."""
    path = error.get("path")
    if not (isinstance(path, list) and len(path) >= 2 and path[0] == "_entities"):
        return error
    index = path[1]
    if isinstance(index, int) and 0 <= index < len(batch.targets):
        client_path: ResponsePath = [*as_response_path(batch.targets[index][0][1]), *path[2:]]
    else:
        client_path = [p for p in flatten_path if p != "@"]
    return {**error, "path": client_path}


def _describe(entities: object) -> str:
    if isinstance(entities, list):
        return f"{len(entities)} entities"
    return "no _entities list"
