"""The compiled projection answers exactly as the interpreting one, and gives way to it on every error."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

import pytest
from graphql import (
    FragmentDefinitionNode,
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    OperationDefinitionNode,
    build_schema,
    parse,
)

from router.execution import compiled_projection
from router.execution.projection import project

SCHEMA = build_schema(
    """
    scalar JSON
    enum Status { ON_SALE SOLD }
    interface Node { id: ID! }
    type User implements Node { id: ID! nickname: String! rating: Float items: [Item!] }
    type Item implements Node {
      id: ID! title: String! price: Int status: Status seller: User! tags: [String!] grid: [[Int]!] meta: JSON
      sold: Boolean!
    }
    union Hit = User | Item
    type Query { item(id: ID): Item items: [Item!]! node: Node hits: [Hit] count: Int! }
    """
)

SCALAR_SAMPLES: dict[str, list[Any]] = {
    "ID": ["1", "u2", 7],
    "String": ["감자", "", "umbrella"],
    "Int": [0, 3000, -5, 2**31],
    "Float": [1.5, 2, 0.0],
    "Boolean": [True, False, False],
    "JSON": [{"k": [1, 2]}, "s", 3],
}

QUERIES = [
    "{ item { id title price status sold tags grid meta seller { id nickname rating } } count }",
    "{ items { __typename id ... on Item { t: title seller { nickname items { id } } } } }",
    """
    query ($withSeller: Boolean, $noTags: Boolean) {
      hits { __typename ...U ... on Node { id } ... on Item { title seller @include(if: $withSeller) { id } } }
      item { tags @skip(if: $noTags) ... @include(if: $withSeller) { seller { nickname } } }
    }
    fragment U on User { nickname rating }
    """,
    "{ node { id __typename ... on User { nickname } ... on Item { price status } } __typename }",
]


def _value(type_: GraphQLOutputType, rng: random.Random, depth: int) -> Any:
    """A value for a position: usually right, sometimes null or of the wrong kind."""
    roll = rng.random()
    if roll < 0.03:
        return None
    if roll < 0.05:
        return rng.choice([1.5, "x", True, 2**40, {"a": 1}, [1], -3])
    if isinstance(type_, GraphQLNonNull):
        return _value(type_.of_type, rng, depth)
    if isinstance(type_, GraphQLList):
        return [_value(type_.of_type, rng, depth + 1) for _ in range(rng.randint(0, 3 if depth < 3 else 0))]
    if isinstance(type_, GraphQLEnumType):
        return rng.choice(["ON_SALE", "SOLD", "SOLD", "LOST"])
    if isinstance(type_, GraphQLScalarType):
        return rng.choice(SCALAR_SAMPLES[type_.name])
    concrete = [t for t in SCHEMA.get_possible_types(type_)] if not isinstance(type_, GraphQLObjectType) else [type_]
    chosen = rng.choice(concrete)
    obj: dict[str, Any] = {"__typename": rng.choice([chosen.name] * 12 + ["Ghost", 5])}
    if depth > 4:
        return obj
    for name, field in chosen.fields.items():
        if rng.random() < 0.97:  # now and then a field is missing altogether
            obj[name] = _value(field.type, rng, depth + 1)
    obj["t"] = obj.get("title")  # the alias some queries use
    return obj


def _data(rng: random.Random) -> dict[str, Any]:
    query_type = SCHEMA.query_type
    assert query_type is not None
    return {name: _value(field.type, rng, 0) for name, field in query_type.fields.items()}


def _ordered(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)  # key order included


def _run(query: str, data: dict[str, Any], variables: dict[str, Any]) -> tuple[Any, list[Any]]:
    document = parse(query)
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    query_type = SCHEMA.query_type
    assert query_type is not None
    return project(SCHEMA, operation, fragments, variables, data, root_type=query_type)


def _cases() -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    rng = random.Random(18)
    for _ in range(600):
        variables = {"withSeller": rng.choice([True, False, None]), "noTags": rng.choice([True, False])}
        yield rng.choice(QUERIES), _data(rng), variables


def test_compiled_and_interpreted_agree_and_only_errors_take_the_slow_path(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled_project = compiled_projection.CompiledProjection.project
    outcomes: list[str] = []

    def watched(self: compiled_projection.CompiledProjection, data: Any, introspection: Any) -> Any:
        try:
            result = compiled_project(self, data, introspection)
        except compiled_projection.Unusual:
            outcomes.append("unusual")
            raise
        outcomes.append("compiled")
        return result

    def interpreting_only(self: compiled_projection.CompiledProjection, data: Any, introspection: Any) -> Any:
        raise compiled_projection.Unusual

    fast_answers = 0
    for query, data, variables in _cases():
        monkeypatch.setattr(compiled_projection.CompiledProjection, "project", interpreting_only)
        expected = _run(query, data, variables)
        monkeypatch.setattr(compiled_projection.CompiledProjection, "project", watched)
        outcomes.clear()
        got = _run(query, data, variables)
        assert _ordered(got) == _ordered(expected), (query, data, variables)
        # The compiled path steps aside exactly when there is an error to report.
        assert outcomes == (["unusual"] if expected[1] else ["compiled"]), (query, data, expected[1])
        fast_answers += outcomes == ["compiled"]
    assert 60 < fast_answers < 540  # both paths well exercised by the random data
