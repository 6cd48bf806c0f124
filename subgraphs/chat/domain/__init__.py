"""The chat model and its rules, free of I/O."""
