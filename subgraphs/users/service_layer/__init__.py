"""Use cases of the users service: each opens its own transaction on the users database."""
