"""The web app (the Vite build of `web/`) served at `/`, same origin as /graphql.

One catch-all route, placed after every other route, so it can never shadow the API: a file of the build
directory is served as it is; any other GET that accepts `text/html` is a route of the single-page app and gets
its `index.html`. Paths of the API (`/graphql`, `/playground`, ...) that reach it (a production router has no
`/playground` route, for one) are 404s, never the app.

Caching: Vite names what it emits under `assets/` after the content's hash, so those are immutable for a year;
`index.html` and the build's other files (favicon, ...) are revalidated on every load (ETag), so a new build
is picked up at once.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

__all__ = ["API_PATHS", "CONTENT_SECURITY_POLICY", "web_app_route"]

# Never answered by the app, whether or not the router serves them in this mode.
API_PATHS = ("/graphql", "/playground", "/schema.graphql", "/health", "/ready", "/metrics", "/supergraph.graphql")

# Everything from the router itself; `ws:`/`wss:` because CSP's 'self' did not cover WebSocket schemes in every
# browser (graphql-ws connects to ws://<same host>/graphql). Styles may be inline (style attributes set by React
# and Vite's CSS-in-JS fall-backs), scripts never.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self' ws: wss:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Vite's default `[name]-[hash].[ext]`: an 8-character base64url hash before the extension.
_HASHED = re.compile(r"-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$")
_PAGE_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}

_NOT_BUILT = """<!doctype html>
<html lang="ko">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gamja Market: the web app is not built</title></head>
<body>
  <h1>The web app is not built</h1>
  <p>웹 앱이 아직 빌드되지 않았습니다. <code>make run</code> builds it (<code>cd web &amp;&amp; npm ci &amp;&amp;
  npm run build</code> by hand); the router serves <code>{directory}</code>.</p>
  <p>The API is up: <a href="/graphql">/graphql</a> (GraphiQL in a browser).</p>
</body>
</html>
"""


@dataclass(frozen=True, slots=True)
class _Found:
    path: Path
    stat: os.stat_result


def web_app_route(directory: Path | None) -> Route:
    """The catch-all route serving the build in `directory`; None: no app, so every such path is a 404."""
    app = _WebApp(directory.resolve() if directory is not None else None)
    return Route("/{path:path}", app.handle, methods=["GET"], name="web_app")


class _WebApp:
    def __init__(self, root: Path | None) -> None:
        self._root = root

    async def handle(self, request: Request) -> Response:
        url_path = request.url.path
        if self._root is None or _is_api_path(url_path):
            return PlainTextResponse("Not Found", 404)
        relative = url_path.lstrip("/")
        # Files are looked up off the event loop (stat is a blocking call).
        found = await anyio.to_thread.run_sync(_lookup, self._root, relative)
        if found is not None:
            is_page = found.path.name == "index.html"
            return _file(request, found, IMMUTABLE if _is_hashed(relative) else REVALIDATE, page=is_page)
        if "text/html" not in request.headers.get("accept", ""):
            return PlainTextResponse("Not Found", 404)
        index = await anyio.to_thread.run_sync(_lookup, self._root, "index.html")
        if index is None:
            return HTMLResponse(_NOT_BUILT.format(directory=self._root), 404, headers=_PAGE_HEADERS)
        return _file(request, index, REVALIDATE, page=True)


def _is_api_path(path: str) -> bool:
    return any(path == api or path.startswith(api + "/") for api in API_PATHS)


def _is_hashed(relative: str) -> bool:
    return relative.startswith("assets/") and _HASHED.search(relative) is not None


def _lookup(root: Path, relative: str) -> _Found | None:
    """A regular file inside `root` (no `..` escape, no dotfiles such as the build stamp), else None."""
    if any(part.startswith(".") for part in Path(relative).parts):
        return None
    candidate = (root / relative).resolve()
    if candidate != root and root not in candidate.parents:
        return None
    try:
        found = candidate.stat()
    except OSError:
        return None
    return _Found(candidate, found) if stat.S_ISREG(found.st_mode) else None


def _file(request: Request, found: _Found, cache_control: str, *, page: bool) -> Response:
    headers = {"cache-control": cache_control, **(_PAGE_HEADERS if page else {})}
    response = FileResponse(found.path, headers=headers, stat_result=found.stat)
    if request.headers.get("if-none-match") == response.headers["etag"]:
        return Response(status_code=304, headers={"etag": response.headers["etag"], **headers})
    return response
