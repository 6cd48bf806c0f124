"""Use cases of the write side, run inside a unit of work."""
