"""The subgraph kit through GraphQL: error codes, masked internals, the viewer, DataLoaders, health, federation."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest
import strawberry
from pydantic import SecretStr

from gamja.auth.tokens import TokenService
from gamja.auth.viewer import Viewer
from gamja.client_address import HEADER as CLIENT_ADDRESS_HEADER
from gamja.client_address import ClientAddressSigner
from gamja.db import Database
from gamja.errors import BadUserInput, NotFound
from gamja.service import ServiceRuntime
from gamja.settings import Settings
from gamja.subgraph.app import create_subgraph_app
from gamja.subgraph.context import RequestContext
from gamja.subgraph.schema import build_schema
from tests.support.graphql import GraphQLClient, serve_in_process

CLIENT_ADDRESS_KEY = b"kit-client-address-key"


class Counter:
    batches: list[list[int]]

    def __init__(self) -> None:
        self.batches = []

    async def load(self, keys: Sequence[int]) -> list[int]:
        self.batches.append(list(keys))
        return [key * 10 for key in keys]


@strawberry.federation.type(keys=["id"])
class Thing:
    id: strawberry.ID

    @strawberry.field
    async def weight(self, info: strawberry.Info[RequestContext[Counter], None]) -> int:
        counter = info.context.services
        return await info.context.loader("weight", counter.load).load(int(self.id))

    @classmethod
    def resolve_reference(cls, id: strawberry.ID, **_extra: object) -> Thing:
        return cls(id=id)


@strawberry.type
class Query:
    @strawberry.field
    def bad_input(self) -> str:
        raise BadUserInput("price must be between 0 and 1,000,000,000", field="price")

    @strawberry.field
    def missing(self) -> str | None:
        raise NotFound("No item with id 42.")

    @strawberry.field
    def crash(self) -> str | None:
        raise RuntimeError("SELECT password_hash FROM users -- boom")

    @strawberry.field
    def whoami(self, info: strawberry.Info[RequestContext[Counter], None]) -> str:
        return info.context.require_viewer().user_id

    @strawberry.field
    def where_from(self, info: strawberry.Info[RequestContext[Counter], None]) -> str | None:
        return info.context.client_address

    @strawberry.field
    def things(self) -> list[Thing]:
        return [Thing(id=strawberry.ID(str(i))) for i in range(5)]


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[tuple[GraphQLClient, TokenService, Counter]]:
    settings = Settings(var_dir=tmp_path, jwt_secret=SecretStr("s" * 48))
    tokens = TokenService.from_settings(settings)
    counter = Counter()
    runtime = ServiceRuntime(
        name="kit",
        schema=build_schema(query=Query, types=[Thing]),
        databases={"": Database(f"sqlite+aiosqlite:///{tmp_path / 'kit.db'}")},
        tokens=tokens,
        services=counter,
        client_addresses=ClientAddressSigner(CLIENT_ADDRESS_KEY),
    )
    async with serve_in_process(create_subgraph_app(runtime)) as gql:
        yield gql, tokens, counter


async def test_domain_errors_carry_their_code_and_field(client: tuple[GraphQLClient, TokenService, Counter]) -> None:
    gql, _, _ = client
    body = await gql.execute("{ badInput }")
    error = body["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "price"}
    assert error["message"] == "price must be between 0 and 1,000,000,000"
    assert await gql.error_codes("{ missing }") == ["NOT_FOUND"]


async def test_unexpected_errors_are_masked(client: tuple[GraphQLClient, TokenService, Counter]) -> None:
    gql, _, _ = client
    body = await gql.execute("{ crash }")
    assert body["data"] == {"crash": None}
    assert body["errors"][0]["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert "SELECT" not in body["errors"][0]["message"]


async def test_invalid_operations_get_validation_codes(client: tuple[GraphQLClient, TokenService, Counter]) -> None:
    gql, _, _ = client
    assert await gql.error_codes("{ nope }") == ["GRAPHQL_VALIDATION_FAILED"]
    assert await gql.error_codes("{ badInput") == ["GRAPHQL_PARSE_FAILED"]


async def test_the_viewer_comes_from_the_bearer_token(client: tuple[GraphQLClient, TokenService, Counter]) -> None:
    gql, tokens, _ = client
    assert await gql.data("{ whoami }", token=tokens.issue(Viewer("u-7"))) == {"whoami": "u-7"}
    assert await gql.error_codes("{ whoami }") == ["UNAUTHENTICATED"]
    assert await gql.error_codes("{ whoami }", token="garbage") == ["UNAUTHENTICATED"]


async def test_dataloaders_batch_within_a_request_only(client: tuple[GraphQLClient, TokenService, Counter]) -> None:
    gql, _, counter = client
    assert await gql.data("{ things { weight } }") == {"things": [{"weight": w} for w in (0, 10, 20, 30, 40)]}
    await gql.data("{ things { weight } }")
    assert counter.batches == [[0, 1, 2, 3, 4], [0, 1, 2, 3, 4]]


async def test_federation_v2_sdl_and_entities(client: tuple[GraphQLClient, TokenService, Counter]) -> None:
    gql, _, _ = client
    sdl = (await gql.data("{ _service { sdl } }"))["_service"]["sdl"]
    assert 'url: "https://specs.apollo.dev/federation/v2.11"' in sdl
    assert 'type Thing @key(fields: "id")' in sdl
    data = await gql.data(
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Thing { id weight } } }",
        {"r": [{"__typename": "Thing", "id": "3", "extra": True}]},
    )
    assert data == {"_entities": [{"id": "3", "weight": 30}]}


async def test_health_reports_the_databases(client: tuple[GraphQLClient, TokenService, Counter]) -> None:
    gql, _, _ = client
    response = await gql.http.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "service": "kit"}


async def test_the_client_address_is_the_one_the_router_signed(
    client: tuple[GraphQLClient, TokenService, Counter],
) -> None:
    """Issue 11, finding 3: a forged `X-Forwarded-For` no longer names the client; only the router's signature does."""
    gql, _, _ = client
    forged = {"X-Forwarded-For": "6.6.6.6, 203.0.113.7"}
    response = await gql.http.post("/graphql", json={"query": "{ whereFrom }"}, headers=forged)
    assert response.json() == {"data": {"whereFrom": "127.0.0.1"}}  # the socket peer
    signed = ClientAddressSigner(CLIENT_ADDRESS_KEY).sign("203.0.113.7")
    response = await gql.http.post("/graphql", json={"query": "{ whereFrom }"}, headers={CLIENT_ADDRESS_HEADER: signed})
    assert response.json() == {"data": {"whereFrom": "203.0.113.7"}}
    address, stamp, mac = signed.split(" ")
    for refused in (
        f"198.51.100.1 {stamp} {mac}",  # another address under the same signature
        ClientAddressSigner(b"another key").sign("203.0.113.7"),
        ClientAddressSigner(CLIENT_ADDRESS_KEY).sign(address, now=time.time() - 3600),  # a replay an hour later
        f"{address} {stamp}",
        "garbage",
    ):
        response = await gql.http.post(
            "/graphql", json={"query": "{ whereFrom }"}, headers={CLIENT_ADDRESS_HEADER: refused}
        )
        assert response.json() == {"data": {"whereFrom": "127.0.0.1"}}, refused
