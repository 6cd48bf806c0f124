"""The users, items, comments and search subgraphs compose cleanly into what a frontend should see."""

from __future__ import annotations

import re

import pytest
from composition_corpus import apollo_compose, normalised_schema, require_node
from project_subgraphs import project_subgraphs

from router.composition import CompositionResult, compose


@pytest.fixture(scope="module")
def composed() -> CompositionResult:
    return compose(project_subgraphs())


def test_compose_without_errors(composed: CompositionResult) -> None:
    assert [str(e) for e in composed.errors] == []


def test_compose_without_warnings(composed: CompositionResult) -> None:
    assert [str(w) for w in composed.warnings] == []


def test_api_schema_has_no_federation_internals(composed: CompositionResult) -> None:
    api = composed.api_schema_sdl
    for internal in ("_entities", "_service", "_Any", "_Entity", "join__", "link__", "@key", "@tag", "@inaccessible"):
        assert internal not in api


def test_api_schema_has_the_public_contract(composed: CompositionResult) -> None:
    api = composed.api_schema_sdl
    for query in ("me: User", "user(id: ID!): User", "item(id: ID!): Item", "searchSuggestions(prefix: String!"):
        assert query in api
    item = re.search(r"\ntype Item \{\n(.*?)\n\}", api, flags=re.S)
    assert item is not None
    fields = [line.strip() for line in item.group(1).splitlines()]
    for field in ("seller: User!", "likeCount: Int!", "commentCount: Int"):
        assert field in fields, field
    # Fields from comments are nullable, so a comments outage nulls them instead of the whole item.
    assert any(f.startswith("comments(first: Int") and f.endswith(": CommentConnection") for f in fields)


@pytest.mark.node
def test_same_supergraph_and_hints_as_apollo(composed: CompositionResult) -> None:
    require_node()
    apollo = apollo_compose([{"id": "project", "subgraphs": [s.__dict__ for s in project_subgraphs()]}])["project"]
    assert apollo["errors"] == []
    assert sorted(h.code for h in composed.warnings) == sorted(h["code"] for h in apollo["hints"])
    assert composed.supergraph_sdl.rstrip("\n") == apollo["supergraphSdl"].rstrip("\n")
    assert normalised_schema(composed.api_schema_sdl) == normalised_schema(apollo["apiSchemaSdl"])
