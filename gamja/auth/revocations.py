"""Revoked tokens, known to every verifier without a database call per request.

Each token carries the generation of its user's tokens it was issued in (claim `gen`, 0 when absent). Signing
out everywhere, or a new password, moves the user's generation on in the users database and announces it on
`users.events` (`payload.tokenGeneration`). Every process that verifies tokens (each subgraph, the router)
reads that topic from its first record with a consumer group of its own and keeps, in memory, the newest
generation per user that has one above 0: a token from an older generation is refused.

What this does not give: a process learns of a revocation when the event reaches it (the relay's poll plus
the consumer's, milliseconds normally; as long as the broker is down, at worst). A process reads the whole topic
before it serves (`catch_up`, at most 15 s). The users service applies its own revocations at once, so a
password change is in force there before the mutation answers.
"""

from __future__ import annotations

import asyncio
import logging
import uuid

from gamja.events.consumer import EventConsumer
from gamja.events.envelope import Event
from gamja.events.topics import USERS_EVENTS
from gamja.events.transport import Transport

__all__ = ["RevocationFeed", "TokenRevocations"]

log = logging.getLogger(__name__)

GROUP_PREFIX = "token-revocations"
CATCH_UP_SECONDS = 15.0


class TokenRevocations:
    """The newest token generation of each user this process has heard of (only those above 0)."""

    def __init__(self) -> None:
        self._generations: dict[str, int] = {}

    def generation(self, user_id: str) -> int:
        return self._generations.get(user_id, 0)

    def is_revoked(self, user_id: str, token_generation: int) -> bool:
        return token_generation < self._generations.get(user_id, 0)

    def advance(self, user_id: str, generation: int) -> None:
        """Tokens of `user_id` older than `generation` are no longer valid (an older news never undoes a newer)."""
        if generation > self._generations.get(user_id, 0):
            self._generations[user_id] = generation

    async def apply(self, event: Event) -> None:
        generation = event.payload.get("tokenGeneration")
        if generation is None:
            return  # an event about something else
        if not isinstance(generation, int) or isinstance(generation, bool) or generation < 0:
            raise ValueError(f"tokenGeneration must be a non-negative integer, got {generation!r}")
        self.advance(event.aggregate_id, generation)


class RevocationFeed:
    """Keeps a `TokenRevocations` up to date from `users.events`: a worker, a drainer and a closer."""

    def __init__(self, transport: Transport, revocations: TokenRevocations | None = None) -> None:
        self._transport = transport
        self.revocations = revocations or TokenRevocations()
        # A group per process, from the first record: every process must know every revocation.
        self._consumer = EventConsumer(
            transport,
            group_id=f"{GROUP_PREFIX}.{uuid.uuid4().hex[:12]}",
            topics=[USERS_EVENTS],
            handler=self.revocations.apply,
        )

    async def catch_up(self, timeout: float = CATCH_UP_SECONDS) -> None:
        """Read what the topic holds now before a process serves, so that it does not accept tokens revoked
        before it started. A broker that does not answer in time is logged and the worker catches up later."""
        try:
            await asyncio.wait_for(self._consumer.drain(), timeout)
        except Exception as exc:  # TimeoutError included: serving beats refusing to start
            log.warning("token revocations not caught up before serving (%s); following them in the background", exc)

    async def run(self, stop: asyncio.Event) -> None:
        await self._consumer.run(stop)

    async def drain(self) -> int:
        return await self._consumer.drain()

    async def close(self) -> None:
        """The feed's own transport goes with it."""
        await self._consumer.close()
        await self._transport.close()
