"""The search subgraph: Korean-aware item search, suggestions, popular terms and related items."""
