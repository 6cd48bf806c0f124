"""The users model and its rules, free of I/O."""
