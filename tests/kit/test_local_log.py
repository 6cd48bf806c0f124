"""The embedded event log: durable, ordered, consumer groups with committed offsets, across connections."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from gamja.events.local_log import LocalLog
from gamja.events.transport import OutgoingRecord


def records(*values: str) -> list[OutgoingRecord]:
    return [OutgoingRecord(key="k", value=value.encode()) for value in values]


async def test_records_come_back_in_order_with_offsets(tmp_path: Path) -> None:
    log = LocalLog(tmp_path / "events.db")
    await log.publish("t", records("a", "b"))
    await log.publish("t", records("c"))
    subscription = await log.subscribe(group_id="g", topics=["t"])
    got = await subscription.poll(timeout=0)
    assert [(r.offset, r.value) for r in got] == [(0, b"a"), (1, b"b"), (2, b"c")]
    await log.close()


async def test_uncommitted_records_are_delivered_again_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    log = LocalLog(path)
    await log.publish("t", records("a", "b", "c"))
    first = await log.subscribe(group_id="g", topics=["t"])
    batch = await first.poll(max_records=2, timeout=0)
    await first.commit(batch[:1])
    await first.close()
    await log.close()

    reopened = LocalLog(path)
    second = await reopened.subscribe(group_id="g", topics=["t"])
    again = await second.poll(timeout=0)
    assert [r.value for r in again] == [b"b", b"c"]
    assert await reopened.committed("g", "t") == 1
    await reopened.close()


async def test_groups_are_independent_and_a_second_member_waits_for_the_lease(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    log_a, log_b = LocalLog(path), LocalLog(path)
    await log_a.publish("t", records("x"))
    member_1 = await log_a.subscribe(group_id="g", topics=["t"])
    member_2 = await log_b.subscribe(group_id="g", topics=["t"])
    other_group = await log_b.subscribe(group_id="h", topics=["t"])
    assert [r.value for r in await member_1.poll(timeout=0)] == [b"x"]
    assert await member_2.poll(timeout=0) == []
    assert [r.value for r in await other_group.poll(timeout=0)] == [b"x"]
    await member_1.close()
    # The lease is released, nothing was committed: the other member takes over from offset 0.
    assert [r.value for r in await member_2.poll(timeout=0)] == [b"x"]
    await log_a.close()
    await log_b.close()


async def test_an_expired_lease_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    crashed, alive = LocalLog(path, lease_seconds=0.2), LocalLog(path, lease_seconds=0.2)
    await crashed.publish("t", records("x"))
    assert await (await crashed.subscribe(group_id="g", topics=["t"])).poll(timeout=0)
    member = await alive.subscribe(group_id="g", topics=["t"])
    assert await member.poll(timeout=0) == []
    await asyncio.sleep(0.3)
    assert [r.value for r in await member.poll(timeout=0)] == [b"x"]
    await crashed.close()
    await alive.close()


async def test_poll_waits_for_records_published_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    log = LocalLog(path, poll_interval=0.01)
    subscription = await log.subscribe(group_id="g", topics=["t"])
    assert await subscription.poll(timeout=0) == []
    script = """
import asyncio, sys
from pathlib import Path
from gamja.events.local_log import LocalLog
from gamja.events.transport import OutgoingRecord

async def main() -> None:
    log = LocalLog(Path(sys.argv[1]))
    await log.publish("t", [OutgoingRecord(key="k", value=b"from-child")])
    await log.close()

asyncio.run(main())
"""
    child = await asyncio.create_subprocess_exec(sys.executable, "-c", script, str(path))
    got = await subscription.poll(timeout=10)
    assert await child.wait() == 0
    assert [r.value for r in got] == [b"from-child"]
    await log.close()


async def test_concurrent_publishers_never_share_an_offset(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    logs = [LocalLog(path) for _ in range(4)]
    await asyncio.gather(*(log.publish("t", records(*[f"{i}-{n}" for n in range(25)])) for i, log in enumerate(logs)))
    assert await logs[0].end_offsets("t") == 100
    got = await (await logs[0].subscribe(group_id="g", topics=["t"])).poll(max_records=1000, timeout=0)
    assert sorted(r.offset for r in got) == list(range(100))
    for log in logs:
        await log.close()
