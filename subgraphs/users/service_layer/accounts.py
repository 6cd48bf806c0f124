"""Accounts: sign-up, sign-in (throttled), profile and password changes, admin creation."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from gamja.auth.passwords import hash_password, needs_rehash, verify_password
from gamja.auth.tokens import TokenService
from gamja.auth.viewer import ADMIN, USER, Viewer
from gamja.db import Database
from gamja.errors import BadUserInput, Conflict, NotFound, Unauthenticated
from gamja.text import clean_secret, clean_text
from subgraphs.users.adapters.events import append_user_event
from subgraphs.users.adapters.repository import UsersRepository
from subgraphs.users.adapters.tables import UserRow
from subgraphs.users.domain.events import user_registered, user_signed_out_everywhere
from subgraphs.users.domain.users import (
    User,
    normalise_email,
    normalise_nickname,
    normalise_region,
    validate_password,
)
from subgraphs.users.service_layer.clock import Clock
from subgraphs.users.service_layer.throttle import LoginThrottle

__all__ = ["AccountService", "SignedIn"]

WRONG_CREDENTIALS = "The email or password is not right. Check both and try again."


@dataclass(frozen=True)
class SignedIn:
    token: str
    user: User


class AccountService:
    def __init__(
        self,
        database: Database,
        tokens: TokenService,
        throttle: LoginThrottle,
        clock: Clock,
        *,
        decoy_hash: str,
        on_commit: Callable[[], None] = lambda: None,
    ) -> None:
        """`decoy_hash` is a hash of a random password, checked when the email is unknown (see `log_in`).
        `on_commit` is called after a commit that wrote `users.events` rows (it wakes the relay)."""
        self._database = database
        self._tokens = tokens
        self._throttle = throttle
        self._clock = clock
        self._decoy_hash = decoy_hash
        self._on_commit = on_commit

    def _sign_in(self, row: UserRow) -> SignedIn:
        user = UsersRepository.to_user(row)
        return SignedIn(token=self._tokens.issue(user.as_viewer(), generation=row.token_generation), user=user)

    async def sign_up(
        self, *, email: str, password: str, nickname: str, region: str, client_address: str | None = None
    ) -> SignedIn:
        # The answer to a taken email stays useful ("log in instead"), as most sites do without a
        # verification mail; the throttle is what keeps it from being an email-lookup service.
        await self._throttle.reserve_sign_up(client_address)
        return self._sign_in(
            await self._create(email=email, password=password, nickname=nickname, region=region, role=USER)
        )

    async def create_admin(self, *, email: str, password: str, nickname: str, region: str) -> User:
        """Only the CLI calls this: no GraphQL operation can make an admin."""
        row = await self._create(email=email, password=password, nickname=nickname, region=region, role=ADMIN)
        return UsersRepository.to_user(row)

    async def _create(self, *, email: str, password: str, nickname: str, region: str, role: str) -> UserRow:
        email = normalise_email(email)
        validate_password(password, email=email)
        nickname = normalise_nickname(nickname)
        region = normalise_region(region)
        password_hash = await hash_password(password)
        now = self._clock()
        try:
            async with self._database.transaction() as session:
                users = UsersRepository(session)
                if await users.row_by_email(email) is not None:
                    raise Conflict("An account with this email already exists; log in instead.", field="email")
                if await users.nickname_taken(nickname):
                    raise Conflict(f"The nickname `{nickname}` is taken; choose another.", field="nickname")
                row = UserRow(
                    id=str(uuid.uuid4()),
                    email=email,
                    nickname=nickname,
                    region=region,
                    password_hash=password_hash,
                    role=role,
                    created_at=now,
                    updated_at=now,
                )
                users.add(row)
                await session.flush()
                await append_user_event(session, user_registered(row.id))
        except IntegrityError as exc:
            # Two sign-ups raced for the same email or nickname; the database kept one.
            raise Conflict("That email or nickname was taken a moment ago; choose another.") from exc
        self._on_commit()
        return row

    async def log_in(self, *, email: str, password: str, client_address: str | None) -> SignedIn:
        email = clean_text(email, field="email").lower()
        clean_secret(password)
        reservation = await self._throttle.reserve(email, client_address)
        async with self._database.transaction() as session:
            users = UsersRepository(session)
            row = await users.row_by_email(email)
            # An unknown email costs the same hashing work as a wrong password: timing tells nothing.
            matches = await verify_password(row.password_hash if row else self._decoy_hash, password)
            if row is not None and matches:
                await self._throttle.release(session, reservation, email)
                if needs_rehash(row.password_hash):
                    row.password_hash = await hash_password(password)
                    session.add(row)
        if row is None or not matches:
            raise Unauthenticated(WRONG_CREDENTIALS)
        return self._sign_in(row)

    async def update_profile(self, viewer: Viewer, *, nickname: str | None, region: str | None) -> User:
        new_nickname = normalise_nickname(nickname) if nickname is not None else None
        new_region = normalise_region(region) if region is not None else None
        try:
            async with self._database.transaction() as session:
                users = UsersRepository(session)
                row = await self._own_row(users, viewer)
                if new_nickname is not None and new_nickname != row.nickname:
                    if await users.nickname_taken(new_nickname, except_id=row.id):
                        raise Conflict(f"The nickname `{new_nickname}` is taken; choose another.", field="nickname")
                    row.nickname = new_nickname
                if new_region is not None:
                    row.region = new_region
                row.updated_at = self._clock()
                users.add(row)
                await session.flush()
        except IntegrityError as exc:
            raise Conflict("That nickname was taken a moment ago; choose another.", field="nickname") from exc
        return UsersRepository.to_user(row)

    async def change_password(
        self, viewer: Viewer, *, old_password: str, new_password: str, client_address: str | None
    ) -> User:
        async with self._database.session() as session:
            row = await self._own_row(UsersRepository(session), viewer)
        # Guessing the old password with a stolen token is throttled like guessing it at sign-in.
        reservation = await self._throttle.reserve(row.email, client_address)
        if not await verify_password(row.password_hash, clean_secret(old_password, field="oldPassword")):
            raise BadUserInput("The current password is not right.", field="oldPassword")
        validate_password(new_password, email=row.email, field="newPassword")
        password_hash = await hash_password(new_password)
        async with self._database.transaction() as session:
            await self._throttle.release(session, reservation, row.email)
            users = UsersRepository(session)
            current = await self._own_row(users, viewer)
            current.password_hash = password_hash
            # Whoever had the old password may hold a token: every token issued so far stops working.
            generation = await self._revoke_tokens(session, users, current)
        self._revoked(current.id, generation)
        return UsersRepository.to_user(current)

    async def sign_out_everywhere(self, viewer: Viewer) -> None:
        """Every token of the viewer stops working, the one this request came with included."""
        async with self._database.transaction() as session:
            users = UsersRepository(session)
            row = await self._own_row(users, viewer)
            generation = await self._revoke_tokens(session, users, row)
        self._revoked(row.id, generation)

    async def _revoke_tokens(self, session: AsyncSession, users: UsersRepository, row: UserRow) -> int:
        row.token_generation += 1
        row.updated_at = self._clock()
        users.add(row)
        await session.flush()
        await append_user_event(session, user_signed_out_everywhere(row.id, row.token_generation))
        return row.token_generation

    def _revoked(self, user_id: str, generation: int) -> None:
        # In force here at once; the other services learn it from users.events.
        self._tokens.revocations.advance(user_id, generation)
        self._on_commit()

    @staticmethod
    async def _own_row(users: UsersRepository, viewer: Viewer) -> UserRow:
        row = await users.row(viewer.user_id)
        if row is None:
            raise NotFound("Your account no longer exists; sign up again.")
        return row

    async def users_by_ids(self, ids: Sequence[str]) -> list[User | None]:
        """The DataLoader batch function: one query for every id asked in the same tick."""
        async with self._database.session() as session:
            found = await UsersRepository(session).many(ids)
        return [found.get(user_id) for user_id in ids]
