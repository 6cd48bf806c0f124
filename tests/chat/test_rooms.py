"""Rooms and messages over GraphQL: who may start, read, send and mark read, paging, unread counts, deletion."""

from __future__ import annotations

from gamja.events.envelope import Event
from gamja.events.replay import replay_topic
from gamja.events.topics import CHAT_EVENTS
from tests.chat.support import ChatWorld, user_id


async def test_a_buyer_starts_one_room_per_item_and_both_participants_see_it(world: ChatWorld) -> None:
    seller, buyer = user_id(), user_id()
    item = await world.new_item(seller)
    room = await world.start(buyer, item)
    assert room["seller"]["id"] == seller and room["buyer"]["id"] == buyer and room["item"]["id"] == item
    assert room["unreadCount"] == 0 and room["lastMessage"] is None
    assert (await world.start(buyer, item))["id"] == room["id"]
    for viewer in (seller, buyer):
        listed = await world.client.data(
            "{ chatRooms { totalCount edges { node { id } } } }", token=world.token(viewer)
        )
        assert listed["chatRooms"]["totalCount"] == 1
        assert [e["node"]["id"] for e in listed["chatRooms"]["edges"]] == [room["id"]]


async def test_a_seller_cannot_start_a_chat_on_their_own_item(world: ChatWorld) -> None:
    seller = user_id()
    item = await world.new_item(seller)
    codes = await world.client.error_codes(
        "mutation($i: ID!) { startChat(itemId: $i) { id } }", {"i": item}, token=world.token(seller)
    )
    assert codes == ["FORBIDDEN"]
    missing = await world.client.error_codes(
        'mutation { startChat(itemId: "no-such-item") { id } }', token=world.token(user_id())
    )
    assert missing == ["NOT_FOUND"]


async def test_a_stranger_can_neither_read_nor_send_nor_mark_read(world: ChatWorld) -> None:
    seller, buyer, stranger = user_id(), user_id(), user_id()
    room = await world.start(buyer, await world.new_item(seller))
    await world.send(buyer, room["id"], "안녕하세요")
    token = world.token(stranger)
    variables = {"r": room["id"]}
    assert await world.client.error_codes("query($r: ID!) { chatRoom(id: $r) { id } }", variables, token=token) == [
        "FORBIDDEN"
    ]
    assert await world.client.error_codes(
        'mutation($r: ID!) { sendChatMessage(roomId: $r, body: "hi") { id } }', variables, token=token
    ) == ["FORBIDDEN"]
    assert await world.client.error_codes(
        "mutation($r: ID!) { markChatRead(roomId: $r) { id } }", variables, token=token
    ) == ["FORBIDDEN"]
    listed = await world.client.data("{ chatRooms { totalCount } }", token=token)
    assert listed["chatRooms"]["totalCount"] == 0
    # Reaching the room as an entity, as the router would, shows nothing either.
    entities = await world.client.data(
        "query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ChatRoom { id } } }",
        {"reps": [{"__typename": "ChatRoom", "id": room["id"]}]},
        token=token,
    )
    assert entities["_entities"] == [None]
    assert await world.client.error_codes("{ chatRooms { totalCount } }") == ["UNAUTHENTICATED"]


async def test_the_sender_is_always_the_verified_viewer_and_bodies_are_cleaned(world: ChatWorld) -> None:
    seller, buyer = user_id(), user_id()
    room = await world.start(buyer, await world.new_item(seller))
    sent = await world.send(seller, room["id"], "  네 판매 중이에요  ")
    assert sent["sender"]["id"] == seller and sent["body"] == "네 판매 중이에요"
    assert sent["room"]["id"] == room["id"]
    for body, field in (("   ", "body"), ("가" * 1001, "body")):
        body_errors = await world.client.execute(
            "mutation($r: ID!, $b: String!) { sendChatMessage(roomId: $r, body: $b) { id } }",
            {"r": room["id"], "b": body},
            token=world.token(buyer),
        )
        assert [e["extensions"]["code"] for e in body_errors["errors"]] == ["BAD_USER_INPUT"]
        assert body_errors["errors"][0]["extensions"]["field"] == field
    anonymous = await world.client.error_codes(
        'mutation($r: ID!) { sendChatMessage(roomId: $r, body: "hi") { id } }', {"r": room["id"]}
    )
    assert anonymous == ["UNAUTHENTICATED"]


async def test_messages_page_backwards_newest_last(world: ChatWorld) -> None:
    seller, buyer = user_id(), user_id()
    room = await world.start(buyer, await world.new_item(seller))
    bodies = [f"메시지 {n}" for n in range(7)]
    for n, body in enumerate(bodies):
        await world.send(buyer if n % 2 == 0 else seller, room["id"], body)
    newest = (await world.room(buyer, room["id"], "(last: 3)"))["messages"]
    assert [e["node"]["body"] for e in newest["edges"]] == bodies[4:]
    assert newest["totalCount"] == 7 and newest["pageInfo"]["hasNextPage"] is True
    before = newest["pageInfo"]["endCursor"]
    older = (await world.room(buyer, room["id"], f'(last: 3, before: "{before}")'))["messages"]
    assert [e["node"]["body"] for e in older["edges"]] == bodies[1:4]
    oldest = await world.room(buyer, room["id"], f'(last: 3, before: "{older["pageInfo"]["endCursor"]}")')
    assert [e["node"]["body"] for e in oldest["messages"]["edges"]] == bodies[:1]
    assert oldest["messages"]["pageInfo"]["hasNextPage"] is False
    assert oldest["lastMessage"]["body"] == bodies[-1]
    bad = await world.client.error_codes(
        'query($id: ID!) { chatRoom(id: $id) { messages(before: "nope") { totalCount } } }',
        {"id": room["id"]},
        token=world.token(buyer),
    )
    assert bad == ["BAD_USER_INPUT"]


async def test_unread_counts_are_exact_per_participant(world: ChatWorld) -> None:
    seller, buyer = user_id(), user_id()
    room = await world.start(buyer, await world.new_item(seller))
    for body in ("안녕하세요", "아직 있나요?", "내일 가능할까요?"):
        await world.send(buyer, room["id"], body)
    assert (await world.room(seller, room["id"]))["unreadCount"] == 3
    assert (await world.room(buyer, room["id"]))["unreadCount"] == 0
    marked = await world.client.data(
        "mutation($r: ID!) { markChatRead(roomId: $r) { unreadCount } }", {"r": room["id"]}, token=world.token(seller)
    )
    assert marked["markChatRead"]["unreadCount"] == 0
    await world.send(seller, room["id"], "네 가능해요")
    await world.send(buyer, room["id"], "감사합니다")
    assert (await world.room(seller, room["id"]))["unreadCount"] == 1
    assert (await world.room(buyer, room["id"]))["unreadCount"] == 1


async def test_a_deleted_items_rooms_become_read_only(world: ChatWorld) -> None:
    seller, buyer = user_id(), user_id()
    item = await world.new_item(seller)
    room = await world.start(buyer, item)
    await world.send(buyer, room["id"], "아직 판매 중인가요?")
    await world.items.delete(item)
    await world.stack.settle()
    codes = await world.client.error_codes(
        'mutation($r: ID!) { sendChatMessage(roomId: $r, body: "여보세요") { id } }',
        {"r": room["id"]},
        token=world.token(seller),
    )
    assert codes == ["FORBIDDEN"]
    history = await world.room(seller, room["id"])
    assert [e["node"]["body"] for e in history["messages"]["edges"]] == ["아직 판매 중인가요?"]
    assert await world.client.error_codes(
        "mutation($i: ID!) { startChat(itemId: $i) { id } }", {"i": item}, token=world.token(user_id())
    ) == ["NOT_FOUND"]


async def test_chat_room_count_is_the_sellers_alone(world: ChatWorld) -> None:
    seller = user_id()
    item = await world.new_item(seller)
    buyers = [user_id() for _ in range(3)]
    for buyer in buyers:
        await world.start(buyer, item)
    query = "query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Item { chatRoomCount } } }"
    reps = {"reps": [{"__typename": "Item", "id": item}]}
    assert (await world.client.data(query, reps, token=world.token(seller)))["_entities"] == [{"chatRoomCount": 3}]
    assert (await world.client.data(query, reps, token=world.token(buyers[0])))["_entities"] == [
        {"chatRoomCount": None}
    ]
    assert (await world.client.data(query, reps))["_entities"] == [{"chatRoomCount": None}]


async def test_every_message_goes_to_chat_events(world: ChatWorld) -> None:
    seller, buyer = user_id(), user_id()
    room = await world.start(buyer, await world.new_item(seller))
    first = await world.send(buyer, room["id"], "하나")
    second = await world.send(seller, room["id"], "둘")
    await world.stack.settle()
    events = []
    async for records in replay_topic(world.items.log, CHAT_EVENTS, group_prefix="test"):
        events.extend(Event.decode(record.value) for record in records)
    assert [(e.type, e.aggregate_id, e.version, e.payload["id"]) for e in events] == [
        ("ChatMessageSent", room["id"], 1, first["id"]),
        ("ChatMessageSent", room["id"], 2, second["id"]),
    ]
    assert events[0].payload["buyer_id"] == buyer and events[0].payload["seller_id"] == seller
