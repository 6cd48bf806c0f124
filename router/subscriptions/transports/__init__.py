"""Client protocols (graphql-transport-ws, SSE, multipart) and the subgraph side (graphql-transport-ws)."""
