"""Pure search rules: tokens, queries, documents, highlighting (no I/O)."""
