"""Issue 11: chat's live fan-out skips a record it cannot read (counted) and still delivers the next message."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from gamja.events.envelope import Event
from gamja.events.local_log import LocalLog
from gamja.events.topics import CHAT_EVENTS
from gamja.events.transport import OutgoingRecord
from subgraphs.chat.service_layer.events import MESSAGE_SENT
from subgraphs.chat.service_layer.live import Fanout, LiveMessages


@pytest.fixture
async def log(tmp_path: Path) -> AsyncIterator[LocalLog]:
    transport = LocalLog(tmp_path / "events.db")
    yield transport
    await transport.close()


def _skipped() -> float:
    labels = {"loop": "chat fan-out", "reason": "unreadable"}
    return REGISTRY.get_sample_value("gamja_events_poison_total", labels) or 0.0


async def test_an_unreadable_event_is_skipped_and_the_next_message_is_delivered(log: LocalLog) -> None:
    live = LiveMessages()
    fanout = Fanout(log, live)
    await fanout.start()
    before = _skipped()
    payload = {
        "id": "m1",
        "room_id": "r1",
        "sender_id": "u1",
        "body": "안녕하세요",
        "sent_at": "2026-12-03T14:00:00Z",
        "buyer_id": "u1",
        "seller_id": "u2",
    }
    broken = Event(type=MESSAGE_SENT, aggregate_id="r1", version=1, payload={"id": "m0"})
    good = Event(type=MESSAGE_SENT, aggregate_id="r1", version=2, payload=payload)
    with live.listen(lambda _: True) as listener:
        await log.publish(
            CHAT_EVENTS,
            [
                OutgoingRecord(key="r1", value=b"\xff{not json"),
                OutgoingRecord(key="r1", value=broken.encode()),
                OutgoingRecord(key="r1", value=good.encode()),
            ],
        )
        assert await fanout.drain() == 3
        delivered = await asyncio.wait_for(anext(aiter(listener)), timeout=30)
    await fanout.close()
    assert delivered.message.id == "m1" and delivered.message.body == "안녕하세요"
    assert _skipped() == before + 2
