"""The GraphQL face of the users subgraph."""
