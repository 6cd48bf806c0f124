"""What the executor needs to know about types: type conditions, concrete types, interface objects."""

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

    def entity_typename(self, service_name: str, typename: str) -> str:
        """The `__typename` a representation of `typename` must carry for `service_name`."""


class PlainSchemaInfo:
    """Names only: conditions match exactly, every name is an object type, no rewriting."""

    def matches(self, type_condition: str, typename: str) -> bool:
        return type_condition == typename

    def is_object_type(self, typename: str) -> bool:
        return True

    def entity_typename(self, service_name: str, typename: str) -> str:
        return typename


class SupergraphSchemaInfo:
    """Answers from the full supergraph schema (so `@inaccessible` types count too) and join metadata."""

    def __init__(self, supergraph: Supergraph) -> None:
        self._supergraph = supergraph
        self._rewrites: dict[tuple[str, str], str] = {}

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

    def entity_typename(self, service_name: str, typename: str) -> str:
        key = (service_name, typename)
        rewritten = self._rewrites.get(key)
        if rewritten is None:
            rewritten = self._rewrite(service_name, typename)
            self._rewrites[key] = rewritten
        return rewritten

    def _rewrite(self, service_name: str, typename: str) -> str:
        # A subgraph that sees an entity interface only as an @interfaceObject knows none of its
        # implementations: it must be sent the interface's name.
        types = self._supergraph.types
        meta = types.get(typename)
        if meta is None or service_name in meta.graphs:
            return typename
        runtime = self._supergraph.schema.type_map.get(typename)
        if not isinstance(runtime, GraphQLObjectType):
            return typename
        for interface in runtime.interfaces:
            name: str = interface.name
            in_graph = types[name].graphs.get(service_name) if name in types else None
            if in_graph is not None and in_graph.is_interface_object:
                return name
        return typename
