"""Use cases of the comments service: commands and the known-items projector."""
