"""The items subgraph: listings written to a write DB with an outbox, read from an event-fed read store."""
