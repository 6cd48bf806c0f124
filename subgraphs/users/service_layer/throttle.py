"""Failed sign-ins counted in the users database, so every replica of the service sees the same counts."""

from __future__ import annotations

import math
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from gamja.db import Database
from gamja.errors import TooManyRequests
from gamja.utc import as_utc
from subgraphs.users.adapters.tables import FailedLoginRow
from subgraphs.users.domain.throttle import ThrottlePolicy
from subgraphs.users.service_layer.clock import Clock

__all__ = ["LoginThrottle"]


class LoginThrottle:
    """Failures count against the email tried and against the client's address, each with its own policy.

    An address is allowed more failures than an email because many people can share one (a carrier's
    NAT, an office), while a single account has one owner.
    """

    def __init__(
        self, database: Database, clock: Clock, *, per_email: ThrottlePolicy, per_address: ThrottlePolicy
    ) -> None:
        self._database = database
        self._clock = clock
        self._per_email = per_email
        self._per_address = per_address

    def _keys(self, email: str, address: str | None) -> dict[str, ThrottlePolicy]:
        keys = {f"email:{email}": self._per_email}
        if address:
            keys[f"address:{address}"] = self._per_address
        return keys

    async def check(self, email: str, address: str | None) -> None:
        """Raise TOO_MANY_REQUESTS (with `retryAfter` seconds) if the email or address failed too often."""
        keys = self._keys(email, address)
        now = self._clock()
        oldest = now - max(policy.window for policy in keys.values())
        async with self._database.session() as session:
            result = await session.exec(
                select(FailedLoginRow.key, FailedLoginRow.failed_at).where(
                    FailedLoginRow.key.in_(list(keys)),  # type: ignore[attr-defined]
                    FailedLoginRow.failed_at > oldest,
                )
            )
            by_key: dict[str, list[datetime]] = {}
            for key, failed_at in result:
                by_key.setdefault(key, []).append(as_utc(failed_at))
        waits = [wait for key, times in by_key.items() if (wait := keys[key].retry_after(times, now)) is not None]
        if waits:
            seconds = max(1, math.ceil(max(waits)))
            raise TooManyRequests(
                f"Too many failed sign-in attempts. Try again in {seconds} seconds.", retryAfter=seconds
            )

    async def record_failure(self, session: AsyncSession, email: str, address: str | None) -> None:
        now = self._clock()
        for key, policy in self._keys(email, address).items():
            # Failures past the window never count again: drop them as we go so the table stays small.
            await session.exec(
                delete(FailedLoginRow).where(
                    FailedLoginRow.key == key,  # type: ignore[arg-type]
                    FailedLoginRow.failed_at <= now - policy.window,  # type: ignore[arg-type]
                )
            )
            session.add(FailedLoginRow(key=key, failed_at=now))

    async def forget_email(self, session: AsyncSession, email: str) -> None:
        """After the owner signs in: their email's count starts over (the address's count does not)."""
        await session.exec(delete(FailedLoginRow).where(FailedLoginRow.key == f"email:{email}"))  # type: ignore[arg-type]
