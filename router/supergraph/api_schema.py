"""Derive the client-facing API schema: no join/link machinery, nothing `@inaccessible`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from graphql import (
    DefinitionNode,
    DirectiveDefinitionNode,
    DocumentNode,
    GraphQLSchema,
    Node,
    SchemaDefinitionNode,
    TypeDefinitionNode,
    build_ast_schema,
)

from router.supergraph.links import Feature

__all__ = ["build_api_schema"]

N = TypeVar("N", bound=Node)

_EXECUTABLE = {
    "QUERY",
    "MUTATION",
    "SUBSCRIPTION",
    "FIELD",
    "FRAGMENT_DEFINITION",
    "FRAGMENT_SPREAD",
    "INLINE_FRAGMENT",
    "VARIABLE_DEFINITION",
}


def _replace(node: N, **changes: Any) -> N:
    values = {key: getattr(node, key) for key in node.keys if key != "loc"}
    values.update(changes)
    return type(node)(**values)


class _Filter:
    def __init__(self, features: Iterable[Feature]) -> None:
        self.features = list(features)
        inaccessible = next((f for f in self.features if f.name == "inaccessible"), None)
        self.inaccessible = inaccessible.prefix if inaccessible else None
        self.hidden_types: set[str] = set()

    def is_feature_directive(self, name: str) -> bool:
        return any(feature.owns_directive(name) for feature in self.features)

    def is_hidden(self, node: Node) -> bool:
        directives = getattr(node, "directives", None) or ()
        return self.inaccessible is not None and any(d.name.value == self.inaccessible for d in directives)

    def strip(self, node: N) -> N:
        """Drop feature directives from a definition and its inaccessible fields, arguments, values."""
        changes: dict[str, Any] = {}
        directives: Sequence[Any] | None = getattr(node, "directives", None)
        if directives is not None:
            changes["directives"] = tuple(d for d in directives if not self.is_feature_directive(d.name.value))
        for attr in ("fields", "arguments", "values"):
            children = getattr(node, attr, None)
            if children is not None:
                changes[attr] = tuple(self.strip(c) for c in children if not self.is_hidden(c))
        for attr in ("interfaces", "types"):
            named: Sequence[Any] | None = getattr(node, attr, None)
            if named is not None:
                changes[attr] = tuple(n for n in named if n.name.value not in self.hidden_types)
        return _replace(node, **changes)


def build_api_schema(document: DocumentNode, features: Iterable[Feature]) -> GraphQLSchema:
    """The schema clients see, built from the supergraph document."""
    api = _Filter(features)
    api.hidden_types = {
        d.name.value
        for d in document.definitions
        if isinstance(d, TypeDefinitionNode)
        and (api.is_hidden(d) or any(f.owns_type(d.name.value) for f in api.features))
    }
    definitions: list[DefinitionNode] = []
    for definition in document.definitions:
        if isinstance(definition, DirectiveDefinitionNode):
            # Clients can only use executable directives; type-system ones stay in the supergraph.
            executable = any(location.value in _EXECUTABLE for location in definition.locations)
            if executable and not api.is_feature_directive(definition.name.value):
                definitions.append(definition)
        elif isinstance(definition, TypeDefinitionNode):
            if definition.name.value not in api.hidden_types:
                definitions.append(api.strip(definition))
        elif isinstance(definition, SchemaDefinitionNode):
            definitions.append(_replace(definition, directives=()))
        else:
            definitions.append(definition)
    return build_ast_schema(DocumentNode(definitions=tuple(definitions)), assume_valid_sdl=True)
