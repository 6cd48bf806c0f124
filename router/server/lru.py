"""A least-recently-used map bounded in entries and in (estimated) bytes, keyed by a digest.

Keys are sha256 digests of the text they stand for, so a cache of 5 MB queries does not also
hold 5 MB keys; callers give each value's size, since only they know what it costs.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Generic, TypeVar

__all__ = ["LRU", "digest"]

V = TypeVar("V")


def digest(*parts: str | None) -> bytes:
    hasher = hashlib.sha256()
    for part in parts:
        # A separator that cannot occur in text, so ("ab", None) and ("a", "b") differ.
        hasher.update(b"\x00" if part is None else b"\x01" + part.encode("utf-8", "surrogatepass") + b"\xff")
    return hasher.digest()


class LRU(Generic[V]):
    def __init__(self, max_entries: int, max_bytes: int) -> None:
        self._max_entries = max_entries
        self._max_bytes = max_bytes
        self._items: OrderedDict[bytes, tuple[V, int]] = OrderedDict()
        self.bytes = 0

    def get(self, key: bytes) -> V | None:
        entry = self._items.get(key)
        if entry is None:
            return None
        self._items.move_to_end(key)
        return entry[0]

    def put(self, key: bytes, value: V, size: int) -> None:
        if size > self._max_bytes:
            return  # it would evict everything and still not fit: answer it, remember nothing
        previous = self._items.pop(key, None)
        if previous is not None:
            self.bytes -= previous[1]
        self._items[key] = (value, size)
        self.bytes += size
        while len(self._items) > self._max_entries or self.bytes > self._max_bytes:
            _, (_, evicted) = self._items.popitem(last=False)
            self.bytes -= evicted

    def __len__(self) -> int:
        return len(self._items)
