"""Planner: root fields, entity chains, mutations, aliases, fragments, variables, directives (marketplace)."""

from __future__ import annotations

import pytest
from planner_harness import assert_fetch_counts_match_apollo, expected, plan_text

SUPERGRAPH = "marketplace"

CASES: dict[str, tuple[str, str]] = {
    "root_fields_of_two_subgraphs_run_in_parallel": (
        """
        query Home($id: ID!) {
          me { nickname }
          item(id: $id) { title price }
        }
        """,
        """
        QueryPlan {
          Parallel {
            Fetch(service: "users") {
              {
                me {
                  nickname
                }
              }
            },
            Fetch(service: "items") {
              {
                item(id: $id) {
                  title
                  price
                }
              }
            },
          },
        }
        """,
    ),
    "nested_entity_chain_one_fetch_per_subgraph_per_level": (
        """
        {
          searchItems(query: "자전거", first: 10) {
            highlight
            node {
              title
              seller { nickname }
              commentCount
              comments(first: 2) { body author { nickname } }
            }
          }
        }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "search") {
              {
                searchItems(query: "자전거", first: 10) {
                  highlight
                  node {
                    __typename
                    id
                  }
                }
              }
            },
            Parallel {
              Flatten(path: "searchItems.@.node") {
                Fetch(service: "items") {
                  {
                    ... on Item {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on Item {
                      title
                      seller {
                        __typename
                        id
                      }
                    }
                  }
                },
              },
              Flatten(path: "searchItems.@.node") {
                Fetch(service: "comments") {
                  {
                    ... on Item {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on Item {
                      commentCount
                      comments(first: 2) {
                        body
                        author {
                          __typename
                          id
                        }
                      }
                    }
                  }
                },
              },
            },
            BatchFetch(service: "users") {
              Flatten(path: "searchItems.@.node.seller") {
                Fetch(service: "users") {
                  {
                    ... on User {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on User {
                      nickname
                    }
                  }
                },
              },
              Flatten(path: "searchItems.@.node.comments.@.author") {
                Fetch(service: "users") {
                  {
                    ... on User {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on User {
                      nickname
                    }
                  }
                },
              },
            },
          },
        }
        """,
    ),
    "same_field_twice_with_different_arguments": (
        """
        {
          cheap: items(filter: {minPrice: 0}, first: 3) { title }
          sold: items(filter: {status: SOLD}) { title seller { nickname } }
        }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "items") {
              {
                cheap: items(filter: { minPrice: 0 }, first: 3) {
                  title
                }
                sold: items(filter: { status: SOLD }) {
                  title
                  seller {
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "sold.@.seller") {
              Fetch(service: "users") {
                {
                  ... on User {
                    __typename
                    id
                  }
                } =>
                {
                  ... on User {
                    nickname
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "client_alias_shadowing_a_key_field": (
        """
        {
          item(id: "1") { id: title seller { nickname } }
        }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "items") {
              {
                item(id: "1") {
                  id: title
                  seller {
                    __typename
                    _gq0_id: id
                  }
                }
              }
            },
            Flatten(path: "item.seller") {
              Fetch(service: "users") {
                {
                  ... on User {
                    __typename
                    _gq0_id: id
                  }
                } =>
                {
                  ... on User {
                    nickname
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "named_and_inline_fragments": (
        """
        query Detail {
          item(id: "1") { ...ItemCard ... on Item { commentCount } }
        }
        fragment ItemCard on Item { title seller { ...Seller } }
        fragment Seller on User { nickname region }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "items") {
              {
                item(id: "1") {
                  __typename
                  title
                  id
                  seller {
                    __typename
                    id
                  }
                }
              }
            },
            Parallel {
              Flatten(path: "item") {
                Fetch(service: "comments") {
                  {
                    ... on Item {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on Item {
                      commentCount
                    }
                  }
                },
              },
              Flatten(path: "item.seller") {
                Fetch(service: "users") {
                  {
                    ... on User {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on User {
                      nickname
                      region
                    }
                  }
                },
              },
            },
          },
        }
        """,
    ),
    "skip_and_include_stay_on_the_fields": (
        """
        query ($withSeller: Boolean!, $noComments: Boolean = false) {
          item(id: "1") {
            title
            seller @include(if: $withSeller) { nickname }
            ... @skip(if: $noComments) { commentCount }
          }
        }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "items") {
              {
                item(id: "1") {
                  __typename
                  title
                  id
                  seller @include(if: $withSeller) {
                    __typename
                    id
                  }
                }
              }
            },
            Parallel {
              Skip(if: $noComments) {
                Flatten(path: "item") {
                  Fetch(service: "comments") {
                    {
                      ... on Item {
                        __typename
                        id
                      }
                    } =>
                    {
                      ... on Item {
                        ... @skip(if: $noComments) {
                          commentCount
                        }
                      }
                    }
                  },
                }
              },
              Include(if: $withSeller) {
                Flatten(path: "item.seller") {
                  Fetch(service: "users") {
                    {
                      ... on User {
                        __typename
                        id
                      }
                    } =>
                    {
                      ... on User {
                        nickname
                      }
                    }
                  },
                }
              },
            },
          },
        }
        """,
    ),
    "literal_skip_and_include_are_applied_by_the_planner": (
        """
        {
          me @include(if: false) { nickname }
          item(id: "1") @skip(if: false) { title seller @skip(if: true) { nickname } ... @include(if: true) { price } }
        }
        """,
        """
        QueryPlan {
          Fetch(service: "items") {
            {
              item(id: "1") {
                title
                price
              }
            }
          },
        }
        """,
    ),
    "variables_with_defaults_and_input_objects": (
        """
        query ($filter: ItemFilter = {region: "서울"}, $first: Int = 5) {
          items(filter: $filter, first: $first) { title seller { nickname } }
        }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "items") {
              {
                items(filter: $filter, first: $first) {
                  title
                  seller {
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "items.@.seller") {
              Fetch(service: "users") {
                {
                  ... on User {
                    __typename
                    id
                  }
                } =>
                {
                  ... on User {
                    nickname
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "typename_everywhere_root_typename_answered_by_the_router": (
        """
        {
          __typename
          item(id: "1") { __typename seller { __typename nickname } }
        }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "items") {
              {
                item(id: "1") {
                  __typename
                  seller {
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "item.seller") {
              Fetch(service: "users") {
                {
                  ... on User {
                    __typename
                    id
                  }
                } =>
                {
                  ... on User {
                    nickname
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "reverse_field_from_another_subgraph": (
        """
        {
          me { nickname items { title commentCount } }
        }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "users") {
              {
                me {
                  __typename
                  nickname
                  id
                }
              }
            },
            Flatten(path: "me") {
              Fetch(service: "items") {
                {
                  ... on User {
                    __typename
                    id
                  }
                } =>
                {
                  ... on User {
                    items {
                      __typename
                      title
                      id
                    }
                  }
                }
              },
            },
            Flatten(path: "me.items.@") {
              Fetch(service: "comments") {
                {
                  ... on Item {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Item {
                    commentCount
                  }
                }
              },
            },
          },
        }
        """,
    ),
    "mutations_run_serially_in_document_order": (
        """
        mutation {
          first: createItem(input: {title: "책상", price: 10000}) { id seller { nickname } }
          addComment(itemId: "1", body: "팔렸나요?") { id author { nickname } }
          likeItem(id: "1") { likeCount }
          second: createItem(input: {title: "의자", price: 0}) { id }
        }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "items") {
              {
                first: createItem(input: { title: "책상", price: 10000 }) {
                  id
                  seller {
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "first.seller") {
              Fetch(service: "users") {
                {
                  ... on User {
                    __typename
                    id
                  }
                } =>
                {
                  ... on User {
                    nickname
                  }
                }
              },
            },
            Fetch(service: "comments") {
              {
                addComment(itemId: "1", body: "팔렸나요?") {
                  id
                  author {
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "addComment.author") {
              Fetch(service: "users") {
                {
                  ... on User {
                    __typename
                    id
                  }
                } =>
                {
                  ... on User {
                    nickname
                  }
                }
              },
            },
            Fetch(service: "items") {
              {
                likeItem(id: "1") {
                  likeCount
                }
                second: createItem(input: { title: "의자", price: 0 }) {
                  id
                }
              }
            },
          },
        }
        """,
    ),
    "consecutive_mutations_on_one_subgraph_share_a_fetch": (
        """
        mutation {
          createItem(input: {title: "책상", price: 10000}) { id }
          likeItem(id: "1") { likeCount commentCount }
          logIn(email: "a@b.c", password: "pw") { token user { nickname items { title } } }
        }
        """,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "items") {
              {
                createItem(input: { title: "책상", price: 10000 }) {
                  id
                }
                likeItem(id: "1") {
                  __typename
                  likeCount
                  id
                }
              }
            },
            Flatten(path: "likeItem") {
              Fetch(service: "comments") {
                {
                  ... on Item {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Item {
                    commentCount
                  }
                }
              },
            },
            Fetch(service: "users") {
              {
                logIn(email: "a@b.c", password: "pw") {
                  token
                  user {
                    __typename
                    nickname
                    id
                  }
                }
              }
            },
            Flatten(path: "logIn.user") {
              Fetch(service: "items") {
                {
                  ... on User {
                    __typename
                    id
                  }
                } =>
                {
                  ... on User {
                    items {
                      title
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
