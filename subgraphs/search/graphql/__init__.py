"""The GraphQL face of the search subgraph."""
