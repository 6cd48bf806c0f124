"""The demo accounts every service's demo data refers to, all with the demo password; safe to run twice."""

from __future__ import annotations

from datetime import UTC, datetime

from gamja.auth.passwords import hash_password
from gamja.auth.viewer import USER
from gamja.demo import DEMO_PASSWORD, DEMO_USERS
from gamja.service import ServiceRuntime
from subgraphs.users.adapters.events import append_user_event
from subgraphs.users.adapters.repository import UsersRepository
from subgraphs.users.adapters.tables import UserRow
from subgraphs.users.domain.events import user_registered

__all__ = ["seed"]


async def seed(runtime: ServiceRuntime) -> None:
    database = runtime.databases[""]
    now = datetime.now(UTC)
    async with database.transaction() as session:
        users = UsersRepository(session)
        existing = await users.many([demo.id for demo in DEMO_USERS])
        for demo in DEMO_USERS:
            if demo.id in existing:
                continue
            if await users.row_by_email(demo.email) or await users.nickname_taken(demo.nickname):
                # Someone signed up with a demo email or nickname first; their account wins.
                continue
            await append_user_event(session, user_registered(demo.id))
            users.add(
                UserRow(
                    id=demo.id,
                    email=demo.email,
                    nickname=demo.nickname,
                    region=demo.region,
                    password_hash=await hash_password(DEMO_PASSWORD),
                    role=USER,
                    created_at=now,
                    updated_at=now,
                )
            )
