"""The marketplace through the router, as a frontend uses it: sign up, list, comment, search — one endpoint."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from tests.e2e.conftest import Marketplace, plan_of

SIGN_UP = """
mutation($input: SignUpInput!) { signUp(input: $input) { token user { id nickname region } } }
"""
CREATE_ITEM = """
mutation($input: CreateItemInput!) { createItem(input: $input) { id title status seller { nickname } } }
"""
SEARCH_WITH_EVERYTHING = """
query($q: String!) {
  searchItems(query: $q) {
    totalCount
    edges {
      highlight
      node {
        id title price
        seller { nickname }
        commentCount
        comments(first: 2) { edges { node { body author { nickname } } } }
      }
    }
  }
}
"""


async def sign_up(market: Marketplace, email: str, nickname: str, region: str) -> tuple[str, str]:
    data = await market.router.data(
        SIGN_UP, {"input": {"email": email, "password": "correct-horse-1", "nickname": nickname, "region": region}}
    )
    return data["signUp"]["token"], data["signUp"]["user"]["id"]


async def create_item(market: Marketplace, token: str, title: str, price: int) -> dict[str, Any]:
    item = {
        "title": title,
        "description": f"{title} 팝니다",
        "price": price,
        "category": "디지털기기",
        "region": "서울 마포구 망원동",
    }
    data = await market.router.data(CREATE_ITEM, {"input": item}, token=token)
    created: dict[str, Any] = data["createItem"]
    return created


def fetches(node: Any) -> list[str]:
    """Every fetch of a JSON plan, as its service name, in plan order."""
    if isinstance(node, dict):
        found = [str(node["serviceName"])] if node.get("kind") == "Fetch" else []
        for value in node.values():
            found += fetches(value)
        return found
    if isinstance(node, list):
        return [name for child in node for name in fetches(child)]
    return []


async def test_a_search_shows_sellers_comment_counts_and_first_comments(marketplace: Marketplace) -> None:
    market = marketplace
    seller_token, _ = await sign_up(market, "seller@example.com", "망원감자", "서울 마포구 망원동")
    buyer_token, _ = await sign_up(market, "buyer@example.com", "합정당근", "서울 마포구 합정동")
    phone = await create_item(market, seller_token, "아이폰13프로 256GB", 650_000)
    assert phone["seller"] == {"nickname": "망원감자"} and phone["status"] == "ON_SALE"
    await create_item(market, seller_token, "아이패드 에어 5세대", 480_000)
    await create_item(market, seller_token, "이케아 책상", 30_000)
    await market.settle()

    await market.router.data(
        'mutation($id: ID!) { addComment(itemId: $id, body: "네고 가능할까요?") { id } }',
        {"id": phone["id"]},
        token=buyer_token,
    )
    await market.router.data(
        'mutation($id: ID!) { addComment(itemId: $id, body: "직거래 원해요") { id } }',
        {"id": phone["id"]},
        token=buyer_token,
    )
    await market.settle()

    body = await plan_of(market.router, SEARCH_WITH_EVERYTHING, {"q": "아이폰"})
    assert "errors" not in body, body
    result = body["data"]["searchItems"]  # type: ignore[index]
    assert result["totalCount"] == 1
    hit = result["edges"][0]
    assert "아이폰" in hit["highlight"]
    assert hit["node"]["title"] == "아이폰13프로 256GB"
    assert hit["node"]["seller"] == {"nickname": "망원감자"}
    assert hit["node"]["commentCount"] == 2
    assert [edge["node"] for edge in hit["node"]["comments"]["edges"]] == [
        {"body": "네고 가능할까요?", "author": {"nickname": "합정당근"}},
        {"body": "직거래 원해요", "author": {"nickname": "합정당근"}},
    ]

    # search → (items ∥ comments) → users: one request per subgraph per level, never one per entity.
    plan = body["extensions"]["queryPlan"]["json"]  # type: ignore[index]
    per_service = Counter(fetches(plan))
    assert per_service["search"] == 1
    assert per_service["items"] == 1
    assert per_service["comments"] == 1
    assert per_service["users"] <= 2, market_plan_text(body)


def market_plan_text(body: dict[str, Any]) -> str:
    return str(body["extensions"]["queryPlan"]["text"])


async def test_the_four_subgraphs_compose_cleanly_into_a_clean_api_schema(marketplace: Marketplace) -> None:
    ready = (await marketplace.router.http.get("/ready")).json()
    assert ready["status"] == "ready" and "details" not in ready
    assert ready["supergraph"]["compositionHints"] == []
    response = await marketplace.router.http.get("/schema.graphql")
    schema = response.text
    for internal in ("_entities", "_service", "join__", "link__", "_Any", "@inaccessible", "@key"):
        assert internal not in schema, internal
    for contract in ("type Item", "searchItems(", "commentCount: Int\n", "signUp(input: SignUpInput!): AuthPayload!"):
        assert contract in schema, contract
    assert re.search(r"enum ItemStatus \{\s+ON_SALE\s+RESERVED\s+SOLD\s+\}", schema)


async def test_errors_reach_the_client_with_their_codes_through_the_router(marketplace: Marketplace) -> None:
    codes = await marketplace.router.error_codes(
        'mutation { createItem(input: {title: "x", description: "", price: 1, category: "디지털기기", region: "서울"}) { id } }'
    )
    # The router refuses it before the items subgraph (which would say UNAUTHENTICATED) is asked.
    assert codes == ["UNAUTHORIZED_FIELD_OR_TYPE"]
    body = await marketplace.router.execute('{ searchItems(query: "   ") { totalCount } }')
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


ITEM_LIST_WITH_COMMENTS = """
{ items(first: 10) { edges { node { title price commentCount comments(first: 1) { totalCount } } } } }
"""


async def test_with_comments_down_an_item_list_still_shows_every_item(marketplace: Marketplace) -> None:
    market = marketplace
    seller_token, _ = await sign_up(market, "seller@example.com", "망원감자", "서울 마포구 망원동")
    for title, price in (("아이폰13프로 256GB", 650_000), ("이케아 책상", 30_000), ("자전거 나눔", 0)):
        await create_item(market, seller_token, title, price)
    await market.settle()

    await market.stop("comments")
    body = await market.router.execute(ITEM_LIST_WITH_COMMENTS)

    nodes = [edge["node"] for edge in body["data"]["items"]["edges"]]
    assert sorted((n["title"], n["price"]) for n in nodes) == [
        ("아이폰13프로 256GB", 650_000),
        ("이케아 책상", 30_000),
        ("자전거 나눔", 0),
    ]
    assert all(n["commentCount"] is None and n["comments"] is None for n in nodes), nodes
    errors = body["errors"]
    assert {e["extensions"]["code"] for e in errors} == {"SUBGRAPH_UNREACHABLE"}
    assert {e["extensions"]["serviceName"] for e in errors} == {"comments"}
    nulled = sorted(tuple(e["path"]) for e in errors)
    assert nulled == sorted(
        ("items", "edges", i, "node", field) for i in range(3) for field in ("commentCount", "comments")
    ), nulled
