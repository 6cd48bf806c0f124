"""Database tables, rows and repositories of the chat service."""
