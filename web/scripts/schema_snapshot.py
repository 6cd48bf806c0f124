"""web/schema.graphql, the schema the web app's types are generated from, is the router's client-facing API schema.

It is made the way the router makes `GET /schema.graphql`: every subgraph's `_service { sdl }` composed by the
project's composer, the supergraph loaded, its API schema printed. No server is needed.

    .venv/bin/python web/scripts/schema_snapshot.py           # rewrite web/schema.graphql
    .venv/bin/python web/scripts/schema_snapshot.py --check   # exit 1 when it is not current (tests run this)
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

from graphql import print_schema

from gamja.catalog import subgraph_names
from gamja.subgraph.schema import SubgraphSchema
from router.composition.compose import compose
from router.composition.results import SubgraphSource
from router.supergraph.supergraph import Supergraph
from subgraphs.chat.graphql.schema import build_chat_schema
from subgraphs.comments.graphql.schema import build_comments_schema
from subgraphs.items.graphql.schema import build_items_schema
from subgraphs.search.graphql.schema import build_search_schema
from subgraphs.users.graphql.schema import build_users_schema

SNAPSHOT = Path(__file__).resolve().parents[1] / "schema.graphql"

BUILDERS: dict[str, Callable[[], SubgraphSchema]] = {
    "users": build_users_schema,
    "items": build_items_schema,
    "comments": build_comments_schema,
    "search": build_search_schema,
    "chat": build_chat_schema,
}


async def api_schema() -> str:
    """The API schema of the supergraph of every installed subgraph, as the router prints it."""
    missing = set(subgraph_names()) - set(BUILDERS)
    if missing:
        raise SystemExit(f"add the schema builder of {', '.join(sorted(missing))} to {__file__}")
    sources = []
    for name, build in BUILDERS.items():
        result = await build().execute("{ _service { sdl } }")
        if result.errors or not result.data:
            raise SystemExit(f"{name}: _service {{ sdl }} failed: {result.errors}")
        sources.append(SubgraphSource(name, f"http://{name}.invalid/graphql", result.data["_service"]["sdl"]))
    composed = compose(sources)
    if composed.errors or not composed.supergraph_sdl:
        raise SystemExit("composition failed:\n" + "\n".join(map(str, composed.errors)))
    return print_schema(Supergraph.from_sdl(composed.supergraph_sdl).api_schema) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    current = asyncio.run(api_schema())
    if args.check:
        if SNAPSHOT.read_text(encoding="utf-8") != current:
            print(f"{SNAPSHOT} is not the router's API schema: run {Path(__file__).name} without --check")
            return 1
        print(f"{SNAPSHOT} is current")
        return 0
    SNAPSHOT.write_text(current, encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
