"""The Item aggregate without I/O: rules, versions and the state each recorded change carries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gamja.errors import BadUserInput, Conflict
from subgraphs.items.domain.item import ALLOWED_TRANSITIONS, Item, ItemFields
from subgraphs.items.domain.snapshot import ItemSnapshot, ItemStatus

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def new_item() -> Item:
    fields = ItemFields(
        title="자전거", description="", price=100_000, category="스포츠/레저", region="서울 성동구 성수동"
    )
    return Item.create(seller_id="seller", fields=fields, now=NOW)


def test_every_change_records_the_next_version_with_the_state_after_it() -> None:
    item = new_item()
    item.like("fan", NOW)
    item.update(ItemFields(price=90_000), NOW + timedelta(minutes=1))
    assert [(c.type, c.state.version) for c in item.changes] == [
        ("ItemCreated", 1),
        ("ItemLiked", 2),
        ("ItemUpdated", 3),
    ]
    assert item.changes[0].state.liked_by == () and item.changes[1].state.liked_by == ("fan",)
    assert item.changes[2].state.price == 90_000 and item.changes[1].state.price == 100_000


def test_an_update_that_changes_nothing_records_nothing() -> None:
    item = new_item()
    item.update(ItemFields(title=" 자전거 ", price=100_000), NOW)
    assert len(item.changes) == 1 and item.version == 1


@pytest.mark.parametrize("start", list(ItemStatus))
@pytest.mark.parametrize("target", list(ItemStatus))
def test_transitions(start: ItemStatus, target: ItemStatus) -> None:
    item = new_item()
    if start is ItemStatus.RESERVED:
        item.change_status(ItemStatus.RESERVED, None, NOW)
    elif start is ItemStatus.SOLD:
        item.change_status(ItemStatus.SOLD, None, NOW)
    if target in ALLOWED_TRANSITIONS[start]:
        item.change_status(target, None, NOW)
        assert item.state.status is target
        assert (item.sale is not None) == (target is ItemStatus.SOLD)
    else:
        with pytest.raises(BadUserInput) as error:
            item.change_status(target, None, NOW)
        assert error.value.extensions["allowed"] == [s.value for s in ALLOWED_TRANSITIONS[start]]


def test_sale_records_seller_buyer_price_and_time() -> None:
    item = new_item()
    item.change_status(ItemStatus.SOLD, "buyer", NOW + timedelta(hours=1))
    sale = item.sale
    assert sale is not None
    assert (sale.seller_id, sale.buyer_id, sale.price, sale.sold_at) == (
        "seller",
        "buyer",
        100_000,
        NOW + timedelta(hours=1),
    )


def test_likes() -> None:
    item = new_item()
    with pytest.raises(BadUserInput):
        item.like("seller", NOW)
    item.like("a", NOW)
    with pytest.raises(Conflict):
        item.like("a", NOW)
    item.like("b", NOW)
    item.unlike("a", NOW)
    assert item.state.liked_by == ("b",) and item.state.like_count == 1
    with pytest.raises(Conflict):
        item.unlike("a", NOW)


def test_bump_interval() -> None:
    item = new_item()
    item.bump(NOW + timedelta(minutes=10))  # the first bump may come at any time
    with pytest.raises(BadUserInput):
        item.bump(NOW + timedelta(minutes=10, hours=23, seconds=59))
    item.bump(NOW + timedelta(minutes=10, hours=24))
    assert item.state.bumped_at == NOW + timedelta(minutes=10, hours=24)


def test_payload_round_trips() -> None:
    item = new_item()
    item.like("fan", NOW)
    item.change_status(ItemStatus.SOLD, "fan", NOW + timedelta(seconds=1, microseconds=5))
    state = item.state
    assert ItemSnapshot.from_payload(state.to_payload(), state.version) == state
