"""The router's HTTP server: one GraphQL endpoint over a supergraph, plus health and schema routes."""

from router.server.bootstrap import create_app
from router.server.serve import serve

__all__ = ["create_app", "serve"]
