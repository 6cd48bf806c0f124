"""Opaque keyset cursors over the "newest" order (bumped_at desc, id desc) and the `first` argument."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime

from gamja.errors import BadUserInput
from subgraphs.items.domain.snapshot import format_time, parse_time

__all__ = ["DEFAULT_PAGE", "MAX_PAGE", "Cursor", "page_size"]

DEFAULT_PAGE = 20
MAX_PAGE = 100


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE
    if not 0 <= first <= MAX_PAGE:
        raise BadUserInput(f"`first` must be between 0 and {MAX_PAGE}; got {first}.", field="first")
    return first


@dataclass(frozen=True)
class Cursor:
    """A position in the list: the next page starts strictly after this (bumped_at, id)."""

    bumped_at: datetime
    id: str

    def encode(self) -> str:
        raw = f"{format_time(self.bumped_at)}|{self.id}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
            moment, item_id = raw.split("|", 1)
            return cls(parse_time(moment), item_id)
        except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
            raise BadUserInput("`after` is not a cursor this API gave out.", field="after") from exc
