"""Random valid operations over an API schema, for comparing routers beyond hand-written cases.

Deterministic per seed. Fields are chosen at random (with aliases, `__typename`, inline fragments
on possible types, named fragments, `@include`/`@skip` on literals or variables), arguments get
plausible values (strings and IDs from the scenario's data) written inline or passed as variables
(some with defaults, some of those left out), and the result is validated before use.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    get_named_type,
    is_leaf_type,
    parse,
    validate,
)

__all__ = ["random_operations"]

_MAX_DEPTH = 4


def strings_in(data: Any) -> list[str]:
    """Every string value in the fixture data: likely ids, titles, codes."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if not key.startswith("$"):
                found.extend(strings_in(value))
    elif isinstance(data, list):
        for value in data:
            found.extend(strings_in(value))
    elif isinstance(data, str):
        found.append(data)
    return found


class _Generator:
    def __init__(self, schema: GraphQLSchema, strings: list[str], rng: random.Random) -> None:
        self.schema = schema
        self.strings = sorted(set(strings)) or ["1"]
        self.rng = rng
        self.fragments: list[str] = []
        self.variable_definitions: list[str] = []
        self.variables: dict[str, Any] = {}

    def value(self, type_: GraphQLInputType, depth: int = 0) -> Any:
        """A plausible value as JSON data (what a client would send in `variables`)."""
        if isinstance(type_, GraphQLNonNull):
            return self.value(type_.of_type, depth)
        if isinstance(type_, GraphQLList):
            return [self.value(type_.of_type, depth + 1)]
        if isinstance(type_, GraphQLEnumType):
            return self.rng.choice(list(type_.values))
        if isinstance(type_, GraphQLInputObjectType):
            return {
                name: self.value(field.type, depth + 1)
                for name, field in type_.fields.items()
                if isinstance(field.type, GraphQLNonNull) or (depth < 2 and self.rng.random() < 0.3)
            }
        assert isinstance(type_, GraphQLScalarType)
        if type_.name == "Int":
            return self.rng.choice([0, 1, 2, 10])
        if type_.name == "Float":
            return 1.5
        if type_.name == "Boolean":
            return self.rng.choice([True, False])
        return self.rng.choice(self.strings)

    def literal(self, type_: GraphQLInputType, value: Any) -> str:
        """The same value written in the document."""
        if isinstance(type_, GraphQLNonNull):
            return self.literal(type_.of_type, value)
        if isinstance(type_, GraphQLList):
            return "[" + ", ".join(self.literal(type_.of_type, v) for v in value) + "]"
        if isinstance(type_, GraphQLEnumType):
            return str(value)
        if isinstance(type_, GraphQLInputObjectType):
            fields = (f"{name}: {self.literal(type_.fields[name].type, v)}" for name, v in value.items())
            return "{" + ", ".join(fields) + "}"
        return json.dumps(value, ensure_ascii=False)

    def argument(self, type_: GraphQLInputType) -> str:
        """A literal, or sometimes a variable (declared with or without a default)."""
        value = self.value(type_)
        if self.rng.random() >= 0.35:
            return self.literal(type_, value)
        name = f"v{len(self.variable_definitions)}"
        definition = f"${name}: {type_}"
        if self.rng.random() < 0.4:
            definition += f" = {self.literal(type_, value)}"
            # Half the time the variable is left out and the default applies.
            value = self.value(type_) if self.rng.random() < 0.5 else None
        self.variable_definitions.append(definition)
        if value is not None:
            self.variables[name] = value
        return f"${name}"

    def arguments(self, args: dict[str, GraphQLArgument]) -> str:
        chosen = [
            f"{name}: {self.argument(arg.type)}"
            for name, arg in args.items()
            if isinstance(arg.type, GraphQLNonNull) or self.rng.random() < 0.3
        ]
        return f"({', '.join(chosen)})" if chosen else ""

    def condition(self) -> str:
        directive = self.rng.choice(["include", "skip"])
        if self.rng.random() < 0.5:
            return f" @{directive}(if: {self.rng.choice(['true', 'false'])})"
        name = f"v{len(self.variable_definitions)}"
        self.variable_definitions.append(f"${name}: Boolean!")
        self.variables[name] = self.rng.choice([True, False])
        return f" @{directive}(if: ${name})"

    def selection_set(self, type_: GraphQLNamedType, depth: int) -> str:
        parts: list[str] = []
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            names = list(type_.fields)
            for name in self.rng.sample(names, k=min(len(names), self.rng.randint(1, 3))):
                parts.append(self.field(name, type_, depth))
        if isinstance(type_, GraphQLInterfaceType | GraphQLUnionType):
            possible = list(self.schema.get_possible_types(type_))
            for member in self.rng.sample(possible, k=min(len(possible), self.rng.randint(1, 2))):
                parts.append(f"... on {member.name} {self.selection_set(member, depth + 1)}")
        if not parts or self.rng.random() < 0.3:
            parts.insert(self.rng.randint(0, len(parts)), "__typename")
        if depth > 0 and isinstance(type_, GraphQLObjectType) and self.rng.random() < 0.15:
            name = f"F{len(self.fragments)}"
            self.fragments.append(f"fragment {name} on {type_.name} {self.selection_set(type_, depth + 1)}")
            parts.append(f"...{name}")
        return "{ " + " ".join(parts) + " }"

    def field(self, name: str, parent: GraphQLObjectType | GraphQLInterfaceType, depth: int) -> str:
        field = parent.fields[name]
        named = get_named_type(field.type)
        text = name + self.arguments(field.args)
        if self.rng.random() < 0.2:
            text = f"a{self.rng.randint(0, 9)}_{name}: {text}"
        if self.rng.random() < 0.1:
            text += self.condition()
        if is_leaf_type(named):
            return text
        if depth >= _MAX_DEPTH:
            return f"{text} {{ __typename }}"
        return f"{text} {self.selection_set(named, depth + 1)}"

    def operation(self, index: int) -> tuple[str, dict[str, Any]]:
        self.fragments = []
        self.variable_definitions = []
        self.variables = {}
        query = self.schema.query_type
        assert query is not None
        names = [n for n in query.fields if not n.startswith("__")]
        chosen = self.rng.sample(names, k=min(len(names), self.rng.randint(1, 2)))
        body = " ".join(self.field(name, query, 0) for name in chosen)
        definitions = f"({', '.join(self.variable_definitions)})" if self.variable_definitions else ""
        return "\n".join([f"query R{index}{definitions} {{ {body} }}", *self.fragments]), self.variables


def random_operations(schema: GraphQLSchema, data: Any, seed: int, count: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """Up to `count` valid query documents with their variables (conflicting random aliases are skipped)."""
    generator = _Generator(schema, strings_in(data), random.Random(seed))
    for index in range(count * 3):
        document, variables = generator.operation(index)
        if not validate(schema, parse(document)):
            yield document, variables
            count -= 1
            if count == 0:
                return
