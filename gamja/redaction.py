"""Input-coercion messages without the client's values: graphql-core prints them, passwords included."""

from __future__ import annotations

import re

__all__ = ["without_input_values"]

# graphql-core appends what it was given (`found: {...}`, `non string value: 7`); keep the reason, drop the value.
_FOUND = re.compile(r"[,.;]?\s*[Ff]ound: .*\Z", re.DOTALL)
_REPRESENT = re.compile(r"(cannot represent[^:]*?value): .*\Z", re.DOTALL)
_ENUM = re.compile(r"Value .* does not exist in '(\w+)' enum\..*\Z", re.DOTALL)


def without_input_values(message: str) -> str:
    """`Variable '$i' has invalid value: ... found: {password...}` → the same without what was found."""
    message = _ENUM.sub(r"The value is not one of the '\1' enum's values.", message)
    message = _REPRESENT.sub(r"\1.", message)
    return _FOUND.sub(".", message).replace("?.", "?")
