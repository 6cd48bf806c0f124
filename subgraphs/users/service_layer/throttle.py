"""Failed sign-ins counted in the users database, so every replica of the service sees the same counts."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from gamja.db import Database
from gamja.errors import TooManyRequests
from subgraphs.users.adapters.repository import as_utc
from subgraphs.users.adapters.tables import FailedLoginRow
from subgraphs.users.domain.throttle import ThrottlePolicy
from subgraphs.users.service_layer.clock import Clock

__all__ = ["LoginThrottle", "address_key", "email_key"]

def email_key(email: str) -> str:
    return f"email:{email}"


def address_key(address: str) -> str:
    return f"address:{address}"


class LoginThrottle:
    def __init__(self, database: Database, policy: ThrottlePolicy, clock: Clock) -> None:
        self._database = database
        self._policy = policy
        self._clock = clock

    async def check(self, keys: Sequence[str]) -> None:
        """Raise TOO_MANY_REQUESTS (with `retryAfter` seconds) if any key has too many recent failures."""
        now = self._clock()
        async with self._database.session() as session:
            result = await session.exec(
                select(FailedLoginRow.key, FailedLoginRow.failed_at).where(
                    FailedLoginRow.key.in_(list(keys)),  # type: ignore[attr-defined]
                    FailedLoginRow.failed_at > now - self._policy.window,
                )
            )
            by_key: dict[str, list[datetime]] = {}
            for key, failed_at in result:
                by_key.setdefault(key, []).append(as_utc(failed_at))
        waits = [wait for times in by_key.values() if (wait := self._policy.retry_after(times, now)) is not None]
        if waits:
            seconds = max(1, math.ceil(max(waits)))
            raise TooManyRequests(
                f"Too many failed sign-in attempts. Try again in {seconds} seconds.", retryAfter=seconds
            )

    async def record_failure(self, session: AsyncSession, keys: Sequence[str]) -> None:
        now = self._clock()
        # Failures past the window never count again: drop them as we go so the table stays small.
        await session.exec(
            delete(FailedLoginRow).where(
                FailedLoginRow.key.in_(list(keys)),  # type: ignore[attr-defined]
                FailedLoginRow.failed_at <= now - self._policy.window,  # type: ignore[arg-type]
            )
        )
        session.add_all([FailedLoginRow(key=key, failed_at=now) for key in keys])

    async def forget(self, session: AsyncSession, key: str) -> None:
        """After the owner signs in: their email's count starts over (the address's count does not)."""
        await session.exec(delete(FailedLoginRow).where(FailedLoginRow.key == key))  # type: ignore[arg-type]
