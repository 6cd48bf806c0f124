"""Merging what decorates an element: its description and the directive applications the supergraph keeps."""

from __future__ import annotations

from .applied import descriptions_conflict, merge_applied, merge_description
from .merged import Merged
from .subgraph import Applied, Field

__all__ = ["DirectiveMerger"]


class DirectiveMerger:
    """Descriptions and kept directive applications (built-in, `@tag`, `@inaccessible`, composed ones)."""

    def __init__(self, merged: Merged) -> None:
        self.m = merged
        self.subgraphs = merged.subgraphs
        composed = {c.name: c for c in merged.composed}
        self.kept_directives = frozenset({"deprecated", "specifiedBy", "tag", "inaccessible"} | set(composed))
        self.repeatable_directives = frozenset({"tag"} | {n for n, c in composed.items() if c.definition.repeatable})

    def description(self, coordinate: str, descriptions: list[str | None], per_subgraph: list[int]) -> str | None:
        """The merged description, with a hint naming the subgraphs when they disagree."""
        chosen = merge_description(descriptions)
        if descriptions_conflict(descriptions):
            others = [i for i, d in zip(per_subgraph, descriptions, strict=True) if d is not None and d != chosen]
            self.m.hint(
                "INCONSISTENT_DESCRIPTION",
                f'Element "{coordinate}" has inconsistent descriptions across subgraphs: the supergraph uses '
                f"{chosen!r}, {self.m.names(others)} say otherwise. Give it the same description everywhere "
                "(or describe it in one subgraph only).",
                coordinate,
            )
        return chosen

    def merge(self, per_source: list[list[Applied]]) -> list[Applied]:
        """Merge the applications the supergraph keeps: built-in, `@tag`, `@inaccessible` and composed ones."""
        kept = [[d for d in ds if d.name in self.kept_directives] for ds in per_source]
        return merge_applied(kept, self.repeatable_directives)

    def reject_on_external(self, i: int, f: Field) -> None:
        """Directives the supergraph keeps come from the subgraphs resolving a field, never an @external one."""
        for directive in f.directives:
            if directive.name in self.kept_directives:
                name = self.subgraphs[i].name
                self.m.error(
                    "MERGED_DIRECTIVE_APPLICATION_ON_EXTERNAL",
                    f'[{name}] Cannot apply merged directive {directive} to external field "{f.coordinate}". '
                    "Remove it here: put it where the field is resolved.",
                    [name],
                    f.coordinate,
                )
