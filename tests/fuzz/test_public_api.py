"""Issue 11: property-based fuzzing of every root field of the public API, through the router.

Whatever a client sends, the stack answers with a coded error or data: never HTTP 5xx, never
`INTERNAL_SERVER_ERROR` (or a code that means a subgraph failed without one), and no background loop logs an
error or refuses a record because of it. CI runs a bounded number of examples with a fixed seed; for a longer
run by hand: `GAMJA_FUZZ_EXAMPLES=5000 .venv/bin/pytest -q tests/fuzz` (see CONTRIBUTING.md).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from graphql import build_schema
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from gamja.auth.tokens import TokenService
from gamja.auth.viewer import Viewer
from tests.e2e.conftest import Marketplace
from tests.e2e.hardening import signed_up
from tests.fuzz.values import ANY_JSON, TEXT, RootField, arguments, body_bytes, root_fields

# Each example is one request per field (about 60): 8 keep CI near half a minute on a loaded machine.
EXAMPLES = int(os.environ.get("GAMJA_FUZZ_EXAMPLES", "8"))
# Codes that mean something broke rather than that the input was refused.
BROKEN = {"INTERNAL_SERVER_ERROR", "SUBGRAPH_INVALID_RESPONSE", "DOWNSTREAM_SERVICE_ERROR", "QUERY_PLANNING_FAILED"}
CREATE_ITEM = "mutation($input: CreateItemInput!) { createItem(input: $input) { id } }"


@dataclass
class Target:
    marketplace: Marketplace
    fields: list[RootField]
    ids: st.SearchStrategy[str]
    tokens: st.SearchStrategy[str | None]


@pytest.fixture
async def target(marketplace: Marketplace) -> Target:
    schema = build_schema((await marketplace.router.http.get("/schema.graphql")).text)
    seller, seller_id = await signed_up(marketplace.router, "fuzz-seller@example.com", "퍼즈판매자")
    _, buyer_id = await signed_up(marketplace.router, "fuzz-buyer@example.com", "퍼즈구매자")
    item_input = {
        "title": "퍼즈 의자",
        "description": "튼튼",
        "price": 1000,
        "category": "가구/인테리어",
        "region": "서울",
    }
    item = (await marketplace.router.data(CREATE_ITEM, {"input": item_input}, token=seller))["createItem"]
    await marketplace.settle()
    issuer = TokenService.from_settings(marketplace.settings)
    # A generation no sign-out reaches: the fuzzer's own signOutEverywhere must not end its signed-in examples.
    signed_in = issuer.issue(Viewer(seller_id), generation=10**9)
    tokens = st.sampled_from([None, signed_in, signed_in, issuer.issue(Viewer(str(uuid.uuid4()))), "not-a-token"])
    return Target(marketplace, root_fields(schema), st.sampled_from([item["id"], seller_id, buyer_id]), tokens)


def _codes(body: Any) -> list[str]:
    errors = body.get("errors") if isinstance(body, dict) else None
    return [str((error.get("extensions") or {}).get("code")) for error in errors or [] if isinstance(error, dict)]


class _Trouble(logging.Handler):
    """Errors logged anywhere in the process (router, subgraphs, their loops) and records a loop refused."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.name == "gamja.poison":
            self.records.append(record)


async def _ask(target: Target, field: RootField, variables: dict[str, Any], token: str | None) -> tuple[str, Any]:
    document = field.document(sorted(variables))
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    response = await target.marketplace.router.http.post(
        "/graphql", content=body_bytes(document, variables), headers=headers
    )
    assert response.status_code < 500, (document, variables, response.status_code, response.text[:2000])
    body = response.json()
    assert not BROKEN & set(_codes(body)), (document, variables, body)
    return document, body


@pytest.mark.slow
@seed(20261203)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
async def test_no_input_breaks_the_stack(target: Target, data: st.DataObject) -> None:
    """Each example asks every root field (and every field with arguments one level below), all at once."""
    calls = [
        (field, data.draw(arguments(field, target.ids), label=f"{field.name} variables"), data.draw(target.tokens))
        for field in target.fields
    ]
    trouble = _Trouble()
    logging.getLogger().addHandler(trouble)
    try:
        await asyncio.gather(*(_ask(target, field, variables, token) for field, variables, token in calls))
        await target.marketplace.settle()  # what the background loops would do with what this wrote
    finally:
        logging.getLogger().removeHandler(trouble)
    assert not trouble.records, [f"{record.name}: {record.getMessage()}" for record in trouble.records]


# Request bodies and query strings a client could send at the front door, well-formed or not.
_DOCUMENTS = st.one_of(
    TEXT,
    st.sampled_from(
        [
            "{ categories }",
            "query { item(id: 1) { id } }",
            "mutation { signOutEverywhere }",
            "subscription { chatMessageSent(roomId: 1) { id } }",
            "{ __schema { types { name } } }",
            "{ items(first: 100) { edges { node { id comments(first: 100) { totalCount } } } } }",
            "query A { categories } query B { categories }",
            "fragment F on Query { ...F } { ...F }",
            "{ " + "a: categories " * 40 + "}",
            "{" * 300 + "}" * 300,
        ]
    ),
)
_BODIES = st.one_of(
    st.binary(max_size=200),
    st.builds(
        lambda document, variables, name, extensions: json.dumps(
            {"query": document, "variables": variables, "operationName": name, "extensions": extensions},
            ensure_ascii=True,
            allow_nan=True,
        ).encode(),
        _DOCUMENTS,
        ANY_JSON,
        st.one_of(st.none(), st.sampled_from(["A", "B", "Nope"]), ANY_JSON),
        st.one_of(
            st.none(),
            st.just({"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}),
            st.builds(lambda value: {"persistedQuery": value}, ANY_JSON),
            ANY_JSON,
        ),
    ),
    ANY_JSON.map(lambda value: json.dumps(value, ensure_ascii=True).encode()),
)
_CONTENT_TYPES = st.sampled_from(
    ["application/json", "application/json; charset=latin-1", "application/graphql+json", "text/plain", ""]
)
_ACCEPTS = st.sampled_from(
    ["", "application/json", "application/graphql-response+json", "text/event-stream", "multipart/mixed", "*/*"]
)


@pytest.mark.slow
@seed(20261203)
@settings(
    max_examples=EXAMPLES * 10,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
async def test_no_request_breaks_the_front_door(target: Target, data: st.DataObject) -> None:
    """Whole requests: bytes that are no JSON, JSON that is no request, junk variables, names and extensions,
    GETs with any query string, any content type and accept header."""
    headers = {"accept": data.draw(_ACCEPTS), "content-type": data.draw(_CONTENT_TYPES)}
    token = data.draw(target.tokens)
    if token:
        headers["authorization"] = f"Bearer {token}"
    trouble = _Trouble()
    logging.getLogger().addHandler(trouble)
    try:
        if data.draw(st.booleans(), label="GET"):
            params = data.draw(
                st.dictionaries(st.sampled_from(["query", "variables", "operationName", "extensions"]), TEXT)
            )
            # A lone surrogate goes as the bytes it would be in UTF-8 (%ED%A0%80): not UTF-8, as a hand-made URL can be.
            query = "&".join(
                f"{name}={quote(value.encode('utf-8', 'surrogatepass'))}" for name, value in params.items()
            )
            response = await target.marketplace.router.http.get(f"/graphql?{query}", headers=headers)
        else:
            body = data.draw(_BODIES, label="body")
            response = await target.marketplace.router.http.post("/graphql", content=body, headers=headers)
    finally:
        logging.getLogger().removeHandler(trouble)
    assert response.status_code < 500, (response.status_code, response.text[:2000])
    if response.headers.get("content-type", "").startswith("application/"):
        assert not BROKEN & set(_codes(response.json())), response.text[:2000]
    assert not trouble.records, [f"{record.name}: {record.getMessage()}" for record in trouble.records]
