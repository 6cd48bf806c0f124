"""Supergraph composition: Federation 2 subgraph SDLs into a supergraph SDL and a client API schema."""

from .compose import compose
from .results import CompositionError, CompositionHint, CompositionResult, SubgraphSource

__all__ = ["CompositionError", "CompositionHint", "CompositionResult", "SubgraphSource", "compose"]
