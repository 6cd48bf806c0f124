"""The request pipeline: parse → validate → normalise → coerce variables → plan → execute."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from graphql import GraphQLSchema, OperationType

from router.execution.executor import PlanExecutor
from router.execution.types import JSONObject
from router.planning import PlanningError
from router.planning.plan_nodes import QueryPlan
from router.server.errors import RequestError
from router.server.execution import execute_operation
from router.server.lru import LRU
from router.server.normalisation import NormalisedOperation, normalise
from router.server.parsing import parse_operation
from router.server.planning import PlanCache, Planner
from router.server.request import GraphQLRequest
from router.server.validation import validate_operation
from router.server.variables import coerce_variables

__all__ = ["Pipeline", "PlanExplainer"]

PlanExplainer = Callable[[QueryPlan], JSONObject]
"""Turns a plan into the `extensions.queryPlan` value shown to developers."""


class Pipeline:
    def __init__(
        self,
        api_schema: GraphQLSchema,
        planner: Planner,
        executor: PlanExecutor,
        explain: PlanExplainer,
        *,
        cache_size: int = 1000,
    ) -> None:
        self.api_schema = api_schema
        self.executor = executor
        self.plans = PlanCache(planner, cache_size)
        self._explain = explain
        # Parsing and validating the same text again is wasted work: remember the outcome per text.
        self._prepared: LRU[tuple[str, str | None], NormalisedOperation] = LRU(cache_size)

    async def run(
        self,
        request: GraphQLRequest,
        *,
        headers: Mapping[str, str],
        include_plan: bool = False,
        read_only: bool = False,
    ) -> tuple[int, JSONObject]:
        """HTTP status and GraphQL response body for one request."""
        try:
            operation = self._prepare(request.query, request.operation_name)
            if operation.kind is OperationType.SUBSCRIPTION:
                raise RequestError.single(
                    400,
                    "Subscriptions stream: open a WebSocket (graphql-transport-ws), or POST with `Accept: "
                    'text/event-stream` (SSE) or `Accept: multipart/mixed;subscriptionSpec="1.0"`.',
                    "BAD_REQUEST",
                )
            if read_only and operation.kind is not OperationType.QUERY:
                raise RequestError.single(
                    405, "Only queries can be sent with GET; send mutations with POST.", "BAD_REQUEST"
                )
            variables = coerce_variables(self.api_schema, operation.operation, request.variables)
            plan = self._plan(operation)
        except RequestError as exc:
            return exc.status_code, {"errors": exc.errors}
        response = await execute_operation(self.api_schema, self.executor, operation, plan, variables, headers)
        if include_plan:
            response.setdefault("extensions", {})["queryPlan"] = self._explain(plan)
        return 200, response

    def prepare(self, request: GraphQLRequest) -> tuple[NormalisedOperation, dict[str, Any], QueryPlan]:
        """Parse, validate, coerce and plan without executing (subscriptions run the plan themselves);
        raises `RequestError`."""
        operation = self._prepare(request.query, request.operation_name)
        variables = coerce_variables(self.api_schema, operation.operation, request.variables)
        return operation, variables, self._plan(operation)

    def operation_of(self, request: GraphQLRequest) -> tuple[str, str | None]:
        """Kind and name of the operation a request ran ("unknown" when it never parsed); parses nothing."""
        prepared = self._prepared.get((request.query, request.operation_name))
        if prepared is None:
            return "unknown", request.operation_name
        return prepared.kind.value, prepared.name

    def _plan(self, operation: NormalisedOperation) -> QueryPlan:
        try:
            return self.plans.plan(operation)
        except PlanningError as exc:
            # A valid operation the planner cannot handle is the router's fault, not the client's.
            raise RequestError.single(
                500, f"The router could not plan this operation: {exc}", "QUERY_PLANNING_FAILED"
            ) from exc

    def _prepare(self, query: str, operation_name: str | None) -> NormalisedOperation:
        key = (query, operation_name)
        prepared = self._prepared.get(key)
        if prepared is None:
            document = parse_operation(query)
            validate_operation(self.api_schema, document)
            prepared = normalise(document, operation_name)
            self._prepared.put(key, prepared)
        return prepared
