"""`@authenticated` and `@requiresScopes` through real HTTP: the router composes them, verifies the
viewer's token with the shared key, and answers what the viewer may not see with null and an
`UNAUTHORIZED_FIELD_OR_TYPE` error at its path, without asking any subgraph for it."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fixture_subgraph import FixtureSubgraph, RequestCounter, serve_subgraphs

from gamja.auth.tokens import TokenService
from gamja.auth.viewer import ADMIN, USER, Viewer
from router.composition import SubgraphSource, compose
from router.execution.policy import FetchPolicy
from router.server import create_app
from router.server.access import token_access
from tests.router.server.conftest import serve_app

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.11", '
    'import: ["@key", "@authenticated", "@requiresScopes"])\n'
)
SUBGRAPHS = {
    "accounts": LINK
    + """
type Query { me: User @authenticated  user(id: ID!): User  users: [User!]! }
type Mutation { rename(nickname: String!): User! @authenticated }
type User @key(fields: "id") {
  id: ID!
  nickname: String!
  email: String @requiresScopes(scopes: [["ADMIN"]])
  note: String! @authenticated
}
""",
    "items": LINK
    + """
type Query { items: [Item!]!  search: [Result!]! }
union Result = Item | Draft
type Item @key(fields: "id") { id: ID! title: String! seller: User! draft: Draft }
type Draft @authenticated { text: String }
type User @key(fields: "id", resolvable: false) { id: ID! }
""",
}
USERS = [
    {"id": "u1", "nickname": "당근이", "email": "u1@example.com", "note": "a note"},
    {"id": "u2", "nickname": "감자", "email": "u2@example.com", "note": "another"},
]
DATA: dict[str, dict[str, Any]] = {
    "accounts": {
        "User": USERS,
        "Query": {"me": {"$ref": "User", "id": "u1"}, "user": {"$find": "User"}, "users": {"$all": "User"}},
        "Mutation": {"rename": {"$ref": "User", "id": "u1"}},
    },
    "items": {
        "Item": [
            {"id": "i1", "title": "자전거", "seller": {"$ref": "User", "id": "u1"}, "draft": {"text": "d1"}},
            {"id": "i2", "title": "아이폰", "seller": {"$ref": "User", "id": "u2"}, "draft": None},
        ],
        "Query": {
            "items": {"$all": "Item"},
            "search": [{"$ref": "Item", "id": "i2"}, {"__typename": "Draft", "text": "secret plans"}],
        },
    },
}
# Issued at import, when pytest collects: a whole CI run (half an hour) must not outlive them.
TOKENS = TokenService("test-signing-key-for-authorization", ttl_seconds=24 * 3600)
USER_TOKEN = {"authorization": "Bearer " + TOKENS.issue(Viewer("u1", frozenset({USER})))}
ADMIN_TOKEN = {"authorization": "Bearer " + TOKENS.issue(Viewer("u9", frozenset({USER, ADMIN})))}


class Router:
    def __init__(self, origin: str, counter: RequestCounter) -> None:
        self.origin = origin
        self.counter = counter

    def post(self, query: str, headers: dict[str, str] | None = None, **variables: Any) -> tuple[dict[str, Any], int]:
        """The response body, and how many subgraph requests it took."""
        before = self.counter.count
        response = httpx.post(
            f"{self.origin}/graphql",
            json={"query": query, "variables": variables},
            headers={"x-gamja-query-plan": "true", **(headers or {})},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body, self.counter.count - before


@pytest.fixture(scope="module")
def router() -> Iterator[Router]:
    counter = RequestCounter()
    fixtures = {f"auth/{name}": FixtureSubgraph(sdl, DATA[name]) for name, sdl in SUBGRAPHS.items()}
    with serve_subgraphs(fixtures, counter) as subgraphs_origin:
        result = compose(
            [SubgraphSource(name, f"{subgraphs_origin}/auth/{name}", sdl) for name, sdl in SUBGRAPHS.items()]
        )
        assert not result.errors, result.errors
        app = create_app(result.supergraph_sdl, policy=FetchPolicy(timeout=10), identify=token_access(TOKENS))
        with serve_app(app) as origin:
            yield Router(origin, counter)


def unauthorized(body: dict[str, Any]) -> list[list[str | int]]:
    assert all(e["extensions"]["code"] == "UNAUTHORIZED_FIELD_OR_TYPE" for e in body["errors"]), body
    return [e["path"] for e in body["errors"]]


def test_me_without_a_token_is_null_with_an_error_and_no_subgraph_is_called(router: Router) -> None:
    body, fetches = router.post("{ me { id nickname } }")
    assert body["data"] == {"me": None}
    assert unauthorized(body) == [["me"]]
    assert "Sign in" in body["errors"][0]["message"] and "Query.me" in body["errors"][0]["message"]
    assert fetches == 0


def test_me_with_a_token_is_answered(router: Router) -> None:
    body, _ = router.post("{ me { id nickname } }", USER_TOKEN)
    assert body == {"data": {"me": {"id": "u1", "nickname": "당근이"}}, "extensions": body["extensions"]}


def test_a_field_needing_a_scope_is_removed_from_the_fetch_and_nulled_in_every_list_element(router: Router) -> None:
    body, _ = router.post("{ users { id email } }", USER_TOKEN)
    assert body["data"] == {"users": [{"id": "u1", "email": None}, {"id": "u2", "email": None}]}
    assert unauthorized(body) == [["users", 0, "email"], ["users", 1, "email"]]
    assert "ADMIN" in body["errors"][0]["message"]
    assert "email" not in body["extensions"]["queryPlan"]["text"]


def test_an_admin_sees_the_scoped_field(router: Router) -> None:
    body, _ = router.post("{ users { id email } }", ADMIN_TOKEN)
    assert body["data"]["users"][1] == {"id": "u2", "email": "u2@example.com"}
    assert "errors" not in body


def test_viewers_with_different_scopes_never_share_a_plan(router: Router) -> None:
    query = "query Emails { users { email } }"
    for headers, visible in ((ADMIN_TOKEN, True), (USER_TOKEN, False), ({}, False), (ADMIN_TOKEN, True)):
        body, _ = router.post(query, headers)
        assert (body["data"]["users"][0]["email"] == "u1@example.com") is visible, (headers, body)
        # Hidden, the fetch asks for `email: __typename` (the router's own answer), never the field.
        assert bool(re.search(r"\bemail\b(?!: __typename)", body["extensions"]["queryPlan"]["text"])) is visible


def test_a_non_null_unauthorized_field_nulls_its_parent(router: Router) -> None:
    body, _ = router.post('{ user(id: "u2") { nickname note } }')
    assert body["data"] == {"user": None}
    assert unauthorized(body) == [["user", "note"]]


def test_a_non_null_unauthorized_field_in_a_non_null_list_nulls_up_to_the_nearest_nullable(router: Router) -> None:
    # users: [User!]! and note: String!: nothing between the note and the root is nullable.
    body, _ = router.post("{ users { note } }")
    assert body["data"] is None
    assert unauthorized(body) == [["users", 0, "note"], ["users", 1, "note"]]


def test_a_type_needing_sign_in_is_hidden_across_subgraphs(router: Router) -> None:
    query = "{ items { title draft { text } seller { nickname } } }"
    body, _ = router.post(query)
    assert body["data"]["items"] == [
        {"title": "자전거", "draft": None, "seller": {"nickname": "당근이"}},
        {"title": "아이폰", "draft": None, "seller": {"nickname": "감자"}},
    ]
    # The field is removed from the fetch, so each item is answered null and told why, draft or not.
    assert unauthorized(body) == [["items", 0, "draft"], ["items", 1, "draft"]]
    signed_in, _ = router.post(query, USER_TOKEN)
    assert signed_in["data"]["items"][0]["draft"] == {"text": "d1"}
    assert "errors" not in signed_in


def test_a_fragment_on_a_type_needing_sign_in_is_nulled_only_where_that_type_answered(router: Router) -> None:
    query = "{ search { __typename ... on Item { title } ... on Draft { text } } }"
    body, _ = router.post(query)
    assert body["data"]["search"] == [{"__typename": "Item", "title": "아이폰"}, {"__typename": "Draft", "text": None}]
    assert unauthorized(body) == [["search", 1, "text"]]
    assert "`Draft` needs a signed-in viewer" in body["errors"][0]["message"]
    signed_in, _ = router.post(query, USER_TOKEN)
    assert signed_in["data"]["search"][1] == {"__typename": "Draft", "text": "secret plans"}


def test_a_mutation_needing_sign_in_never_reaches_the_subgraph(router: Router) -> None:
    body, fetches = router.post('mutation { rename(nickname: "x") { id } }')
    assert body["data"] is None
    assert unauthorized(body) == [["rename"]]
    assert fetches == 0


def test_fragments_and_aliases_are_filtered_where_they_are_used(router: Router) -> None:
    query = "{ a: users { ...U } b: me { ...U } } fragment U on User { nickname mail: email }"
    body, _ = router.post(query, USER_TOKEN)
    assert body["data"]["b"] == {"nickname": "당근이", "mail": None}
    assert unauthorized(body) == [["a", 0, "mail"], ["a", 1, "mail"], ["b", "mail"]]


def test_a_bad_token_counts_as_none_and_the_error_says_so(router: Router) -> None:
    body, fetches = router.post("{ me { id } }", {"authorization": "Bearer not-a-token"})
    assert body["data"] == {"me": None}
    assert "not accepted" in body["errors"][0]["message"]
    assert fetches == 0


def test_a_skipped_unauthorized_field_is_neither_null_nor_an_error(router: Router) -> None:
    body, _ = router.post("query($s: Boolean!) { users { id email @skip(if: $s) } }", s=True)
    assert body["data"] == {"users": [{"id": "u1"}, {"id": "u2"}]}
    assert "errors" not in body


class CountingTokens(TokenService):
    verified = 0

    def viewer_from_authorization(self, header: str | None) -> Viewer | None:
        self.verified += 1
        return super().viewer_from_authorization(header)


def test_a_verified_token_is_remembered_only_until_its_expiry_and_for_a_minute_at_most() -> None:
    tokens = CountingTokens("test-signing-key-for-authorization", ttl_seconds=30)
    now = [time.time()]
    identify = token_access(tokens, clock=lambda: now[0])
    header = "Bearer " + tokens.issue(Viewer("u1", frozenset({USER})))
    assert identify(header).authenticated and identify(header).authenticated
    assert tokens.verified == 1
    now[0] += 31  # past the token's own expiry: verified again (here it still verifies: the real clock)
    assert identify(header).authenticated
    assert tokens.verified == 2
    assert identify("Bearer forged").refused is not None
    assert identify(None) == identify("") and not identify(None).authenticated


def test_a_remembered_token_stops_counting_as_soon_as_it_is_revoked() -> None:
    tokens = TokenService("test-signing-key-for-authorization", ttl_seconds=600)
    identify = token_access(tokens)
    header = "Bearer " + tokens.issue(Viewer("u1", frozenset({USER})))
    assert identify(header).authenticated
    tokens.revocations.advance("u1", 1)  # what signing out everywhere announces on users.events
    access = identify(header)
    assert not access.authenticated and access.refused


def test_a_subscription_with_a_field_its_viewer_may_not_see_is_refused_whole() -> None:
    sdl = LINK + "type Query { ok: Int } type Subscription { secrets: String @authenticated }"
    result = compose([SubgraphSource("live", "http://127.0.0.1:9/graphql", sdl)])
    assert not result.errors, result.errors
    app = create_app(result.supergraph_sdl, identify=token_access(TOKENS))
    with serve_app(app) as origin:
        response = httpx.post(
            f"{origin}/graphql",
            json={"query": "subscription { secrets }"},
            headers={"accept": "text/event-stream"},
            timeout=30,
        )
    assert response.status_code == 403, response.text
    assert [e["extensions"]["code"] for e in response.json()["errors"]] == ["UNAUTHORIZED_FIELD_OR_TYPE"]
