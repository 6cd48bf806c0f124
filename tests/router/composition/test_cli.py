"""`python -m router compose`: from files, from running subgraphs over HTTP, and on errors."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from router.composition.cli import main, run

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.11", import: ["@key"])\n'
USERS = LINK + 'type User @key(fields: "id") { id: ID! nickname: String! }\ntype Query { me: User }\n'
ITEMS = (
    LINK + 'type User @key(fields: "id") { id: ID! }\ntype Item { id: ID! seller: User! }\ntype Query { item: Item }\n'
)


def test_composes_from_files_into_an_output_file(tmp_path: Path) -> None:
    (tmp_path / "users.graphql").write_text(USERS)
    (tmp_path / "items.graphql").write_text(ITEMS)
    out, api = tmp_path / "supergraph.graphql", tmp_path / "schema.graphql"
    code = main(
        [
            "--subgraph", f"users={tmp_path / 'users.graphql'}",
            "--subgraph", f"items={tmp_path / 'items.graphql'}",
            "--url", "users=http://users:4001/graphql",
            "--out", str(out),
            "--api-schema", str(api),
        ]
    )  # fmt: skip
    assert code == 0
    supergraph = out.read_text()
    assert 'USERS @join__graph(name: "users", url: "http://users:4001/graphql")' in supergraph
    assert 'ITEMS @join__graph(name: "items", url: "http://items/graphql")' in supergraph
    assert api.read_text().startswith("type Query {\n  item: Item\n  me: User\n}")


async def test_fetches_sdl_over_http_with_the_service_query(capsys: pytest.CaptureFixture[str]) -> None:
    asked: list[tuple[str, str]] = []

    def subgraph(request: httpx.Request) -> httpx.Response:
        asked.append((str(request.url), json.loads(request.content)["query"]))
        sdl = USERS if request.url.host == "users" else ITEMS
        return httpx.Response(200, json={"data": {"_service": {"sdl": sdl}}})

    async with httpx.AsyncClient(transport=httpx.MockTransport(subgraph)) as client:
        code = await run(
            ["--subgraph", "users=http://users/graphql", "--subgraph", "items=https://items/graphql"], client
        )
    assert code == 0
    assert sorted(asked) == [
        ("http://users/graphql", "{ _service { sdl } }"),
        ("https://items/graphql", "{ _service { sdl } }"),
    ]
    printed = capsys.readouterr().out
    assert printed.startswith('schema\n  @link(url: "https://specs.apollo.dev/link/v1.0")')
    assert 'ITEMS @join__graph(name: "items", url: "https://items/graphql")' in printed


async def test_an_unreachable_subgraph_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, text="down")

    async with httpx.AsyncClient(transport=httpx.MockTransport(down)) as client:
        code = await run(["--subgraph", "users=http://users/graphql"], client)
    assert code == 2
    assert 'subgraph "users" at http://users/graphql' in capsys.readouterr().err


def test_composition_errors_are_printed_and_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.graphql").write_text(USERS)
    (tmp_path / "b.graphql").write_text(USERS.replace("type Query { me: User }", "type Query { other: Int }"))
    code = main(["--subgraph", f"a={tmp_path / 'a.graphql'}", "--subgraph", f"b={tmp_path / 'b.graphql'}"])
    err = capsys.readouterr().err
    assert code == 1
    assert 'error: INVALID_FIELD_SHARING: Non-shareable field "User.nickname"' in err
    assert "composition failed with 1 error(s)" in err
