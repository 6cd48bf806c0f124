"""Projection shapes merged data into the client's response exactly as the GraphQL spec says."""

from __future__ import annotations

from typing import Any

from graphql import FragmentDefinitionNode, OperationDefinitionNode, build_schema, parse

from router.execution.projection import project

SCHEMA = build_schema(
    """
    enum Status { ON_SALE SOLD }
    interface Node { id: ID! }
    type User implements Node { id: ID! nickname: String! }
    type Item implements Node { id: ID! title: String! price: Int status: Status seller: User! tags: [String!] }
    union Hit = User | Item
    type Query { item(id: ID): Item items: [Item!]! node: Node hits: [Hit] count: Int }
    """
)


def run(query: str, data: dict[str, Any], variables: dict[str, Any] | None = None) -> tuple[Any, list[Any]]:
    document = parse(query)
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    query_type = SCHEMA.query_type
    assert query_type is not None
    return project(SCHEMA, operation, fragments, variables or {}, data, root_type=query_type)


def test_keys_follow_the_operation_order_and_aliases_and_drop_extra_fields() -> None:
    data = {"item": {"price": 3000, "id": "1", "name": "우산", "__typename": "Item", "extra": 1}}
    result, errors = run("{ item { name: title id cost: price } }", {"item": {"name": "우산", "id": "1", "cost": 3}})
    assert errors == []
    assert list(result["item"]) == ["name", "id", "cost"]
    result, _ = run("{ item { price id } }", data)
    assert result == {"item": {"price": 3000, "id": "1"}}


def test_fragments_apply_by_typename() -> None:
    data = {
        "hits": [
            {"__typename": "User", "id": "u", "nickname": "감자"},
            {"__typename": "Item", "id": "i", "title": "자전거"},
        ]
    }
    query = """
      { hits { __typename ...U ... on Node { id } ... on Item { title } } }
      fragment U on User { nickname }
    """
    result, errors = run(query, data)
    assert errors == []
    assert result == {
        "hits": [
            {"__typename": "User", "nickname": "감자", "id": "u"},
            {"__typename": "Item", "id": "i", "title": "자전거"},
        ]
    }


def test_skip_and_include_follow_variables() -> None:
    query = "query($a: Boolean!, $b: Boolean!) { count @include(if: $a) item @skip(if: $b) { id } }"
    result, _ = run(query, {"count": 1, "item": {"id": "1"}}, {"a": False, "b": False})
    assert result == {"item": {"id": "1"}}
    result, _ = run(query, {"count": 1, "item": {"id": "1"}}, {"a": True, "b": True})
    assert result == {"count": 1}


def test_null_in_non_null_field_nulls_the_nearest_nullable_parent() -> None:
    result, errors = run("{ item { id seller { nickname } } count }", {"item": {"id": "1", "seller": {}}, "count": 2})
    assert result == {"item": None, "count": 2}
    assert errors == [
        {"message": "Cannot return null for non-nullable field User.nickname.", "path": ["item", "seller", "nickname"]}
    ]


def test_null_propagates_through_non_null_list_items_to_the_root() -> None:
    result, errors = run("{ items { id } count }", {"items": [{"id": "1"}, {"id": None}], "count": 1})
    assert result is None
    assert errors[0]["path"] == ["items", 1, "id"]


def test_nullable_list_item_absorbs_its_own_null() -> None:
    data = {"hits": [{"__typename": "User", "id": "u", "nickname": None}, {"__typename": "Item", "id": "i"}]}
    result, errors = run("{ hits { ... on User { nickname } ... on Item { id } } }", data)
    assert result == {"hits": [None, {"id": "i"}]}
    assert len(errors) == 1


def test_missing_entity_fields_become_null() -> None:
    result, errors = run("{ item { id price } }", {"item": {"id": "1"}})
    assert result == {"item": {"id": "1", "price": None}} and errors == []


def test_leaf_values_are_checked_against_the_schema() -> None:
    result, errors = run("{ item { status price } }", {"item": {"status": "LOST", "price": "cheap"}})
    assert result == {"item": {"status": None, "price": None}}
    assert [e["path"] for e in errors] == [["item", "status"], ["item", "price"]]


def test_typename_of_abstract_field_comes_from_the_data_and_bad_typename_is_an_error() -> None:
    result, errors = run("{ node { __typename id } }", {"node": {"__typename": "User", "id": "u"}})
    assert result == {"node": {"__typename": "User", "id": "u"}} and errors == []
    result, errors = run("{ node { id } }", {"node": {"__typename": "Nope", "id": "u"}})
    assert result == {"node": None} and len(errors) == 1


def test_root_typename_is_answered_without_data() -> None:
    result, errors = run("query ping { __typename }", {})
    assert result == {"__typename": "Query"} and errors == []
