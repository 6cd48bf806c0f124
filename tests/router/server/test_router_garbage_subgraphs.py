"""Whatever a subgraph sends back, the client gets a GraphQL answer naming it, never a 500."""

from __future__ import annotations

import json

import httpx
import pytest
from aiohttp import web

from router.execution.executor import PlanExecutor
from router.execution.fetcher import SubgraphFetcher
from router.execution.schema_info import SupergraphSchemaInfo
from router.planning import QueryPlanner
from router.server.app import build_app
from router.server.bootstrap import explain_plan
from router.server.pipeline import Pipeline
from router.server.serving import Served, ServingSupergraph
from router.supergraph import Supergraph
from tests.router.execution.fake_subgraphs import serve

GOOD_ITEMS = {"data": {"items": [{"title": "자전거"}]}}

GARBAGE = {
    "html": (502, b"<html><body>Bad Gateway</body></html>"),
    "truncated json": (200, b'{"data": {"me": {"nick'),
    "json list": (200, b"[1, 2, 3]"),
    "data is a number": (200, b'{"data": 5}'),
    "errors is a string": (200, b'{"errors": "boom"}'),
    "error without message": (200, b'{"data": null, "errors": [{"path": ["me"]}]}'),
    "error that is a string": (200, b'{"data": null, "errors": ["boom"]}'),
    "wrong field types": (200, b'{"data": {"me": {"nickname": {"deep": [1]}}}}'),
    "me is a list": (200, b'{"data": {"me": [1, 2]}}'),
    "empty body": (200, b""),
    "not utf-8": (200, b"\xff\xfe{"),
    "server error with graphql body": (500, b'{"errors": [{"message": "database down"}]}'),
}


@pytest.mark.parametrize("name", GARBAGE)
async def test_garbage_from_one_subgraph_is_a_graphql_answer(name: str, supergraph_sdl: str) -> None:
    status, body = GARBAGE[name]

    async def answer(request: web.BaseRequest) -> web.Response:
        if request.path == "/users":
            return web.Response(status=status, body=body)
        return web.json_response(GOOD_ITEMS)

    supergraph = Supergraph.from_sdl(supergraph_sdl)
    async with serve(answer) as origin:
        fetcher = SubgraphFetcher({n: f"{origin}/{n}" for n in supergraph.subgraph_names})
        executor = PlanExecutor(fetcher, schema_info=SupergraphSchemaInfo(supergraph))
        pipeline = Pipeline(supergraph.api_schema, QueryPlanner(supergraph), executor, explain_plan)
        app = build_app(ServingSupergraph.serving(Served.of(pipeline, supergraph_sdl)), pipeline.executor.fetcher)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://router") as client:
            response = await client.post("/graphql", json={"query": "{ me { nickname } items { title } }"})
        await fetcher.aclose()
    assert response.status_code == 200
    result = response.json()
    assert result["data"]["items"] == [{"title": "자전거"}]
    assert result["data"]["me"] is None or isinstance(result["data"]["me"], dict)
    problems = result.get("errors", []) + (result.get("extensions") or {}).get("valueCompletion", [])
    assert problems, json.dumps(result)
    assert all(isinstance(p["message"], str) and p["message"] for p in problems)
