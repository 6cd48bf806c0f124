"""The executor loop of one subscription: the subgraph's event stream, and for each event the rest of the plan.

The primary fetch opens a graphql-transport-ws stream on the subgraph that owns the root field. Each event
is the data of that field; the fields other subgraphs own are completed by the ordinary executor (entity
fetches, batched per event) and projected to the client's selection, exactly as a query's response is.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass

from graphql import OperationType

from router.execution.fetcher import SubgraphFetcher
from router.execution.types import JSONObject
from router.planning.plan_nodes import QueryPlan, SubscriptionNode
from router.server.errors import RequestError
from router.server.execution import execute_operation
from router.server.request import GraphQLRequest
from router.server.serving import ServingSupergraph
from router.subscriptions.carry_over import Prepared, carry_over
from router.subscriptions.errors import (
    SUPERGRAPH_CHANGED,
    StreamLost,
    error_response,
    stream_lost_error,
)
from router.subscriptions.limits import SubscriptionLimits
from router.subscriptions.transports.subgraph_ws import subgraph_stream

__all__ = ["NotASubscription", "SubscriptionGateway"]


class NotASubscription(Exception):
    """The request is a query or mutation: the ordinary HTTP pipeline serves it."""


# How often an idle subscription looks whether the supergraph it started on is still the one served.
SUPERGRAPH_CHECK_SECONDS = 1.0
_END = object()


@dataclass
class SubscriptionGateway:
    serving: ServingSupergraph
    fetcher: SubgraphFetcher
    limits: SubscriptionLimits
    choose: Callable[[list[str]], str] = random.choice

    def open(self, request: GraphQLRequest, headers: Mapping[str, str]) -> AsyncIterator[JSONObject]:
        """Prepare now (raises `RequestError` for a bad operation, `NotASubscription` for a query), then the
        responses, one per event; the last one is an error when the stream or the supergraph ended it."""
        served = self.serving.current
        if served is None:
            raise RequestError.single(503, "The router has no supergraph yet: see /ready.", "SERVICE_UNAVAILABLE")
        pipeline = served.pipeline
        operation, variables, plan = pipeline.prepare(request, headers)
        if operation.kind is not OperationType.SUBSCRIPTION:
            raise NotASubscription
        prepared = Prepared(pipeline, operation, variables, plan)
        return self._events(request, prepared, headers, self.serving.generation)

    async def _events(
        self, request: GraphQLRequest, prepared: Prepared, headers: Mapping[str, str], generation: int
    ) -> AsyncIterator[JSONObject]:
        node = prepared.plan.node
        assert isinstance(node, SubscriptionNode), "the planner gives every subscription a Subscription node"
        variables = prepared.variables
        primary = node.primary
        urls = self.fetcher.urls(primary.service_name)
        if not urls:
            yield stream_lost_error(StreamLost(primary.service_name, "no instance is known"))
            return
        rest = QueryPlan(node=node.rest)
        stream = subgraph_stream(
            primary.service_name,
            self.choose(urls),
            primary.operation,
            {name: variables[name] for name in primary.variable_usages if name in variables},
            operation_name=primary.operation_name,
            headers=headers,
        )
        # The stream is read by its own task, so an idle subscription still notices a supergraph change.
        events: asyncio.Queue[object] = asyncio.Queue(maxsize=100)
        pump = asyncio.create_task(_pump(stream, events))
        try:
            while True:
                try:
                    event = await asyncio.wait_for(events.get(), SUPERGRAPH_CHECK_SECONDS)
                except TimeoutError:
                    event = None
                if self.serving.generation != generation:
                    generation = self.serving.generation
                    served = self.serving.current
                    carried = carry_over(request, headers, prepared, served.pipeline) if served is not None else None
                    if carried is None:
                        yield _supergraph_changed()
                        return
                    # Same plan, same fields: the stream stays open and the new executor completes the events.
                    prepared = carried
                if event is None:
                    continue
                if event is _END:
                    return
                if isinstance(event, StreamLost):
                    yield stream_lost_error(event)
                    return
                assert isinstance(event, dict)
                pipeline = prepared.pipeline
                yield await execute_operation(
                    pipeline.api_schema,
                    pipeline.executor,
                    prepared.operation,
                    rest,
                    prepared.variables,
                    headers,
                    event=event,
                )
        finally:
            pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pump


async def _pump(stream: AsyncIterator[JSONObject], events: asyncio.Queue[object]) -> None:
    try:
        async for event in stream:
            await events.put(event)
        await events.put(_END)
    except StreamLost as lost:
        await events.put(lost)
    finally:
        await stream.aclose()  # type: ignore[attr-defined]


def _supergraph_changed() -> JSONObject:
    return error_response(
        "The supergraph changed under this subscription (a subgraph or field it uses); subscribe again.",
        SUPERGRAPH_CHANGED,
    )
