"""The item model and its rules, free of I/O."""
