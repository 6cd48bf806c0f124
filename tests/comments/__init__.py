"""Tests of the comments subgraph, through GraphQL on SQLite and PostgreSQL."""
