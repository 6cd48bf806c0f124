"""Response projection compiled once per cached operation: one small function per response position.

`projection` interprets the operation for every value of every response: it asks, per value, whether
the position is non-null, a list, a scalar, an enum or an object, and keeps the value's response path
in case of an error. Most responses have no error at all. For them, this module builds once per
operation (and @skip/@include outcome) a tree of closures that does only what is left: copy the
selected keys in operation order, check each value's type, put `__typename` in.

The compiled functions raise `Unusual` wherever the interpreting projector would report an error (a
null where the schema forbids it, a value of the wrong type, an unknown `__typename`). `project` then
starts again with the interpreting projector, which builds the errors and their paths. Both take
their fields from the same collection, so on the responses the compiled path returns they agree by
construction (tests/router/execution/test_compiled_projection.py compares them on random data).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from graphql import (
    GraphQLAbstractType,
    GraphQLEnumType,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    SelectionSetNode,
    is_specified_scalar_type,
)

from router.execution.types import JSONObject, JSONValue

__all__ = ["CompiledProjection", "Unusual"]

Complete = Callable[[JSONValue], JSONValue]

# The scalars whose values of this exact Python type are their own serialisation (as in `projection`).
_NATIVE: dict[str, type] = {"String": str, "ID": str, "Boolean": bool}
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


class Unusual(Exception):
    """Some value of this response is an error: the interpreting projector must shape it."""


class Field(Protocol):
    """One response key of an object type, as `projection` collects it."""

    @property
    def key(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> GraphQLOutputType | None: ...
    @property
    def selection_sets(self) -> tuple[SelectionSetNode, ...]: ...


FieldsOf = Callable[[GraphQLObjectType, tuple[SelectionSetNode, ...]], Sequence[Field]]


class CompiledProjection:
    """The projection of one operation under one @skip/@include outcome."""

    def __init__(
        self,
        schema: GraphQLSchema,
        root_type: GraphQLObjectType,
        root_selection_sets: tuple[SelectionSetNode, ...],
        fields_of: FieldsOf,
    ) -> None:
        self._schema = schema
        self._fields_of = fields_of
        self._root: list[tuple[str, Complete | None]] = []
        for field in fields_of(root_type, root_selection_sets):
            if field.type is not None:
                self._root.append((field.key, self._position(field.type, field.selection_sets)))
            elif field.name == "__typename":
                self._root.append((field.key, _constant(root_type.name)))
            else:  # __schema / __type: answered per request
                self._root.append((field.key, None))

    def project(self, data: JSONObject, introspection: Mapping[str, JSONValue]) -> JSONObject:
        """The client's data; raises `Unusual` when some value needs an error."""
        return {
            key: introspection.get(key) if complete is None else complete(data.get(key)) for key, complete in self._root
        }

    def _position(self, type_: GraphQLOutputType, selection_sets: tuple[SelectionSetNode, ...]) -> Complete:
        nullable = not isinstance(type_, GraphQLNonNull)
        named = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
        if isinstance(named, GraphQLList):
            return _list(self._position(named.of_type, selection_sets), nullable)
        if isinstance(named, GraphQLScalarType):
            return _scalar(named, nullable)
        if isinstance(named, GraphQLEnumType):
            return _enum(named, nullable)
        if isinstance(named, GraphQLObjectType):
            return _object(self._object_fields(named, selection_sets), nullable)
        assert isinstance(named, GraphQLAbstractType)
        return self._abstract(named, selection_sets, nullable)

    def _object_fields(
        self, type_: GraphQLObjectType, selection_sets: tuple[SelectionSetNode, ...]
    ) -> list[tuple[str, Complete]]:
        entries: list[tuple[str, Complete]] = []
        for field in self._fields_of(type_, selection_sets):
            if field.type is not None:
                entries.append((field.key, self._position(field.type, field.selection_sets)))
            elif field.name == "__typename":
                entries.append((field.key, _constant(type_.name)))
            # introspection fields below the root are left out, as `projection` does
        return entries

    def _abstract(
        self, abstract: GraphQLAbstractType, selection_sets: tuple[SelectionSetNode, ...], nullable: bool
    ) -> Complete:
        # Compiled per concrete type on first sight: an interface may have many implementations.
        by_typename: dict[str, Complete] = {}

        def runtime(typename: str) -> Complete:
            found = self._schema.type_map.get(typename)
            if not isinstance(found, GraphQLObjectType) or not self._schema.is_sub_type(abstract, found):
                raise Unusual
            by_typename[typename] = _object(self._object_fields(found, selection_sets), nullable)
            return by_typename[typename]

        def complete(value: JSONValue) -> JSONValue:
            if isinstance(value, dict):
                typename = value.get("__typename")
                if not isinstance(typename, str):
                    raise Unusual
                return (by_typename.get(typename) or runtime(typename))(value)
            if value is None and nullable:
                return None
            raise Unusual

        return complete


def _constant(value: str) -> Complete:
    return lambda _: value


def _list(item: Complete, nullable: bool) -> Complete:
    def complete(value: JSONValue) -> JSONValue:
        if isinstance(value, list):
            return [item(element) for element in value]
        if value is None and nullable:
            return None
        raise Unusual

    return complete


def _object(entries: list[tuple[str, Complete]], nullable: bool) -> Complete:
    def complete(value: JSONValue) -> JSONValue:
        if isinstance(value, dict):
            return {key: complete_field(value.get(key)) for key, complete_field in entries}
        if value is None and nullable:
            return None
        raise Unusual

    return complete


def _enum(type_: GraphQLEnumType, nullable: bool) -> Complete:
    values = type_.values

    def complete(value: JSONValue) -> JSONValue:
        if isinstance(value, str) and value in values:
            return value
        if value is None and nullable:
            return None
        raise Unusual

    return complete


def _scalar(type_: GraphQLScalarType, nullable: bool) -> Complete:
    if not is_specified_scalar_type(type_):
        # Custom scalars are opaque to the router: the subgraph's value passes through.
        def opaque(value: JSONValue) -> JSONValue:
            if value is None and not nullable:
                raise Unusual
            return value

        return opaque
    native = _NATIVE.get(type_.name)
    is_int = type_.name == "Int"
    serialize = type_.serialize

    def complete(value: JSONValue) -> JSONValue:
        kind = type(value)
        if kind is native or (is_int and kind is int and _INT_MIN <= value <= _INT_MAX):
            return value
        if value is None:
            if nullable:
                return None
            raise Unusual
        try:
            serialised: JSONValue = serialize(value)
        except (GraphQLError, TypeError, ValueError):
            raise Unusual from None
        return serialised

    return complete
