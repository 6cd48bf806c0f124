"""A user account and the rules its fields obey."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from gamja.auth.viewer import ADMIN, USER, Viewer
from gamja.errors import BadUserInput
from gamja.text import clean_secret, clean_text

__all__ = [
    "ROLES",
    "User",
    "normalise_email",
    "normalise_nickname",
    "normalise_region",
    "validate_password",
]

ROLES: tuple[str, ...] = (USER, ADMIN)

EMAIL_MAX = 254
NICKNAME_MIN, NICKNAME_MAX = 2, 20
REGION_MAX = 50
PASSWORD_MIN = 8
# Argon2 accepts any length; a cap keeps one request from costing unbounded hashing work.
PASSWORD_MAX = 256

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class User:
    id: str
    email: str
    nickname: str
    region: str
    role: str
    created_at: datetime

    @property
    def roles(self) -> frozenset[str]:
        """What a token carries: an admin is also a user."""
        return frozenset({USER, ADMIN}) if self.role == ADMIN else frozenset({USER})

    def as_viewer(self) -> Viewer:
        return Viewer(user_id=self.id, roles=self.roles)


def normalise_email(raw: str) -> str:
    email = clean_text(raw, field="email").lower()
    if not email:
        raise BadUserInput("Enter an email address.", field="email")
    if len(email) > EMAIL_MAX or not _EMAIL.match(email):
        raise BadUserInput(f"`{raw.strip()}` is not an email address (like name@example.com).", field="email")
    return email


def normalise_nickname(raw: str, *, field: str = "nickname") -> str:
    nickname = clean_text(raw, field=field)
    if not NICKNAME_MIN <= len(nickname) <= NICKNAME_MAX:
        raise BadUserInput(
            f"A nickname has {NICKNAME_MIN} to {NICKNAME_MAX} characters; `{nickname}` has {len(nickname)}.",
            field=field,
        )
    if any(unicodedata.category(ch).startswith("C") for ch in nickname):
        raise BadUserInput("A nickname cannot contain control characters.", field=field)
    return nickname


def normalise_region(raw: str, *, field: str = "region") -> str:
    # Neighbourhoods are compared by prefix elsewhere, so one spelling of the spaces matters.
    region = " ".join(clean_text(raw, field=field).split())
    if not region:
        raise BadUserInput("Enter your neighbourhood, for example `서울 마포구 망원동`.", field=field)
    if len(region) > REGION_MAX:
        raise BadUserInput(f"A region has at most {REGION_MAX} characters; this one has {len(region)}.", field=field)
    return region


def validate_password(password: str, *, email: str, field: str = "password") -> None:
    clean_secret(password, field=field)
    if len(password) < PASSWORD_MIN:
        raise BadUserInput(f"A password needs at least {PASSWORD_MIN} characters.", field=field)
    if len(password) > PASSWORD_MAX:
        raise BadUserInput(f"A password has at most {PASSWORD_MAX} characters.", field=field)
    if password.strip().lower() == email:
        raise BadUserInput("The password cannot be your email address.", field=field)
