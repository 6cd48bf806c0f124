"""What the users service announces on `users.events` (key = user id): that an account exists, and that its
tokens up to some generation are no longer valid. `version` is the account's token generation plus one, so a
consumer keeps the newest it has seen."""

from __future__ import annotations

from gamja.events.envelope import Event

__all__ = ["USER_REGISTERED", "USER_SIGNED_OUT_EVERYWHERE", "user_registered", "user_signed_out_everywhere"]

USER_REGISTERED = "UserRegistered"
USER_SIGNED_OUT_EVERYWHERE = "UserSignedOutEverywhere"


def user_registered(user_id: str) -> Event:
    return Event(type=USER_REGISTERED, aggregate_id=user_id, version=1, payload={"id": user_id, "tokenGeneration": 0})


def user_signed_out_everywhere(user_id: str, token_generation: int) -> Event:
    return Event(
        type=USER_SIGNED_OUT_EVERYWHERE,
        aggregate_id=user_id,
        version=token_generation + 1,
        payload={"id": user_id, "tokenGeneration": token_generation},
    )
