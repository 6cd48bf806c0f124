"""Planner: @requires — simple, with arguments, nested field sets, and requires that depend on requires."""

from __future__ import annotations

import pytest
from planner_harness import assert_fetch_counts_match_apollo, expected, plan_text

SUPERGRAPH = "requires"

CASES: dict[str, tuple[str, str]] = {
    "requires_fetches_the_inputs_first": (
        """
        { topProducts { name shippingEstimate } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "products") {
              {
                topProducts {
                  __typename
                  name
                  price
                  weight
                  upc
                }
              }
            },
            Flatten(path: "topProducts.@") {
              Fetch(service: "shipping") {
                {
                  ... on Product {
                    __typename
                    upc
                    price
                    weight
                  }
                } =>
                {
                  ... on Product {
                    shippingEstimate
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "requires_with_arguments_and_nested_selection": (
        """
        { product(upc: "1") { boxSize usdShipping price } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "products") {
              {
                product(upc: "1") {
                  __typename
                  dimensions {
                    size
                    unit
                  }
                  upc
                  _gq0_price: price(currency: "USD")
                  price
                }
              }
            },
            Flatten(path: "product") {
              Fetch(service: "shipping") {
                {
                  ... on Product {
                    __typename
                    upc
                    dimensions {
                      size
                      unit
                    }
                    _gq0_price: price(currency: "USD")
                  }
                } =>
                {
                  ... on Product {
                    boxSize
                    usdShipping
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "requires_depending_on_another_requires": (
        """
        { topProducts { insurance } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "products") {
              {
                topProducts {
                  __typename
                  price
                  weight
                  upc
                }
              }
            },
            Flatten(path: "topProducts.@") {
              Fetch(service: "shipping") {
                {
                  ... on Product {
                    __typename
                    upc
                    price
                    weight
                  }
                } =>
                {
                  ... on Product {
                    shippingEstimate
                  }
                }
              },
            },
            Flatten(path: "topProducts.@") {
              Fetch(service: "insurance") {
                {
                  ... on Product {
                    __typename
                    upc
                    shippingEstimate
                  }
                } =>
                {
                  ... on Product {
                    insurance
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "requires_chain_with_client_fields_from_every_subgraph": (
        """
        { topProducts { name shippingEstimate insurance dimensions { unit } } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "products") {
              {
                topProducts {
                  __typename
                  name
                  price
                  weight
                  upc
                  dimensions {
                    unit
                  }
                }
              }
            },
            Flatten(path: "topProducts.@") {
              Fetch(service: "shipping") {
                {
                  ... on Product {
                    __typename
                    upc
                    price
                    weight
                  }
                } =>
                {
                  ... on Product {
                    shippingEstimate
                  }
                }
              },
            },
            Flatten(path: "topProducts.@") {
              Fetch(service: "insurance") {
                {
                  ... on Product {
                    __typename
                    upc
                    shippingEstimate
                  }
                } =>
                {
                  ... on Product {
                    insurance
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "required_field_shadowed_by_a_client_alias": (
        """
        { topProducts { price: name upc: weight shippingEstimate } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "products") {
              {
                topProducts {
                  __typename
                  price: name
                  upc: weight
                  _gq0_price: price
                  weight
                  _gq1_upc: upc
                }
              }
            },
            Flatten(path: "topProducts.@") {
              Fetch(service: "shipping") {
                {
                  ... on Product {
                    __typename
                    _gq1_upc: upc
                    _gq0_price: price
                    weight
                  }
                } =>
                {
                  ... on Product {
                    shippingEstimate
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "requires_in_the_subgraph_that_returned_the_object": (
        """
        { shippable { shippingEstimate insurance name } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "shipping") {
              {
                shippable {
                  __typename
                  upc
                }
              }
            },
            Flatten(path: "shippable.@") {
              Fetch(service: "products") {
                {
                  ... on Product {
                    __typename
                    upc
                  }
                } =>
                {
                  ... on Product {
                    price
                    weight
                    name
                  }
                }
              },
            },
            Flatten(path: "shippable.@") {
              Fetch(service: "shipping") {
                {
                  ... on Product {
                    __typename
                    upc
                    price
                    weight
                  }
                } =>
                {
                  ... on Product {
                    shippingEstimate
                  }
                }
              },
            },
            Flatten(path: "shippable.@") {
              Fetch(service: "insurance") {
                {
                  ... on Product {
                    __typename
                    upc
                    shippingEstimate
                  }
                } =>
                {
                  ... on Product {
                    insurance
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "requires_with_nested_field_set_from_both_roots": (
        """
        { shippable { upc boxSize } topProducts { usdShipping } }
        """,
        """
        QueryPlan {
          Parallel {
            Sequence {
              Fetch(service: "shipping") {
                {
                  shippable {
                    __typename
                    upc
                  }
                }
              },
              Flatten(path: "shippable.@") {
                Fetch(service: "products") {
                  {
                    ... on Product {
                      __typename
                      upc
                    }
                  } =>
                  {
                    ... on Product {
                      dimensions {
                        size
                        unit
                      }
                    }
                  }
                },
              },
              Flatten(path: "shippable.@") {
                Fetch(service: "shipping") {
                  {
                    ... on Product {
                      __typename
                      upc
                      dimensions {
                        size
                        unit
                      }
                    }
                  } =>
                  {
                    ... on Product {
                      boxSize
                    }
                  }
                },
              },
            },
            Sequence {
              Fetch(service: "products") {
                {
                  topProducts {
                    __typename
                    _gq0_price: price(currency: "USD")
                    upc
                  }
                }
              },
              Flatten(path: "topProducts.@") {
                Fetch(service: "shipping") {
                  {
                    ... on Product {
                      __typename
                      upc
                      _gq0_price: price(currency: "USD")
                    }
                  } =>
                  {
                    ... on Product {
                      usdShipping
                    }
                  }
                },
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
