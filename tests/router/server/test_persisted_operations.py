"""Persisted operations over a real socket: Apollo's APQ protocol, and trusted documents from a
manifest in Apollo's and GraphQL Codegen's formats."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from router.server import create_app
from router.server.config import FrontDoorConfig
from tests.router.server.conftest import serve_app

QUERY = "query Me { me { nickname } }"
HASH = hashlib.sha256(QUERY.encode()).hexdigest()
APQ = {"persistedQuery": {"version": 1, "sha256Hash": HASH}}
ME = {"data": {"me": {"nickname": "당근이"}}}


def code(response: httpx.Response) -> str:
    return str(response.json()["errors"][0]["extensions"]["code"])


def test_apq_register_then_send_only_the_hash_even_as_a_cacheable_get(router_url: str) -> None:
    unknown = httpx.post(f"{router_url}/graphql", json={"extensions": APQ})
    assert unknown.status_code == 200 and code(unknown) == "PERSISTED_QUERY_NOT_FOUND"
    assert unknown.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    registered = httpx.post(f"{router_url}/graphql", json={"query": QUERY, "extensions": APQ})
    assert registered.json() == ME
    by_hash = httpx.post(f"{router_url}/graphql", json={"extensions": APQ})
    assert by_hash.json() == ME
    get = httpx.get(f"{router_url}/graphql", params={"extensions": json.dumps(APQ), "operationName": "Me"})
    assert get.json() == ME


def test_apq_refuses_a_hash_that_is_not_the_query_s(router_url: str) -> None:
    wrong = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    response = httpx.post(f"{router_url}/graphql", json={"query": QUERY, "extensions": wrong})
    assert response.status_code == 400 and code(response) == "BAD_REQUEST"
    assert code(httpx.post(f"{router_url}/graphql", json={"extensions": wrong})) == "PERSISTED_QUERY_NOT_FOUND"


def test_apq_with_a_query_that_is_no_unicode_is_a_client_error(router_url: str) -> None:
    """Found by tests/fuzz: a lone surrogate in an APQ registration was an unhandled UnicodeEncodeError (HTTP 500)."""
    body = json.dumps({"query": "{ me { nickname } }\ud800", "extensions": APQ}, ensure_ascii=True)
    response = httpx.post(f"{router_url}/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400 and code(response) == "BAD_REQUEST", response.text


def apollo_manifest(path: Path) -> Path:
    manifest = {
        "format": "apollo-persisted-query-manifest",
        "version": 1,
        "operations": [{"id": HASH, "name": "Me", "type": "query", "body": QUERY}],
    }
    path.write_text(json.dumps(manifest))
    return path


def codegen_manifest(path: Path) -> Path:
    path.write_text(json.dumps({f"sha256:{HASH}": QUERY}))
    return path


@pytest.fixture(params=[apollo_manifest, codegen_manifest], ids=["apollo", "codegen"])
def trusted_url(request: pytest.FixtureRequest, supergraph_sdl: str, tmp_path: Path) -> Iterator[str]:
    manifest = request.param(tmp_path / "manifest.json")
    config = FrontDoorConfig(production=True, trusted_documents=manifest)
    with serve_app(create_app(supergraph_sdl, config=config)) as origin:
        yield origin


def test_trusted_documents_only_run_what_the_manifest_lists(trusted_url: str) -> None:
    assert httpx.post(f"{trusted_url}/graphql", json={"extensions": APQ}).json() == ME
    assert httpx.post(f"{trusted_url}/graphql", json={"documentId": f"sha256:{HASH}"}).json() == ME
    assert httpx.post(f"{trusted_url}/graphql", json={"query": QUERY}).json() == ME
    for body in (
        {"query": "{ me { nickname } }"},
        {"documentId": "sha256:" + "1" * 64},
        # APQ cannot register new documents in this mode.
        {"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "2" * 64}}},
    ):
        response = httpx.post(
            f"{trusted_url}/graphql", json=body, headers={"accept": "application/graphql-response+json"}
        )
        assert response.status_code == 400 and code(response) == "PERSISTED_QUERY_NOT_IN_LIST"


def test_a_manifest_whose_ids_are_not_hashes_of_its_documents_does_not_load(
    supergraph_sdl: str, tmp_path: Path
) -> None:
    manifest = tmp_path / "bad.json"
    manifest.write_text(json.dumps({"abc": QUERY}))
    with pytest.raises(ValueError, match="not the sha256"):
        create_app(supergraph_sdl, config=FrontDoorConfig(trusted_documents=manifest))
