"""User text normalised once, here: NFC, invisible format characters removed, controls and lone surrogates refused.

Every subgraph passes what a person typed through these functions before it validates lengths or stores it,
so "아이\u200b폰" is stored and indexed as "아이폰", a NUL never reaches a database driver and a lone UTF-16
surrogate (legal in JSON, not in UTF-8) is a BAD_USER_INPUT instead of an encoding error deep in a write.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from gamja.errors import BadUserInput

__all__ = ["clean_identifier", "clean_secret", "clean_text", "find_lone_surrogate"]

# Line breaks and tabs are how people lay out a description or a comment; every other control is refused.
_LAYOUT_CONTROLS = frozenset("\n\t")
_ZERO_WIDTH_JOINER = "\u200d"


def _is_surrogate(ch: str) -> bool:
    return "\ud800" <= ch <= "\udfff"


def _refuse_surrogates(value: str, field: str) -> None:
    if any(_is_surrogate(ch) for ch in value):
        raise BadUserInput(
            f"`{field}` contains a broken character (a lone UTF-16 surrogate); re-type the text or remove it.",
            field=field,
        )


def _refuse_controls(value: str, field: str, allowed: frozenset[str]) -> None:
    for ch in value:
        if ch not in allowed and unicodedata.category(ch) == "Cc":
            raise BadUserInput(
                f"`{field}` contains an invisible control character (U+{ord(ch):04X}); remove it and try again.",
                field=field,
            )


def _drop_format_characters(value: str) -> str:
    """Remove zero-width spaces, bidi overrides, BOMs... but keep the joiner inside emoji sequences (👩‍👩‍👧)."""
    kept: list[str] = []
    for index, ch in enumerate(value):
        if unicodedata.category(ch) != "Cf" or (ch == _ZERO_WIDTH_JOINER and _between_symbols(value, index)):
            kept.append(ch)
    return "".join(kept)


def _between_symbols(value: str, index: int) -> bool:
    def symbol(ch: str) -> bool:
        return unicodedata.category(ch) in {"So", "Sk"} or ch == "\ufe0f"

    return 0 < index < len(value) - 1 and symbol(value[index - 1]) and symbol(value[index + 1])


def clean_text(value: str, *, field: str, multiline: bool = False) -> str:
    """What a person wrote, normalised and trimmed; `multiline` allows line breaks and tabs (descriptions)."""
    _refuse_surrogates(value, field)
    text = "\n".join(value.replace("\r\n", "\n").split("\r")) if multiline else value
    _refuse_controls(text, field, _LAYOUT_CONTROLS if multiline else frozenset())
    return _drop_format_characters(unicodedata.normalize("NFC", text)).strip()


def clean_secret(value: str, *, field: str = "password") -> str:
    """A password is compared byte for byte: refuse what cannot be stored, but change nothing."""
    _refuse_surrogates(value, field)
    _refuse_controls(value, field, frozenset())
    return value


def clean_identifier(value: str, *, field: str = "id") -> str:
    """An ID or a cursor: opaque, but never a reason for an encoding error."""
    _refuse_surrogates(value, field)
    _refuse_controls(value, field, frozenset())
    return value


def find_lone_surrogate(value: object, path: str = "") -> str | None:
    """The path of the first string (or key) in a JSON value that holds a lone surrogate, else None."""
    if isinstance(value, str):
        return path or "value" if any(_is_surrogate(ch) for ch in value) else None
    if isinstance(value, Mapping):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and any(_is_surrogate(ch) for ch in key):
                return path or "variables"
            if (found := find_lone_surrogate(item, where)) is not None:
                return found
    elif isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        for index, item in enumerate(value):
            if (found := find_lone_surrogate(item, f"{path}[{index}]")) is not None:
                return found
    return None
