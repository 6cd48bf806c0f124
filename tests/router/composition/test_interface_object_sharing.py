"""An `@interfaceObject` field resolves that field for every implementation, so sharing rules apply to it."""

from __future__ import annotations

from composition_corpus import load_corpus

from router.composition import compose

CASES = {c.name: c for c in load_corpus()}


def test_implementation_and_interface_object_both_resolving_need_shareable() -> None:
    (error,) = compose(CASES["err_51_sharing_with_interface_object"].subgraphs).errors
    assert error.code == "INVALID_FIELD_SHARING"
    assert error.coordinate == "Book.rating"
    assert error.subgraphs == ("a", "b")
    assert 'resolved from subgraphs "a" and "b" (through @interfaceObject field "Media.rating")' in error.message


def test_two_interface_objects_resolving_the_same_field_need_shareable() -> None:
    (error,) = compose(CASES["err_52_sharing_between_interface_objects"].subgraphs).errors
    assert error.subgraphs == ("b", "c")
    assert "defined as non-shareable in all of them" in error.message


def test_the_error_names_the_interface_object_that_is_not_shareable() -> None:
    (error,) = compose(CASES["err_53_sharing_interface_object_not_shareable"].subgraphs).errors
    assert 'non-shareable in subgraph "b" (through @interfaceObject field "Media.rating")' in error.message


def test_shareable_everywhere_composes() -> None:
    result = compose(CASES["ok_51_shareable_with_interface_object"].subgraphs)
    assert result.errors == []
