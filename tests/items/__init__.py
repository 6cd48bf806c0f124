"""Tests of the items subgraph."""
