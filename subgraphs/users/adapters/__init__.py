"""Storage of the users service: its tables and repositories."""
