"""Walking Flatten paths that share a prefix once finds the same objects, with the same paths."""

from __future__ import annotations

import random
from typing import Any

from router.execution.representations import Walked, objects_at_path
from router.execution.types import as_response_path

KEYS = ("a", "b", "c")


def _data(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 4 or roll < 0.15:
        return rng.choice([None, 1, "x"])
    if roll < 0.45:  # lists, lists of lists now and then
        return [_data(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {key: _data(rng, depth + 1) for key in KEYS if rng.random() < 0.8}


def _path(rng: random.Random) -> tuple[str, ...]:
    return tuple(rng.choice([*KEYS, "@", "@"]) for _ in range(rng.randint(0, 6)))


def _found(data: Any, path: tuple[str, ...], walked: Walked | None) -> list[tuple[int, list[Any]]]:
    return [(id(obj), as_response_path(link)) for obj, link in objects_at_path(data, path, walked)]


def test_a_shared_walk_finds_what_separate_walks_find() -> None:
    rng = random.Random(18)
    for _ in range(3000):
        data = _data(rng)
        walked: Walked = {}
        base = _path(rng)
        # A path, its extensions and its prefixes, in any order, over one unchanged data tree.
        paths = [base, base + _path(rng), base + _path(rng), base[: rng.randint(0, len(base))], _path(rng)]
        rng.shuffle(paths)
        for path in paths:
            assert _found(data, path, walked) == _found(data, path, None), (data, path)
