"""`compose`: subgraph SDLs in, supergraph SDL and API schema out (or compiler-like errors)."""

from __future__ import annotations

from collections.abc import Sequence

from .api_schema import print_api_schema
from .merge import merge
from .metadata import compute_metadata
from .printer import print_supergraph
from .results import CompositionError, CompositionResult, SubgraphSource
from .rules.registry import POST_MERGE_RULES, SUBGRAPH_RULES, SUPERGRAPH_RULES
from .subgraph import Subgraph, read_subgraph

__all__ = ["compose"]

RESERVED_NAME = "_"  # Apollo reserves it


def compose(subgraphs: Sequence[SubgraphSource]) -> CompositionResult:
    result = CompositionResult()
    if not subgraphs:
        result.errors.append(CompositionError("NO_SUBGRAPHS", "Nothing to compose: give at least one subgraph."))
        return result
    names = [s.name for s in subgraphs]
    for name in sorted({n for n in names if names.count(n) > 1}):
        result.errors.append(
            CompositionError("DUPLICATE_SUBGRAPH_NAME", f'Subgraph name "{name}" is used more than once.', (name,))
        )
    if RESERVED_NAME in names:
        result.errors.append(
            CompositionError(
                "INVALID_SUBGRAPH_NAME",
                f"[{RESERVED_NAME}] Invalid name {RESERVED_NAME} for a subgraph: this name is reserved. Rename the subgraph.",
                (RESERVED_NAME,),
            )
        )
    read: list[Subgraph] = []
    for source in sorted(subgraphs, key=lambda s: s.name):
        subgraph, errors = read_subgraph(source)
        result.errors.extend(errors)
        if subgraph is not None:
            read.append(subgraph)
    if result.errors:
        return result
    metas = [compute_metadata(s) for s in read]
    for subgraph, meta in zip(read, metas, strict=True):
        for rule in SUBGRAPH_RULES:
            result.errors.extend(rule(subgraph, meta))
    if result.errors:
        return result
    merged = merge(read, metas)
    result.errors.extend(merged.errors)
    if merged.merged_types:
        for supergraph_rule in SUPERGRAPH_RULES:
            result.errors.extend(supergraph_rule(merged))
    if merged.merged_types and not result.errors:
        for post_merge_rule in POST_MERGE_RULES:
            result.errors.extend(post_merge_rule(merged))
    # After the post-merge rules, which may add hints (satisfiability does).
    result.warnings.extend(merged.hints)
    if result.errors or not merged.merged_types:
        return result
    result.supergraph_sdl = print_supergraph(merged)
    result.api_schema_sdl = print_api_schema(merged)
    return result
