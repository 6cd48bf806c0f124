"""Signed JWTs: issued by the users service, verified locally by every service with the shared key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt

from gamja.auth.revocations import RevocationFeed, TokenRevocations
from gamja.auth.viewer import USER, Viewer
from gamja.errors import Unauthenticated
from gamja.events.factory import open_transport
from gamja.local_keys import read_or_create_key
from gamja.settings import Settings

__all__ = ["TokenService", "load_signing_key"]

KEY_FILE = "jwt.key"


def load_signing_key(settings: Settings) -> str:
    """The configured secret, or (embedded mode) one generated on first run and kept under var/."""
    if settings.jwt_secret is not None:
        return settings.jwt_secret.get_secret_value()
    return read_or_create_key(settings.var_dir / KEY_FILE, nbytes=64)


class TokenService:
    """Issues and verifies tokens. `revocations` says which generations of a user's tokens are no longer valid;
    `feed` (from `from_settings`) keeps it up to date from `users.events` once the service runs it: the kit
    runs it for every subgraph (`ServiceRuntime`), the router for its own checks."""

    def __init__(
        self,
        key: str,
        *,
        algorithm: str = "HS256",
        issuer: str = "gamja-market",
        ttl_seconds: int,
        revocations: TokenRevocations | None = None,
        feed: RevocationFeed | None = None,
    ) -> None:
        self._key = key
        self._algorithm = algorithm
        self._issuer = issuer
        self._ttl = timedelta(seconds=ttl_seconds)
        self.feed = feed
        self.revocations = feed.revocations if feed is not None else (revocations or TokenRevocations())

    @classmethod
    def from_settings(cls, settings: Settings) -> TokenService:
        return cls(
            load_signing_key(settings),
            algorithm=settings.jwt_algorithm,
            issuer=settings.jwt_issuer,
            ttl_seconds=settings.token_ttl_seconds,
            # The transport connects only when the feed first reads: a token service that only issues costs nothing.
            feed=RevocationFeed(open_transport(settings)),
        )

    def issue(self, viewer: Viewer, *, generation: int = 0, now: datetime | None = None) -> str:
        """A token for `viewer`, valid until it expires or the user's tokens move past `generation`."""
        issued = now or datetime.now(UTC)
        claims = {
            "sub": viewer.user_id,
            "roles": sorted(viewer.roles),
            "gen": generation,
            "iss": self._issuer,
            "iat": issued,
            "exp": issued + self._ttl,
        }
        return jwt.encode(claims, self._key, algorithm=self._algorithm)

    def verify(self, token: str) -> Viewer:
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=[self._algorithm],
                issuer=self._issuer,
                options={"require": ["sub", "exp", "iat"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthenticated("Your session has expired; log in again.") from exc
        except jwt.PyJWTError as exc:
            raise Unauthenticated("The access token is invalid; log in again.") from exc
        generation = claims.get("gen", 0)  # tokens from before revocation existed are generation 0
        if not isinstance(generation, int) or isinstance(generation, bool):
            raise Unauthenticated("The access token is invalid; log in again.")
        if self.revocations.is_revoked(str(claims["sub"]), generation):
            raise Unauthenticated("This session was signed out (a new password, or sign out everywhere); log in again.")
        roles = claims.get("roles") or [USER]
        return Viewer(user_id=str(claims["sub"]), roles=frozenset(str(role) for role in roles))

    def viewer_from_authorization(self, header: str | None) -> Viewer | None:
        """`Authorization: Bearer <token>` → the viewer; no header → anonymous; a bad token → error."""
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("Send the token as `Authorization: Bearer <token>`.")
        return self.verify(token.strip())
