"""Use cases of the search subgraph."""
