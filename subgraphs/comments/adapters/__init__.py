"""Database tables and repositories of the comments service."""
