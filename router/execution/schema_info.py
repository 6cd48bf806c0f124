"""What the executor needs to know about types: type conditions and which names are object types."""

from __future__ import annotations

from typing import Protocol

from graphql import GraphQLObjectType, is_abstract_type

from router.supergraph import Supergraph

__all__ = ["PlainSchemaInfo", "SchemaInfo", "SupergraphSchemaInfo"]


class SchemaInfo(Protocol):
    def matches(self, type_condition: str, typename: str) -> bool:
        """Is an object whose `__typename` is `typename` inside `type_condition`?"""

    def is_object_type(self, typename: str) -> bool:
        """False for an interface name, as an `@interfaceObject` subgraph answers with."""


class PlainSchemaInfo:
    """Names only: conditions match exactly and every name is an object type."""

    def matches(self, type_condition: str, typename: str) -> bool:
        return type_condition == typename

    def is_object_type(self, typename: str) -> bool:
        return True


class SupergraphSchemaInfo:
    """Answers from the full supergraph schema, so `@inaccessible` types count too."""

    def __init__(self, supergraph: Supergraph) -> None:
        self._supergraph = supergraph

    def matches(self, type_condition: str, typename: str) -> bool:
        if type_condition == typename:
            return True
        schema = self._supergraph.schema
        condition = schema.type_map.get(type_condition)
        runtime = schema.type_map.get(typename)
        return (
            is_abstract_type(condition)
            and isinstance(runtime, GraphQLObjectType)
            and schema.is_sub_type(condition, runtime)
        )

    def is_object_type(self, typename: str) -> bool:
        return isinstance(self._supergraph.schema.type_map.get(typename), GraphQLObjectType)
