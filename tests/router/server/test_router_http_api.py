"""The /graphql endpoint and the side routes, as a frontend developer meets them."""

from __future__ import annotations

import re
import socket
from collections.abc import AsyncIterator

import httpx
import pytest
from graphql import build_client_schema, get_introspection_query, print_schema

from router.execution.policy import FetchPolicy
from router.server import create_app


@pytest.fixture
async def client(supergraph_sdl: str) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(supergraph_sdl, policy=FetchPolicy(timeout=5))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://router") as client,
    ):
        yield client


async def test_ping_answers_typename_exactly(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "query ping { __typename }"})
    assert response.status_code == 200
    assert response.content == b'{"data":{"__typename":"Query"}}'


async def test_query_across_subgraphs(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ me { nickname } items { title } }"})
    assert response.json() == {
        "data": {"me": {"nickname": "당근이"}, "items": [{"title": "자전거"}, {"title": "우산"}]}
    }


async def test_get_runs_queries_from_the_query_string(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/graphql", params={"query": "query($id: ID!) { item(id: $id) { title } }", "variables": '{"id": "i2"}'}
    )
    assert response.json() == {"data": {"item": {"title": "우산"}}}


GRAPHQL_RESPONSE = {"accept": "application/graphql-response+json"}


async def test_syntax_error_is_a_400_parse_failure(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ me { "}, headers=GRAPHQL_RESPONSE)
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_PARSE_FAILED" and "locations" in error


async def test_unknown_field_is_a_400_validation_failure(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ me { email } }"}, headers=GRAPHQL_RESPONSE)
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "email" in error["message"]


async def test_wrong_variable_type_is_bad_user_input(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        json={"query": "query($id: ID!) { item(id: $id) { title } }", "variables": {"id": None}},
        headers=GRAPHQL_RESPONSE,
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_missing_query_is_a_bad_request(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"variables": {}})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_browser_get_shows_graphiql(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"accept": "text/html,application/xhtml+xml"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower() and 'url: "/graphql"' in response.text
    assert "x-gamja-query-plan" in response.text


async def test_introspection_is_answered_from_the_api_schema(client: httpx.AsyncClient) -> None:
    query = '{ __schema { queryType { name } } t: __type(name: "Item") { fields { name } } me { id } }'
    response = await client.post("/graphql", json={"query": query})
    assert response.json() == {
        "data": {
            "__schema": {"queryType": {"name": "Query"}},
            "t": {"fields": [{"name": "id"}, {"name": "title"}, {"name": "price"}]},
            "me": {"id": "u1"},
        }
    }


async def test_plan_is_shown_on_request(client: httpx.AsyncClient) -> None:
    query = "{ me { nickname } items { title } }"
    plain = await client.post("/graphql", json={"query": query})
    assert "extensions" not in plain.json()
    explained = await client.post("/graphql", json={"query": query}, headers={"x-gamja-query-plan": "true"})
    plan = explained.json()["extensions"]["queryPlan"]
    assert "users" in plan["text"] and "items" in plan["text"]
    assert isinstance(plan["json"], dict)


async def test_health_and_schema_routes(client: httpx.AsyncClient, supergraph_sdl: str) -> None:
    assert (await client.get("/health")).json() == {"status": "ok"}
    schema = (await client.get("/schema.graphql")).text
    assert "type Item" in schema and "join__" not in schema
    assert (await client.get("/supergraph.graphql")).text == supergraph_sdl


async def test_down_subgraph_gives_partial_data_and_an_error_naming_it(supergraph_sdl: str) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/items"
    broken = re.sub(r'http://[^"]+/items"', closed + '"', supergraph_sdl)
    app = create_app(broken, policy=FetchPolicy(timeout=2))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://router") as client,
    ):
        response = await client.post("/graphql", json={"query": '{ me { nickname } item(id: "i1") { title } }'})
    body = response.json()
    assert response.status_code == 200
    assert body["data"] == {"me": {"nickname": "당근이"}, "item": None}
    assert body["errors"][0]["extensions"] == {"code": "SUBGRAPH_UNREACHABLE", "serviceName": "items"}


async def test_introspection_inside_root_fragments(client: httpx.AsyncClient) -> None:
    query = """
      query Q($skipType: Boolean!) {
        ... on Query { __type(name: "Item") { name } }
        ... @skip(if: $skipType) { skipped: __type(name: "User") { name } }
        ...Schema
        me { id }
      }
      fragment Schema on Query { __schema { queryType { name } } }
    """
    response = await client.post("/graphql", json={"query": query, "variables": {"skipType": True}})
    assert response.json() == {
        "data": {"__type": {"name": "Item"}, "__schema": {"queryType": {"name": "Query"}}, "me": {"id": "u1"}}
    }


async def test_browsers_on_other_origins_may_call_the_api(client: httpx.AsyncClient) -> None:
    preflight = await client.options(
        "/graphql",
        headers={
            "origin": "http://localhost:3000",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type, authorization",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] in ("*", "http://localhost:3000")
    response = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"origin": "http://localhost:3000"}
    )
    assert response.headers["access-control-allow-origin"] in ("*", "http://localhost:3000")


async def test_full_introspection_query_rebuilds_the_api_schema(client: httpx.AsyncClient) -> None:
    """What GraphiQL and codegen send: the answer must describe exactly /schema.graphql."""
    response = await client.post("/graphql", json={"query": get_introspection_query(descriptions=True)})
    body = response.json()
    assert "errors" not in body
    rebuilt = print_schema(build_client_schema(body["data"]))
    assert rebuilt == (await client.get("/schema.graphql")).text
