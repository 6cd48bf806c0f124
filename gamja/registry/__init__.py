"""Service discovery: where each subgraph can be reached."""
