"""The GraphQL face of the chat subgraph."""
