"""Randomised differential tests: hundreds of generated subgraph sets, composed by us and by Apollo.

Same seeds every run (a failure names its seed; `random_set(seed)` rebuilds the set).
"""

from __future__ import annotations

import pytest
from composition_corpus import apollo_compose, normalised_schema, require_node
from random_paths import random_interface_object_set, random_path_set
from random_sets import random_set

from router.composition import SubgraphSource, compose

SEEDS = range(250)
PATH_SEEDS = range(300)


def _mismatches(sets: dict[int, list[SubgraphSource]]) -> tuple[list[tuple[object, ...]], int]:
    """Seeds where we and Apollo differ (error codes; or supergraph text, API schema, hint codes), and
    how many sets composed."""
    apollo = apollo_compose([{"id": str(seed), "subgraphs": [s.__dict__ for s in v]} for seed, v in sets.items()])
    mismatches: list[tuple[object, ...]] = []
    composed = 0
    for seed, subgraphs in sets.items():
        theirs, ours = apollo[str(seed)], compose(subgraphs)
        their_codes, our_codes = sorted({e["code"] for e in theirs["errors"]}), sorted({e.code for e in ours.errors})
        if their_codes != our_codes:
            mismatches.append((seed, "error codes", their_codes, our_codes))
        elif not our_codes:
            composed += 1
            if ours.supergraph_sdl.rstrip("\n") != theirs["supergraphSdl"].rstrip("\n"):
                mismatches.append((seed, "supergraph text"))
            if normalised_schema(ours.api_schema_sdl) != normalised_schema(theirs["apiSchemaSdl"]):
                mismatches.append((seed, "API schema"))
            if sorted(h.code for h in ours.warnings) != sorted(h["code"] for h in theirs["hints"]):
                mismatches.append((seed, "hint codes"))
    return mismatches, composed


@pytest.mark.node
def test_random_sets_match_apollo() -> None:
    require_node()
    mismatches, composed = _mismatches({seed: random_set(seed) for seed in SEEDS})
    assert mismatches == []
    # The generator must keep exercising both outcomes.
    assert 0.25 < composed / len(SEEDS) < 0.75


@pytest.mark.node
def test_random_query_path_sets_match_apollo() -> None:
    """Satisfiability, @requires and @provides paths, shared unions: the parts of Apollo's validation
    that walk query paths."""
    require_node()
    mismatches, composed = _mismatches({seed: random_path_set(seed) for seed in PATH_SEEDS})
    assert mismatches == []
    assert 0.15 < composed / len(PATH_SEEDS) < 0.6


@pytest.mark.node
def test_random_interface_object_sets_match_apollo() -> None:
    """Entity interfaces, @interfaceObject (with @requires) and keys that may not be resolvable."""
    require_node()
    mismatches, composed = _mismatches({seed: random_interface_object_set(seed) for seed in PATH_SEEDS})
    assert mismatches == []
    assert 0.3 < composed / len(PATH_SEEDS) < 0.85
