"""Connection arguments and opaque cursors, as every Gamja connection uses them."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime

import strawberry

from gamja.errors import BadUserInput

__all__ = ["DEFAULT_PAGE", "MAX_PAGE", "PageInfo", "decode_cursor", "encode_cursor", "page_size"]

DEFAULT_PAGE = 20
MAX_PAGE = 100


@strawberry.federation.type(shareable=True)
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE
    if not 0 <= first <= MAX_PAGE:
        raise BadUserInput(f"`first` must be between 0 and {MAX_PAGE}.", field="first")
    return first


def encode_cursor(at: datetime, key: str) -> str:
    return base64.urlsafe_b64encode(f"{at.isoformat()}|{key}".encode()).decode()


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        at, key = base64.urlsafe_b64decode(cursor.encode()).decode().split("|", 1)
        moment = datetime.fromisoformat(at)
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise BadUserInput("`after` is not a cursor this API returned.", field="after") from exc
    if moment.tzinfo is None:
        raise BadUserInput("`after` is not a cursor this API returned.", field="after")
    return moment, key
