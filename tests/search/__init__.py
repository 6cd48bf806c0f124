"""Tests of the search subgraph."""
