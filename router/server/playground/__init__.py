"""GraphiQL for browsers, with the schema explorer, history and a headers editor, served offline.

Every script and stylesheet comes from `static/` beside this file: the npm builds of graphiql,
@graphiql/plugin-explorer, react and react-dom, copied by `vendor.sh` (licences in
`static/LICENSES.txt`). Nothing is fetched from a CDN and nothing is built at run time.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["ASSETS_DIR", "ASSETS_PATH", "graphiql_html"]

ASSETS_DIR = Path(__file__).parent / "static"
ASSETS_PATH = "/playground"
# A template the viewer fills in; the fetcher leaves it out until it holds a real token.
_TOKEN_PLACEHOLDER = "Bearer <token from signUp or logIn>"


def graphiql_html(endpoint: str = "/graphql", *, show_plans: bool = True) -> str:
    headers: dict[str, str] = {"Authorization": _TOKEN_PLACEHOLDER}
    if show_plans:
        # Every answer in the playground also shows the query plan (extensions.queryPlan).
        headers["x-gamja-query-plan"] = "true"
    assets = ASSETS_PATH
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Gamja Market GraphiQL</title>
  <link rel="stylesheet" href="{assets}/graphiql.min.css">
  <link rel="stylesheet" href="{assets}/graphiql-plugin-explorer.css">
  <style>body {{ margin: 0; height: 100vh; }} #graphiql {{ height: 100vh; }}</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="{assets}/react.production.min.js"></script>
  <script src="{assets}/react-dom.production.min.js"></script>
  <script src="{assets}/graphiql.min.js"></script>
  <script src="{assets}/graphiql-plugin-explorer.umd.js"></script>
  <script>
    const send = GraphiQL.createFetcher({{ url: {json.dumps(endpoint)} }});
    const placeholder = {json.dumps(_TOKEN_PLACEHOLDER)};
    // The Authorization template stays in the Headers tab until a token replaces it.
    const fetcher = (params, options = {{}}) => {{
      const headers = {{ ...(options.headers || {{}}) }};
      if (headers.Authorization === placeholder) delete headers.Authorization;
      return send(params, {{ ...options, headers }});
    }};
    ReactDOM.createRoot(document.getElementById("graphiql")).render(
      React.createElement(GraphiQL, {{
        fetcher,
        plugins: [GraphiQLPluginExplorer.explorerPlugin()],
        defaultEditorToolsVisibility: "headers",
        shouldPersistHeaders: true,
        defaultHeaders: JSON.stringify({json.dumps(headers)}, null, 2),
      }}),
    );
  </script>
</body>
</html>
"""
