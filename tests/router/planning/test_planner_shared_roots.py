"""Planner: a @shareable root field whose keyless result has its fields spread over the subgraphs
serving it is fetched from each subgraph needed, in parallel; the executor merges (lists by position)."""

from __future__ import annotations

import pytest
from planner_harness import assert_fetch_counts_match_apollo, expected, plan_text

SUPERGRAPH = "shared_roots"

CASES: dict[str, tuple[str, str]] = {
    "shared_root_object_fetched_from_each_subgraph_with_its_fields": (
        """
        { viewer { nickname balance } }
        """,
        """
        QueryPlan {
          Parallel {
            Fetch(service: "profiles") {
              {
                viewer {
                  nickname
                }
              }
            },
            Fetch(service: "wallet") {
              {
                viewer {
                  balance
                }
              }
            },
          },
        }
        """,
    ),
    "nested_value_object_under_a_shared_root": (
        """
        { viewer { settings { theme currency } } }
        """,
        """
        QueryPlan {
          Parallel {
            Fetch(service: "profiles") {
              {
                viewer {
                  settings {
                    theme
                  }
                }
              }
            },
            Fetch(service: "wallet") {
              {
                viewer {
                  settings {
                    currency
                  }
                }
              }
            },
          },
        }
        """,
    ),
    "shared_root_list_merged_by_position": (
        """
        { notices { title urgent } }
        """,
        """
        QueryPlan {
          Parallel {
            Fetch(service: "profiles") {
              {
                notices {
                  title
                }
              }
            },
            Fetch(service: "wallet") {
              {
                notices {
                  urgent
                }
              }
            },
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
