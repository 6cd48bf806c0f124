"""Literal argument values in field sets, checked against the argument types the way Apollo does."""

from __future__ import annotations

from collections.abc import Callable

from graphql import (
    BooleanValueNode,
    EnumValueNode,
    FloatValueNode,
    IntValueNode,
    ListValueNode,
    NullValueNode,
    ObjectValueNode,
    StringValueNode,
    ValueNode,
    VariableNode,
    print_ast,
)

from .subgraph import Argument, TypeDef
from .typeref import TypeRef

__all__ = ["argument_problems"]

MIN_INT, MAX_INT = -(2**31), 2**31 - 1
TypeLookup = Callable[[str], TypeDef | None]


def argument_problems(
    coordinate: str, definitions: dict[str, Argument], given: dict[str, ValueNode], lookup: TypeLookup
) -> list[str]:
    """Why the values `given` to field `coordinate` do not fit its arguments (empty when they do).

    Like Apollo: every given argument must exist, every required one without a default must be
    given, and no variable can appear (a field set has nowhere to define it)."""
    problems = []
    for name, value in given.items():
        argument = definitions.get(name)
        if argument is None:
            problems.append(f'unknown argument "{name}" for field "{coordinate}"')
            continue
        problem = _value_problem(value, argument.type, lookup)
        if problem is not None:
            problems.append(f'invalid value {print_ast(value)} for argument "{coordinate}({name}:)": {problem}')
    for name, argument in definitions.items():
        if name not in given and argument.type.is_non_null and argument.default is None:
            problems.append(f'no value given for the required argument "{name}" of field "{coordinate}"')
    return problems


def _value_problem(value: ValueNode, type_ref: TypeRef, lookup: TypeLookup) -> str | None:
    if isinstance(value, VariableNode):
        return "variables cannot be used in a field set"
    if type_ref.non_null_of is not None:
        if isinstance(value, NullValueNode):
            return f'null is not allowed for the non-null type "{type_ref}"'
        return _value_problem(value, type_ref.non_null_of, lookup)
    if isinstance(value, NullValueNode):
        return None
    if type_ref.list_of is not None:
        items = value.values if isinstance(value, ListValueNode) else (value,)
        return next((p for p in (_value_problem(v, type_ref.list_of, lookup) for v in items) if p), None)
    return _named_problem(value, str(type_ref.name), lookup)


def _named_problem(value: ValueNode, name: str, lookup: TypeLookup) -> str | None:
    if name == "Int":
        ok = isinstance(value, IntValueNode) and MIN_INT <= int(value.value) <= MAX_INT
    elif name == "Float":
        ok = isinstance(value, IntValueNode | FloatValueNode)
    elif name == "Boolean":
        ok = isinstance(value, BooleanValueNode)
    elif name == "String":
        ok = isinstance(value, StringValueNode)
    elif name == "ID":
        ok = isinstance(value, StringValueNode | IntValueNode)
    else:
        return _defined_type_problem(value, name, lookup)
    return None if ok else f'"{name}" cannot represent it'


def _defined_type_problem(value: ValueNode, name: str, lookup: TypeLookup) -> str | None:
    definition = lookup(name)
    if definition is None or definition.kind == "scalar":
        return None  # a custom scalar accepts any literal, as in Apollo
    if definition.kind == "enum":
        if not isinstance(value, EnumValueNode | StringValueNode) or value.value not in definition.values:
            return f'enum "{name}" has no such value'
        return None
    if not isinstance(value, ObjectValueNode):
        return f'input type "{name}" needs an object value'
    for field_node in value.fields:
        input_field = definition.fields.get(field_node.name.value)
        if input_field is None:
            return f'input type "{name}" has no field "{field_node.name.value}"'
        problem = _value_problem(field_node.value, input_field.type, lookup)
        if problem is not None:
            return problem
    return None
