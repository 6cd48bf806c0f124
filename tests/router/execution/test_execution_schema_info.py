"""Representations sent to an @interfaceObject subgraph carry the interface's name."""

from __future__ import annotations

from pathlib import Path

from router.execution.schema_info import SupergraphSchemaInfo
from router.supergraph import Supergraph

SUPERGRAPH = Path(__file__).parents[1] / "differential" / "supergraphs" / "s17_interface_object.graphql"


def info() -> SupergraphSchemaInfo:
    return SupergraphSchemaInfo(Supergraph.from_sdl(SUPERGRAPH.read_text()))


def test_interface_object_subgraph_gets_the_interface_name() -> None:
    assert info().entity_typename("ratings", "Book") == "Media"


def test_subgraph_that_knows_the_type_gets_the_concrete_name() -> None:
    assert info().entity_typename("media", "Movie") == "Movie"


def test_interface_conditions_match_their_implementations() -> None:
    schema_info = info()
    assert schema_info.matches("Media", "Book")
    assert not schema_info.matches("Book", "Movie")
    assert schema_info.is_object_type("Book") and not schema_info.is_object_type("Media")
