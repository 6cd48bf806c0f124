"""The `Supergraph`: a parsed Federation v2 supergraph SDL, ready for planning and serving."""

from __future__ import annotations

from graphql import GraphQLSchema, build_ast_schema, parse

from router.supergraph.api_schema import build_api_schema
from router.supergraph.join_reader import read_graphs, read_types
from router.supergraph.links import read_features
from router.supergraph.model import TypeMeta

__all__ = ["Supergraph"]


class Supergraph:
    """Subgraphs, join metadata per type, the full supergraph schema and the client API schema."""

    def __init__(
        self,
        *,
        sdl: str,
        schema: GraphQLSchema,
        api_schema: GraphQLSchema,
        urls: dict[str, str],
        types: dict[str, TypeMeta],
    ) -> None:
        self.sdl = sdl
        self.schema = schema
        self.api_schema = api_schema
        self.types = types
        self._urls = urls

    @classmethod
    def from_sdl(cls, sdl: str) -> Supergraph:
        document = parse(sdl, no_location=True)
        features = read_features(document)
        join = features["join"]
        graphs = read_graphs(document, join)
        return cls(
            sdl=sdl,
            schema=build_ast_schema(document, assume_valid_sdl=True),
            api_schema=build_api_schema(document, features.values()),
            urls={graph.name: graph.url for graph in graphs.values()},
            types=read_types(document, join, graphs),
        )

    @property
    def subgraph_names(self) -> tuple[str, ...]:
        return tuple(self._urls)

    def subgraph_url(self, name: str) -> str:
        return self._urls[name]
