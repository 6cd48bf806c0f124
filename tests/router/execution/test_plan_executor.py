"""The executor walks hand-built plans against fake subgraphs and merges what they return."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable
from contextlib import AsyncExitStack
from typing import Any, Protocol

import pytest
from aiohttp import web
from graphql import parse

from router.execution.executor import PlanExecutor
from router.execution.fetcher import SubgraphFetcher
from router.execution.schema_info import PlainSchemaInfo, SchemaInfo
from router.planning.batching import batch_fetch
from router.planning.plan_nodes import (
    ConditionNode,
    FetchNode,
    FlattenNode,
    ParallelNode,
    QueryPlan,
    SequenceNode,
    TypenameRewrite,
)
from tests.router.execution.fake_subgraphs import serve

SUBGRAPHS = ("items", "users")
ENTITIES_QUERY = "query($representations:[_Any!]!){_entities(representations:$representations){...on User{nickname}}}"


def fetch(service: str, operation: str, *, requires: str | None = None, usages: tuple[str, ...] = ()) -> FetchNode:
    return FetchNode(
        service_name=service,
        operation_kind="query",
        operation=operation,
        document=parse(operation),
        variable_usages=usages,
        requires=parse(f"{{ {requires} }}").definitions[0].selection_set if requires else None,  # type: ignore[attr-defined]
    )


class FakeSubgraphs:
    """Answers per subgraph (first path segment) with a function of the request body; records every request."""

    def __init__(self, handlers: dict[str, Any], delay: float = 0.0) -> None:
        self.handlers = handlers
        self.delay = delay
        self.requests: list[tuple[str, dict[str, Any], Any]] = []

    async def __call__(self, request: web.BaseRequest) -> web.Response:
        body = json.loads(await request.read())
        name = request.path.split("/")[1]
        self.requests.append((name, body, request.headers))
        if self.delay:
            await asyncio.sleep(self.delay)
        return web.json_response(self.handlers[name](body))


class ExecutorFor(Protocol):
    def __call__(self, fakes: FakeSubgraphs, *, schema_info: SchemaInfo | None = None) -> Awaitable[PlanExecutor]: ...


@pytest.fixture
async def executor_for() -> AsyncIterator[ExecutorFor]:
    """Serves the fakes on a loopback port and gives an executor whose fetcher talks to them."""
    async with AsyncExitStack() as stack:

        async def make(fakes: FakeSubgraphs, *, schema_info: SchemaInfo | None = None) -> PlanExecutor:
            origin = await stack.enter_async_context(serve(fakes))
            fetcher = SubgraphFetcher({name: f"{origin}/{name}/graphql" for name in SUBGRAPHS})
            stack.push_async_callback(fetcher.aclose)
            return PlanExecutor(fetcher, schema_info=schema_info)

        yield make


USERS = {"1": "당근이", "2": "감자"}


def users_entities(body: dict[str, Any]) -> dict[str, Any]:
    reps = body["variables"]["representations"]
    return {"data": {"_entities": [{"nickname": USERS[r["id"]]} if r["id"] in USERS else None for r in reps]}}


async def test_entity_fetch_sends_each_representation_once_and_merges_in_place(executor_for: ExecutorFor) -> None:
    items = [
        {"id": "a", "seller": {"__typename": "User", "id": "1"}},
        {"id": "b", "seller": {"__typename": "User", "id": "2"}},
        {"id": "c", "seller": {"__typename": "User", "id": "1"}},
    ]
    fakes = FakeSubgraphs({"items": lambda body: {"data": {"items": items}}, "users": users_entities})
    plan = QueryPlan(
        node=SequenceNode(
            nodes=(
                fetch("items", "{items{id seller{__typename id}}}"),
                FlattenNode(
                    path=("items", "@", "seller"),
                    node=fetch("users", ENTITIES_QUERY, requires="... on User { __typename id }"),
                ),
            )
        )
    )
    result = await (await executor_for(fakes)).execute(plan, {})
    assert result.errors == []
    assert [i["seller"]["nickname"] for i in result.data["items"]] == ["당근이", "감자", "당근이"]
    sent = fakes.requests[1][1]["variables"]["representations"]
    assert sent == [{"__typename": "User", "id": "1"}, {"__typename": "User", "id": "2"}]


async def test_missing_entity_leaves_fields_absent_and_others_merge(executor_for: ExecutorFor) -> None:
    items = [{"seller": {"__typename": "User", "id": "9"}}, {"seller": {"__typename": "User", "id": "2"}}]
    fakes = FakeSubgraphs({"items": lambda body: {"data": {"items": items}}, "users": users_entities})
    plan = QueryPlan(
        node=SequenceNode(
            nodes=(
                fetch("items", "{items{seller{__typename id}}}"),
                FlattenNode(
                    path=("items", "@", "seller"),
                    node=fetch("users", ENTITIES_QUERY, requires="... on User { __typename id }"),
                ),
            )
        )
    )
    result = await (await executor_for(fakes)).execute(plan, {})
    assert "nickname" not in result.data["items"][0]["seller"]
    assert result.data["items"][1]["seller"]["nickname"] == "감자"


async def test_entity_errors_are_repathed_to_the_client_path(executor_for: ExecutorFor) -> None:
    items = [{"seller": {"__typename": "User", "id": "1"}}, {"seller": {"__typename": "User", "id": "2"}}]

    def failing_users(body: dict[str, Any]) -> dict[str, Any]:
        return {
            "data": {"_entities": [{"nickname": "당근이"}, None]},
            "errors": [{"message": "boom", "path": ["_entities", 1, "nickname"]}],
        }

    fakes = FakeSubgraphs({"items": lambda body: {"data": {"items": items}}, "users": failing_users})
    plan = QueryPlan(
        node=SequenceNode(
            nodes=(
                fetch("items", "{items{seller{__typename id}}}"),
                FlattenNode(
                    path=("items", "@", "seller"),
                    node=fetch("users", ENTITIES_QUERY, requires="... on User { __typename id }"),
                ),
            )
        )
    )
    result = await (await executor_for(fakes)).execute(plan, {})
    assert result.errors == [
        {
            "message": "boom",
            "path": ["items", 1, "seller", "nickname"],
            "extensions": {"code": "DOWNSTREAM_SERVICE_ERROR", "serviceName": "users"},
        }
    ]


async def test_a_batch_sends_its_entity_fetches_as_one_request_and_merges_each_at_its_path(
    executor_for: ExecutorFor,
) -> None:
    items = [{"seller": {"__typename": "User", "id": "1"}, "buyer": {"__typename": "User", "id": "2"}}]

    def batched_users(body: dict[str, Any]) -> dict[str, Any]:
        sellers, buyers = body["variables"]["__batch_reps_0"], body["variables"]["__batch_reps_1"]
        return {
            "data": {"_e0": [{"nickname": USERS[r["id"]]} for r in sellers], "_e1": [None for _ in buyers]},
            "errors": [{"message": "no buyers today", "path": ["_e1", 0, "nickname"]}],
        }

    def users_at(path: tuple[str, ...]) -> FlattenNode:
        return FlattenNode(path=path, node=fetch("users", ENTITIES_QUERY, requires="... on User { __typename id }"))

    fakes = FakeSubgraphs({"items": lambda body: {"data": {"items": items}}, "users": batched_users})
    batch = batch_fetch([users_at(("items", "@", "seller")), users_at(("items", "@", "buyer"))])
    plan = QueryPlan(
        node=SequenceNode(nodes=(fetch("items", "{items{seller{__typename id}buyer{__typename id}}}"), batch))
    )
    result = await (await executor_for(fakes)).execute(plan, {})
    assert [name for name, _, _ in fakes.requests] == ["items", "users"]
    assert result.data["items"][0]["seller"]["nickname"] == "당근이"
    assert "nickname" not in result.data["items"][0]["buyer"]
    assert result.errors == [
        {
            "message": "no buyers today",
            "path": ["items", 0, "buyer", "nickname"],
            "extensions": {"code": "DOWNSTREAM_SERVICE_ERROR", "serviceName": "users"},
        }
    ]


async def test_parallel_fetches_run_concurrently(executor_for: ExecutorFor) -> None:
    fakes = FakeSubgraphs(
        {"items": lambda body: {"data": {"a": 1}}, "users": lambda body: {"data": {"b": 2}}}, delay=0.3
    )
    plan = QueryPlan(node=ParallelNode(nodes=(fetch("items", "{a}"), fetch("users", "{b}"))))
    started = time.perf_counter()
    result = await (await executor_for(fakes)).execute(plan, {})
    assert time.perf_counter() - started < 0.55
    assert result.data == {"a": 1, "b": 2}


async def test_condition_picks_a_branch_by_variable_and_only_used_variables_are_sent(executor_for: ExecutorFor) -> None:
    fakes = FakeSubgraphs({"items": lambda body: {"data": {"x": body["variables"]}}, "users": lambda b: {"data": {}}})
    plan = QueryPlan(
        node=ConditionNode(
            condition="withX",
            if_clause=fetch("items", "query($first:Int){x(first:$first)}", usages=("first",)),
            else_clause=None,
        )
    )
    executor = await executor_for(fakes)
    skipped = await executor.execute(plan, {"withX": False, "first": 3})
    assert skipped.data == {} and fakes.requests == []
    taken = await executor.execute(plan, {"withX": True, "first": 3, "other": 1})
    assert taken.data == {"x": {"first": 3}}


async def test_headers_are_forwarded_to_subgraphs(executor_for: ExecutorFor) -> None:
    fakes = FakeSubgraphs({"items": lambda body: {"data": {"a": 1}}})
    await (await executor_for(fakes)).execute(
        QueryPlan(node=fetch("items", "{a}")), {}, headers={"authorization": "Bearer t0k"}
    )
    assert fakes.requests[0][2]["authorization"] == "Bearer t0k"


async def test_wrong_number_of_entities_is_an_error_naming_the_subgraph(executor_for: ExecutorFor) -> None:
    fakes = FakeSubgraphs(
        {
            "items": lambda body: {"data": {"item": {"seller": {"__typename": "User", "id": "1"}}}},
            "users": lambda body: {"data": {"_entities": []}},
        }
    )
    plan = QueryPlan(
        node=SequenceNode(
            nodes=(
                fetch("items", "{item{seller{__typename id}}}"),
                FlattenNode(
                    path=("item", "seller"),
                    node=fetch("users", ENTITIES_QUERY, requires="... on User { __typename id }"),
                ),
            )
        )
    )
    result = await (await executor_for(fakes)).execute(plan, {})
    assert result.errors[0]["extensions"]["serviceName"] == "users"
    assert "users" in result.errors[0]["message"]


async def test_input_rewrites_rename_the_typename_sent_and_keep_the_concrete_one(executor_for: ExecutorFor) -> None:
    library = [{"__typename": "Book", "id": "b1"}, {"__typename": "Movie", "id": "m1"}]

    def ratings(body: dict[str, Any]) -> dict[str, Any]:
        reps = body["variables"]["representations"]
        return {"data": {"_entities": [{"__typename": r["__typename"], "rating": 5} for r in reps]}}

    fakes = FakeSubgraphs({"items": lambda body: {"data": {"library": library}}, "users": ratings})
    entity_fetch = FetchNode(
        service_name="users",
        operation_kind="query",
        operation="query($representations:[_Any!]!){_entities(representations:$representations){...on Media{rating}}}",
        document=parse("{ a }"),
        requires=parse("{ ... on Book { __typename id } ... on Movie { __typename id } }").definitions[0].selection_set,  # type: ignore[attr-defined]
        input_rewrites=(
            TypenameRewrite(type_condition="Book", set_to="Media"),
            TypenameRewrite(type_condition="Movie", set_to="Media"),
        ),
    )
    plan = QueryPlan(
        node=SequenceNode(
            nodes=(fetch("items", "{library{__typename id}}"), FlattenNode(path=("library", "@"), node=entity_fetch))
        )
    )
    executor = await executor_for(fakes, schema_info=MediaIsAnInterface())
    result = await executor.execute(plan, {})
    assert fakes.requests[1][1]["variables"]["representations"] == [
        {"__typename": "Media", "id": "b1"},
        {"__typename": "Media", "id": "m1"},
    ]
    assert result.data["library"] == [
        {"__typename": "Book", "id": "b1", "rating": 5},
        {"__typename": "Movie", "id": "m1", "rating": 5},
    ]


class MediaIsAnInterface(PlainSchemaInfo):
    def is_object_type(self, typename: str) -> bool:
        return typename != "Media"
