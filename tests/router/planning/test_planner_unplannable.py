"""What the planner cannot plan fails the whole operation with QUERY_PLANNING_FAILED naming the type and
field: here a field whose only subgraph knows its entity by a `resolvable: false` key.

Composition (ours and Apollo's) rejects such a supergraph as unsatisfiable, but the router serves
supergraphs composed elsewhere, so the supergraph is written out here."""

from __future__ import annotations

import httpx
import pytest
from graphql import parse

from router.planning import PlanningError, QueryPlanner
from router.server import create_app
from router.supergraph import Supergraph

SUPERGRAPH = """
schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION) {
  query: Query
}

directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE
directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
directive @join__graph(name: String!, url: String!) on ENUM_VALUE
directive @join__implements(graph: join__Graph!, interface: String!) repeatable on OBJECT | INTERFACE
directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA

scalar join__FieldSet
scalar link__Import
enum link__Purpose { SECURITY EXECUTION }

enum join__Graph {
  ACCOUNTS @join__graph(name: "accounts", url: "http://127.0.0.1:1/accounts")
  PROFILES @join__graph(name: "profiles", url: "http://127.0.0.1:1/profiles")
}

type Query @join__type(graph: ACCOUNTS) @join__type(graph: PROFILES) {
  users: [User!]! @join__field(graph: ACCOUNTS)
  me: User @join__field(graph: PROFILES)
}

type User @join__type(graph: ACCOUNTS, key: "id") @join__type(graph: PROFILES, key: "id", resolvable: false) {
  id: ID!
  name: String! @join__field(graph: ACCOUNTS)
  secret: String! @join__field(graph: PROFILES)
}
"""

UNPLANNABLE = "{ me { secret } users { name secret } }"  # `me` alone would plan: no partial data


def test_a_field_behind_a_non_resolvable_key_fails_planning_naming_it() -> None:
    planner = QueryPlanner(Supergraph.from_sdl(SUPERGRAPH))
    with pytest.raises(PlanningError, match=r'"User\.secret"'):
        planner.plan(parse(UNPLANNABLE))
    planner.plan(parse("{ me { secret } }"))  # where the subgraph returns the entity itself, it plans


async def test_the_client_gets_query_planning_failed_and_no_partial_data() -> None:
    app = create_app(SUPERGRAPH)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://router") as client,
    ):
        response = await client.post("/graphql", json={"query": UNPLANNABLE})
    body = response.json()
    assert response.status_code == 500
    assert body.get("data") is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "QUERY_PLANNING_FAILED"
    assert '"User.secret"' in error["message"]
