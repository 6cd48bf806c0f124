"""Findings 9 and 6 of issue 11, through the router: a sale's buyer must exist, and tokens can be revoked."""

from __future__ import annotations

import uuid

from tests.e2e.conftest import Marketplace
from tests.e2e.hardening import codes, signed_up

CREATE_ITEM = "mutation($input: CreateItemInput!) { createItem(input: $input) { id } }"
SELL = "mutation($id: ID!, $b: ID) { changeItemStatus(id: $id, status: SOLD, buyerId: $b) { status } }"
ITEM = "query($id: ID!) { item(id: $id) { status } }"
ME = "{ me { id } }"
LOG_IN = "mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }"
CHANGE_PASSWORD = "mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) { id } }"
SIGN_OUT_EVERYWHERE = "mutation { signOutEverywhere }"
ITEM_INPUT = {
    "title": "자전거",
    "description": "잘 나가요",
    "price": 50_000,
    "category": "스포츠/레저",
    "region": "서울",
}


async def test_selling_to_a_buyer_that_does_not_exist_is_refused(marketplace: Marketplace) -> None:
    seller, _ = await signed_up(marketplace.router, "seller@example.com", "판매자")
    _, buyer = await signed_up(marketplace.router, "buyer@example.com", "구매자")
    item = (await marketplace.router.data(CREATE_ITEM, {"input": ITEM_INPUT}, token=seller))["createItem"]
    await marketplace.settle()  # users.events reaches items
    body = await marketplace.router.execute(SELL, {"id": item["id"], "b": str(uuid.uuid4())}, token=seller)
    assert codes(body) == ["BAD_USER_INPUT"], body
    assert body["errors"][0]["extensions"]["field"] == "buyerId"
    assert "There is no user with id" in body["errors"][0]["message"]
    assert (await marketplace.router.data(ITEM, {"id": item["id"]}))["item"]["status"] == "ON_SALE"
    sold = await marketplace.router.data(SELL, {"id": item["id"], "b": buyer}, token=seller)
    assert sold["changeItemStatus"]["status"] == "SOLD"


async def _can_create_item(marketplace: Marketplace, token: str) -> list[str]:
    body = await marketplace.router.execute(CREATE_ITEM, {"input": ITEM_INPUT}, token=token)
    return codes(body)


async def test_a_new_password_revokes_every_token_on_every_subgraph(marketplace: Marketplace) -> None:
    first, _ = await signed_up(marketplace.router, "owner@example.com", "주인")
    second = (await marketplace.router.data(LOG_IN, {"e": "owner@example.com", "p": "correct-horse-1"}))["logIn"][
        "token"
    ]
    await marketplace.settle()
    assert await _can_create_item(marketplace, second) == []
    await marketplace.router.data(CHANGE_PASSWORD, {"o": "correct-horse-1", "n": "battery-staple-2"}, token=first)
    # The users service knows at once; the others once users.events reaches them.
    assert codes(await marketplace.router.execute(ME, token=second)) == ["UNAUTHENTICATED"]
    await marketplace.settle()
    for token in (first, second):
        assert codes(await marketplace.router.execute(ME, token=token)) == ["UNAUTHENTICATED"]
        assert await _can_create_item(marketplace, token) == ["UNAUTHENTICATED"]
    message = (await marketplace.router.execute(ME, token=first))["errors"][0]["message"]
    assert "log in again" in message
    fresh = (await marketplace.router.data(LOG_IN, {"e": "owner@example.com", "p": "battery-staple-2"}))["logIn"]
    assert (await marketplace.router.data(ME, token=fresh["token"]))["me"] is not None
    assert await _can_create_item(marketplace, fresh["token"]) == []


async def test_sign_out_everywhere(marketplace: Marketplace) -> None:
    first, user_id = await signed_up(marketplace.router, "leaver@example.com", "떠남")
    other_device = (await marketplace.router.data(LOG_IN, {"e": "leaver@example.com", "p": "correct-horse-1"}))[
        "logIn"
    ]["token"]
    assert (await marketplace.router.data(SIGN_OUT_EVERYWHERE, token=first)) == {"signOutEverywhere": True}
    await marketplace.settle()
    for token in (first, other_device):
        assert codes(await marketplace.router.execute(ME, token=token)) == ["UNAUTHENTICATED"]
        assert await _can_create_item(marketplace, token) == ["UNAUTHENTICATED"]
    # Anonymous: the router's @authenticated refuses it before users sees it (users itself would say UNAUTHENTICATED).
    assert codes(await marketplace.router.execute(SIGN_OUT_EVERYWHERE)) in (
        ["UNAUTHORIZED_FIELD_OR_TYPE"],
        ["UNAUTHENTICATED"],
    )
    fresh = (await marketplace.router.data(LOG_IN, {"e": "leaver@example.com", "p": "correct-horse-1"}))["logIn"]
    assert (await marketplace.router.data(ME, token=fresh["token"]))["me"]["id"] == user_id
