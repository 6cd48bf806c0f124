"""Pure model and rules of comments (no I/O)."""
