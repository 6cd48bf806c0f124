"""Planner: @override moves a field, @inaccessible hides it, enums and input objects pass through."""

from __future__ import annotations

import pytest
from planner_harness import assert_fetch_counts_match_apollo, expected, plan_text

SUPERGRAPH = "override"

CASES: dict[str, tuple[str, str]] = {
    "overridden_field_comes_from_the_new_owner": (
        """
        { account(id: "1") { name balance plan(tier: PRO) invoices(filter: {minTotal: 3}) { total } } status }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "legacy") {
              {
                account(id: "1") {
                  __typename
                  name
                  id
                  plan(tier: PRO)
                }
                status
              }
            },
            Flatten(path: "account") {
              Fetch(service: "billing") {
                {
                  ... on Account {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Account {
                    balance
                    invoices(filter: { minTotal: 3 }) {
                      total
                    }
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "inaccessible_key_field_is_still_used_as_a_key": (
        """
        { account(id: "1") { name credit } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "legacy") {
              {
                account(id: "1") {
                  __typename
                  name
                  legacyRef
                }
              }
            },
            Flatten(path: "account") {
              Fetch(service: "ledger") {
                {
                  ... on Account {
                    __typename
                    legacyRef
                  }
                } =>
                {
                  ... on Account {
                    credit
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "aliases_variables_and_input_objects": (
        """
        query ($l: Int = 5, $f: InvoiceFilter) {
          account(id: "1") { a: invoices(limit: $l) { id } b: invoices(limit: 1, filter: $f) { total } }
        }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "legacy") {
              {
                account(id: "1") {
                  __typename
                  id
                }
              }
            },
            Flatten(path: "account") {
              Fetch(service: "billing") {
                {
                  ... on Account {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Account {
                    a: invoices(limit: $l) {
                      id
                    }
                    b: invoices(limit: 1, filter: $f) {
                      total
                    }
                  }
                }
              },
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
