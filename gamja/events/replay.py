"""Reading a whole topic from its first record: how a read side is rebuilt from, or checked against, the log."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator

from gamja.events.transport import IncomingRecord, Transport

__all__ = ["replay_topic"]


async def replay_topic(
    transport: Transport, topic: str, *, group_prefix: str, batch_size: int = 1000
) -> AsyncGenerator[list[IncomingRecord]]:
    """Every record of `topic`, in batches, read by a throw-away consumer group.

    A group that has never committed starts at the first record, and the service's regular group keeps its
    offset. Consume it under `contextlib.aclosing` so the subscription is closed even when the caller fails.
    """
    subscription = await transport.subscribe(group_id=f"{group_prefix}.{uuid.uuid4().hex[:12]}", topics=[topic])
    try:
        while records := await subscription.poll(max_records=batch_size, timeout=0):
            yield records
    finally:
        await subscription.close()
