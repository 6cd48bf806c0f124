"""The GraphQL pipeline, one module per stage, in this order:

    persisted      hash → operation text (APQ, trusted documents)
    parsing        text → document, refused past the token limit
    normalisation  the selected operation and the fragments it uses (the plan cache key)
    limits         depth, aliases, root fields, on the syntax alone
    introspection_policy   `__schema` / `__type` refused in production
    validation     against the client-facing API schema
    variables      coerced against the operation
    cost           the static cost (`@cost`, `@listSize`, `first`/`last`)
    authorization  `@authenticated` / `@requiresScopes`: what the viewer may not see is filtered out
    planning       the query plan (cached), of the filtered operation
    execution      the plan run, introspection answered, the response shaped; denied fields answered null

Everything up to validation is done once per distinct text (cached by hash, bounded in bytes). The cost
is computed with it, or once per distinct values of the variables a list size comes from; the
authorization filter once per distinct access a viewer has (signed in, the scopes the supergraph
names), kept with the text. The HTTP stages before this pipeline live in `endpoint.py`. Each stage
raises `RequestError` to refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLSchema, OperationType

from router.execution.executor import PlanExecutor
from router.execution.types import JSONObject
from router.planning import PlanningError
from router.planning.plan_nodes import QueryPlan
from router.server.access import ANONYMOUS, AccessRules, Identify
from router.server.authorization import Authorized, apply_denials, authorize, is_guarded
from router.server.config import FrontDoorConfig
from router.server.cost import CostDirectives, check_cost, estimate_cost, size_variables
from router.server.errors import RequestError
from router.server.execution import execute_operation
from router.server.introspection_policy import refuse_introspection
from router.server.limits import check_shape, measure_shape
from router.server.lru import LRU, digest
from router.server.normalisation import NormalisedOperation, normalise
from router.server.parsing import parse_operation
from router.server.persisted import PersistedOperations
from router.server.planning import PlanCache, Planner
from router.server.request import GraphQLRequest
from router.server.validation import validate_operation
from router.server.variables import coerce_variables

__all__ = ["Pipeline", "PlanExplainer", "PreparedOperation"]

PlanExplainer = Callable[[QueryPlan], JSONObject]
"""Turns a plan into the `extensions.queryPlan` value shown to developers."""

_CACHE_ENTRIES = 1000
# Measured with tracemalloc: graphql-core's AST with locations takes 50–125 bytes per character of
# text; the normalised copy shares its nodes.
_PREPARED_BYTES_PER_CHAR = 128


# Per prepared text: distinct variable values for its cost, distinct viewer access for its filter. Few in
# practice (page sizes, roles); the bound keeps a client cycling `first: $n` from growing them.
_PER_TEXT_ENTRIES = 64


@dataclass(frozen=True, slots=True)
class PreparedOperation:
    operation: NormalisedOperation
    # None when a list size comes from a variable: then `costs` by those variables' values.
    cost: int | None
    size_variables: tuple[str, ...] = ()
    # Whether any field, type or fragment condition has an `@authenticated`/`@requiresScopes` requirement.
    guarded: bool = False
    costs: dict[tuple[object, ...], int] = field(default_factory=dict)
    authorized: dict[object, Authorized] = field(default_factory=dict)


class Pipeline:
    def __init__(
        self,
        api_schema: GraphQLSchema,
        planner: Planner,
        executor: PlanExecutor,
        explain: PlanExplainer,
        *,
        config: FrontDoorConfig | None = None,
        cost_directives: CostDirectives | None = None,
        access_rules: AccessRules | None = None,
        identify: Identify | None = None,
        trusted_documents: dict[str, str] | None = None,
    ) -> None:
        self.api_schema = api_schema
        self.executor = executor
        self.config = config or FrontDoorConfig()
        # One byte budget, split between the three caches.
        share = self.config.cache_bytes // 3
        self.plans = PlanCache(planner, _CACHE_ENTRIES, share)
        self.persisted = PersistedOperations(apq=self.config.apq, trusted=trusted_documents, max_bytes=share)
        self._explain = explain
        self._cost_directives = cost_directives or CostDirectives()
        self._access_rules = access_rules or AccessRules()
        # Without a token verifier every viewer is anonymous: guarded fields are never shown.
        self._identify = identify or (lambda _authorization: ANONYMOUS)
        # Parsing and checking the same text again is wasted work: remember the outcome per text.
        self.prepared: LRU[PreparedOperation] = LRU(_CACHE_ENTRIES, share)

    async def run(
        self,
        request: GraphQLRequest,
        *,
        headers: Mapping[str, str],
        include_plan: bool = False,
        read_only: bool = False,
    ) -> JSONObject:
        """The GraphQL response for one request; refusals raise `RequestError`."""
        query = self.persisted.resolve(request)
        prepared = self.prepare_text(query, request.operation_name)
        operation = prepared.operation
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
        self._check_cost(prepared, variables)
        authorized = self._authorize(prepared, headers)
        plan = self._plan(authorized.operation)
        response = await execute_operation(
            self.api_schema, self.executor, authorized.operation, plan, variables, headers
        )
        if authorized.denials:
            apply_denials(response, authorized.denials)
        if include_plan:
            response.setdefault("extensions", {})["queryPlan"] = self._explain(plan)
        return response

    def prepare(
        self, request: GraphQLRequest, headers: Mapping[str, str] | None = None
    ) -> tuple[NormalisedOperation, dict[str, Any], QueryPlan]:
        """Every stage but execution (subscriptions run the plan themselves); raises `RequestError`.
        A subscription with anything its viewer may not see is refused whole, not filtered: each event
        would otherwise need the nulls put back."""
        prepared = self.prepare_text(self.persisted.resolve(request), request.operation_name)
        operation = prepared.operation
        variables = coerce_variables(self.api_schema, operation.operation, request.variables)
        self._check_cost(prepared, variables)
        authorized = self._authorize(prepared, headers or {})
        if authorized.denials:
            raise RequestError(
                403,
                [
                    {"message": d.message, "extensions": {"code": "UNAUTHORIZED_FIELD_OR_TYPE"}}
                    for d in authorized.denials
                ],
            )
        return operation, variables, self._plan(operation)

    def operation_of(self, request: GraphQLRequest) -> tuple[str, str | None]:
        """Kind and name of the operation a request ran ("unknown" when it never parsed); parses nothing."""
        try:
            query = self.persisted.resolve(request)
        except RequestError:
            return "unknown", request.operation_name
        prepared = self.prepared.get(digest(query, request.operation_name))
        if prepared is None:
            return "unknown", request.operation_name
        return prepared.operation.kind.value, prepared.operation.name

    def prepare_text(self, query: str, operation_name: str | None) -> PreparedOperation:
        """Parse, check and validate one text, once: the outcome is cached by the text's hash."""
        key = digest(query, operation_name)
        prepared = self.prepared.get(key)
        if prepared is None:
            prepared = self._prepare(query, operation_name)
            self.prepared.put(key, prepared, _PREPARED_BYTES_PER_CHAR * len(query))
        return prepared

    def _prepare(self, query: str, operation_name: str | None) -> PreparedOperation:
        limits = self.config.limits
        document = parse_operation(query, max_tokens=limits.max_tokens)
        operation = normalise(document, operation_name)
        check_shape(measure_shape(operation), limits)
        if not self.config.introspection:
            refuse_introspection(self.api_schema, document)
        validate_operation(self.api_schema, document)
        cost: int | None = None
        sizes = size_variables(operation, self._cost_directives)
        if not sizes:
            cost = estimate_cost(self.api_schema, self._cost_directives, operation, {}, limits)
            check_cost(cost, limits)
        guarded = is_guarded(self.api_schema, self._access_rules, operation)
        return PreparedOperation(operation, cost, sizes, guarded)

    def _check_cost(self, prepared: PreparedOperation, variables: dict[str, Any]) -> None:
        if prepared.cost is not None:
            return
        # A list size from a variable: estimated once per distinct values of those variables.
        limits = self.config.limits
        values = tuple(variables.get(name) for name in prepared.size_variables)
        cost = prepared.costs.get(values)
        if cost is None:
            cost = estimate_cost(self.api_schema, self._cost_directives, prepared.operation, variables, limits)
            if len(prepared.costs) >= _PER_TEXT_ENTRIES:
                prepared.costs.clear()
            prepared.costs[values] = cost
        check_cost(cost, limits)

    def _authorize(self, prepared: PreparedOperation, headers: Mapping[str, str]) -> Authorized:
        """The operation filtered for this viewer; the token is read only when some field asks."""
        if not prepared.guarded:
            return Authorized(prepared.operation)
        access = self._access_rules.relevant(self._identify(headers.get("authorization")))
        authorized = prepared.authorized.get(access)
        if authorized is None:
            authorized = authorize(self.api_schema, self._access_rules, prepared.operation, access)
            if len(prepared.authorized) >= _PER_TEXT_ENTRIES:
                prepared.authorized.clear()
            prepared.authorized[access] = authorized
        return authorized

    def _plan(self, operation: NormalisedOperation) -> QueryPlan:
        try:
            return self.plans.plan(operation)
        except PlanningError as exc:
            # A valid operation the planner cannot handle is the router's fault, not the client's.
            raise RequestError.single(
                500, f"The router could not plan this operation: {exc}", "QUERY_PLANNING_FAILED"
            ) from exc
