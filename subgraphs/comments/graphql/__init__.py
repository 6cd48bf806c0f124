"""The GraphQL face of the comments subgraph."""
