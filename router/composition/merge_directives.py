"""Merging what decorates an element: its description and the directive applications the supergraph keeps."""

from __future__ import annotations

from collections.abc import Sequence

from .applied import descriptions_conflict, merge_applied, merge_description
from .merge_strategies import ACCESS_CONTROL, STRATEGY_DIRECTIVES, merge_arguments, strategy_summary
from .merged import Merged
from .spec_names import subgraph_uses
from .subgraph import SPEC_DIRECTIVE_LOCATIONS, Applied, Field

__all__ = ["DirectiveMerger"]


class DirectiveMerger:
    """Descriptions and kept directive applications (built-in, `@tag`, `@inaccessible`, composed ones)."""

    def __init__(self, merged: Merged) -> None:
        self.m = merged
        self.subgraphs = merged.subgraphs
        composed = {c.name: c for c in merged.composed}
        self.kept_directives = frozenset(
            {"deprecated", "specifiedBy", "tag", "inaccessible"} | set(SPEC_DIRECTIVE_LOCATIONS) | set(composed)
        )
        self.repeatable_directives = frozenset({"tag"} | {n for n, c in composed.items() if c.definition.repeatable})
        # Apollo merges the access-control directives of fields and interfaces before the others, in the
        # order the supergraph links them: by first subgraph using them, then in the federation spec's order.
        self._access_sources: dict[str, list[list[Applied]]] | None = None
        self.access_control_order = [name for s in self.subgraphs for name in ACCESS_CONTROL if subgraph_uses(s, name)]

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

    def merge(
        self,
        per_source: list[list[Applied]],
        coordinate: str,
        *,
        access_control_first: bool = False,
        access_control_sources: Sequence[list[Applied]] = (),
    ) -> list[Applied]:
        """Merge the applications the supergraph keeps: built-in, `@tag`, `@inaccessible`, the spec
        directives (`@authenticated`, `@cost`, ...) and composed ones. Fields and interfaces list the
        access-control directives first, merged also from `access_control_sources` (what implementations
        require reaches their interface)."""
        kept = [[d for d in ds if d.name in self.kept_directives] for ds in per_source]

        def combine(name: str, applications: list[Applied]) -> Applied | None:
            if name not in STRATEGY_DIRECTIVES:
                return None
            self.m.hint(
                "MERGED_NON_REPEATABLE_DIRECTIVE_ARGUMENTS",
                f'Directive @{name} is applied to "{coordinate}" in multiple subgraphs with different arguments. '
                f"Merging strategies used by arguments: {strategy_summary(name)}",
                coordinate,
            )
            return merge_arguments(name, applications)

        if not access_control_first:
            return merge_applied(kept, self.repeatable_directives, combine)
        rest = merge_applied(
            [[d for d in ds if d.name not in ACCESS_CONTROL] for ds in kept], self.repeatable_directives, combine
        )
        access = [[d for d in ds if d.name in ACCESS_CONTROL] for ds in (*kept, *access_control_sources)]
        by_name = {d.name: d for d in merge_applied(access, combine=combine)}
        hidden = [d for d in rest if d.name == "inaccessible"]
        ordered = [by_name[n] for n in dict.fromkeys(self.access_control_order) if n in by_name]
        return hidden + ordered + [d for d in rest if d.name != "inaccessible"]

    def access_control_sources(self, coordinate: str) -> list[list[Applied]]:
        """What other elements require of `coordinate` (Apollo's `accessControlAdditionalSources`): an
        interface, what its implementations require; an interface's field, what their fields require;
        and the implementations' fields (and their other interfaces'), what an `@interfaceObject` field
        requires."""
        if self._access_sources is None:
            self._access_sources = self._collect_access_sources()
        return self._access_sources.get(coordinate, [])

    def _collect_access_sources(self) -> dict[str, list[list[Applied]]]:
        implementations: dict[str, list[str]] = {}
        interfaces_of: dict[str, list[str]] = {}
        for s in self.subgraphs:
            for t in s.types.values():
                if t.kind == "object" and not t.interface_object:
                    for i in t.interfaces:
                        if t.name not in implementations.setdefault(i, []):
                            implementations[i].append(t.name)
                            interfaces_of.setdefault(t.name, []).append(i)
        sources: dict[str, list[list[Applied]]] = {}

        def add(key: str, directives: list[Applied]) -> None:
            found = [d for d in directives if d.name in ACCESS_CONTROL]
            if found:
                sources.setdefault(key, []).append(found)

        for s, meta in zip(self.subgraphs, self.m.metas, strict=True):
            for t in s.types.values():
                if t.kind != "object":
                    continue
                if not t.interface_object:
                    for i in interfaces_of.get(t.name, ()):
                        add(i, t.directives)
                for f in t.fields.values():
                    if meta.is_external(f):
                        continue
                    if t.interface_object:
                        others: list[str] = []
                        for impl in implementations.get(t.name, ()):
                            add(f"{impl}.{f.name}", f.directives)
                            others += [i for i in interfaces_of.get(impl, ()) if i != t.name and i not in others]
                        for i in others:
                            add(f"{i}.{f.name}", f.directives)
                    else:
                        for i in interfaces_of.get(t.name, ()):
                            add(f"{i}.{f.name}", f.directives)
        return sources

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
