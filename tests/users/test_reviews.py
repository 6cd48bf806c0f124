"""leaveReview and mannerScore, resting on the sales the users service learns from `items.events`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from gamja.events.local_log import LocalLog
from gamja.events.topics import ITEMS_EVENTS
from gamja.settings import Settings
from tests.conftest import MakeSettings
from tests.support.graphql import GraphQLClient
from tests.support.services import Stack, running_stack
from tests.users.support import first_error, publish_item_event, sign_up

ITEM = "item-0001"
LEAVE_REVIEW = """
mutation ($itemId: ID!, $rating: Int!, $comment: String) {
  leaveReview(itemId: $itemId, rating: $rating, comment: $comment) {
    rating comment side item { id } author { id } subject { id mannerScore }
  }
}
"""
REVIEWS = """
query ($id: ID!, $first: Int, $after: String) {
  user(id: $id) {
    mannerScore
    reviews(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { rating comment side author { nickname } } }
    }
  }
}
"""


@dataclass
class Party:
    id: str
    token: str


@dataclass
class Sale:
    stack: Stack
    settings: Settings
    seller: Party
    buyer: Party
    stranger: Party

    @property
    def client(self) -> GraphQLClient:
        return self.stack["users"].client

    async def publish(
        self, version: int, status: str, *, buyer: bool = True, event_type: str = "ItemStatusChanged"
    ) -> None:
        await publish_item_event(
            self.settings,
            item_id=ITEM,
            version=version,
            status=status,
            seller_id=self.seller.id,
            buyer_id=self.buyer.id if buyer else None,
            event_type=event_type,
        )
        await self.stack.settle()

    async def review(self, who: Party | None, rating: int, comment: str | None = "고마워요") -> dict[str, Any]:
        body = await self.client.execute(
            LEAVE_REVIEW, {"itemId": ITEM, "rating": rating, "comment": comment}, token=who.token if who else None
        )
        return body

    async def score(self, party: Party) -> float:
        data = await self.client.data(REVIEWS, {"id": party.id})
        score: float = data["user"]["mannerScore"]
        return score


@pytest.fixture
async def sale(make_settings: MakeSettings) -> Any:
    settings = await make_settings("users")
    async with running_stack(settings, "users") as stack:
        client = stack["users"].client
        parties = [
            await sign_up(client, email=f"{name}@example.com", nickname=nickname)
            for name, nickname in (("seller", "파는사람"), ("buyer", "사는사람"), ("stranger", "구경꾼"))
        ]
        seller, buyer, stranger = (Party(p["user"]["id"], p["token"]) for p in parties)
        yield Sale(stack, settings, seller, buyer, stranger)


def code(body: dict[str, Any]) -> str:
    assert body.get("errors"), body
    value: str = body["errors"][0]["extensions"]["code"]
    return value


async def test_buyer_and_seller_each_review_once_and_scores_move(sale: Sale) -> None:
    await sale.publish(1, "ON_SALE", buyer=False, event_type="ItemCreated")
    await sale.publish(2, "SOLD")
    assert await sale.score(sale.seller) == 36.5

    by_buyer = (await sale.review(sale.buyer, 5, "  친절하세요  "))["data"]["leaveReview"]
    assert by_buyer == {
        "rating": 5,
        "comment": "친절하세요",
        "side": "BUYER",
        "item": {"id": ITEM},
        "author": {"id": sale.buyer.id},
        "subject": {"id": sale.seller.id, "mannerScore": 37.5},
    }
    by_seller = (await sale.review(sale.seller, 1, None))["data"]["leaveReview"]
    assert (by_seller["side"], by_seller["subject"]["id"], by_seller["comment"]) == ("SELLER", sale.buyer.id, "")
    assert await sale.score(sale.buyer) == 35.5

    assert code(await sale.review(sale.buyer, 4)) == "CONFLICT"
    assert code(await sale.review(sale.seller, 4)) == "CONFLICT"
    assert await sale.score(sale.seller) == 37.5


async def test_only_the_two_sides_may_review(sale: Sale) -> None:
    await sale.publish(1, "SOLD")
    assert code(await sale.review(sale.stranger, 5)) == "FORBIDDEN"
    assert code(await sale.review(None, 5)) == "UNAUTHENTICATED"


async def test_no_review_without_a_completed_sale(sale: Sale) -> None:
    assert code(await sale.review(sale.buyer, 5)) == "NOT_FOUND"
    await sale.publish(1, "RESERVED")
    assert code(await sale.review(sale.buyer, 5)) == "NOT_FOUND"
    await sale.publish(2, "SOLD", buyer=False)
    assert code(await sale.review(sale.seller, 5)) == "NOT_FOUND"
    # Marked sold to the seller themself: there is nobody to review.
    await publish_item_event(
        sale.settings, item_id=ITEM, version=3, status="SOLD", seller_id=sale.seller.id, buyer_id=sale.seller.id
    )
    await sale.stack.settle()
    assert code(await sale.review(sale.seller, 5)) == "NOT_FOUND"


@pytest.mark.parametrize(
    ("rating", "comment", "field"), [(0, "x", "rating"), (6, "x", "rating"), (5, "가" * 501, "comment")]
)
async def test_rating_and_comment_are_validated(sale: Sale, rating: int, comment: str, field: str) -> None:
    await sale.publish(1, "SOLD")
    error = (await sale.review(sale.buyer, rating, comment))["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}


async def test_events_apply_by_version_whatever_the_order(sale: Sale) -> None:
    await sale.publish(3, "SOLD")
    # A late, older event must not undo the sale; the same event twice changes nothing.
    await sale.publish(2, "RESERVED")
    await sale.publish(3, "SOLD")
    assert "data" in await sale.review(sale.buyer, 5) and await sale.score(sale.seller) == 37.5
    # A newer event taking the item off sale closes the sale for new reviews; given ones stay.
    await sale.publish(4, "ON_SALE", buyer=False)
    assert code(await sale.review(sale.seller, 5)) == "NOT_FOUND"
    assert await sale.score(sale.seller) == 37.5


async def test_sales_are_consumed_as_group_users_sales(sale: Sale) -> None:
    await sale.publish(1, "SOLD")
    log = LocalLog(sale.settings.events_log_file())
    try:
        assert await log.committed("users-sales", ITEMS_EVENTS) == await log.end_offsets(ITEMS_EVENTS) == 1
    finally:
        await log.close()


async def test_reviews_received_are_paged_newest_first(sale: Sale) -> None:
    for n, rating in enumerate((5, 4, 2), start=1):
        item = f"item-{n}"
        await publish_item_event(
            sale.settings, item_id=item, version=1, status="SOLD", seller_id=sale.seller.id, buyer_id=sale.buyer.id
        )
        await sale.stack.settle()
        await sale.client.data(
            LEAVE_REVIEW, {"itemId": item, "rating": rating, "comment": f"후기{n}"}, token=sale.buyer.token
        )

    first = (await sale.client.data(REVIEWS, {"id": sale.seller.id, "first": 2}))["user"]
    assert first["mannerScore"] == 36.5 + 0.5 * (2 + 1 - 1)
    reviews = first["reviews"]
    assert reviews["totalCount"] == 3
    assert [edge["node"]["comment"] for edge in reviews["edges"]] == ["후기3", "후기2"]
    assert reviews["edges"][0]["node"]["author"] == {"nickname": "사는사람"}
    assert reviews["pageInfo"]["hasNextPage"] is True

    after = reviews["pageInfo"]["endCursor"]
    rest = (await sale.client.data(REVIEWS, {"id": sale.seller.id, "first": 2, "after": after}))["user"]["reviews"]
    assert [edge["node"]["comment"] for edge in rest["edges"]] == ["후기1"]
    assert rest["pageInfo"] == {"hasNextPage": False, "endCursor": rest["edges"][0]["cursor"]}

    too_many = await first_error(sale.client, REVIEWS, {"id": sale.seller.id, "first": 101})
    assert too_many["extensions"] == {"code": "BAD_USER_INPUT", "field": "first"}
    bad_cursor = await first_error(sale.client, REVIEWS, {"id": sale.seller.id, "after": "!!nope"})
    assert bad_cursor["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}
