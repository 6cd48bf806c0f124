"""GraphQL over HTTP at the front door, over a real socket: media types, status codes, compression,
CSRF, CORS, request ids, and what the production switch closes."""

from __future__ import annotations

import json
import logging

import brotli
import httpx
import pytest

GRAPHQL_RESPONSE = "application/graphql-response+json"
PING = {"query": "{ __typename }"}


def test_answers_in_graphql_response_json_when_accepted(router_url: str) -> None:
    response = httpx.post(f"{router_url}/graphql", json=PING, headers={"accept": GRAPHQL_RESPONSE})
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    assert response.json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize("accept", [None, "*/*", "application/json", "application/*"])
def test_answers_in_json_otherwise(router_url: str, accept: str | None) -> None:
    headers = {"accept": accept} if accept else {}
    response = httpx.post(f"{router_url}/graphql", json=PING, headers=headers)
    assert response.headers["content-type"] == "application/json; charset=utf-8"


def test_prefers_the_spec_media_type_when_both_are_accepted(router_url: str) -> None:
    accept = f"application/json;q=0.9, {GRAPHQL_RESPONSE}"
    response = httpx.post(f"{router_url}/graphql", json=PING, headers={"accept": accept})
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)


def test_an_accept_the_router_cannot_serve_is_406(router_url: str) -> None:
    response = httpx.post(f"{router_url}/graphql", json=PING, headers={"accept": "application/xml"})
    assert response.status_code == 406
    assert response.json()["errors"][0]["extensions"]["code"] == "NOT_ACCEPTABLE"


@pytest.mark.parametrize(
    ("accept", "status"), [(GRAPHQL_RESPONSE, 400), ("application/json", 200)], ids=["graphql-response", "json"]
)
def test_status_codes_of_document_errors_follow_the_media_type(router_url: str, accept: str, status: int) -> None:
    for query in ("{ me { ", "{ me { email } }"):
        response = httpx.post(f"{router_url}/graphql", json={"query": query}, headers={"accept": accept})
        assert response.status_code == status
        assert "data" not in response.json()


def test_a_request_that_is_not_graphql_is_400_in_both_media_types(router_url: str) -> None:
    for accept in (GRAPHQL_RESPONSE, "application/json"):
        response = httpx.post(f"{router_url}/graphql", json={"query": 1}, headers={"accept": accept})
        assert response.status_code == 400


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_large_answers_are_compressed_for_clients_that_ask(router_url: str, encoding: str) -> None:
    query = {"query": "{ __schema { types { name description fields { name description } } } }"}
    with httpx.Client() as client:
        response = client.post(f"{router_url}/graphql", json=query, headers={"accept-encoding": encoding})
        assert response.headers["content-encoding"] == encoding
        assert response.json()["data"]["__schema"]["types"]
        raw = client.post(f"{router_url}/graphql", json=query, headers={"accept-encoding": "identity"})
    assert "content-encoding" not in raw.headers
    assert int(response.headers["content-length"]) < len(raw.content) / 3


def test_brotli_is_real_brotli(router_url: str) -> None:
    query = json.dumps({"query": "{ __schema { types { name fields { name } } } }"}).encode()
    with httpx.Client() as client:
        request = client.build_request(
            "POST",
            f"{router_url}/graphql",
            content=query,
            headers={"content-type": "application/json", "accept-encoding": "br"},
        )
        response = client.send(request, stream=True)
        compressed = b"".join(response.iter_raw())
    assert json.loads(brotli.decompress(compressed))["data"]["__schema"]


@pytest.mark.parametrize(
    "content_type", [None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]
)
def test_simple_cross_site_posts_are_refused_before_anything_runs(router_url: str, content_type: str | None) -> None:
    """The form a hostile page can send without a CORS preflight: refused, not executed."""
    headers = {"content-type": content_type} if content_type else {}
    body = json.dumps({"query": "{ me { nickname } }"})
    response = httpx.post(f"{router_url}/graphql", content=body, headers=headers)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "CSRF_PREVENTION"


def test_a_preflight_header_lets_a_non_json_post_through_to_the_media_type_check(router_url: str) -> None:
    response = httpx.post(
        f"{router_url}/graphql",
        content=json.dumps(PING),
        headers={"content-type": "text/plain", "apollo-require-preflight": "true"},
    )
    assert response.status_code == 415
    assert response.json()["errors"][0]["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"


def test_cors_allows_localhost_dev_origins_and_no_others(router_url: str) -> None:
    preflight = {"access-control-request-method": "POST", "access-control-request-headers": "content-type"}
    allowed = httpx.options(f"{router_url}/graphql", headers={"origin": "http://localhost:5173", **preflight})
    assert allowed.headers["access-control-allow-origin"] == "http://localhost:5173"
    refused = httpx.options(f"{router_url}/graphql", headers={"origin": "https://evil.example", **preflight})
    assert "access-control-allow-origin" not in refused.headers
    answer = httpx.post(f"{router_url}/graphql", json=PING, headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in answer.headers


def test_every_answer_has_a_request_id_and_errors_name_it(router_url: str) -> None:
    fine = httpx.post(f"{router_url}/graphql", json=PING)
    assert fine.headers["x-request-id"] and "extensions" not in fine.json()
    failed = httpx.post(f"{router_url}/graphql", json={"query": "{ nope }"})
    assert failed.json()["extensions"]["requestId"] == failed.headers["x-request-id"] != fine.headers["x-request-id"]


def test_subgraph_failures_name_no_internal_url_and_the_log_has_them(
    supergraph_sdl: str, caplog: pytest.LogCaptureFixture
) -> None:
    from router.server import create_app
    from tests.router.server.conftest import serve_app

    broken = supergraph_sdl.replace("http://127.0.0.1", "http://127.0.0.1:1", 1)
    with caplog.at_level(logging.WARNING, logger="router.errors"), serve_app(create_app(broken)) as origin:
        response = httpx.post(f"{origin}/graphql", json={"query": "{ me { nickname } items { title } }"})
    body = response.json()
    [error] = body["errors"]
    assert error["extensions"]["code"] == "SUBGRAPH_UNREACHABLE"
    assert "http" not in error["message"] and "Error" not in error["message"]
    logged = [r.getMessage() for r in caplog.records if body["extensions"]["requestId"] in r.getMessage()]
    assert logged and "http://127.0.0.1:1" in logged[0]


def test_development_exposes_introspection_supergraph_and_plans(router_url: str) -> None:
    assert httpx.get(f"{router_url}/supergraph.graphql").status_code == 200
    explained = httpx.post(
        f"{router_url}/graphql", json={"query": "{ me { id } }"}, headers={"x-gamja-query-plan": "true"}
    )
    assert "queryPlan" in explained.json()["extensions"]
    introspection = httpx.post(f"{router_url}/graphql", json={"query": "{ __schema { queryType { name } } }"})
    assert introspection.json() == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


def test_production_closes_introspection_supergraph_and_plans(production_url: str) -> None:
    assert httpx.get(f"{production_url}/supergraph.graphql").status_code == 404
    explained = httpx.post(
        f"{production_url}/graphql", json={"query": "{ me { id } }"}, headers={"x-gamja-query-plan": "true"}
    )
    assert explained.json()["data"] == {"me": {"id": "u1"}} and "extensions" not in explained.json()
    for query in ("{ __schema { queryType { name } } }", '{ __type(name: "Item") { name } }'):
        refused = httpx.post(f"{production_url}/graphql", json={"query": query}, headers={"accept": GRAPHQL_RESPONSE})
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["extensions"]["code"] == "INTROSPECTION_DISABLED"
    assert httpx.post(f"{production_url}/graphql", json=PING).json() == {"data": {"__typename": "Query"}}
    # The client-facing schema stays public: it is what codegen reads, and it names no internal URL.
    assert "http" not in httpx.get(f"{production_url}/schema.graphql").text


def test_production_allows_no_localhost_origin(production_url: str) -> None:
    preflight = {"access-control-request-method": "POST", "origin": "http://localhost:5173"}
    assert "access-control-allow-origin" not in httpx.options(f"{production_url}/graphql", headers=preflight).headers
