"""Failed sign-ins counted in the users database, so every replica of the service sees the same counts."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, text
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from gamja.db import Database
from gamja.errors import TooManyRequests
from gamja.utc import as_utc
from subgraphs.users.adapters.tables import FailedLoginRow
from subgraphs.users.domain.throttle import ThrottlePolicy
from subgraphs.users.service_layer.clock import Clock

__all__ = ["LoginThrottle", "Reservation"]

Reservation = Sequence[int]


class LoginThrottle:
    """Failures count against the email tried and against the client's address, each with its own policy.

    An address is allowed more failures than an email because many people can share one (a carrier's
    NAT, an office), while a single account has one owner.

    Check and record are one step (`reserve`): an attempt is counted as a failure *before* the password
    is verified, in a transaction that holds a per-key lock, so 20 concurrent guesses see each other and
    at most the policy's limit are evaluated. A success then takes its reservation back.
    """

    def __init__(
        self,
        database: Database,
        clock: Clock,
        *,
        per_email: ThrottlePolicy,
        per_address: ThrottlePolicy,
        sign_ups_per_address: ThrottlePolicy,
    ) -> None:
        self._database = database
        self._clock = clock
        self._per_email = per_email
        self._per_address = per_address
        self._sign_ups_per_address = sign_ups_per_address

    def _keys(self, email: str, address: str | None) -> dict[str, ThrottlePolicy]:
        keys = {f"email:{email}": self._per_email}
        if address:
            keys[f"address:{address}"] = self._per_address
        return keys

    async def _lock(self, session: AsyncSession, keys: Sequence[str]) -> None:
        """Serialise attempts on the same keys across connections and replicas until the transaction ends."""
        if self._database.is_sqlite:
            # A write first: SQLite then holds its single writer lock, and a second attempt waits for it.
            await session.exec(delete(FailedLoginRow).where(FailedLoginRow.key == "lock:"))  # type: ignore[arg-type]
            return
        for key in sorted(keys):  # a fixed order, so two attempts never wait on each other in a circle
            await session.exec(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))").bindparams(key=key))  # type: ignore[call-overload]

    async def reserve(self, email: str, address: str | None) -> Reservation:
        """Count one sign-in attempt now, or raise TOO_MANY_REQUESTS (with `retryAfter`) and count nothing."""
        return await self._reserve(self._keys(email, address), "Too many failed sign-in attempts.")

    async def reserve_sign_up(self, address: str | None) -> None:
        """Count one sign-up from `address`: whether an email has an account is then as slow to learn here
        as by guessing at sign-in. Without an address (an in-process call) there is nothing to count against.
        """
        if address:
            await self._reserve({f"sign-up:{address}": self._sign_ups_per_address}, "Too many sign-ups from here.")

    async def _reserve(self, keys: dict[str, ThrottlePolicy], refusal: str) -> Reservation:
        now = self._clock()
        async with self._database.transaction() as session:
            await self._lock(session, list(keys))
            for key, policy in keys.items():
                # Failures past the window never count again: drop them as we go so the table stays small.
                await session.exec(
                    delete(FailedLoginRow).where(
                        FailedLoginRow.key == key,  # type: ignore[arg-type]
                        FailedLoginRow.failed_at <= now - policy.window,  # type: ignore[arg-type]
                    )
                )
            result = await session.exec(
                select(FailedLoginRow.key, FailedLoginRow.failed_at).where(
                    FailedLoginRow.key.in_(list(keys)),  # type: ignore[attr-defined]
                )
            )
            by_key: dict[str, list[datetime]] = {}
            for key, failed_at in result:
                by_key.setdefault(key, []).append(as_utc(failed_at))
            waits = [wait for key, times in by_key.items() if (wait := keys[key].retry_after(times, now)) is not None]
            if waits:
                seconds = max(1, math.ceil(max(waits)))
                raise TooManyRequests(f"{refusal} Try again in {seconds} seconds.", retryAfter=seconds)
            rows = [FailedLoginRow(key=key, failed_at=now) for key in keys]
            session.add_all(rows)
            await session.flush()
            return [row.id for row in rows if row.id is not None]

    async def release(self, session: AsyncSession, reservation: Reservation, email: str) -> None:
        """After the owner signs in: the attempt was no failure, and their email's count starts over."""
        await session.exec(delete(FailedLoginRow).where(FailedLoginRow.id.in_(list(reservation))))  # type: ignore[union-attr]
        await session.exec(delete(FailedLoginRow).where(FailedLoginRow.key == f"email:{email}"))  # type: ignore[arg-type]
