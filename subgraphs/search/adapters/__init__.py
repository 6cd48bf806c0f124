"""Tables of the search database."""
