"""Verifying a subscriber's token at the router, before any stream is opened (the subgraph verifies it again)."""

from __future__ import annotations

from gamja.auth.tokens import TokenService
from gamja.errors import Unauthenticated
from router.subscriptions.transports.common import Authenticate

__all__ = ["token_verifier"]


def token_verifier(tokens: TokenService) -> Authenticate:
    """No token is fine (the fields say who must sign in); a bad or expired one is refused at once."""

    def verify(authorization: str | None) -> None:
        try:
            tokens.viewer_from_authorization(authorization)
        except Unauthenticated as exc:
            raise PermissionError(exc.message) from exc

    return verify
