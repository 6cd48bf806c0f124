"""Errors a client may see, each with the `extensions.code` of the public API contract."""

from __future__ import annotations

__all__ = [
    "BadUserInput",
    "Conflict",
    "Forbidden",
    "GamjaError",
    "NotFound",
    "TooManyRequests",
    "Unauthenticated",
]


class GamjaError(Exception):
    """An error whose message is written for the person using the API; safe to show as is."""

    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, **extensions: object) -> None:
        super().__init__(message)
        self.message = message
        self.extensions = extensions


class BadUserInput(GamjaError):
    code = "BAD_USER_INPUT"

    def __init__(self, message: str, *, field: str | None = None, **extensions: object) -> None:
        if field is not None:
            extensions["field"] = field
        super().__init__(message, **extensions)


class Unauthenticated(GamjaError):
    code = "UNAUTHENTICATED"


class Forbidden(GamjaError):
    code = "FORBIDDEN"


class NotFound(GamjaError):
    code = "NOT_FOUND"


class Conflict(GamjaError):
    code = "CONFLICT"


class TooManyRequests(GamjaError):
    """Throttling; the code stays in the contract's vocabulary, `retryAfter` says when to try again."""

    code = "TOO_MANY_REQUESTS"
