"""GraphiQL for browsers.

The page loads GraphiQL's JavaScript and CSS from the unpkg CDN (pinned versions): the router
ships no front-end assets, so a browser without internet access sees the page without the IDE.
"""

from __future__ import annotations

__all__ = ["graphiql_html"]

_GRAPHIQL_VERSION = "3.8.3"
_REACT_VERSION = "18.3.1"


def graphiql_html(endpoint: str = "/graphql") -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Gamja Market GraphiQL</title>
  <link rel="stylesheet" href="https://unpkg.com/graphiql@{_GRAPHIQL_VERSION}/graphiql.min.css">
  <style>body {{ margin: 0; height: 100vh; }} #graphiql {{ height: 100vh; }}</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL from unpkg.com… (needs internet access)</div>
  <script crossorigin src="https://unpkg.com/react@{_REACT_VERSION}/umd/react.production.min.js"></script>
  <script crossorigin src="https://unpkg.com/react-dom@{_REACT_VERSION}/umd/react-dom.production.min.js"></script>
  <script crossorigin src="https://unpkg.com/graphiql@{_GRAPHIQL_VERSION}/graphiql.min.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({{ url: "{endpoint}" }});
    ReactDOM.createRoot(document.getElementById("graphiql"))
      .render(React.createElement(GraphiQL, {{
        fetcher,
        defaultEditorToolsVisibility: true,
        // Every answer in the playground also shows the query plan (extensions.queryPlan).
        defaultHeaders: JSON.stringify({{ "x-gamja-query-plan": "true" }}, null, 2),
      }}));
  </script>
</body>
</html>
"""
