"""Planner: @shareable root and object fields are taken from the subgraph that needs the fewest hops."""

from __future__ import annotations

import pytest
from planner_harness import assert_fetch_counts_match_apollo, expected, plan_text

SUPERGRAPH = "shareable"

CASES: dict[str, tuple[str, str]] = {
    "shareable_root_field_from_the_subgraph_with_the_other_fields": (
        """
        { product(id: "1") { name price } }
        """,
        """
        QueryPlan {
          Fetch(service: "catalog") {
            {
              product(id: "1") {
                name
                price
              }
            }
          },
        }
        """,
    ),
    "the_other_subgraph_when_it_has_the_fields": (
        """
        { product(id: "1") { name stock } }
        """,
        """
        QueryPlan {
          Fetch(service: "store") {
            {
              product(id: "1") {
                name
                stock
              }
            }
          },
        }
        """,
    ),
    "shareable_root_field_joins_the_fetch_another_root_field_needs": (
        """
        { product(id: "1") { name } storeStatus }
        """,
        """
        QueryPlan {
          Fetch(service: "store") {
            {
              product(id: "1") {
                name
              }
              storeStatus
            }
          },
        }
        """,
    ),
    "shareable_root_field_with_fields_of_both_subgraphs": (
        """
        { product(id: "1") { name price stock } storeStatus }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "store") {
              {
                product(id: "1") {
                  __typename
                  name
                  id
                  stock
                }
                storeStatus
              }
            },
            Flatten(path: "product") {
              Fetch(service: "catalog") {
                {
                  ... on Product {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Product {
                    price
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "shareable_root_field_split_over_two_root_fetches": (
        """
        { categories { name } product(id: "1") { name price stock } storeStatus }
        """,
        """
        QueryPlan {
          Parallel {
            Fetch(service: "catalog") {
              {
                categories {
                  name
                }
                product(id: "1") {
                  name
                  price
                }
              }
            },
            Fetch(service: "store") {
              {
                product(id: "1") {
                  stock
                }
                storeStatus
              }
            },
          },
        }
        """,
    ),
    "shareable_field_read_where_the_object_already_is": (
        """
        { categories { products { name stock } } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                categories {
                  products {
                    __typename
                    name
                    id
                  }
                }
              }
            },
            Flatten(path: "categories.@.products.@") {
              Fetch(service: "store") {
                {
                  ... on Product {
                    __typename
                    id
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
}


@pytest.mark.parametrize("case", CASES)
def test_plan(case: str) -> None:
    query, plan = CASES[case]
    assert plan_text(SUPERGRAPH, query) == expected(plan)


@pytest.mark.node
def test_fetch_counts_match_apollo() -> None:
    assert_fetch_counts_match_apollo(SUPERGRAPH, {case: query for case, (query, _) in CASES.items()})
