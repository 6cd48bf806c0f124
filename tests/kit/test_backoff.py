"""Background loops retry ever more slowly up to a cap, and start over after a success."""

from __future__ import annotations

from gamja.backoff import Backoff


def test_delays_double_up_to_the_cap_and_reset_after_a_success() -> None:
    backoff = Backoff(initial=0.5, cap=4.0)
    assert [backoff.failed() for _ in range(6)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    backoff.succeeded()
    assert backoff.failed() == 0.5
    assert backoff.first_failure


def test_only_the_first_failure_of_a_streak_is_the_one_to_log_in_full() -> None:
    backoff = Backoff()
    backoff.failed()
    assert backoff.first_failure
    backoff.failed()
    assert not backoff.first_failure
