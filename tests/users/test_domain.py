"""Pure rules of the users model, at the edges GraphQL tests cannot reach cheaply."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gamja.errors import Forbidden
from subgraphs.users.domain.reviews import ReviewerSide, Sale, manner_score
from subgraphs.users.domain.throttle import ThrottlePolicy

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
POLICY = ThrottlePolicy(max_failures=3, window=timedelta(seconds=60))


def ago(seconds: float) -> datetime:
    return NOW - timedelta(seconds=seconds)


def test_throttle_allows_up_to_the_limit_and_ignores_old_failures() -> None:
    assert POLICY.retry_after([ago(1), ago(2)], NOW) is None
    assert POLICY.retry_after([ago(61), ago(70), ago(80), ago(2)], NOW) is None


def test_throttle_waits_until_enough_failures_age_out() -> None:
    # Three in the window: the oldest (50 s ago) leaves it in 10 s.
    assert POLICY.retry_after([ago(50), ago(20), ago(5)], NOW) == pytest.approx(10)
    # Five in the window: three must leave, so the wait is until the third oldest (20 s ago) ages out.
    assert POLICY.retry_after([ago(55), ago(50), ago(20), ago(10), ago(5)], NOW) == pytest.approx(40)


def test_manner_score_starts_at_36_5_and_stays_in_bounds() -> None:
    assert manner_score(0, 0) == 36.5
    assert manner_score(5 + 4, 2) == 38.0
    assert manner_score(1, 1) == 35.5
    assert manner_score(5 * 1000, 1000) == 99.0
    assert manner_score(1 * 1000, 1000) == 0.0


def test_each_side_reviews_the_other_and_nobody_else_may() -> None:
    sale = Sale(item_id="i", seller_id="s", buyer_id="b", version=1, sold=True)
    assert sale.counterpart(sale.side_of("b")) == "s"
    assert sale.counterpart(sale.side_of("s")) == "b"
    assert sale.side_of("s") is ReviewerSide.SELLER
    with pytest.raises(Forbidden):
        sale.side_of("x")
