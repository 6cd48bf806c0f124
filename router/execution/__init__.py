"""Plan execution: subgraph fetches, entity representations, merging and response projection."""
