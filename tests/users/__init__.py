"""Tests of the users subgraph, through GraphQL."""
