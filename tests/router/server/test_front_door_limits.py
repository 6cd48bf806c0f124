"""The limits, over a real socket, on the project's own supergraph: each measured abuse from issue 12
is refused with its code before any subgraph is called (the subgraph URLs here do not resolve, so a
fetch would show up as SUBGRAPH_UNREACHABLE)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from router.execution.policy import FetchPolicy
from router.server import create_app
from router.server.config import FrontDoorConfig, Limits
from tests.router.server.conftest import PROJECT_SUPERGRAPH, serve_app

JSON_ACCEPT = {"accept": "application/graphql-response+json"}


@pytest.fixture(scope="module")
def project_router() -> Iterator[str]:
    with serve_app(create_app(PROJECT_SUPERGRAPH.read_text(), policy=FetchPolicy(timeout=2))) as origin:
        yield origin


def refused(origin: str, query: str, code: str, status: int = 400) -> dict[str, object]:
    response = httpx.post(f"{origin}/graphql", json={"query": query}, headers=JSON_ACCEPT, timeout=30)
    body: dict[str, object] = response.json()
    assert response.status_code == status, body
    assert [e["extensions"]["code"] for e in body["errors"]] == [code]  # type: ignore[index, union-attr]
    return body


def test_item_seller_items_first_100_nested_is_refused_by_cost(project_router: str) -> None:
    """Issue 12: took 8.7 s and returned 1.2 MB."""
    query = """{ item(id: "1") { seller { items(first: 100) { edges { node { title
      seller { items(first: 100) { edges { node { title } } } } } } } } } }"""
    body = refused(project_router, query, "COST_ESTIMATED_TOO_EXPENSIVE")
    assert "5000" in body["errors"][0]["message"]  # type: ignore[index]


def test_a_cheap_page_of_the_same_shape_is_allowed_past_the_limits(project_router: str) -> None:
    query = '{ item(id: "1") { seller { items(first: 20) { edges { node { title } } } } } }'
    response = httpx.post(f"{project_router}/graphql", json={"query": query}, headers=JSON_ACCEPT)
    # It gets as far as the subgraphs, which do not exist here.
    assert response.json()["errors"][0]["extensions"]["code"].startswith("SUBGRAPH_")


def test_a_thousand_aliased_item_pages_are_refused(project_router: str) -> None:
    """Issue 12: 1000 aliased `items(first: 100)` took 7-10 s and stalled other clients."""
    query = "{ " + " ".join(f"a{i}: items(first: 100) {{ totalCount }}" for i in range(1000)) + " }"
    refused(project_router, query, "MAX_ALIASES_LIMIT")


def test_twenty_different_five_megabyte_queries_are_refused_unread(project_router: str) -> None:
    """Issue 12: these grew the router by 150 MB that was never released."""
    for n in range(20):
        query = f"query Q{n} {{ " + "me { id } " * 500_000 + "}"
        response = httpx.post(f"{project_router}/graphql", json={"query": query}, headers=JSON_ACCEPT)
        assert response.status_code == 413
        assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"


def test_big_queries_under_the_body_limit_meet_the_token_limit(project_router: str) -> None:
    query = "{ " + "me { id } " * 100_000 + "}"
    refused(project_router, query, "MAX_TOKENS_LIMIT")


def test_depth_and_root_fields(project_router: str) -> None:
    deep = "{ me { id " + "".join("... on User { id }" for _ in range(3)) + " }" + " }"
    assert httpx.post(f"{project_router}/graphql", json={"query": deep}).status_code == 200
    loop = "item { comments { edges { node { "
    nested = '{ comment(id: "1") { ' + loop * 4 + "id" + " } } } }" * 4 + " } }"
    refused(project_router, nested, "MAX_DEPTH_LIMIT")
    many_roots = "{ " + " ".join(f'i{n}: item(id: "{n}") {{ id }}' for n in range(25)) + " }"
    refused(project_router, many_roots, "MAX_ROOT_FIELDS_LIMIT")
    unaliased_roots = "{ " + " ".join(["me { id }"] * 21) + " }"
    refused(project_router, unaliased_roots, "MAX_ROOT_FIELDS_LIMIT")


def test_fragments_spread_inside_fragments_cannot_blow_up_the_checks(project_router: str) -> None:
    fragments = "".join(f"fragment F{n} on User {{ ...F{n + 1} ...F{n + 1} }}" for n in range(40))
    query = "{ me { ...F0 } } " + fragments + " fragment F40 on User { id }"
    refused(project_router, query, "MAX_SELECTIONS_LIMIT")


def test_a_list_size_from_a_variable_is_costed_once_per_distinct_value() -> None:
    query = "query($n: Int) { items(first: $n) { edges { node { seller { items(first: $n) { edges { node { id } } } } } } } }"
    app = create_app(PROJECT_SUPERGRAPH.read_text(), policy=FetchPolicy(timeout=2))
    with serve_app(app) as origin:

        def post(n: int) -> httpx.Response:
            return httpx.post(f"{origin}/graphql", json={"query": query, "variables": {"n": n}}, headers=JSON_ACCEPT)

        for _ in range(2):  # the second round is answered from the cached costs, the same way
            small = post(5)
            assert small.json()["errors"][0]["extensions"]["code"].startswith("SUBGRAPH_")
            big = post(500)
            assert big.status_code == 400
            assert big.json()["errors"][0]["extensions"]["code"] == "COST_ESTIMATED_TOO_EXPENSIVE"
        (prepared,) = [p for p in app.state.pipeline.prepared._items.values()]
        assert prepared[0].costs.keys() == {(5,), (500,)}


def test_the_caches_stay_within_their_byte_budget() -> None:
    """Distinct big operations that pass every limit: the caches evict by bytes, not only entries."""
    budget = 9 * 1024 * 1024
    roomy = Limits(max_tokens=100_000, max_aliases=100_000, max_selections=100_000)
    app = create_app(PROJECT_SUPERGRAPH.read_text(), config=FrontDoorConfig(cache_bytes=budget, limits=roomy))
    with serve_app(app) as origin:
        for n in range(8):
            query = f'query Q{n} {{ user(id: "1") {{ ' + " ".join(f"a{k}: id" for k in range(1000)) + " } }"
            response = httpx.post(f"{origin}/graphql", json={"query": query}, headers=JSON_ACCEPT, timeout=30)
            assert response.json()["errors"][0]["extensions"]["code"].startswith("SUBGRAPH_")
    pipeline = app.state.pipeline
    assert 0 < pipeline.prepared.bytes <= budget // 3
    assert len(pipeline.prepared) < 8
