"""Issue 11: no background loop is wedged by one bad record.

Poison goes onto both topics before good news, and every consumer of the stack (items' read store and known
users, search's indexer, comments' and chat's known items, users' sales, every process's token revocations)
still applies the good news after it, dead-letters the poison and counts it.
"""

from __future__ import annotations

import uuid

from prometheus_client import REGISTRY

from gamja.events.consumer import dead_letter_topic
from gamja.events.envelope import Event
from gamja.events.factory import open_transport
from gamja.events.topics import ITEMS_EVENTS, USERS_EVENTS
from gamja.events.transport import OutgoingRecord
from tests.e2e.conftest import Marketplace
from tests.e2e.hardening import codes, signed_up

CREATE_ITEM = "mutation($input: CreateItemInput!) { createItem(input: $input) { id } }"
SELL = "mutation($id: ID!, $b: ID) { changeItemStatus(id: $id, status: SOLD, buyerId: $b) { status } }"
REVIEW = 'mutation($id: ID!) { leaveReview(itemId: $id, rating: 5, comment: "좋아요") { rating } }'
COMMENT = 'mutation($id: ID!) { addComment(itemId: $id, body: "아직 있나요?") { id } }'
START_CHAT = "mutation($id: ID!) { startChat(itemId: $id) { id } }"
SEARCH = "query($q: String!) { searchItems(query: $q) { edges { node { id } } } }"
ITEM = "query($id: ID!) { item(id: $id) { title } }"


def _poison(topic: str) -> list[OutgoingRecord]:
    """Bytes that are no envelope, and an envelope no handler can apply."""
    kind = "ItemCreated" if topic == ITEMS_EVENTS else "UserRegistered"
    broken = Event(type=kind, aggregate_id=str(uuid.uuid4()), version=1, payload={"tokenGeneration": "many"})
    return [
        OutgoingRecord(key="poison", value=b"\xff{not json"),
        OutgoingRecord(key=broken.aggregate_id, value=broken.encode()),
    ]


def _poison_total() -> float:
    return sum(
        sample.value
        for metric in REGISTRY.collect()
        if metric.name == "gamja_events_poison"
        for sample in metric.samples
        if sample.name == "gamja_events_poison_total"
    )


async def test_every_consumer_applies_the_good_record_after_a_poison_one(marketplace: Marketplace) -> None:
    before = _poison_total()
    transport = open_transport(marketplace.settings)
    try:
        for topic in (ITEMS_EVENTS, USERS_EVENTS):
            await transport.publish(topic, _poison(topic))
    finally:
        await transport.close()
    seller, _ = await signed_up(marketplace.router, "seller@example.com", "판매자")
    buyer, buyer_id = await signed_up(marketplace.router, "buyer@example.com", "구매자")
    item_input = {
        "title": "캠핑 의자",
        "description": "두 개",
        "price": 30_000,
        "category": "스포츠/레저",
        "region": "서울",
    }
    item = (await marketplace.router.data(CREATE_ITEM, {"input": item_input}, token=seller))["createItem"]
    await marketplace.settle()

    assert (await marketplace.router.data(ITEM, {"id": item["id"]}))["item"]["title"] == "캠핑 의자"  # read store
    found = (await marketplace.router.data(SEARCH, {"q": "캠핑"}))["searchItems"]["edges"]
    assert [edge["node"]["id"] for edge in found] == [item["id"]]  # search index
    await marketplace.router.data(COMMENT, {"id": item["id"]}, token=buyer)  # comments' known items
    await marketplace.router.data(START_CHAT, {"id": item["id"]}, token=buyer)  # chat's known items
    sold = await marketplace.router.data(SELL, {"id": item["id"], "b": buyer_id}, token=seller)  # known users
    assert sold["changeItemStatus"]["status"] == "SOLD"
    await marketplace.settle()
    await marketplace.router.data(REVIEW, {"id": item["id"]}, token=buyer)  # users' sales
    await marketplace.router.data("mutation { signOutEverywhere }", token=seller)
    await marketplace.settle()
    # Every process's token revocations (here: items') read past the poison too.
    assert codes(await marketplace.router.execute(CREATE_ITEM, {"input": item_input}, token=seller)) == [
        "UNAUTHENTICATED"
    ]

    dead_letters = 0
    transport = open_transport(marketplace.settings)
    try:
        for topic in (ITEMS_EVENTS, USERS_EVENTS):
            subscription = await transport.subscribe(group_id="ops", topics=[dead_letter_topic(topic)])
            dead_letters += len(await subscription.poll(max_records=1000, timeout=0))
            await subscription.close()
    finally:
        await transport.close()
    # The undecodable records by every consumer group; the broken envelopes by those whose handler refuses them.
    assert dead_letters >= 2 * 4
    assert _poison_total() - before == dead_letters
