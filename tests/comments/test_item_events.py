"""Items events: a deleted item takes its comments out of every query; replays and duplicates change nothing."""

from __future__ import annotations

from dataclasses import replace

from gamja.events.consumer import dead_letter_topic
from gamja.events.envelope import Event
from gamja.events.topics import ITEMS_EVENTS
from tests.comments.support import COMMENT_FIELDS, World, item_state, user_id


async def everything_visible(world: World, item: str, author: str, comment_id: str) -> dict[str, object]:
    thread = await world.thread(item)
    user = await world.client.data(
        "query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { comments { totalCount"
        " edges { node { id } } } } } }",
        {"reps": [{"__typename": "User", "id": author}]},
    )
    by_id = await world.client.data(
        f"query($id: ID!) {{ comment(id: $id) {{ {COMMENT_FIELDS} }} }}", {"id": comment_id}
    )
    entity = await world.client.data(
        "query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Comment { id } } }",
        {"reps": [{"__typename": "Comment", "id": comment_id}]},
    )
    return {
        "commentCount": thread["commentCount"],
        "threads": [edge["node"]["id"] for edge in thread["comments"]["edges"]],
        "totalCount": thread["comments"]["totalCount"],
        "user": user["_entities"][0]["comments"]["totalCount"],
        "comment": by_id["comment"] is not None,
        "entity": entity["_entities"][0] is not None,
    }


async def test_a_deleted_item_takes_its_comments_out_of_every_query(world: World) -> None:
    seller, author = user_id(), user_id()
    item = await world.new_item(seller)
    other = await world.new_item(seller)
    comment = await world.add(world.token(author), item, "아직 있나요?")
    await world.add(world.token(seller), item, "네 있어요", comment["id"])
    elsewhere = await world.add(world.token(author), other, "이것도 있나요?")
    before = await everything_visible(world, item, author, comment["id"])

    await world.items.delete(item)
    await world.stack.settle()

    assert before == {
        "commentCount": 2,
        "threads": [comment["id"]],
        "totalCount": 1,
        "user": 2,
        "comment": True,
        "entity": True,
    }
    assert await everything_visible(world, item, author, comment["id"]) == {
        "commentCount": 0,
        "threads": [],
        "totalCount": 0,
        "user": 1,
        "comment": False,
        "entity": False,
    }
    assert (await world.thread(other))["commentCount"] == 1
    assert (await world.client.data("query($id: ID!) { comment(id: $id) { id } }", {"id": elsewhere["id"]}))[
        "comment"
    ] == {"id": elsewhere["id"]}


async def test_comments_on_a_deleted_item_can_be_neither_edited_nor_deleted(world: World) -> None:
    seller, author = user_id(), user_id()
    item = await world.new_item(seller)
    comment = await world.add(world.token(author), item, "아직 있나요?")
    await world.items.delete(item)
    await world.stack.settle()

    edit = await world.client.error_codes(
        'mutation($id: ID!) { editComment(id: $id, body: "수정") { id } }',
        {"id": comment["id"]},
        token=world.token(author),
    )
    delete = await world.client.error_codes(
        "mutation($id: ID!) { deleteComment(id: $id) }", {"id": comment["id"]}, token=world.token(seller)
    )
    assert (edit, delete) == (["NOT_FOUND"], ["NOT_FOUND"])


async def test_replayed_and_duplicated_events_change_nothing(world: World) -> None:
    seller, author = user_id(), user_id()
    item = await world.new_item(seller)
    comment = await world.add(world.token(author), item, "좋아요")
    deleted = await world.items.delete(item)
    await world.stack.settle()
    after_delete = await everything_visible(world, item, author, comment["id"])

    # The whole history again, the deletion twice, and an older state arriving late with a fresh event id.
    created = world.items.sent[0]
    await world.items.publish(
        *world.items.sent, deleted, replace(created, event_id="00000000-0000-4000-8000-00000000beef")
    )
    await world.stack.settle()

    assert await everything_visible(world, item, author, comment["id"]) == after_delete
    assert await world.add_errors(world.token(author), item, "되살아났나요?") == ["NOT_FOUND"]


async def test_an_item_first_heard_of_through_an_update_is_known(world: World) -> None:
    # Every event carries the full state, so the creation arriving late (or never) does not matter.
    item = "item-seen-first-through-an-update"
    state = {**item_state(item, user_id()), "title": "가격 내림"}
    await world.items.publish(Event(type="ItemUpdated", aggregate_id=item, version=2, payload=state))
    await world.stack.settle()

    comment = await world.add(world.token(user_id()), item, "얼마까지 내리셨나요?")

    assert comment["item"] == {"id": item}


async def test_an_event_arriving_older_than_the_stored_version_is_ignored(world: World) -> None:
    seller, new_seller = user_id(), user_id()
    item = await world.items.create(seller)
    await world.items.update(item, seller_id=new_seller)
    stale = Event(
        type="ItemUpdated", aggregate_id=item, version=1, payload={**world.items.states[item], "seller_id": seller}
    )
    await world.stack.settle()
    comment = await world.add(world.token(user_id()), item, "누가 판매자예요?")

    await world.items.publish(stale)
    await world.stack.settle()

    assert await world.client.error_codes(
        "mutation($id: ID!) { deleteComment(id: $id) }", {"id": comment["id"]}, token=world.token(seller)
    ) == ["FORBIDDEN"]


async def test_an_event_without_a_seller_is_dead_lettered_and_the_consumer_carries_on(world: World) -> None:
    broken = Event(type="ItemCreated", aggregate_id="broken-item", version=1, payload={"id": "broken-item"})
    await world.items.publish(broken)
    item = await world.items.create(user_id())
    await world.stack.settle()

    assert await world.items.log.end_offsets(dead_letter_topic(ITEMS_EVENTS)) == 1
    assert await world.add_errors(world.token(user_id()), "broken-item", "있나요?") == ["NOT_FOUND"]
    assert (await world.add(world.token(user_id()), item, "있나요?"))["item"] == {"id": item}
