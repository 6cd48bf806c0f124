"""Merging subgraph models into one supergraph model, type by type, the way Apollo composition does.

Errors that only show while merging (kind or type mismatches, arguments and input fields missing
in some subgraphs, enum values that cannot be reconciled) are reported here; checks that read the
merged result are the supergraph rules under `rules/`.
"""

from __future__ import annotations

from .composed import collect_composed_directives
from .executable import merge_executable_directives
from .merge_types import TypeMerger
from .merged import Merged, graph_enum_names
from .metadata import Metadata
from .spec_names import supergraph_spec_names
from .subgraph import Subgraph

__all__ = ["merge"]


def merge(subgraphs: list[Subgraph], metas: list[Metadata]) -> Merged:
    """Merge subgraphs (already sorted by name) into a supergraph model."""
    merged = Merged(subgraphs, metas, graph_enum_names([s.name for s in subgraphs]))
    merged.spec_names, name_errors = supergraph_spec_names(subgraphs)
    merged.composed, composition_errors = collect_composed_directives(subgraphs)
    merged.errors += name_errors + composition_errors
    if merged.errors:
        # Apollo settles which specs the supergraph links before merging anything.
        return merged
    merged.executable, executable_errors, executable_hints = merge_executable_directives(subgraphs)
    merged.errors += executable_errors
    merged.hints += executable_hints
    TypeMerger(merged).run()
    merged.merged_types = True
    return merged
