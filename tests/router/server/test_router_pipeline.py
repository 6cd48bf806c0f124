"""Pipeline behaviour that needs a look inside: header forwarding, plan cache, GET rules."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from aiohttp import web
from scenario_loader import Scenario

from router.execution.executor import PlanExecutor
from router.execution.fetcher import SubgraphFetcher
from router.execution.schema_info import SupergraphSchemaInfo
from router.planning import QueryPlanner
from router.planning.plan_nodes import QueryPlan
from router.server.app import build_app
from router.server.bootstrap import explain_plan
from router.server.pipeline import Pipeline
from router.server.serve import serve as serve_router
from router.server.serving import Served, ServingSupergraph
from router.supergraph import Supergraph
from tests.router.execution.fake_subgraphs import serve


@dataclass
class Sent:
    headers: Mapping[str, str]
    body: dict[str, Any]


@dataclass
class Recorder:
    """Stands in for the subgraphs: answers `me` and records what the router sent."""

    requests: list[Sent] = field(default_factory=list)

    async def __call__(self, request: web.BaseRequest) -> web.Response:
        body = json.loads(await request.read())
        self.requests.append(Sent(request.headers, body))
        if "createItem" in body["query"]:
            return web.json_response({"data": {"createItem": {"id": "x"}}})
        return web.json_response({"data": {"me": {"nickname": "당근이"}}})


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
async def pipeline(supergraph_sdl: str, recorder: Recorder) -> AsyncIterator[Pipeline]:
    supergraph = Supergraph.from_sdl(supergraph_sdl)
    async with serve(recorder) as origin:
        fetcher = SubgraphFetcher({name: f"{origin}/{name}" for name in supergraph.subgraph_names})
        executor = PlanExecutor(fetcher, schema_info=SupergraphSchemaInfo(supergraph))
        yield Pipeline(supergraph.api_schema, QueryPlanner(supergraph), executor, explain_plan)
        await fetcher.aclose()


@pytest.fixture
async def client(pipeline: Pipeline, supergraph_sdl: str) -> AsyncIterator[httpx.AsyncClient]:
    app = build_app(ServingSupergraph.serving(Served.of(pipeline, supergraph_sdl)), pipeline.executor.fetcher)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://router") as client:
        yield client


async def test_authorization_is_forwarded_and_other_headers_are_not(
    client: httpx.AsyncClient, recorder: Recorder
) -> None:
    response = await client.post(
        "/graphql",
        json={"query": "{ me { nickname } }"},
        headers={"authorization": "Bearer abc", "cookie": "session=1"},
    )
    assert response.json() == {"data": {"me": {"nickname": "당근이"}}}
    [sent] = recorder.requests
    assert sent.headers["authorization"] == "Bearer abc"
    assert "cookie" not in sent.headers


async def test_client_address_is_appended_to_x_forwarded_for(client: httpx.AsyncClient, recorder: Recorder) -> None:
    query = {"query": "{ me { nickname } }"}
    await client.post("/graphql", json=query)
    await client.post("/graphql", json=query, headers={"x-forwarded-for": "203.0.113.7, 198.51.100.2"})
    # httpx's ASGI transport presents the client as 127.0.0.1.
    assert [sent.headers["x-forwarded-for"] for sent in recorder.requests] == [
        "127.0.0.1",
        "203.0.113.7, 198.51.100.2, 127.0.0.1",
    ]


async def test_a_client_cannot_choose_the_last_forwarded_address(scenario: Scenario, recorder: Recorder) -> None:
    """Over a real socket: a forged X-Forwarded-For stays in front of the address the router saw."""
    async with serve(recorder) as origin:
        port = free_port()
        router = asyncio.create_task(serve_router(scenario.supergraph_sdl(origin), port=port, log_level="warning"))
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
                await wait_until_healthy(http)
                response = await http.post(
                    "/graphql", json={"query": "{ me { nickname } }"}, headers={"x-forwarded-for": "10.9.8.7"}
                )
        finally:
            router.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await router
    assert response.json() == {"data": {"me": {"nickname": "당근이"}}}
    [sent] = recorder.requests
    assert sent.headers["x-forwarded-for"] == "10.9.8.7, 127.0.0.1"


async def wait_until_healthy(http: httpx.AsyncClient) -> None:
    for _ in range(100):
        try:
            if (await http.get("/health")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.05)
    raise AssertionError("the router did not start")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_plans_are_cached_per_normalised_operation(client: httpx.AsyncClient, pipeline: Pipeline) -> None:
    bodies = [
        {"query": "{ me { nickname } }"},
        {"query": "# same operation\n{\n  me {\n    nickname\n  }\n}"},
        {"query": "query A { me { nickname } }"},
        {"query": "query A { me { nickname } } query B { me { id } }", "operationName": "A"},
    ]
    for body in bodies:
        assert (await client.post("/graphql", json=body)).status_code == 200
    assert len(pipeline.plans) == 2


async def test_get_refuses_mutations(client: httpx.AsyncClient, recorder: Recorder) -> None:
    response = await client.get(
        "/graphql",
        params={"query": "mutation { __typename }"},
        headers={"accept": "application/graphql-response+json"},
    )
    assert response.status_code in (400, 405)
    assert recorder.requests == []


async def test_operation_name_must_exist(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "query A { __typename }", "operationName": "B"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "OPERATION_RESOLUTION_FAILURE"


class BrokenPlanner:
    def plan(self, document: object, operation_name: str | None) -> QueryPlan:
        raise RuntimeError("bug")


async def test_a_router_bug_is_a_500_with_a_graphql_error(pipeline: Pipeline, supergraph_sdl: str) -> None:
    broken = Pipeline(pipeline.api_schema, BrokenPlanner(), pipeline.executor, explain_plan)
    app = build_app(ServingSupergraph.serving(Served.of(broken, supergraph_sdl)), broken.executor.fetcher)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://router") as client:
        response = await client.post("/graphql", json={"query": "{ me { nickname } }"})
    assert response.status_code == 500
    assert response.json()["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
