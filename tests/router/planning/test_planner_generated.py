"""Generated operations over every fixture: never more subgraph requests than Apollo's planner, same subgraphs."""

from __future__ import annotations

import random

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLUnionType,
    get_named_type,
    parse,
    validate,
)
from planner_harness import FIXTURES, apollo_plans, fetch_counts, plan, supergraph

FIXTURE_NAMES = sorted(p.stem for p in FIXTURES.glob("*.graphql"))
OPERATIONS_PER_FIXTURE = 25


def _literal(input_type: GraphQLInputType) -> str:
    if isinstance(input_type, GraphQLNonNull):
        return _literal(input_type.of_type)
    if isinstance(input_type, GraphQLList):
        return f"[{_literal(input_type.of_type)}]"
    if isinstance(input_type, GraphQLEnumType):
        return str(next(iter(input_type.values)))
    if isinstance(input_type, GraphQLInputObjectType):
        required = [
            f"{n}: {_literal(f.type)}" for n, f in input_type.fields.items() if isinstance(f.type, GraphQLNonNull)
        ]
        return "{" + ", ".join(required) + "}"
    return {"Int": "1", "Float": "1.5", "Boolean": "true"}.get(input_type.name, '"x"')


class _Generator:
    """Random selections (seeded): some fields, arguments, aliases, type conditions, @skip/@include."""

    def __init__(self, schema: GraphQLSchema, seed: int) -> None:
        self.schema = schema
        self.random = random.Random(seed)

    def selection(self, output_type: GraphQLOutputType, depth: int) -> str:
        named = get_named_type(output_type)
        if isinstance(named, GraphQLUnionType):
            members = [f"... on {m.name} {self.selection(m, depth)}" for m in named.types]
            return "{ __typename " + " ".join(members) + " }"
        if not isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            return ""
        parts = []
        for name, field in named.fields.items():
            if self.random.random() < 0.35:
                continue
            child = ""
            if isinstance(get_named_type(field.type), GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
                if depth == 0:
                    continue
                child = self.selection(field.type, depth - 1)
            arguments = [
                f"{a}: {_literal(arg.type)}" for a, arg in field.args.items() if isinstance(arg.type, GraphQLNonNull)
            ]
            alias = f"a{self.random.randint(0, 9)}: " if self.random.random() < 0.1 else ""
            directive = " @include(if: $yes)" if self.random.random() < 0.1 else ""
            parts.append(f"{alias}{name}{'(' + ', '.join(arguments) + ')' if arguments else ''}{directive} {child}")
        if isinstance(named, GraphQLInterfaceType):
            for possible in self.schema.get_possible_types(named):
                if self.random.random() < 0.5:
                    parts.append(f"... on {possible.name} {self.selection(possible, depth)}")
        if parts and self.random.random() < 0.2:
            parts[0] = "... @skip(if: $no) { " + parts[0] + " }"
        return "{ " + (" ".join(parts) or "__typename") + " }"


def _operations(name: str) -> list[str]:
    schema = supergraph(name).api_schema
    generator = _Generator(schema, seed=len(name))
    assert schema.query_type is not None
    operations: list[str] = []
    while len(operations) < OPERATIONS_PER_FIXTURE:
        body = generator.selection(schema.query_type, 3)
        variables = [v for v in ("$yes: Boolean = true", "$no: Boolean = false") if v.split(":")[0] in body]
        query = f"query ({', '.join(variables)}) {body}" if variables else f"query {body}"
        if not validate(schema, parse(query)):  # random aliases may clash: skip those
            operations.append(query)
    return operations


@pytest.mark.node
@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_generated_operations_need_no_more_fetches_than_apollo(name: str) -> None:
    operations = _operations(name)
    worse = []
    for query, apollo in zip(operations, apollo_plans(name, operations), strict=True):
        assert "error" not in apollo, (query, apollo)
        ours = fetch_counts(plan(name, query).node, requests=True)
        theirs = apollo["fetches"]
        assert isinstance(theirs, dict)
        if set(ours) != set(theirs) or sum(ours.values()) > sum(theirs.values()):
            worse.append((query, dict(ours), theirs))
    assert not worse, worse
