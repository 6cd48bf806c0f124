"""The web app at `/` beside the API, through real HTTP: files, caching, the SPA fallback, the API untouched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gamja.settings import Settings
from router.execution.policy import FetchPolicy
from router.server import create_app
from router.server.config import DEFAULT_WEB_DIR, FrontDoorConfig
from tests.router.server.conftest import serve_app

INDEX = '<!doctype html><html lang="ko"><body><div id="root"></div><script type="module" src="/assets/index-Bx3_k9Qa.js"></script></body></html>'
SCRIPT = "console.log('감자');\n" * 200
HTML = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
APP_ROUTES = ["/", "/search?q=%EC%9E%90%EC%A0%84%EA%B1%B0", "/items/42", "/items/42/edit", "/sell", "/me/items",
              "/chats", "/chats/7", "/login", "/signup"]  # fmt: skip


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A stand-in for web/dist: what `vite build` writes."""
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text(INDEX)
    (root / "assets" / "index-Bx3_k9Qa.js").write_text(SCRIPT)
    (root / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (root / ".build-stamp").write_text("sources hash")
    (tmp_path / "secret.txt").write_text("outside the build")
    return root


def serve_with(supergraph_sdl: str, config: FrontDoorConfig) -> Iterator[str]:
    with serve_app(create_app(supergraph_sdl, policy=FetchPolicy(timeout=5), config=config)) as origin:
        yield origin


@pytest.fixture
def origin(supergraph_sdl: str, dist: Path) -> Iterator[str]:
    yield from serve_with(supergraph_sdl, FrontDoorConfig(web_dir=dist))


@pytest.fixture
def production_origin(supergraph_sdl: str, dist: Path) -> Iterator[str]:
    yield from serve_with(supergraph_sdl, FrontDoorConfig(production=True, web_dir=dist))


def test_the_app_page_is_served_at_the_root_with_its_policy_and_never_cached(origin: str) -> None:
    response = httpx.get(f"{origin}/", headers=HTML)
    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "connect-src 'self' ws: wss:" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("route", APP_ROUTES)
def test_every_route_of_the_app_loads_the_app_page(origin: str, route: str) -> None:
    response = httpx.get(f"{origin}{route}", headers=HTML)
    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["cache-control"] == "no-cache"
    assert "content-security-policy" in response.headers


def test_hashed_assets_are_immutable_and_compressed(origin: str) -> None:
    response = httpx.get(f"{origin}/assets/index-Bx3_k9Qa.js", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response.text == SCRIPT
    assert response.headers["content-type"].startswith(("text/javascript", "application/javascript"))
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["content-encoding"] == "gzip"


def test_unhashed_files_revalidate_and_answer_304_when_unchanged(origin: str) -> None:
    first = httpx.get(f"{origin}/favicon.svg")
    assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
    again = httpx.get(f"{origin}/favicon.svg", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/items/42", {"accept": "application/json"}),  # not a browser navigation
        ("/items/42", {"accept": "*/*"}),
        ("/assets/missing-Zz9_k9Qa.js", {"accept": "*/*"}),  # a stale script must not become the page
        ("/.build-stamp", HTML),
        ("/%2e%2e/secret.txt", {"accept": "*/*"}),
    ],
)
def test_what_is_not_a_file_nor_a_page_is_a_404(origin: str, path: str, headers: dict[str, str]) -> None:
    response = httpx.get(f"{origin}{path}", headers=headers)
    assert response.status_code in {404, 200}
    assert "outside the build" not in response.text and "sources hash" not in response.text
    if "text/html" not in headers["accept"]:
        assert response.status_code == 404


def test_the_api_keeps_its_paths(origin: str) -> None:
    graphiql = httpx.get(f"{origin}/graphql", headers=HTML)
    assert graphiql.status_code == 200 and "GraphiQL" in graphiql.text and graphiql.text != INDEX
    answer = httpx.post(f"{origin}/graphql", json={"query": "{ __typename }"}, headers=HTML)
    assert answer.json() == {"data": {"__typename": "Query"}}
    assert httpx.get(f"{origin}/health", headers=HTML).json() == {"status": "ok"}
    assert httpx.get(f"{origin}/ready", headers=HTML).status_code == 200
    assert "type Query" in httpx.get(f"{origin}/schema.graphql", headers=HTML).text
    assert "join__Graph" in httpx.get(f"{origin}/supergraph.graphql", headers=HTML).text
    assert "gamja_router_requests_total" in httpx.get(f"{origin}/metrics", headers=HTML).text
    assert httpx.get(f"{origin}/playground/graphiql.min.css", headers=HTML).status_code == 200
    for path in ["/graphql/", "/playground/missing.js", "/health/deep", "/metrics/x"]:
        response = httpx.get(f"{origin}{path}", headers=HTML)
        assert response.status_code == 404, path
        assert response.text != INDEX, path


def test_production_hides_its_paths_behind_404s_not_behind_the_app(production_origin: str) -> None:
    for path in ["/supergraph.graphql", "/playground/graphiql.min.css"]:
        response = httpx.get(f"{production_origin}{path}", headers=HTML)
        assert response.status_code == 404, path
        assert response.text != INDEX, path
    assert httpx.get(f"{production_origin}/items/42", headers=HTML).text == INDEX


def test_an_unbuilt_app_says_so_in_a_page(supergraph_sdl: str, tmp_path: Path) -> None:
    empty = tmp_path / "never-built"
    for origin in serve_with(supergraph_sdl, FrontDoorConfig(web_dir=empty)):
        response = httpx.get(f"{origin}/", headers=HTML)
        assert response.status_code == 404
        assert "not built" in response.text and "make run" in response.text and str(empty) in response.text
        assert httpx.get(f"{origin}/graphql", params={"query": "{ __typename }"}).json()["data"]
        assert httpx.get(f"{origin}/favicon.svg").status_code == 404


def test_without_an_app_every_other_path_is_a_404(supergraph_sdl: str) -> None:
    for origin in serve_with(supergraph_sdl, FrontDoorConfig(web_dir=None)):
        assert httpx.get(f"{origin}/", headers=HTML).status_code == 404
        assert httpx.get(f"{origin}/health").status_code == 200


def test_settings_choose_the_directory_or_turn_the_app_off(tmp_path: Path) -> None:
    assert FrontDoorConfig.from_settings(Settings(_env_file=None)).web_dir == DEFAULT_WEB_DIR
    assert DEFAULT_WEB_DIR.parts[-2:] == ("web", "dist")
    chosen = Settings(_env_file=None, router_web_dir=tmp_path)
    assert FrontDoorConfig.from_settings(chosen).web_dir == tmp_path
    assert FrontDoorConfig.from_settings(Settings(_env_file=None, router_web_app=False)).web_dir is None
