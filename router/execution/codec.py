"""JSON for the hot path: orjson where it can, the standard library where orjson refuses.

orjson parses and prints the subgraph traffic and the client's responses several times faster than
`json` (bench/router/README.md). It refuses a few things `json` accepts: integers beyond 64 bits,
NaN and Infinity, lone surrogates. For those the standard library takes over, so what the router
accepts and answers is the same as before; only the common case got fast.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

__all__ = ["dumps", "dumps_sorted", "loads"]


def loads(raw: bytes | str) -> Any:
    """Parse JSON; raises ValueError (as `json.loads`) when neither parser accepts it."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw)


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON."""
    try:
        return orjson.dumps(value)
    except TypeError:  # orjson.JSONEncodeError
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def dumps_sorted(value: Any) -> bytes:
    """Like `dumps` with object keys sorted: equal values give equal bytes (a dictionary key)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except TypeError:
        return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8", "surrogatepass")
