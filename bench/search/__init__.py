"""Benchmarks of the search subgraph."""
