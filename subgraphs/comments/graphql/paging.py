"""Page sizes and opaque cursors of the comment connections."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime

from gamja.errors import BadUserInput
from subgraphs.comments.adapters.queries import Position
from subgraphs.comments.domain.model import Comment

__all__ = ["DEFAULT_PAGE_SIZE", "MAX_PAGE_SIZE", "decode_cursor", "encode_cursor", "page_size"]

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
_PREFIX = "comment:"


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise BadUserInput(f"`first` must be between 0 and {MAX_PAGE_SIZE}.", field="first")
    return first


def encode_cursor(comment: Comment) -> str:
    raw = f"{_PREFIX}{comment.created_at.isoformat()}|{comment.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode_cursor(cursor: str | None) -> Position | None:
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not raw.startswith(_PREFIX):
            raise ValueError(raw)
        created, _, ident = raw.removeprefix(_PREFIX).partition("|")
        position = Position(created_at=datetime.fromisoformat(created), id=ident)
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise BadUserInput(
            "`after` is not a cursor this API gave out; use a `cursor` or `endCursor`.", field="after"
        ) from exc
    if position.created_at.tzinfo is None or not position.id:
        raise BadUserInput("`after` is not a cursor this API gave out; use a `cursor` or `endCursor`.", field="after")
    return position
