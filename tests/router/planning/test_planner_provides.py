"""Planner: @provides — fields provided on a path need no extra hop; nested and on unions."""

from __future__ import annotations

import pytest
from planner_harness import assert_fetch_counts_match_apollo, expected, plan_text

SUPERGRAPH = "provides"

CASES: dict[str, tuple[str, str]] = {
    "provided_fields_come_from_the_providing_subgraph": (
        """
        { reviews { body author { username } product { name brand { name } } } }
        """,
        """
        QueryPlan {
          Fetch(service: "reviews") {
            {
              reviews {
                body
                author {
                  username
                }
                product {
                  name
                  brand {
                    name
                  }
                }
              }
            }
          },
        }
        """,
    ),
    "unprovided_fields_hop_and_share_a_fetch_with_the_parent_entity": (
        """
        { reviews { author { username email } product { inStock brand { country } } } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "reviews") {
              {
                reviews {
                  author {
                    __typename
                    username
                    id
                  }
                  product {
                    __typename
                    upc
                  }
                }
              }
            },
            Parallel {
              Flatten(path: "reviews.@.author") {
                Fetch(service: "accounts") {
                  {
                    ... on User {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on User {
                      email
                    }
                  }
                },
              },
              Flatten(path: "reviews.@.product") {
                Fetch(service: "catalog") {
                  {
                    ... on Product {
                      __typename
                      upc
                    }
                  } =>
                  {
                    ... on Product {
                      inStock
                      brand {
                        country
                      }
                    }
                  }
                },
              },
            },
          },
        }
        """,
    ),
    "provides_on_a_union": (
        """
        { reviews { mentions { ... on User { username } ... on Brand { name country } } } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "reviews") {
              {
                reviews {
                  mentions {
                    __typename
                    ... on User {
                      username
                    }
                    ... on Brand {
                      __typename
                      name
                      id
                    }
                  }
                }
              }
            },
            Flatten(path: "reviews.@.mentions.@") {
              Fetch(service: "catalog") {
                {
                  ... on Brand {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Brand {
                    country
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "without_provides_the_same_fields_need_entity_fetches": (
        """
        { feed { __typename ... on User { username } ... on Brand { name } } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "reviews") {
              {
                feed {
                  __typename
                  ... on User {
                    __typename
                    id
                  }
                  ... on Brand {
                    __typename
                    id
                  }
                }
              }
            },
            Parallel {
              Flatten(path: "feed.@") {
                Fetch(service: "accounts") {
                  {
                    ... on User {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on User {
                      username
                    }
                  }
                },
              },
              Flatten(path: "feed.@") {
                Fetch(service: "catalog") {
                  {
                    ... on Brand {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on Brand {
                      name
                    }
                  }
                },
              },
            },
          },
        }
        """,
    ),
    "provides_on_an_interface": (
        """
        { reviews { featured { name } } }
        """,
        """
        QueryPlan {
          Fetch(service: "reviews") {
            {
              reviews {
                featured {
                  __typename
                  name
                }
              }
            }
          },
        }
        """,
    ),
    "provides_on_an_interface_with_member_fields_elsewhere": (
        """
        { reviews { featured { name ... on Product { inStock } ... on Brand { country } } } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "reviews") {
              {
                reviews {
                  featured {
                    __typename
                    name
                    ... on Product {
                      __typename
                      upc
                    }
                    ... on Brand {
                      __typename
                      id
                    }
                  }
                }
              }
            },
            Flatten(path: "reviews.@.featured") {
              Fetch(service: "catalog") {
                {
                  ... on Product {
                    __typename
                    upc
                  }
                  ... on Brand {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Product {
                    inStock
                  }
                  ... on Brand {
                    country
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
