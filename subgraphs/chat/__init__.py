"""The chat subgraph: buyer and seller talk about one item, privately, in realtime."""
