"""editComment and deleteComment: the author edits; the author, the item's seller or an admin deletes."""

from __future__ import annotations

from typing import Any

from tests.comments.support import COMMENT_FIELDS, World, user_id

EDIT = f"mutation($id: ID!, $body: String!) {{ editComment(id: $id, body: $body) {{ {COMMENT_FIELDS} }} }}"
DELETE = "mutation($id: ID!) { deleteComment(id: $id) }"


async def edit(world: World, token: str | None, comment_id: str, body: str) -> dict[str, Any]:
    return await world.client.execute(EDIT, {"id": comment_id, "body": body}, token=token)


async def delete_errors(world: World, token: str | None, comment_id: str) -> list[str]:
    return await world.client.error_codes(DELETE, {"id": comment_id}, token=token)


async def delete(world: World, token: str, comment_id: str) -> str:
    deleted: str = (await world.client.data(DELETE, {"id": comment_id}, token=token))["deleteComment"]
    return deleted


async def test_the_author_edits_the_body(world: World) -> None:
    author = user_id()
    item = await world.new_item(user_id())
    comment = await world.add(world.token(author), item, "오늘 거래 가능할까요?")

    response = await edit(world, world.token(author), comment["id"], "  내일 거래 가능할까요?  ")

    edited = response["data"]["editComment"]
    assert edited["body"] == "내일 거래 가능할까요?"
    assert edited["createdAt"] == comment["createdAt"]
    assert edited["updatedAt"] >= comment["updatedAt"]
    node = (await world.thread(item))["comments"]["edges"][0]["node"]
    assert node["body"] == "내일 거래 가능할까요?"


async def test_nobody_else_edits_not_even_the_seller_or_an_admin(world: World) -> None:
    seller = user_id()
    item = await world.new_item(seller)
    comment = await world.add(world.token(user_id()), item, "원래 내용")

    for token in (world.token(user_id()), world.token(seller), world.token(user_id(), admin=True)):
        response = await edit(world, token, comment["id"], "바꾼 내용")
        assert [e["extensions"]["code"] for e in response["errors"]] == ["FORBIDDEN"]
    assert [e["extensions"]["code"] for e in (await edit(world, None, comment["id"], "x"))["errors"]] == [
        "UNAUTHENTICATED"
    ]
    assert (await world.thread(item))["comments"]["edges"][0]["node"]["body"] == "원래 내용"


async def test_an_edit_follows_the_body_rules(world: World) -> None:
    author = world.token(user_id())
    item = await world.new_item(user_id())
    comment = await world.add(author, item, "원래 내용")

    for body in ("   ", "가" * 1001):
        response = await edit(world, author, comment["id"], body)
        assert response["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "body"}
    assert (await world.thread(item))["comments"]["edges"][0]["node"]["body"] == "원래 내용"


async def test_editing_a_missing_or_deleted_comment_is_not_found(world: World) -> None:
    author = world.token(user_id())
    item = await world.new_item(user_id())
    comment = await world.add(author, item, "곧 지울게요")
    await delete(world, author, comment["id"])

    for comment_id in (comment["id"], "no-such-comment"):
        response = await edit(world, author, comment_id, "다시 살리기")
        assert [e["extensions"]["code"] for e in response["errors"]] == ["NOT_FOUND"]


async def test_the_author_deletes_and_the_comment_disappears(world: World) -> None:
    author = world.token(user_id())
    item = await world.new_item(user_id())
    kept = await world.add(author, item, "남길 댓글")
    gone = await world.add(author, item, "지울 댓글")

    assert await delete(world, author, gone["id"]) == gone["id"]

    thread = await world.thread(item)
    assert [edge["node"]["id"] for edge in thread["comments"]["edges"]] == [kept["id"]]
    assert thread["commentCount"] == 1
    assert thread["comments"]["totalCount"] == 1
    assert await delete_errors(world, author, gone["id"]) == ["NOT_FOUND"]


async def test_the_seller_and_an_admin_may_delete_any_comment_on_the_item(world: World) -> None:
    seller = user_id()
    item = await world.new_item(seller)
    spam = await world.add(world.token(user_id()), item, "광고 댓글")
    rude = await world.add(world.token(user_id()), item, "무례한 댓글")

    await delete(world, world.token(seller), spam["id"])
    await delete(world, world.token(user_id(), admin=True), rude["id"])

    thread = await world.thread(item)
    assert thread["comments"]["edges"] == []
    assert thread["commentCount"] == 0


async def test_strangers_and_other_sellers_may_not_delete(world: World) -> None:
    seller, other_seller = user_id(), user_id()
    item = await world.new_item(seller)
    await world.new_item(other_seller)
    comment = await world.add(world.token(user_id()), item, "좋은 물건이네요")

    assert await delete_errors(world, world.token(user_id()), comment["id"]) == ["FORBIDDEN"]
    assert await delete_errors(world, world.token(other_seller), comment["id"]) == ["FORBIDDEN"]
    assert await delete_errors(world, None, comment["id"]) == ["UNAUTHENTICATED"]
    assert (await world.thread(item))["commentCount"] == 1


async def test_the_seller_is_whoever_the_latest_event_says(world: World) -> None:
    first_seller, new_seller = user_id(), user_id()
    item = await world.new_item(first_seller)
    comment = await world.add(world.token(user_id()), item, "판매자 바뀌었나요?")
    await world.items.update(item, seller_id=new_seller)
    await world.stack.settle()

    assert await delete_errors(world, world.token(first_seller), comment["id"]) == ["FORBIDDEN"]
    assert await delete(world, world.token(new_seller), comment["id"]) == comment["id"]


async def test_a_deleted_comment_with_replies_stays_as_a_placeholder(world: World) -> None:
    seller, asker = user_id(), user_id()
    item = await world.new_item(seller)
    question = await world.add(world.token(asker), item, "직거래 어디서 하나요?")
    answer = await world.add(world.token(seller), item, "망원역 2번 출구요", question["id"])
    after = await world.add(world.token(user_id()), item, "저도 궁금해요")

    await delete(world, world.token(asker), question["id"])

    thread = await world.thread(item)
    nodes = [edge["node"] for edge in thread["comments"]["edges"]]
    assert [node["id"] for node in nodes] == [question["id"], after["id"]]
    assert nodes[0]["isDeleted"] is True
    assert nodes[0]["body"] == "deleted comment"
    assert [reply["id"] for reply in nodes[0]["replies"]] == [answer["id"]]
    assert nodes[0]["replies"][0]["body"] == "망원역 2번 출구요"
    assert thread["commentCount"] == 2
    assert thread["comments"]["totalCount"] == 2


async def test_a_placeholder_goes_when_its_last_reply_goes(world: World) -> None:
    seller, asker = user_id(), user_id()
    item = await world.new_item(seller)
    question = await world.add(world.token(asker), item, "가격 조정 되나요?")
    answer = await world.add(world.token(seller), item, "안돼요", question["id"])
    await delete(world, world.token(asker), question["id"])

    await delete(world, world.token(seller), answer["id"])

    thread = await world.thread(item)
    assert thread["comments"]["edges"] == []
    assert thread["comments"]["totalCount"] == 0
    assert thread["commentCount"] == 0


async def test_a_deleted_reply_leaves_its_parent_alone(world: World) -> None:
    item = await world.new_item(user_id())
    token = world.token(user_id())
    question = await world.add(token, item, "질문")
    reply = await world.add(token, item, "혼잣말", question["id"])

    await delete(world, token, reply["id"])

    node = (await world.thread(item))["comments"]["edges"][0]["node"]
    assert node["body"] == "질문"
    assert node["replies"] == []
