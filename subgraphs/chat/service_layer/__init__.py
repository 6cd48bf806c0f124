"""Use cases of the chat service: commands, the known-items projector and the live fan-out."""
