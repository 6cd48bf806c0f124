"""The read side through GraphQL: filters, pagination, view counts, the User fields and federation."""

from __future__ import annotations

from typing import Any

from subgraphs.items.service import SPEC
from tests.items.conftest import ADMIN_ID, BUYER, OTHER, SELLER, Items
from tests.support.addresses import via_router

LIST = """query($filter: ItemFilter, $first: Int, $after: String) {
  items(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { id title } } pageInfo { hasNextPage endCursor }
  }
}"""


async def _titles(items: Items, item_filter: dict[str, Any] | None = None) -> list[str]:
    data = await items.client.data(LIST, {"filter": item_filter, "first": 100})
    connection = data["items"]
    assert connection["totalCount"] == len(connection["edges"])
    return [edge["node"]["title"] for edge in connection["edges"]]


async def _listing(items: Items) -> None:
    for title, price, category, region, seller in (
        ("망원동 책상", 30000, "가구/인테리어", "서울 마포구 망원동", SELLER),
        ("합정동 의자", 10000, "가구/인테리어", "서울 마포구 합정동", OTHER),
        ("성수동 자전거", 150000, "스포츠/레저", "서울 성동구 성수동", SELLER),
        ("해운대 카시트", 0, "유아동", "부산 해운대구 우동", OTHER),
        ("마포구청 앞 아이폰", 700000, "디지털기기", "서울 마포구", SELLER),
        ("와일드카드 지역", 5000, "기타 중고물품", "서울_마포%", OTHER),
    ):
        items.clock.advance(minutes=1)
        await items.create(seller, title=title, price=price, category=category, region=region)
    await items.settle()


async def test_filters(items: Items) -> None:
    await _listing(items)
    assert await _titles(items) == [
        "와일드카드 지역",
        "마포구청 앞 아이폰",
        "해운대 카시트",
        "성수동 자전거",
        "합정동 의자",
        "망원동 책상",
    ]
    assert await _titles(items, {"region": "서울 마포구"}) == ["마포구청 앞 아이폰", "합정동 의자", "망원동 책상"]
    assert await _titles(items, {"region": "서울 마포구 망원동"}) == ["망원동 책상"]
    assert await _titles(items, {"region": "부산"}) == ["해운대 카시트"]
    assert await _titles(items, {"region": "서울_"}) == ["와일드카드 지역"]  # `_` and `%` are not wildcards
    assert await _titles(items, {"category": "가구/인테리어"}) == ["합정동 의자", "망원동 책상"]
    assert await _titles(items, {"minPrice": 10000, "maxPrice": 150000}) == [
        "성수동 자전거",
        "합정동 의자",
        "망원동 책상",
    ]
    assert await _titles(items, {"maxPrice": 0}) == ["해운대 카시트"]
    assert await _titles(items, {"sellerId": SELLER, "region": "서울 마포구"}) == ["마포구청 앞 아이폰", "망원동 책상"]
    assert await _titles(items, {"status": "RESERVED"}) == []
    codes = await items.client.error_codes(LIST, {"filter": {"category": "자동차"}})
    assert codes == ["BAD_USER_INPUT"]


async def test_status_filter_follows_the_lifecycle(items: Items) -> None:
    item = await items.create(title="예약된 카시트")
    await items.create(title="판매중 유모차")
    await items.client.data(
        "mutation($id: ID!) { changeItemStatus(id: $id, status: RESERVED) { id } }",
        {"id": item["id"]},
        token=items.token(SELLER),
    )
    await items.settle()
    assert await _titles(items, {"status": "RESERVED"}) == ["예약된 카시트"]
    assert await _titles(items, {"status": "ON_SALE"}) == ["판매중 유모차"]


async def test_pagination_is_stable_under_concurrent_inserts(items: Items) -> None:
    for number in range(7):
        items.clock.advance(seconds=1)
        await items.create(title=f"물건 {number}")
    await items.settle()
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        data = (await items.client.data(LIST, {"first": 3, "after": after}))["items"]
        seen += [edge["node"]["title"] for edge in data["edges"]]
        pages += 1
        assert data["pageInfo"]["endCursor"] == (data["edges"][-1]["cursor"] if data["edges"] else None)
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
        # Someone lists something new while we page: it goes on top, never into the pages still to come.
        items.clock.advance(seconds=1)
        await items.create(title=f"새 물건 {pages}")
        await items.settle()
    assert seen == [f"물건 {n}" for n in reversed(range(7))]
    assert pages == 3
    assert data["totalCount"] == 9


async def test_items_with_the_same_bump_time_are_ordered_by_id_without_gaps(items: Items) -> None:
    created = [await items.create(title=f"동시 {n}") for n in range(5)]  # the test clock stands still
    await items.settle()
    ids: list[str] = []
    after = None
    for _ in range(5):
        data = (await items.client.data(LIST, {"first": 2, "after": after}))["items"]
        ids += [edge["node"]["id"] for edge in data["edges"]]
        after = data["pageInfo"]["endCursor"]
        if not data["pageInfo"]["hasNextPage"]:
            break
    assert ids == sorted((item["id"] for item in created), reverse=True)


async def test_page_size_and_cursor_errors(items: Items) -> None:
    for number in range(21):
        await items.create(title=f"물건 {number:02d}")
    await items.settle()
    default = (await items.client.data(LIST, {}))["items"]
    assert len(default["edges"]) == 20 and default["pageInfo"]["hasNextPage"] and default["totalCount"] == 21
    assert len((await items.client.data(LIST, {"first": 100}))["items"]["edges"]) == 21
    empty = (await items.client.data(LIST, {"first": 0}))["items"]
    assert empty["edges"] == [] and empty["totalCount"] == 21
    for variables in ({"first": 101}, {"first": -1}, {"after": "not-a-cursor"}, {"after": "bm9waXBl"}):
        body = await items.client.execute(LIST, variables)
        assert [e["extensions"]["code"] for e in body["errors"]] == ["BAD_USER_INPUT"], variables


async def _view(items: Items, item_id: str, *, token: str | None = None, address: str | None = None) -> int:
    headers = via_router(address) if address else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    response = await items.client.http.post(
        "/graphql",
        json={"query": "query($id: ID!) { item(id: $id) { viewCount } }", "variables": {"id": item_id}},
        headers=headers,
    )
    count: int = response.json()["data"]["item"]["viewCount"]
    return count


async def test_view_count_once_per_viewer_per_hour(items: Items) -> None:
    item = await items.create()
    await items.settle()
    assert await _view(items, item["id"], token=items.token(OTHER)) == 1
    assert await _view(items, item["id"], token=items.token(OTHER)) == 1
    assert await _view(items, item["id"], token=items.token(BUYER)) == 2
    assert await _view(items, item["id"], address="203.0.113.7") == 3
    assert await _view(items, item["id"], address="203.0.113.7") == 3
    assert await _view(items, item["id"], address="198.51.100.1") == 4
    items.clock.advance(minutes=59)
    assert await _view(items, item["id"], token=items.token(OTHER)) == 4
    items.clock.advance(minutes=1)
    assert await _view(items, item["id"], token=items.token(OTHER)) == 5
    # Entity fetches (another subgraph resolving an Item) and lists are not views.
    await items.client.data(
        f'{{ _entities(representations: [{{__typename: "Item", id: "{item["id"]}"}}]) {{ __typename }} }}'
    )
    listed = await items.client.data("{ items { edges { node { viewCount } } } }")
    assert listed["items"]["edges"][0]["node"]["viewCount"] == 5
    # Views are not item state: a reindex keeps them.
    assert SPEC.reindex is not None
    await SPEC.reindex(items.stack["items"].runtime)
    assert await _view(items, item["id"], token=items.token(OTHER)) == 5


async def test_user_items_likes_and_purchases(items: Items) -> None:
    await items.create(SELLER, title="내 책상")
    theirs = await items.create(OTHER, title="남의 의자")
    await items.client.data(
        "mutation($id: ID!) { likeItem(id: $id) { id } }", {"id": theirs["id"]}, token=items.token(SELLER)
    )
    await items.client.data(
        "mutation($id: ID!, $b: ID) { changeItemStatus(id: $id, status: SOLD, buyerId: $b) { id } }",
        {"id": theirs["id"], "b": SELLER},
        token=items.token(OTHER),
    )
    await items.settle()
    query = f"""{{ _entities(representations: [{{__typename: "User", id: "{SELLER}"}}]) {{ ... on User {{
        items {{ totalCount edges {{ node {{ title seller {{ id }} }} }} }}
        likedItems {{ totalCount edges {{ node {{ title }} }} }}
        purchases {{ totalCount edges {{ node {{ title status }} }} }}
    }} }} }}"""
    [user] = (await items.client.data(query, token=items.token(SELLER)))["_entities"]
    assert user["items"] == {"totalCount": 1, "edges": [{"node": {"title": "내 책상", "seller": {"id": SELLER}}}]}
    assert user["likedItems"] == {"totalCount": 1, "edges": [{"node": {"title": "남의 의자"}}]}
    assert user["purchases"] == {"totalCount": 1, "edges": [{"node": {"title": "남의 의자", "status": "SOLD"}}]}
    [as_admin] = (await items.client.data(query, token=items.token(ADMIN_ID, admin=True)))["_entities"]
    assert as_admin == user
    body = await items.client.execute(query, token=items.token(OTHER))
    assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}
    body = await items.client.execute(query)
    assert {e["extensions"]["code"] for e in body["errors"]} == {"UNAUTHENTICATED"}
    public = await items.client.data(
        f'{{ _entities(representations: [{{__typename: "User", id: "{SELLER}"}}]) {{ ... on User {{ items {{ totalCount }} }} }} }}'
    )
    assert public["_entities"] == [{"items": {"totalCount": 1}}]


async def test_item_entities_resolve_in_one_batch(items: Items) -> None:
    first = await items.create(title="첫째")
    second = await items.create(title="둘째")
    deleted = await items.create(title="지운 것")
    await items.client.data(
        "mutation($id: ID!) { deleteItem(id: $id) }", {"id": deleted["id"]}, token=items.token(SELLER)
    )
    await items.settle()
    reader = items.services.reader
    calls: list[list[str]] = []
    original = reader.by_ids

    async def spy(ids: Any) -> Any:
        calls.append(list(ids))
        return await original(ids)

    reader.by_ids = spy  # type: ignore[method-assign]
    representations = [
        {"__typename": "Item", "id": first["id"], "title": "extra fields are fine"},
        {"__typename": "Item", "id": "missing"},
        {"__typename": "Item", "id": second["id"]},
        {"__typename": "Item", "id": deleted["id"]},
    ]
    data = await items.client.data(
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Item { id title seller { __typename id } } } }",
        {"r": representations},
    )
    assert data["_entities"] == [
        {"id": first["id"], "title": "첫째", "seller": {"__typename": "User", "id": SELLER}},
        None,
        {"id": second["id"], "title": "둘째", "seller": {"__typename": "User", "id": SELLER}},
        None,
    ]
    assert len(calls) == 1 and sorted(calls[0]) == sorted([first["id"], "missing", second["id"], deleted["id"]])


async def test_service_sdl_declares_the_entities(items: Items) -> None:
    sdl = (await items.client.data("{ _service { sdl } }"))["_service"]["sdl"]
    assert 'type Item @key(fields: "id")' in sdl
    assert 'type User @key(fields: "id")' in sdl
    assert "type PageInfo @shareable" in sdl
    assert "scalar DateTime" in sdl


async def test_an_item_the_read_store_has_not_caught_up_on_resolves_from_the_write_database(items: Items) -> None:
    # Search or comments can learn of a new item from its events before the read store applies them; asked for it
    # by id, items must not answer null: `Item.title` is non-null, so the client's whole page would be emptied.
    fresh = await items.create(title="방금 올린 자전거")
    gone = await items.create(title="올리자마자 지운 것")
    await items.client.data("mutation($id: ID!) { deleteItem(id: $id) }", {"id": gone["id"]}, token=items.token(SELLER))
    assert await items.services.reader.by_ids([fresh["id"], gone["id"]]) == {}  # the read store is behind
    data = await items.client.data(
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Item { id title status } } }",
        {"r": [{"__typename": "Item", "id": fresh["id"]}, {"__typename": "Item", "id": gone["id"]}]},
    )
    assert data["_entities"] == [{"id": fresh["id"], "title": "방금 올린 자전거", "status": "ON_SALE"}, None]
    assert (await items.read(fresh["id"]))["title"] == "방금 올린 자전거"
    await items.settle()
    assert set(await items.services.reader.by_ids([fresh["id"], gone["id"]])) == {fresh["id"]}
