"""Hypothesis strategies for the arguments of the public API, walked from the router's API schema.

Each argument gets values of its own type (valid and nasty: lone surrogates, controls, bidi overrides, huge and
negative numbers, empty and deep inputs, made-up IDs and cursors) and, now and then, a value of the wrong type
altogether. The operation selects `__typename` (or nothing for a leaf), so every field is asked as cheaply as
its arguments allow.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    get_named_type,
    is_leaf_type,
)
from hypothesis import strategies as st

__all__ = ["NASTY_TEXT", "RootField", "arguments", "body_bytes", "root_fields"]

# Text a client can put in a JSON string: `json.dumps(ensure_ascii=True)` sends a lone surrogate as `\ud800`.
NASTY_TEXT = [
    "",
    " ",
    "\ud800",
    "a\udfffb",
    "\x00",
    "\x1b[31m",
    "\u202e아이폰",
    "아\u200b이폰",
    "\ufeff",
    "e\u0301",
    "🥔" * 300,
    "x" * 20_000,
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "%00%ff",
    "-1",
    "9" * 40,
]
NASTY_INTS = [0, -1, 1, 2**31 - 1, -(2**31), 2**31, 2**53 + 1, -(2**63), 10**30]
NASTY_FLOATS = [0.0, -0.0, -1.5, 1e308, -1e308, 5e-324, float("inf"), float("nan")]


def _cursor_like() -> st.SearchStrategy[str]:
    """Cursors and IDs a client could make up: base64 of junk, of JSON, of huge offsets."""
    payloads = st.one_of(
        st.binary(max_size=40),
        st.builds(lambda n: json.dumps({"offset": n}).encode(), st.integers()),
        st.builds(lambda n: f"cursor:{n}".encode(), st.integers()),
    )
    return payloads.map(lambda raw: base64.b64encode(raw).decode())


# Values that pass validation, so that an input with one nasty field gets as far as the resolver.
PLAUSIBLE_TEXT = [
    "서울 마포구 망원동",
    "가구/인테리어",
    "디지털기기",
    "아이폰",
    "fuzz@example.com",
    "correct-horse-1",
    "감자",
]
TEXT = st.one_of(
    st.sampled_from(PLAUSIBLE_TEXT),
    st.sampled_from(NASTY_TEXT),
    # Every code point, surrogates (category Cs) and controls included.
    st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()), max_size=60),
)
IDS = st.one_of(st.uuids().map(str), _cursor_like(), TEXT, st.integers(-(2**70), 2**70).map(str))
INTS = st.one_of(st.sampled_from(NASTY_INTS), st.integers(-(2**40), 2**40))
FLOATS = st.one_of(st.sampled_from(NASTY_FLOATS), st.floats(allow_nan=True, allow_infinity=True))
ANY_JSON = st.recursive(
    st.none() | st.booleans() | INTS | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)
DEEP = st.integers(20, 400).map(lambda depth: json.loads("[" * depth + "]" * depth))


@dataclass(frozen=True)
class RootField:
    """A root field, and optionally one field with arguments of what it returns (`item(id) { comments(first) }`):
    so that the arguments of nested fields are fuzzed too. The nested field's variables are prefixed `c_`."""

    operation: str  # "query" or "mutation"
    name: str
    field: GraphQLField
    child: tuple[str, GraphQLField] | None = None

    @property
    def args(self) -> dict[str, GraphQLArgument]:
        own = dict(self.field.args)
        if self.child is not None:
            own.update({f"c_{name}": arg for name, arg in self.child[1].args.items()})
        return own

    def document(self, given: list[str]) -> str:
        """`operation($a: T, ...) { name(a: $a, ...) { __typename child(b: $c_b) ... } }` for the variables given."""
        args = self.args
        declared = ", ".join(f"${name}: {args[name].type}" for name in given)
        head = f"{self.operation} Fuzz({declared})" if given else f"{self.operation} Fuzz"
        if is_leaf_type(get_named_type(self.field.type)):
            selection = ""
        elif self.child is None:
            selection = " { __typename }"
        else:
            child_name, child = self.child
            inner = _call(child_name, {name: f"c_{name}" for name in child.args}, given)
            leaf = is_leaf_type(get_named_type(child.type))
            selection = f" {{ __typename {inner}{'' if leaf else ' { __typename }'} }}"
        return f"{head} {{ {_call(self.name, {name: name for name in self.field.args}, given)}{selection} }}"


def _call(name: str, variables: dict[str, str], given: list[str]) -> str:
    passed = ", ".join(f"{arg}: ${variable}" for arg, variable in variables.items() if variable in given)
    return f"{name}({passed})" if passed else name


def root_fields(schema: GraphQLSchema) -> list[RootField]:
    fields = []
    for operation, root in (("query", schema.query_type), ("mutation", schema.mutation_type)):
        if root is None:
            continue
        for name, field in root.fields.items():
            if name.startswith("_"):
                continue
            fields.append(RootField(operation, name, field))
            returned = get_named_type(field.type)
            if isinstance(returned, GraphQLObjectType | GraphQLInterfaceType):
                for child_name, child in returned.fields.items():
                    if child.args:
                        fields.append(RootField(operation, name, field, (child_name, child)))
    return fields


def _value(type_: GraphQLInputType, ids: st.SearchStrategy[str], depth: int = 0) -> st.SearchStrategy[Any]:
    if isinstance(type_, GraphQLNonNull):
        inner = _value(type_.of_type, ids, depth)
        return st.one_of(inner, inner, inner, st.none())  # null where it is not allowed, now and then
    if isinstance(type_, GraphQLList):
        return st.one_of(
            st.none(), st.lists(_value(type_.of_type, ids, depth + 1), max_size=3 if depth < 2 else 0), DEEP
        )
    if isinstance(type_, GraphQLEnumType):
        return st.one_of(st.sampled_from(list(type_.values)), TEXT, st.none())
    if isinstance(type_, GraphQLInputObjectType):
        if depth > 3:
            return st.just({})
        fields = {name: _value(field.type, ids, depth + 1) for name, field in type_.fields.items()}
        # Any subset of the fields (none at all included), and sometimes one the type does not have.
        return st.fixed_dictionaries({}, optional=fields) | st.fixed_dictionaries(
            {}, optional={**fields, "notAField": ANY_JSON}
        )
    assert isinstance(type_, GraphQLScalarType), type_
    own = {"Int": INTS, "Float": FLOATS, "Boolean": st.booleans(), "ID": IDS | ids | ids}.get(type_.name, TEXT)
    return st.one_of(own, own, own, ANY_JSON)  # the right type mostly; anything JSON sometimes


def arguments(field: RootField, ids: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Values for the required arguments (null now and then) and any subset of the others; `ids` are real ones
    (an item, a user) so that resolvers get past "not found" too."""
    args = field.args
    required = {name: _value(arg.type, ids) for name, arg in args.items() if isinstance(arg.type, GraphQLNonNull)}
    optional = {name: _value(arg.type, ids) for name, arg in args.items() if name not in required}
    return st.fixed_dictionaries(required, optional=optional)


def body_bytes(document: str, variables: dict[str, Any]) -> bytes:
    """The request body a browser would send: `\\uXXXX` escapes for what is not ASCII (lone surrogates too);
    NaN and Infinity as Python writes them, which is not JSON (the router must refuse it cleanly)."""
    return json.dumps({"query": document, "variables": variables}, ensure_ascii=True, allow_nan=True).encode()
