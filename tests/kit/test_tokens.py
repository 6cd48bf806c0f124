"""Tokens: issued by users, verified anywhere with the shared key; expired, tampered or foreign ones are refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gamja.auth.passwords import hash_password, verify_password
from gamja.auth.tokens import TokenService, load_signing_key
from gamja.auth.viewer import ADMIN, USER, Viewer
from gamja.errors import Unauthenticated
from gamja.settings import Settings


def service(key: str = "k" * 48, ttl: int = 3600) -> TokenService:
    return TokenService(key, ttl_seconds=ttl)


def test_a_token_carries_the_user_and_roles() -> None:
    tokens = service()
    viewer = tokens.verify(tokens.issue(Viewer("u1", frozenset({USER, ADMIN}))))
    assert viewer == Viewer("u1", frozenset({USER, ADMIN}))
    assert viewer.is_admin and viewer.may_act_for("someone-else")


def test_an_expired_token_is_refused_with_a_message_to_log_in_again() -> None:
    tokens = service(ttl=60)
    old = tokens.issue(Viewer("u1"), now=datetime.now(UTC) - timedelta(minutes=5))
    with pytest.raises(Unauthenticated, match="expired"):
        tokens.verify(old)


def test_a_tampered_token_is_refused() -> None:
    tokens = service()
    header, payload, signature = tokens.issue(Viewer("u1")).split(".")
    forged = tokens.issue(Viewer("admin", frozenset({ADMIN}))).split(".")[1]
    with pytest.raises(Unauthenticated, match="invalid"):
        tokens.verify(f"{header}.{forged}.{signature}")
    with pytest.raises(Unauthenticated):
        tokens.verify(f"{header}.{payload}.{signature[:-2]}xx")


def test_a_token_signed_with_another_key_is_refused() -> None:
    with pytest.raises(Unauthenticated):
        service("a" * 48).verify(service("b" * 48).issue(Viewer("u1")))


def test_the_authorization_header_forms() -> None:
    tokens = service()
    assert tokens.viewer_from_authorization(None) is None
    assert tokens.viewer_from_authorization(f"Bearer {tokens.issue(Viewer('u1'))}") == Viewer("u1")
    with pytest.raises(Unauthenticated, match="Bearer"):
        tokens.viewer_from_authorization("Basic dXNlcjpwYXNz")


def test_the_embedded_key_is_generated_once_under_var_and_kept_private(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path / "var", jwt_secret=None)
    key = load_signing_key(settings)
    assert len(key) >= 64
    assert load_signing_key(settings) == key
    assert (tmp_path / "var" / "jwt.key").stat().st_mode & 0o777 == 0o600
    # Two services started from the same var/ trust each other's tokens.
    assert TokenService.from_settings(settings).verify(TokenService.from_settings(settings).issue(Viewer("u")))


async def test_passwords_are_stored_as_argon2_hashes() -> None:
    hashed = await hash_password("correct horse battery")
    assert hashed.startswith("$argon2id$") and "correct" not in hashed
    assert await verify_password(hashed, "correct horse battery")
    assert not await verify_password(hashed, "wrong horse battery")
    assert not await verify_password("not-a-hash", "anything")
