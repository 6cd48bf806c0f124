"""Planner: multiple, composite and non-resolvable keys, and hops through a subgraph that knows another key."""

from __future__ import annotations

import pytest
from planner_harness import assert_fetch_counts_match_apollo, expected, plan_text

SUPERGRAPH = "keys"

CASES: dict[str, tuple[str, str]] = {
    "second_key_of_the_same_subgraph": (
        """
        { product(id: "1") { name stock } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                product(id: "1") {
                  __typename
                  name
                  sku
                }
              }
            },
            Flatten(path: "product") {
              Fetch(service: "inventory") {
                {
                  ... on Product {
                    __typename
                    sku
                  }
                } =>
                {
                  ... on Product {
                    stock
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "non_resolvable_key_hops_through_a_third_subgraph": (
        """
        { reviews { body product { stock } } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "reviews") {
              {
                reviews {
                  body
                  product {
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "reviews.@.product") {
              Fetch(service: "catalog") {
                {
                  ... on Product {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Product {
                    __typename
                    sku
                  }
                }
              },
            },
            Flatten(path: "reviews.@.product") {
              Fetch(service: "inventory") {
                {
                  ... on Product {
                    __typename
                    sku
                  }
                } =>
                {
                  ... on Product {
                    stock
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "hop_subgraph_also_answers_its_own_fields": (
        """
        { reviews { product { name stock } } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "reviews") {
              {
                reviews {
                  product {
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "reviews.@.product") {
              Fetch(service: "catalog") {
                {
                  ... on Product {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Product {
                    __typename
                    name
                    sku
                  }
                }
              },
            },
            Flatten(path: "reviews.@.product") {
              Fetch(service: "inventory") {
                {
                  ... on Product {
                    __typename
                    sku
                  }
                } =>
                {
                  ... on Product {
                    stock
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "composite_key_with_a_nested_field": (
        """
        { members { name title org { id } } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                members {
                  __typename
                  name
                  id
                  org {
                    id
                  }
                }
              }
            },
            Flatten(path: "members.@") {
              Fetch(service: "directory") {
                {
                  ... on Member {
                    __typename
                    id
                    org {
                      id
                    }
                  }
                } =>
                {
                  ... on Member {
                    title
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
