"""Findings 1, 4, 5 and 8 of issue 11: invalid or invisible text through the router, as a client sends it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from subgraphs.search.domain.model import SearchLogEntry
from tests.e2e.conftest import Marketplace
from tests.e2e.hardening import codes, post_raw, signed_up
from tests.support.graphql import GraphQLClient

SURROGATE = "\ud800"

CREATE_ITEM = "mutation($input: CreateItemInput!) { createItem(input: $input) { id title description } }"
ADD_COMMENT = "mutation($itemId: ID!, $body: String!) { addComment(itemId: $itemId, body: $body) { id body } }"


def item_input(**changes: Any) -> dict[str, Any]:
    return {
        "title": "아이폰 13 프로",
        "description": "깨끗해요",
        "price": 500_000,
        "category": "디지털기기",
        "region": "서울 마포구 망원동",
        **changes,
    }


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }", {"e": SURROGATE, "p": "x"}),
        (
            "mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }",
            {"e": "a@b.c", "p": SURROGATE},
        ),
        (
            "mutation($i: SignUpInput!) { signUp(input: $i) { token } }",
            {
                "i": {
                    "email": "s@example.com",
                    "password": "pass" + SURROGATE + "word",
                    "nickname": "감자",
                    "region": "서울",
                }
            },
        ),
        ("query($id: ID!) { item(id: $id) { id } }", {"id": SURROGATE}),
        ("query($id: ID!) { user(id: $id) { id } }", {"id": SURROGATE}),
        ("query($q: String!) { searchItems(query: $q) { totalCount } }", {"q": "아이" + SURROGATE}),
        ("query($p: String!) { searchSuggestions(prefix: $p) }", {"p": SURROGATE}),
        ("query($a: String) { items(after: $a) { totalCount } }", {"a": SURROGATE}),
    ],
)
async def test_a_lone_surrogate_is_bad_user_input_everywhere_and_never_echoed(
    marketplace: Marketplace, query: str, variables: dict[str, Any]
) -> None:
    status, body = await post_raw(marketplace.router, query, variables)
    assert status < 500, body
    assert codes(body) == ["BAD_USER_INPUT"], body
    assert "surrogate" in body["errors"][0]["message"]
    assert "password" not in str(body).replace("`", "").split("message")[0]


async def test_create_item_and_add_comment_refuse_a_lone_surrogate(marketplace: Marketplace) -> None:
    token, _ = await signed_up(marketplace.router, "seller@example.com", "판매자")
    status, body = await post_raw(
        marketplace.router, CREATE_ITEM, {"input": item_input(title=SURROGATE + "폰")}, token=token
    )
    assert (status, codes(body)) == (200, ["BAD_USER_INPUT"]), body
    item = (await marketplace.router.data(CREATE_ITEM, {"input": item_input()}, token=token))["createItem"]
    await marketplace.settle()
    _, body = await post_raw(marketplace.router, ADD_COMMENT, {"itemId": item["id"], "body": SURROGATE}, token=token)
    assert codes(body) == ["BAD_USER_INPUT"], body


async def test_one_bad_search_log_entry_does_not_break_popular_terms_or_suggestions(
    marketplace: Marketplace, caplog: pytest.LogCaptureFixture
) -> None:
    """Finding 1: one search poisoned the log writer for everyone until a restart, and later searches were lost."""
    token, _ = await signed_up(marketplace.router, "seller@example.com", "판매자")
    await marketplace.router.data(CREATE_ITEM, {"input": item_input(title="자전거 팝니다")}, token=token)
    await marketplace.settle()
    status, body = await post_raw(
        marketplace.router, "query($q: String!) { searchItems(query: $q) { totalCount } }", {"q": SURROGATE}
    )
    assert (status, codes(body)) == (200, ["BAD_USER_INPUT"])
    # Behind the door, the writer itself must survive what reaches it anyway: a record no store can keep.
    search_log = marketplace.runtimes["search"].services.search.search_log
    search_log.add(SearchLogEntry("자전" + SURROGATE, None, None, datetime.now(UTC), True))
    search_log.add(SearchLogEntry("자전거", None, None, "not a time", True))  # type: ignore[arg-type]
    await marketplace.router.data('{ searchItems(query: "자전거") { totalCount } }')
    await marketplace.settle()
    data = await marketplace.router.data('{ popularSearchTerms { term count } searchSuggestions(prefix: "자전") }')
    assert data["popularSearchTerms"] == [{"term": "자전거", "count": 1}]
    assert data["searchSuggestions"] == ["자전거"]
    assert search_log.dropped == 2
    drops = [record for record in caplog.records if "search log writer: a record was dropped" in record.getMessage()]
    assert len(drops) == 2 and all(record.exc_info is None for record in drops)


async def test_titles_descriptions_and_comments_are_normalised_and_controls_refused(marketplace: Marketplace) -> None:
    """Finding 8: NUL refused; zero-width space and RTL override removed, so search finds the title."""
    token, _ = await signed_up(marketplace.router, "seller@example.com", "판매자")
    codes_nul = await marketplace.router.error_codes(
        CREATE_ITEM, {"input": item_input(title="아이폰\x00")}, token=token
    )
    assert codes_nul == ["BAD_USER_INPUT"]
    hidden = item_input(title="아이\u200b폰 13", description="상태 좋음\u202e\n두 줄")
    item = (await marketplace.router.data(CREATE_ITEM, {"input": hidden}, token=token))["createItem"]
    assert item["title"] == "아이폰 13"
    assert item["description"] == "상태 좋음\n두 줄"
    await marketplace.settle()
    decomposed = "\u1100\u1161\u11b7\u110c\u1161"  # 감자 as conjoining jamo (NFD)
    comment = await marketplace.router.data(
        ADD_COMMENT, {"itemId": item["id"], "body": decomposed + "\u200b!"}, token=token
    )
    assert comment["addComment"]["body"] == "감자!"
    found = await marketplace.router.data('{ searchItems(query: "아이폰") { edges { node { id } } } }')
    assert [edge["node"]["id"] for edge in found["searchItems"]["edges"]] == [item["id"]]
    _, body = await post_raw(marketplace.router, ADD_COMMENT, {"itemId": item["id"], "body": "hi\x07"}, token=token)
    assert codes(body) == ["BAD_USER_INPUT"]


async def test_validation_errors_never_echo_the_input_object(marketplace: Marketplace) -> None:
    """Finding 5: a missing field in SignUpInput used to print the whole object, password included."""
    secret = "my-secret-password-123"
    _, body = await post_raw(
        marketplace.router,
        "mutation($i: SignUpInput!) { signUp(input: $i) { token } }",
        {"i": {"email": "e@example.com", "password": secret, "region": "서울"}},
    )
    assert codes(body) == ["BAD_USER_INPUT"], body
    assert secret not in str(body)
    assert "nickname" in body["errors"][0]["message"]
    # The subgraph's own port says the same (another client than the router may reach it).
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{marketplace.settings.users_port}") as http:
        _, direct = await post_raw(
            GraphQLClient(http),
            "mutation($i: SignUpInput!) { signUp(input: $i) { token } }",
            {"i": {"email": "e@example.com", "password": secret, "region": "서울"}},
        )
    assert codes(direct) == ["BAD_USER_INPUT"] and secret not in str(direct), direct
