"""The distributed stack as separate processes on real engines, for the fault suite (tests/faults, whose figures
are in bench/faults/README.md): PostgreSQL, Tansu on a durable store, two replicas of items and of search."""
