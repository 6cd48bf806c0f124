"""Reads and writes of users, sales and reviews within one session; rows become domain objects here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from gamja.utc import as_utc
from subgraphs.users.adapters.tables import ReviewRow, SaleRow, UserRow
from subgraphs.users.domain.reviews import Review, ReviewerSide, Sale
from subgraphs.users.domain.users import User

__all__ = ["UsersRepository"]


def _user(row: UserRow) -> User:
    return User(
        id=row.id,
        email=row.email,
        nickname=row.nickname,
        region=row.region,
        role=row.role,
        created_at=as_utc(row.created_at),
    )


def _review(row: ReviewRow) -> Review:
    return Review(
        id=row.id,
        item_id=row.item_id,
        author_id=row.author_id,
        subject_id=row.subject_id,
        side=ReviewerSide(row.side),
        rating=row.rating,
        comment=row.comment,
        created_at=as_utc(row.created_at),
    )


class UsersRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def row(self, user_id: str) -> UserRow | None:
        return await self.session.get(UserRow, user_id)

    async def row_by_email(self, email: str) -> UserRow | None:
        result = await self.session.exec(select(UserRow).where(UserRow.email == email))
        row: UserRow | None = result.first()
        return row

    async def nickname_taken(self, nickname: str, *, except_id: str | None = None) -> bool:
        query = select(UserRow.id).where(UserRow.nickname == nickname)
        if except_id is not None:
            query = query.where(UserRow.id != except_id)
        return (await self.session.exec(query)).first() is not None

    async def many(self, ids: Sequence[str]) -> dict[str, User]:
        """Every user among `ids` in one query."""
        if not ids:
            return {}
        result = await self.session.exec(select(UserRow).where(UserRow.id.in_(set(ids))))  # type: ignore[attr-defined]
        return {row.id: _user(row) for row in result}

    def add(self, row: UserRow | ReviewRow | SaleRow) -> None:
        self.session.add(row)

    @staticmethod
    def to_user(row: UserRow) -> User:
        return _user(row)

    async def sale(self, item_id: str) -> SaleRow | None:
        return await self.session.get(SaleRow, item_id)

    async def review_totals(self, subject_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
        """(sum of ratings, number of reviews) received, per user, in one query."""
        if not subject_ids:
            return {}
        query = (
            select(ReviewRow.subject_id, func.sum(ReviewRow.rating), func.count())
            .where(ReviewRow.subject_id.in_(set(subject_ids)))  # type: ignore[attr-defined]
            .group_by(ReviewRow.subject_id)
        )
        return {subject: (int(total), int(count)) for subject, total, count in await self.session.exec(query)}

    async def reviews_received(
        self, subject_id: str, *, limit: int, before: tuple[datetime, str] | None
    ) -> list[Review]:
        """Newest first; `before` is the (created_at, id) of the last review of the previous page."""
        query = select(ReviewRow).where(ReviewRow.subject_id == subject_id)
        if before is not None:
            at, review_id = before
            query = query.where(
                (ReviewRow.created_at < at) | ((ReviewRow.created_at == at) & (ReviewRow.id < review_id))
            )
        query = query.order_by(ReviewRow.created_at.desc(), ReviewRow.id.desc()).limit(limit)  # type: ignore[attr-defined]
        return [_review(row) for row in await self.session.exec(query)]

    async def count_reviews_received(self, subject_id: str) -> int:
        query = select(func.count()).select_from(ReviewRow).where(ReviewRow.subject_id == subject_id)
        return int((await self.session.exec(query)).one())

    @staticmethod
    def to_sale(row: SaleRow) -> Sale:
        return Sale(
            item_id=row.item_id, seller_id=row.seller_id, buyer_id=row.buyer_id, version=row.version, sold=row.sold
        )

    @staticmethod
    def to_review(row: ReviewRow) -> Review:
        return _review(row)
