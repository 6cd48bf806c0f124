"""Authentication: password hashing, signed tokens and the viewer of a request."""
