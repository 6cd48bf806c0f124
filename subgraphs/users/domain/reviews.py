"""Reviews after a completed sale, and the manner score (Karrot's "manner temperature") they add up to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from gamja.errors import BadUserInput, Forbidden

__all__ = [
    "INITIAL_MANNER_SCORE",
    "Review",
    "ReviewerSide",
    "Sale",
    "manner_score",
    "validate_review",
]

INITIAL_MANNER_SCORE = 36.5
# Each review moves the temperature by (rating - NEUTRAL_RATING) * STEP degrees: 5 stars +1.0, 1 star -1.0.
NEUTRAL_RATING = 3
STEP = 0.5
SCORE_MIN, SCORE_MAX = 0.0, 99.0
RATING_MIN, RATING_MAX = 1, 5
COMMENT_MAX = 500


class ReviewerSide(Enum):
    BUYER = "BUYER"
    SELLER = "SELLER"


@dataclass(frozen=True)
class Sale:
    """A completed sale as the items events told us: the seller, the buyer, and whether it still stands."""

    item_id: str
    seller_id: str
    buyer_id: str
    version: int
    sold: bool

    def side_of(self, user_id: str) -> ReviewerSide:
        if user_id == self.buyer_id:
            return ReviewerSide.BUYER
        if user_id == self.seller_id:
            return ReviewerSide.SELLER
        raise Forbidden("Only the buyer and the seller of this item can review the sale.")

    def counterpart(self, side: ReviewerSide) -> str:
        return self.seller_id if side is ReviewerSide.BUYER else self.buyer_id


@dataclass(frozen=True)
class Review:
    id: str
    item_id: str
    author_id: str
    subject_id: str
    side: ReviewerSide
    rating: int
    comment: str
    created_at: datetime


def validate_review(rating: int, comment: str | None) -> str:
    """The comment to store; raises when the rating or comment is out of bounds."""
    if not RATING_MIN <= rating <= RATING_MAX:
        raise BadUserInput(f"A rating is a whole number from {RATING_MIN} to {RATING_MAX}.", field="rating")
    text = (comment or "").strip()
    if len(text) > COMMENT_MAX:
        raise BadUserInput(f"A review comment has at most {COMMENT_MAX} characters.", field="comment")
    return text


def manner_score(rating_sum: int, review_count: int) -> float:
    """The score from the totals of the reviews a user received (so the database can do the adding up)."""
    score = INITIAL_MANNER_SCORE + (rating_sum - NEUTRAL_RATING * review_count) * STEP
    return round(min(SCORE_MAX, max(SCORE_MIN, score)), 1)
