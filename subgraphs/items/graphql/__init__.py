"""The GraphQL API of the items subgraph."""
