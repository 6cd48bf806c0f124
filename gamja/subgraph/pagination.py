"""Connections as every Gamja subgraph serves them: `first`/`after`, opaque keyset cursors, a shared PageInfo."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime

import strawberry

from gamja.errors import BadUserInput

__all__ = ["DEFAULT_PAGE_SIZE", "MAX_PAGE_SIZE", "PageInfo", "decode_cursor", "encode_cursor", "page_size"]

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@strawberry.federation.type(shareable=True)
class PageInfo:
    """Defined by several subgraphs, hence shareable; exactly these two fields everywhere."""

    has_next_page: bool
    end_cursor: str | None


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise BadUserInput(f"`first` must be between 0 and {MAX_PAGE_SIZE}.", field="first")
    return first


def encode_cursor(kind: str, at: datetime, key: str) -> str:
    """A position in a list ordered by (time, key); `kind` keeps one list's cursors out of another."""
    return base64.urlsafe_b64encode(f"{kind}:{at.isoformat()}|{key}".encode()).decode()


def decode_cursor(kind: str, cursor: str) -> tuple[datetime, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor.encode()).decode()
        prefix, _, position = raw.partition(":")
        at, _, key = position.partition("|")
        moment = datetime.fromisoformat(at)
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise _not_ours() from exc
    if prefix != kind or not key or moment.tzinfo is None:
        raise _not_ours()
    return moment, key


def _not_ours() -> BadUserInput:
    return BadUserInput(
        "`after` is not a cursor this list gave out; pass a `cursor` or `endCursor` back.", field="after"
    )
