"""Merging descriptions and directive applications (`@tag`, `@deprecated`, composed ones) across subgraphs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from .subgraph import Applied

__all__ = ["descriptions_conflict", "merge_applied", "merge_description"]

REPEATABLE = frozenset({"tag"})


def merge_description(descriptions: Iterable[str | None]) -> str | None:
    """The most common description (ties: the first subgraph's); an empty one loses to any other."""
    counts: dict[str, int] = {}
    for d in descriptions:
        if d is not None:
            counts[d] = counts.get(d, 0) + 1
    if not counts:
        return None
    non_empty = [d for d in counts if d != ""]
    if len(counts) == 1 or len(non_empty) == 1:
        return non_empty[0] if non_empty else ""
    return max(non_empty, key=lambda d: counts[d])


def descriptions_conflict(descriptions: Iterable[str | None]) -> bool:
    """True when subgraphs give different descriptions and composition had to pick one (Apollo hints)."""
    distinct = {d for d in descriptions if d is not None}
    return len(distinct) > 1 and len(distinct - {""}) != 1


Combine = Callable[[str, list[Applied]], Applied | None]
"""Merges the distinct applications of a non-repeatable directive; None: keep the most common one."""


def merge_applied(
    per_source: Sequence[Sequence[Applied]],
    repeatable: frozenset[str] = REPEATABLE,
    combine: Combine | None = None,
) -> list[Applied]:
    """`@inaccessible` first (once), then each other directive: every distinct application if it is
    repeatable, else the one application, else what `combine` makes of them, else the most common one."""
    merged: list[Applied] = []
    if any(d.name == "inaccessible" for ds in per_source for d in ds):
        merged.append(Applied("inaccessible"))
    names: list[str] = []
    for ds in per_source:
        for d in ds:
            if d.name != "inaccessible" and d.name not in names:
                names.append(d.name)
    for name in names:
        applications = [d for ds in per_source for d in ds if d.name == name]
        if name in repeatable:
            merged.extend(dict.fromkeys(applications))
        else:
            counts: dict[Applied, int] = {}
            for d in applications:
                counts[d] = counts.get(d, 0) + 1
            combined = combine(name, list(counts)) if combine is not None and len(counts) > 1 else None
            merged.append(combined or max(counts, key=lambda d: counts[d]))
    return merged
