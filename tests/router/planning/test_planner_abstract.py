"""Planner: interfaces and unions with members in several subgraphs, entity interfaces, @interfaceObject."""

from __future__ import annotations

import pytest
from planner_harness import assert_fetch_counts_match_apollo, expected, plan_text

SUPERGRAPH = "abstract"

CASES: dict[str, tuple[str, str]] = {
    "interface_fields_all_local": (
        """
        { media { id title } }
        """,
        """
        QueryPlan {
          Fetch(service: "media") {
            {
              media {
                __typename
                id
                title
              }
            }
          },
        }
        """,
    ),
    "type_conditions_hop_per_member_and_to_the_interface_object": (
        """
        { media { title ... on Book { pages rating } ... on Movie { runtime } } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "media") {
              {
                media {
                  __typename
                  title
                  ... on Book {
                    __typename
                    id
                  }
                  ... on Movie {
                    __typename
                    id
                  }
                }
              }
            },
            Parallel {
              Flatten(path: "media.@") {
                Fetch(service: "extras") {
                  {
                    ... on Book {
                      __typename
                      id
                    }
                    ... on Movie {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on Book {
                      pages
                    }
                    ... on Movie {
                      runtime
                    }
                  }
                },
              },
              Flatten(path: "media.@") {
                Fetch(service: "ratings") {
                  {
                    ... on Book {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on Node {
                      rating
                    }
                  }
                },
              },
            },
          },
        }
        """,
    ),
    "union_members_with_fields_elsewhere": (
        """
        { search(text: "x") { ... on Book { author pages } ... on Movie { director } } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "media") {
              {
                search(text: "x") {
                  __typename
                  ... on Book {
                    __typename
                    author
                    id
                  }
                  ... on Movie {
                    director
                  }
                }
              }
            },
            Flatten(path: "search.@") {
              Fetch(service: "extras") {
                {
                  ... on Book {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Book {
                    pages
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "interface_object_root_needs_the_concrete_type_from_the_entity_interface": (
        """
        { topRated { id rating __typename ... on Movie { title runtime } } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "ratings") {
              {
                topRated {
                  __typename
                  id
                  rating
                }
              }
            },
            Flatten(path: "topRated.@") {
              Fetch(service: "media") {
                {
                  ... on Node {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Node {
                    __typename
                    ... on Movie {
                      __typename
                      title
                      id
                    }
                  }
                }
              },
            },
            Flatten(path: "topRated.@") {
              Fetch(service: "extras") {
                {
                  ... on Movie {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Movie {
                    runtime
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "interface_field_for_objects_from_the_interface_object": (
        """
        { topRated { id rating label } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "ratings") {
              {
                topRated {
                  __typename
                  id
                  rating
                }
              }
            },
            Flatten(path: "topRated.@") {
              Fetch(service: "media") {
                {
                  ... on Node {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Node {
                    __typename
                    label
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "entity_interface_field_from_the_interface_object": (
        """
        { node(id: "1") { id rating } }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "media") {
              {
                node(id: "1") {
                  __typename
                  ... on Book {
                    __typename
                    id
                  }
                  ... on Movie {
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "node") {
              Fetch(service: "ratings") {
                {
                  ... on Book {
                    __typename
                    id
                  }
                  ... on Movie {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Node {
                    rating
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "same_interface_from_two_subgraphs": (
        """
        { media { id } episodes { title ... on Podcast { host } } }
        """,
        """
        QueryPlan {
          Parallel {
            Fetch(service: "media") {
              {
                media {
                  __typename
                  id
                }
              }
            },
            Fetch(service: "podcasts") {
              {
                episodes {
                  __typename
                  title
                  ... on Podcast {
                    host
                  }
                }
              }
            },
          },
        }
        """,
    ),
    "fragment_on_the_interface_inside_a_union": (
        """
        { search(text: "x") { __typename ... on Media { title } ... on Node { id } } }
        """,
        """
        QueryPlan {
          Fetch(service: "media") {
            {
              search(text: "x") {
                __typename
                ... on Book {
                  __typename
                  title
                  id
                }
                ... on Movie {
                  __typename
                  title
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
