"""Planner: executable directives go to the subgraphs; linked features (cost, composed directives) change nothing."""

from __future__ import annotations

import pytest
from planner_harness import assert_fetch_counts_match_apollo, expected, plan_text

SUPERGRAPH = "features"

CASES: dict[str, tuple[str, str]] = {
    "executable_directive_goes_to_the_subgraphs_with_its_field": (
        """
        { me @trace(label: "me") { name age @trace } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "accounts") {
              {
                me @trace(label: "me") {
                  __typename
                  name
                  id
                }
              }
            },
            Flatten(path: "me") {
              Fetch(service: "profiles") {
                {
                  ... on User {
                    __typename
                    id
                  }
                } =>
                {
                  ... on User {
                    age @trace
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "fields_with_cost_and_composed_directives_plan_as_usual": (
        """
        { items(first: 2) { title } me { locale items { id } } }
        """,
        """
        QueryPlan {
          Fetch(service: "accounts") {
            {
              items(first: 2) {
                title
              }
              me {
                locale
                items {
                  id
                }
              }
            }
          },
        }
        """,
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_plan(case: str) -> None:
    query, plan = CASES[case]
    assert plan_text(SUPERGRAPH, query) == expected(plan)


@pytest.mark.node
def test_fetch_counts_match_apollo() -> None:
    assert_fetch_counts_match_apollo(SUPERGRAPH, {case: query for case, (query, _) in CASES.items()})
