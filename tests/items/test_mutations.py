"""The write side through GraphQL: who may do what, validation, lifecycle, likes, bumps and the events written."""

from __future__ import annotations

import asyncio

import pytest

from subgraphs.items.domain.categories import CATEGORIES
from tests.items.conftest import ADMIN_ID, BUYER, ITEM_FIELDS, OTHER, SELLER, Items, published_events

UPDATE = f"mutation($id: ID!, $input: UpdateItemInput!) {{ updateItem(id: $id, input: $input) {{ {ITEM_FIELDS} }} }}"
STATUS = f"mutation($id: ID!, $status: ItemStatus!, $buyer: ID) {{ changeItemStatus(id: $id, status: $status, buyerId: $buyer) {{ {ITEM_FIELDS} }} }}"
LIKE = "mutation($id: ID!) { likeItem(id: $id) { id likeCount likedByViewer } }"
UNLIKE = "mutation($id: ID!) { unlikeItem(id: $id) { id likeCount likedByViewer } }"
BUMP = "mutation($id: ID!) { bumpItem(id: $id) { id bumpedAt } }"
DELETE = "mutation($id: ID!) { deleteItem(id: $id) }"
CREATE = "mutation($input: CreateItemInput!) { createItem(input: $input) { id } }"


async def test_create_returns_the_written_item_and_it_is_found_by_id_before_the_read_store_has_it(items: Items) -> None:
    created = await items.create(title="  아이폰13 프로 256GB ", price=0, region="서울  마포구 망원동")
    assert created["title"] == "아이폰13 프로 256GB"
    assert created["region"] == "서울 마포구 망원동"
    assert created["price"] == 0
    assert created["status"] == "ON_SALE"
    assert created["seller"] == {"id": SELLER}
    assert created["likeCount"] == 0 and created["viewCount"] == 0
    assert created["createdAt"] == created["updatedAt"] == created["bumpedAt"] == "2026-11-21T09:00:00Z"
    assert await items.services.reader.by_ids([created["id"]]) == {}  # the read store is fed only by events
    # Asked for by id meanwhile, the item comes from the write database (service_layer/lookup.py).
    before = await items.read(created["id"])
    assert {k: v for k, v in before.items() if k != "viewCount"} == {
        k: v for k, v in created.items() if k != "viewCount"
    }
    await items.settle()
    assert set(await items.services.reader.by_ids([created["id"]])) == {created["id"]}
    read = await items.read(created["id"])
    assert {k: v for k, v in read.items() if k != "viewCount"} == {k: v for k, v in created.items() if k != "viewCount"}


async def test_anonymous_cannot_create(items: Items) -> None:
    variables = {"input": {"title": "책상", "price": 1, "category": "기타 중고물품", "region": "서울"}}
    assert await items.client.error_codes(CREATE, variables) == ["UNAUTHENTICATED"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "가"),
        ("title", "가" * 101),
        ("title", "   "),
        ("description", "설" * 2001),
        ("price", -1),
        ("price", 1_000_000_001),
        ("category", "자동차"),
        ("region", "  "),
    ],
)
async def test_invalid_input_is_refused_naming_the_field(items: Items, field: str, value: object) -> None:
    values = {"title": "이케아 책상", "price": 1000, "category": "가구/인테리어", "region": "서울 마포구", field: value}
    body = await items.client.execute(CREATE, {"input": values}, token=items.token(SELLER))
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == field


async def test_limits_are_inclusive(items: Items) -> None:
    for title, price, description in (("가나", 0, ""), ("가" * 100, 1_000_000_000, "설" * 2000)):
        created = await items.create(title=title, price=price, description=description)
        assert (created["title"], created["price"]) == (title, price)


async def test_every_listed_category_is_accepted(items: Items) -> None:
    data = await items.client.data("{ categories }")
    assert data["categories"] == list(CATEGORIES)
    assert "디지털기기" in data["categories"] and "삽니다" in data["categories"]
    created = await items.create(category="삽니다")
    assert created["category"] == "삽니다"


async def test_only_the_seller_or_an_admin_may_change_an_item(items: Items) -> None:
    item = await items.create()
    for query, variables in (
        (UPDATE, {"id": item["id"], "input": {"price": 1}}),
        (STATUS, {"id": item["id"], "status": "RESERVED"}),
        (BUMP, {"id": item["id"]}),
        (DELETE, {"id": item["id"]}),
    ):
        assert await items.client.error_codes(query, variables, token=items.token(OTHER)) == ["FORBIDDEN"]
        assert await items.client.error_codes(query, variables) == ["UNAUTHENTICATED"]
    data = await items.client.data(
        UPDATE, {"id": item["id"], "input": {"price": 1}}, token=items.token(ADMIN_ID, admin=True)
    )
    assert data["updateItem"]["price"] == 1


async def test_update_changes_only_given_fields(items: Items) -> None:
    item = await items.create()
    items.clock.advance(minutes=5)
    data = await items.client.data(
        UPDATE,
        {"id": item["id"], "input": {"title": "이케아 책상 (거의 새것)", "price": 20000}},
        token=items.token(SELLER),
    )
    updated = data["updateItem"]
    assert updated["title"] == "이케아 책상 (거의 새것)" and updated["price"] == 20000
    assert updated["description"] == item["description"] and updated["category"] == item["category"]
    assert updated["updatedAt"] == "2026-11-21T09:05:00Z" and updated["createdAt"] == item["createdAt"]
    explicit_null = await items.client.data(
        UPDATE, {"id": item["id"], "input": {"title": None, "price": 15000}}, token=items.token(SELLER)
    )
    assert explicit_null["updateItem"]["title"] == "이케아 책상 (거의 새것)"
    assert explicit_null["updateItem"]["price"] == 15000
    body = await items.client.execute(
        UPDATE, {"id": item["id"], "input": {"category": "차"}}, token=items.token(SELLER)
    )
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "category"}


async def test_unknown_or_deleted_items_are_not_found(items: Items) -> None:
    item = await items.create()
    assert (await items.client.data(DELETE, {"id": item["id"]}, token=items.token(SELLER)))["deleteItem"] == item["id"]
    for item_id in (item["id"], "no-such-item"):
        for query, variables, token in (
            (UPDATE, {"id": item_id, "input": {"price": 1}}, SELLER),
            (STATUS, {"id": item_id, "status": "RESERVED"}, SELLER),
            (DELETE, {"id": item_id}, SELLER),
            (LIKE, {"id": item_id}, OTHER),
        ):
            assert await items.client.error_codes(query, variables, token=items.token(token)) == ["NOT_FOUND"]
    await items.settle()
    assert await items.read(item["id"]) is None


async def test_status_lifecycle_and_sale_record(items: Items) -> None:
    item = await items.create(price=50000)
    seller = items.token(SELLER)
    reserved = (await items.client.data(STATUS, {"id": item["id"], "status": "RESERVED"}, token=seller))[
        "changeItemStatus"
    ]
    assert reserved["status"] == "RESERVED" and reserved["soldAt"] is None
    back = (await items.client.data(STATUS, {"id": item["id"], "status": "ON_SALE"}, token=seller))["changeItemStatus"]
    assert back["status"] == "ON_SALE"
    await items.client.data(STATUS, {"id": item["id"], "status": "RESERVED"}, token=seller)
    items.clock.advance(hours=2)
    sold = (await items.client.data(STATUS, {"id": item["id"], "status": "SOLD", "buyer": BUYER}, token=seller))[
        "changeItemStatus"
    ]
    assert sold["status"] == "SOLD" and sold["soldAt"] == "2026-11-21T11:00:00Z"
    for status in ("ON_SALE", "RESERVED", "SOLD"):
        body = await items.client.execute(STATUS, {"id": item["id"], "status": status}, token=seller)
        [error] = body["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert error["extensions"]["allowed"] == []
        assert "SOLD cannot become" in error["message"]
    # The sale is recorded on the write side and shows in the buyer's purchases once projected.
    await items.settle()
    purchases = await items.client.data(
        f'{{ _entities(representations: [{{__typename: "User", id: "{BUYER}"}}]) {{ ... on User {{ purchases {{ totalCount edges {{ node {{ id price soldAt }} }} }} }} }} }}',
        token=items.token(BUYER),
    )
    [entity] = purchases["_entities"]
    assert entity["purchases"]["totalCount"] == 1
    assert entity["purchases"]["edges"][0]["node"] == {
        "id": item["id"],
        "price": 50000,
        "soldAt": "2026-11-21T11:00:00Z",
    }


async def test_illegal_transition_lists_the_allowed_ones(items: Items) -> None:
    item = await items.create()
    body = await items.client.execute(STATUS, {"id": item["id"], "status": "ON_SALE"}, token=items.token(SELLER))
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["allowed"] == ["RESERVED", "SOLD"]
    assert "RESERVED, SOLD" in error["message"]


async def test_buyer_only_with_sold_and_never_the_seller(items: Items) -> None:
    item = await items.create()
    seller = items.token(SELLER)
    for status, buyer in (("RESERVED", BUYER), ("SOLD", SELLER)):
        body = await items.client.execute(STATUS, {"id": item["id"], "status": status, "buyer": buyer}, token=seller)
        assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "buyerId"}
    sold = await items.client.data(STATUS, {"id": item["id"], "status": "SOLD"}, token=seller)
    assert sold["changeItemStatus"]["status"] == "SOLD"  # a buyer is optional
    body = await items.client.execute(UPDATE, {"id": item["id"], "input": {"price": 1}}, token=seller)
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "price"}


async def test_a_like_is_once_per_user_and_never_your_own(items: Items) -> None:
    item = await items.create()
    other = items.token(OTHER)
    liked = (await items.client.data(LIKE, {"id": item["id"]}, token=other))["likeItem"]
    assert liked == {"id": item["id"], "likeCount": 1, "likedByViewer": True}
    assert await items.client.error_codes(LIKE, {"id": item["id"]}, token=other) == ["CONFLICT"]
    assert await items.client.error_codes(LIKE, {"id": item["id"]}, token=items.token(SELLER)) == ["BAD_USER_INPUT"]
    assert await items.client.error_codes(LIKE, {"id": item["id"]}) == ["UNAUTHENTICATED"]
    second = (await items.client.data(LIKE, {"id": item["id"]}, token=items.token(BUYER)))["likeItem"]
    assert second["likeCount"] == 2
    unliked = (await items.client.data(UNLIKE, {"id": item["id"]}, token=other))["unlikeItem"]
    assert unliked == {"id": item["id"], "likeCount": 1, "likedByViewer": False}
    assert await items.client.error_codes(UNLIKE, {"id": item["id"]}, token=other) == ["CONFLICT"]
    again = (await items.client.data(LIKE, {"id": item["id"]}, token=other))["likeItem"]
    assert again["likeCount"] == 2
    await items.settle()
    read = await items.client.data(
        "query($id: ID!) { item(id: $id) { likeCount likedByViewer } }", {"id": item["id"]}, token=other
    )
    assert read["item"] == {"likeCount": 2, "likedByViewer": True}


async def test_bump_once_per_day_moves_the_item_to_the_top(items: Items) -> None:
    first = await items.create(title="먼저 올린 책상")
    items.clock.advance(hours=1)
    second = await items.create(title="나중에 올린 의자")
    seller = items.token(SELLER)
    items.clock.advance(hours=1)
    bumped = (await items.client.data(BUMP, {"id": first["id"]}, token=seller))["bumpItem"]
    assert bumped["bumpedAt"] == "2026-11-21T11:00:00Z"
    await items.settle()
    newest = await items.client.data("{ items { edges { node { title } } } }")
    assert [edge["node"]["title"] for edge in newest["items"]["edges"]] == ["먼저 올린 책상", "나중에 올린 의자"]
    items.clock.advance(hours=23, minutes=59)
    body = await items.client.execute(BUMP, {"id": first["id"]}, token=seller)
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "nextBumpAt": "2026-11-22T11:00:00Z"}
    items.clock.advance(minutes=1)
    assert (await items.client.data(BUMP, {"id": first["id"]}, token=seller))["bumpItem"][
        "bumpedAt"
    ] == "2026-11-22T11:00:00Z"
    await items.client.data(STATUS, {"id": second["id"], "status": "SOLD"}, token=seller)
    assert await items.client.error_codes(BUMP, {"id": second["id"]}, token=seller) == ["BAD_USER_INPUT"]


async def test_each_change_appends_one_event_with_the_full_state(items: Items) -> None:
    item = await items.create()
    seller = items.token(SELLER)
    await items.client.data(UPDATE, {"id": item["id"], "input": {"price": 1000}}, token=seller)
    await items.client.data(LIKE, {"id": item["id"]}, token=items.token(OTHER))
    await items.client.data(UNLIKE, {"id": item["id"]}, token=items.token(OTHER))
    await items.client.data(BUMP, {"id": item["id"]}, token=seller)
    await items.client.data(STATUS, {"id": item["id"], "status": "SOLD", "buyer": BUYER}, token=seller)
    await items.client.data(DELETE, {"id": item["id"]}, token=seller)
    # A refused change writes nothing.
    await items.client.execute(LIKE, {"id": item["id"]}, token=items.token(SELLER))
    assert await published_events(items.settings) == []  # nothing leaves before the relay runs
    await items.settle()
    events = await published_events(items.settings)
    assert [(e.type, e.version) for e in events] == [
        ("ItemCreated", 1),
        ("ItemUpdated", 2),
        ("ItemLiked", 3),
        ("ItemUnliked", 4),
        ("ItemBumped", 5),
        ("ItemStatusChanged", 6),
        ("ItemDeleted", 7),
    ]
    assert {e.aggregate_id for e in events} == {item["id"]}
    assert events[2].payload["liked_by"] == [OTHER] and events[2].payload["like_count"] == 1
    assert events[3].payload["liked_by"] == []
    last = events[-1].payload
    assert last == {
        "id": item["id"],
        "title": "이케아 책상",
        "description": "상태 좋아요",
        "price": 1000,
        "category": "가구/인테리어",
        "region": "서울 마포구 망원동",
        "status": "SOLD",
        "seller_id": SELLER,
        "buyer_id": BUYER,
        "sold_at": "2026-11-21T09:00:00Z",
        "like_count": 0,
        "liked_by": [],
        "created_at": "2026-11-21T09:00:00Z",
        "updated_at": "2026-11-21T09:00:00Z",
        "bumped_at": "2026-11-21T09:00:00Z",
        "deleted": True,
    }


async def test_concurrent_likes_all_count(items: Items) -> None:
    item = await items.create()
    likers = [f"00000000-0000-4000-8000-1000000000{n:02d}" for n in range(8)]
    bodies = await asyncio.gather(
        *(items.client.execute(LIKE, {"id": item["id"]}, token=items.token(user)) for user in likers)
    )
    assert sorted(body["data"]["likeItem"]["likeCount"] for body in bodies) == list(range(1, 9))
    await items.settle()
    assert (await items.read(item["id"]))["likeCount"] == 8
