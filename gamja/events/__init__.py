"""Domain events: envelope, transactional outbox, relay, transports and consumers."""
