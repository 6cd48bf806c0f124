"""The merge result: the supergraph model the printer and the supergraph rules read, and its graph names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .composed import ComposedDirective
from .executable import ExecutableDirective
from .metadata import Metadata
from .model import MergedType
from .results import CompositionError, CompositionHint
from .subgraph import Subgraph

__all__ = ["Merged", "Position", "graph_enum_names"]

Position = Literal["input", "output", "both"]


@dataclass
class Merged:
    """The merge result the printer and the supergraph rules read."""

    subgraphs: list[Subgraph]
    metas: list[Metadata]
    graph_names: list[str]
    types: dict[str, MergedType] = field(default_factory=dict)
    errors: list[CompositionError] = field(default_factory=list)
    hints: list[CompositionHint] = field(default_factory=list)
    enum_usage: dict[str, Position] = field(default_factory=dict)
    composed: list[ComposedDirective] = field(default_factory=list)
    executable: list[ExecutableDirective] = field(default_factory=list)
    spec_names: dict[str, str] = field(default_factory=dict)
    merged_types: bool = False

    @property
    def federation_version(self) -> tuple[int, int]:
        return max(s.version for s in self.subgraphs)

    def error(self, code: str, message: str, subgraphs: list[str], coordinate: str | None = None) -> None:
        self.errors.append(CompositionError(code, message, tuple(subgraphs), coordinate))

    def hint(self, code: str, message: str, coordinate: str | None = None) -> None:
        self.hints.append(CompositionHint(code, message, coordinate))

    def names(self, indexes: list[int], notes: dict[int, str] | None = None) -> str:
        """`subgraphs "a" and "b"`; `notes` adds words after some of the names."""
        notes = notes or {}
        quoted = [f'"{self.subgraphs[i].name}"' + (f" ({notes[i]})" if i in notes else "") for i in indexes]
        word = "subgraph" if len(quoted) == 1 else "subgraphs"
        body = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
        return f"{word} {body}"


def graph_enum_names(names: list[str]) -> list[str]:
    """`join__Graph` values: upper-cased, non-word characters to `_`, numbered when they collide."""

    def sanitize(name: str) -> str:
        s = re.sub(r"\W", "_", name)
        s = "_" + s if re.match(r"^\d", s) else s
        s = s + "_" if re.search(r"_\d+$", s) else s
        return s.upper()

    sanitized = [sanitize(n) for n in names]
    result = []
    for i, s in enumerate(sanitized):
        same = [j for j, t in enumerate(sanitized) if t == s]
        result.append(s if len(same) == 1 else f"{s}_{same.index(i) + 1}")
    return result
