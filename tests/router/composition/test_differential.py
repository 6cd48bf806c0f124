"""Differential test: our composition against @apollo/composition on every corpus set."""

from __future__ import annotations

from typing import Any

import pytest
from composition_corpus import Case, apollo_compose, join_information, load_corpus, normalised_schema, require_node

from router.composition import compose

CASES = load_corpus()


@pytest.fixture(scope="module")
def apollo_results() -> dict[str, dict[str, Any]]:
    require_node()
    return apollo_compose([case.as_json() for case in CASES])


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30
    assert sum(1 for c in CASES if c.expect_error) >= 15


@pytest.mark.node
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_same_outcome_as_apollo(case: Case, apollo_results: dict[str, dict[str, Any]]) -> None:
    apollo = apollo_results[case.name]
    ours = compose(case.subgraphs)
    apollo_codes = {e["code"] for e in apollo["errors"]}
    our_codes = {e.code for e in ours.errors}
    if case.expect_error is not None:
        assert case.expect_error in apollo_codes, (
            f"the corpus expects {case.expect_error}; Apollo says {apollo['errors']}"
        )
        assert case.expect_error in our_codes, f"expected {case.expect_error}, got {[str(e) for e in ours.errors]}"
        return
    assert not apollo["errors"], f"Apollo fails a set the corpus expects to compose: {apollo['errors']}"
    assert not ours.errors, [str(e) for e in ours.errors]
    assert normalised_schema(ours.api_schema_sdl) == normalised_schema(apollo["apiSchemaSdl"])
    ours_info, apollo_info = join_information(ours.supergraph_sdl), join_information(apollo["supergraphSdl"])
    differing = {k for k in ours_info.keys() | apollo_info.keys() if ours_info.get(k) != apollo_info.get(k)}
    assert not differing, {k: (ours_info.get(k), apollo_info.get(k)) for k in sorted(differing)}
    assert sorted(h.code for h in ours.warnings) == sorted(h["code"] for h in apollo["hints"])
    # Beyond equivalence, the text is Apollo's own, so any Federation 2 router reads it the same way.
    assert ours.supergraph_sdl.rstrip("\n") == apollo["supergraphSdl"].rstrip("\n")
