"""Planner: a field of a keyless (value) object that the current subgraph lacks is fetched by
re-entering the other subgraph at the nearest parent entity's key and selecting the path down again."""

from __future__ import annotations

import pytest
from planner_harness import assert_fetch_counts_match_apollo, expected, plan_text

SUPERGRAPH = "keyless"

CASES: dict[str, tuple[str, str]] = {
    "field_of_a_value_type_reenters_the_other_subgraph_at_the_parent_key": (
        """
        { product(id: "p1") { name details { color weight } } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                product(id: "p1") {
                  __typename
                  name
                  details {
                    color
                  }
                  id
                }
              }
            },
            Flatten(path: "product") {
              Fetch(service: "shipping") {
                {
                  ... on Product {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Product {
                    details {
                      weight
                    }
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "several_levels_down": (
        """
        { product(id: "p1") { details { size { width depth } } } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                product(id: "p1") {
                  __typename
                  details {
                    size {
                      width
                    }
                  }
                  id
                }
              }
            },
            Flatten(path: "product") {
              Fetch(service: "shipping") {
                {
                  ... on Product {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Product {
                    details {
                      size {
                        depth
                      }
                    }
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "under_lists_and_parent_reached_through_another_subgraph": (
        """
        { orders { product { details { weight } variants { code stock } } } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "orders") {
              {
                orders {
                  product {
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "orders.@.product") {
              Fetch(service: "shipping") {
                {
                  ... on Product {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Product {
                    __typename
                    details {
                      weight
                    }
                    variants {
                      stock
                    }
                    id
                  }
                }
              },
            },
            Flatten(path: "orders.@.product") {
              Fetch(service: "catalog") {
                {
                  ... on Product {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Product {
                    variants {
                      code
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
