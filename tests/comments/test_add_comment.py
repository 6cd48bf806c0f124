"""addComment: who may comment, what a comment may say, on which items, and replies one level deep."""

from __future__ import annotations

from tests.comments.support import World, user_id


async def test_a_signed_in_user_comments_on_a_known_item(world: World) -> None:
    seller, buyer = user_id(), user_id()
    item = await world.new_item(seller)

    comment = await world.add(world.token(buyer), item, "  아직 판매 중인가요?  ")

    assert comment["body"] == "아직 판매 중인가요?"
    assert comment["author"] == {"id": buyer}
    assert comment["item"] == {"id": item}
    assert comment["isDeleted"] is False
    assert comment["parentId"] is None
    assert comment["createdAt"].endswith("Z")
    thread = await world.thread(item)
    assert [edge["node"]["id"] for edge in thread["comments"]["edges"]] == [comment["id"]]
    assert thread["commentCount"] == 1


async def test_anonymous_users_cannot_comment(world: World) -> None:
    item = await world.new_item(user_id())

    assert await world.add_errors(None, item, "안녕하세요") == ["UNAUTHENTICATED"]
    assert (await world.thread(item))["commentCount"] == 0


async def test_a_bad_token_is_unauthenticated(world: World) -> None:
    item = await world.new_item(user_id())

    assert await world.add_errors("not-a-token", item, "안녕하세요") == ["UNAUTHENTICATED"]


async def test_the_body_must_have_1_to_1000_characters_after_trimming(world: World) -> None:
    item = await world.new_item(user_id())
    token = world.token(user_id())

    assert await world.add_errors(token, item, "") == ["BAD_USER_INPUT"]
    assert await world.add_errors(token, item, " \n\t ") == ["BAD_USER_INPUT"]
    assert await world.add_errors(token, item, "가" * 1001) == ["BAD_USER_INPUT"]
    longest = await world.add(token, item, " " + "가" * 1000 + " ")
    shortest = await world.add(token, item, "네")
    assert len(longest["body"]) == 1000
    assert shortest["body"] == "네"
    assert (await world.thread(item))["commentCount"] == 2


async def test_the_error_names_the_body_field(world: World) -> None:
    item = await world.new_item(user_id())

    body = await world.client.execute(
        'mutation($id: ID!) { addComment(itemId: $id, body: "   ") { id } }', {"id": item}, token=world.token(user_id())
    )

    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "body"}


async def test_an_item_never_heard_of_is_not_found(world: World) -> None:
    assert await world.add_errors(world.token(user_id()), "no-such-item", "있나요?") == ["NOT_FOUND"]


async def test_an_item_not_yet_learned_from_events_is_not_found(world: World) -> None:
    item = await world.items.create(user_id())

    assert await world.add_errors(world.token(user_id()), item, "있나요?") == ["NOT_FOUND"]
    await world.stack.settle()
    assert (await world.add(world.token(user_id()), item, "있나요?"))["item"] == {"id": item}


async def test_a_deleted_item_is_not_found(world: World) -> None:
    item = await world.new_item(user_id())
    await world.items.delete(item)
    await world.stack.settle()

    assert await world.add_errors(world.token(user_id()), item, "삭제됐나요?") == ["NOT_FOUND"]


async def test_a_reply_nests_under_its_parent(world: World) -> None:
    seller, buyer = user_id(), user_id()
    item = await world.new_item(seller)
    question = await world.add(world.token(buyer), item, "네고 되나요?")

    answer = await world.add(world.token(seller), item, "조금은 가능해요", question["id"])

    assert answer["parentId"] == question["id"]
    thread = await world.thread(item)
    edges = thread["comments"]["edges"]
    assert [edge["node"]["id"] for edge in edges] == [question["id"]]
    assert [reply["id"] for reply in edges[0]["node"]["replies"]] == [answer["id"]]
    assert thread["comments"]["totalCount"] == 1
    assert thread["commentCount"] == 2


async def test_a_reply_to_a_reply_is_rejected(world: World) -> None:
    item = await world.new_item(user_id())
    token = world.token(user_id())
    question = await world.add(token, item, "질문 있어요")
    reply = await world.add(token, item, "답변이에요", question["id"])

    assert await world.add_errors(token, item, "답변의 답변", reply["id"]) == ["BAD_USER_INPUT"]
    assert (await world.thread(item))["commentCount"] == 2


async def test_a_reply_must_be_on_the_parents_item(world: World) -> None:
    seller = user_id()
    first, second = await world.new_item(seller), await world.new_item(seller)
    token = world.token(user_id())
    question = await world.add(token, first, "질문 있어요")

    assert await world.add_errors(token, second, "다른 물건에 답글", question["id"]) == ["BAD_USER_INPUT"]


async def test_a_reply_to_a_missing_or_deleted_comment_is_not_found(world: World) -> None:
    item = await world.new_item(user_id())
    token = world.token(user_id())
    question = await world.add(token, item, "질문 있어요")
    await world.client.data("mutation($id: ID!) { deleteComment(id: $id) }", {"id": question["id"]}, token=token)

    assert await world.add_errors(token, item, "답글", question["id"]) == ["NOT_FOUND"]
    assert await world.add_errors(token, item, "답글", "no-such-comment") == ["NOT_FOUND"]
