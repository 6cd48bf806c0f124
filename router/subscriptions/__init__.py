"""Federated subscriptions: the event loop over a subgraph's stream, and one transport module per protocol."""
