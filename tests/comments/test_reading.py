"""Reading comments: Item.comments pages oldest first, entity references, Comment by id, User.comments."""

from __future__ import annotations

from typing import Any

from tests.comments.support import COMMENT_FIELDS, World, user_id

USER_COMMENTS = (
    "query($reps: [_Any!]!, $first: Int, $after: String) { _entities(representations: $reps) { ... on User {"
    f" id comments(first: $first, after: $after) {{ totalCount pageInfo {{ hasNextPage endCursor }}"
    f" edges {{ cursor node {{ {COMMENT_FIELDS} }} }} }} }} }} }}"
)


async def user_comments(world: World, author: str, first: int | None = None, after: str | None = None) -> Any:
    data = await world.client.data(
        USER_COMMENTS, {"reps": [{"__typename": "User", "id": author}], "first": first, "after": after}
    )
    return data["_entities"][0]["comments"]


async def test_threads_page_oldest_first_with_cursors(world: World) -> None:
    item = await world.new_item(user_id())
    token = world.token(user_id())
    ids = [(await world.add(token, item, f"댓글 {n}"))["id"] for n in range(5)]

    first = (await world.thread(item, "(first: 2)"))["comments"]
    second = (await world.thread(item, f'(first: 2, after: "{first["pageInfo"]["endCursor"]}")'))["comments"]
    third = (await world.thread(item, f'(first: 2, after: "{second["pageInfo"]["endCursor"]}")'))["comments"]

    pages = [first, second, third]
    assert [[edge["node"]["id"] for edge in page["edges"]] for page in pages] == [ids[0:2], ids[2:4], ids[4:5]]
    assert [page["pageInfo"]["hasNextPage"] for page in pages] == [True, True, False]
    assert [page["totalCount"] for page in pages] == [5, 5, 5]
    assert third["pageInfo"]["endCursor"] == third["edges"][-1]["cursor"]


async def test_replies_do_not_take_places_on_a_page(world: World) -> None:
    item = await world.new_item(user_id())
    token = world.token(user_id())
    question = await world.add(token, item, "첫 질문")
    replies = [(await world.add(token, item, f"답글 {n}", question["id"]))["id"] for n in range(3)]
    later = await world.add(token, item, "두 번째 질문")

    page = (await world.thread(item, "(first: 2)"))["comments"]

    assert [edge["node"]["id"] for edge in page["edges"]] == [question["id"], later["id"]]
    assert [reply["id"] for reply in page["edges"][0]["node"]["replies"]] == replies
    assert page["edges"][1]["node"]["replies"] == []
    assert page["pageInfo"]["hasNextPage"] is False


async def test_an_empty_item_has_an_empty_connection(world: World) -> None:
    item = await world.new_item(user_id())

    thread = await world.thread(item)

    assert thread == {
        "commentCount": 0,
        "comments": {"totalCount": 0, "pageInfo": {"hasNextPage": False, "endCursor": None}, "edges": []},
    }


async def test_page_size_and_cursor_are_checked(world: World) -> None:
    item = await world.new_item(user_id())
    query = "query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Item { comments%s { totalCount } } } }"
    reps = {"reps": [{"__typename": "Item", "id": item}]}

    for args in ("(first: 101)", "(first: -1)", '(after: "not-a-cursor")', '(after: "Y29tbWVudDp4fHk=")'):
        assert await world.client.error_codes(query % args, reps) == ["BAD_USER_INPUT"], args
    assert (await world.client.data(query % "(first: 100)", reps))["_entities"][0]["comments"]["totalCount"] == 0


async def test_the_default_page_holds_twenty_threads(world: World) -> None:
    item = await world.new_item(user_id())
    token = world.token(user_id())
    for n in range(21):
        await world.add(token, item, f"댓글 {n}")

    page = (await world.thread(item))["comments"]

    assert len(page["edges"]) == 20
    assert page["pageInfo"]["hasNextPage"] is True
    assert page["totalCount"] == 21


async def test_comment_author_and_item_are_entity_references(world: World) -> None:
    seller, author = user_id(), user_id()
    item = await world.new_item(seller)
    comment = await world.add(world.token(author), item, "택배 되나요?")

    data = await world.client.data(
        "query($reps: [_Any!]!) { _entities(representations: $reps) {"
        " ... on Comment { id body author { __typename id } item { __typename id commentCount } } } }",
        {"reps": [{"__typename": "Comment", "id": comment["id"], "body": "ignored extra field"}]},
    )

    assert data["_entities"] == [
        {
            "id": comment["id"],
            "body": "택배 되나요?",
            "author": {"__typename": "User", "id": author},
            "item": {"__typename": "Item", "id": item, "commentCount": 1},
        }
    ]


async def test_the_sdl_declares_the_contract_entities(world: World) -> None:
    sdl = (await world.client.data("{ _service { sdl } }"))["_service"]["sdl"]

    assert 'type Comment @key(fields: "id")' in sdl
    assert 'type Item @key(fields: "id")' in sdl
    assert 'type User @key(fields: "id")' in sdl
    for line in (
        "comments(first: Int = null, after: String = null): CommentConnection\n",
        "commentCount: Int\n",
        "addComment(itemId: ID!, body: String!, parentId: ID = null): Comment!",
        "deleteComment(id: ID!): ID!",
        "createdAt: DateTime!",
    ):
        assert line in sdl, line


async def test_a_comment_by_id_and_gone_ones_are_null(world: World) -> None:
    item = await world.new_item(user_id())
    token = world.token(user_id())
    kept = await world.add(token, item, "남는 댓글")
    gone = await world.add(token, item, "사라질 댓글")
    await world.client.data("mutation($id: ID!) { deleteComment(id: $id) }", {"id": gone["id"]}, token=token)

    query = f"query($id: ID!) {{ comment(id: $id) {{ {COMMENT_FIELDS} }} }}"
    assert (await world.client.data(query, {"id": kept["id"]}))["comment"] == kept
    assert (await world.client.data(query, {"id": gone["id"]}))["comment"] is None
    entities = await world.client.data(
        "query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Comment { id } } }",
        {"reps": [{"__typename": "Comment", "id": gone["id"]}, {"__typename": "Comment", "id": kept["id"]}]},
    )
    assert entities["_entities"] == [None, {"id": kept["id"]}]


async def test_user_comments_lists_live_comments_newest_first(world: World) -> None:
    author = user_id()
    token = world.token(author)
    first_item, second_item = await world.new_item(user_id()), await world.new_item(user_id())
    oldest = await world.add(token, first_item, "첫 댓글")
    reply = await world.add(token, first_item, "내 답글", oldest["id"])
    removed = await world.add(token, second_item, "지울 댓글")
    newest = await world.add(token, second_item, "마지막 댓글")
    await world.add(world.token(user_id()), first_item, "남의 댓글")
    await world.client.data("mutation($id: ID!) { deleteComment(id: $id) }", {"id": removed["id"]}, token=token)

    page = await user_comments(world, author, first=2)
    rest = await user_comments(world, author, first=2, after=page["pageInfo"]["endCursor"])

    assert [edge["node"]["id"] for edge in page["edges"]] == [newest["id"], reply["id"]]
    assert [edge["node"]["id"] for edge in rest["edges"]] == [oldest["id"]]
    assert (page["pageInfo"]["hasNextPage"], rest["pageInfo"]["hasNextPage"]) == (True, False)
    assert page["totalCount"] == rest["totalCount"] == 3
    assert page["edges"][1]["node"]["parentId"] == oldest["id"]
