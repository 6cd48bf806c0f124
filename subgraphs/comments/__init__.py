"""The comments subgraph: conversations on listings, fed by items events for the items it knows."""
