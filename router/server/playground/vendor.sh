#!/usr/bin/env bash
# Refresh the vendored GraphiQL build in static/ from npm (run by hand when upgrading; never at run time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
echo '{"private":true}' > package.json
npm install --no-audit --no-fund --loglevel=error \
    graphiql@3.8.3 @graphiql/plugin-explorer@3.2.6 react@18.3.1 react-dom@18.3.1
m=node_modules
out="$here/static"
cp "$m/react/umd/react.production.min.js" "$m/react-dom/umd/react-dom.production.min.js" "$out/"
cp "$m/graphiql/graphiql.min.js" "$m/graphiql/graphiql.min.css" "$out/"
cp "$m/@graphiql/plugin-explorer/dist/index.umd.js" "$out/graphiql-plugin-explorer.umd.js"
cp "$m/@graphiql/plugin-explorer/dist/style.css" "$out/graphiql-plugin-explorer.css"
# The source maps are not vendored: drop the comments that would make devtools ask for them.
sed -i '/sourceMappingURL=/d' "$out/graphiql.min.js" "$out/graphiql.min.css"
{
    for entry in "graphiql@3.8.3:graphiql" "@graphiql/react (bundled in graphiql.min.js):@graphiql/react" \
        "@graphiql/toolkit (bundled in graphiql.min.js):@graphiql/toolkit" "react@18.3.1:react" \
        "react-dom@18.3.1:react-dom" \
        "graphiql-explorer (bundled in graphiql-plugin-explorer.umd.js):@graphiql/plugin-explorer/node_modules/graphiql-explorer"; do
        echo "==== ${entry%%:*}"
        cat "$m/${entry#*:}/LICENSE"
        echo
    done
    echo "==== @graphiql/plugin-explorer@3.2.6"
    echo "MIT licensed (its package.json), same authors and text as graphiql's licence above."
} > "$out/LICENSES.txt"
