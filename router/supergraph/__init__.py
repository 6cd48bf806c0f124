"""Federation v2 supergraph: the join metadata model and the client-facing API schema."""

from router.supergraph.supergraph import Supergraph

__all__ = ["Supergraph"]
