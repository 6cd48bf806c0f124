"""The project's own four subgraphs, as each serves its SDL at `_service { sdl }`."""

from __future__ import annotations

from router.composition import SubgraphSource
from subgraphs.comments.graphql.schema import build_comments_schema
from subgraphs.items.graphql.schema import build_items_schema
from subgraphs.search.graphql.schema import build_search_schema
from subgraphs.users.graphql.schema import build_users_schema

PORTS = {"users": 4001, "items": 4002, "comments": 4003, "search": 4004}
BUILDERS = {
    "users": build_users_schema,
    "items": build_items_schema,
    "comments": build_comments_schema,
    "search": build_search_schema,
}


def project_subgraphs() -> list[SubgraphSource]:
    sources = []
    for name, build in BUILDERS.items():
        result = build().execute_sync("{ _service { sdl } }")
        assert result.errors is None and result.data is not None, result.errors
        sources.append(SubgraphSource(name, f"http://127.0.0.1:{PORTS[name]}/graphql", result.data["_service"]["sdl"]))
    return sources
