"""Type conditions in plans are checked against the full supergraph schema."""

from __future__ import annotations

from pathlib import Path

from router.execution.schema_info import SupergraphSchemaInfo
from router.supergraph import Supergraph

SUPERGRAPH = Path(__file__).parents[1] / "differential" / "supergraphs" / "s17_interface_object.graphql"


def test_interface_conditions_match_their_implementations_only() -> None:
    info = SupergraphSchemaInfo(Supergraph.from_sdl(SUPERGRAPH.read_text()))
    assert info.matches("Media", "Book") and info.matches("Book", "Book")
    assert not info.matches("Book", "Movie") and not info.matches("Book", "Media")


def test_interface_names_are_not_object_types() -> None:
    info = SupergraphSchemaInfo(Supergraph.from_sdl(SUPERGRAPH.read_text()))
    assert info.is_object_type("Book") and not info.is_object_type("Media")
