"""Reviews after a sale, the sales they rest on (learnt from items events) and manner scores."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from gamja.auth.viewer import Viewer
from gamja.db import Database
from gamja.errors import Conflict, NotFound
from gamja.events.envelope import Event
from subgraphs.users.adapters.repository import UsersRepository
from subgraphs.users.adapters.tables import ReviewRow, SaleRow
from subgraphs.users.domain.reviews import Review, manner_score, validate_review
from subgraphs.users.service_layer.clock import Clock

__all__ = ["ReviewPage", "ReviewService"]

SOLD = "SOLD"


@dataclass(frozen=True)
class ReviewPage:
    reviews: list[Review]
    has_next_page: bool
    total_count: int


class ReviewService:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    async def apply_item_event(self, event: Event) -> None:
        """Keep `sales` in step with the items events; idempotent, older versions are ignored.

        Every items event carries the full item state, so any type can (un)mark a sale. Items that were
        never sold with a buyer leave no row.
        """
        payload = event.payload
        seller_id, buyer_id = payload.get("seller_id"), payload.get("buyer_id")
        # A "sale" to oneself is no sale: nobody could review anybody.
        sold = payload.get("status") == SOLD and bool(buyer_id) and bool(seller_id) and buyer_id != seller_id
        async with self._database.transaction() as session:
            sale = await UsersRepository(session).sale(event.aggregate_id)
            if sale is not None and sale.version >= event.version:
                return
            if sale is None:
                if not sold:
                    return
                sale = SaleRow(item_id=event.aggregate_id, seller_id="", buyer_id="", version=0, sold=False)
            if sold:
                sale.seller_id, sale.buyer_id = str(seller_id), str(buyer_id)
            sale.sold = sold
            sale.version = event.version
            session.add(sale)

    async def leave_review(self, viewer: Viewer, *, item_id: str, rating: int, comment: str | None) -> Review:
        text = validate_review(rating, comment)
        try:
            async with self._database.transaction() as session:
                repository = UsersRepository(session)
                row = await repository.sale(item_id)
                if row is None or not row.sold:
                    raise NotFound(
                        f"Item {item_id} has no completed sale to review. A sale shows up here a moment "
                        "after the seller marks the item SOLD with a buyer."
                    )
                sale = UsersRepository.to_sale(row)
                side = sale.side_of(viewer.user_id)
                review = ReviewRow(
                    id=str(uuid.uuid4()),
                    item_id=item_id,
                    author_id=viewer.user_id,
                    subject_id=sale.counterpart(side),
                    side=side.value,
                    rating=rating,
                    comment=text,
                    created_at=self._clock(),
                )
                repository.add(review)
                await session.flush()
        except IntegrityError as exc:
            raise Conflict("You have already reviewed this sale; each side reviews once.") from exc
        return UsersRepository.to_review(review)

    async def manner_scores(self, user_ids: Sequence[str]) -> list[float]:
        """The DataLoader batch function: the scores of many users from one grouped query."""
        async with self._database.session() as session:
            totals = await UsersRepository(session).review_totals(user_ids)
        return [manner_score(*totals.get(user_id, (0, 0))) for user_id in user_ids]

    async def reviews_received(self, user_id: str, *, first: int, after: tuple[datetime, str] | None) -> ReviewPage:
        async with self._database.session() as session:
            repository = UsersRepository(session)
            reviews = await repository.reviews_received(user_id, limit=first + 1, before=after)
            total = await repository.count_reviews_received(user_id)
        return ReviewPage(reviews=reviews[:first], has_next_page=len(reviews) > first, total_count=total)
