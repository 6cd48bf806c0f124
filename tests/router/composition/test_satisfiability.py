"""Satisfiability beyond plain fields: `@requires` conditions and fields only an `@interfaceObject` resolves."""

from __future__ import annotations

from composition_corpus import load_corpus

from router.composition import compose

CASES = {c.name: c for c in load_corpus()}


def test_requires_whose_fields_cannot_be_fetched_is_unsatisfiable() -> None:
    (error,) = compose(CASES["err_49_unsatisfiable_requires"].subgraphs).errors
    assert error.code == "SATISFIABILITY_ERROR"
    assert error.coordinate == "Product.cost"
    assert error.subgraphs == ("products", "shipping")
    assert '- from subgraph "shipping": cannot satisfy @require conditions on field "Product.cost".' in error.message


def test_requires_fetched_through_another_subgraphs_key_is_satisfiable() -> None:
    assert compose(CASES["ok_49_requires_through_two_keys"].subgraphs).errors == []


def test_interface_object_field_without_a_resolvable_key_is_unsatisfiable() -> None:
    (error,) = compose(CASES["err_50_unsatisfiable_interface_object_field"].subgraphs).errors
    assert error.code == "SATISFIABILITY_ERROR"
    assert error.coordinate == "Book.rating"
    assert error.subgraphs == ("a", "b")
    assert 'Give "Media" a resolvable @key in subgraph "b"' in error.message


def test_interface_object_field_with_a_resolvable_key_is_satisfiable() -> None:
    assert compose(CASES["ok_16_interface_object"].subgraphs).errors == []


def test_external_field_is_resolved_only_along_its_provides_path() -> None:
    (error,) = compose(CASES["err_54_unsatisfiable_outside_provides_path"].subgraphs).errors
    assert error.code == "SATISFIABILITY_ERROR"
    # Arguments get example values of their types, as in Apollo's message.
    assert '{\n  product(id: "<any id>") {\n    name\n  }\n}' in error.message
    assert 'field "Product.name" is not resolvable because marked @external.' in error.message


def test_provides_gives_only_the_fields_it_names() -> None:
    (error,) = compose(CASES["err_55_unsatisfiable_partly_provided"].subgraphs).errors
    # Like Apollo, "author { address }" goes unreported: "User" was checked first under "editor",
    # with the same subgraph serving it.
    assert "{\n  reviews {\n    editor {\n      name\n    }\n  }\n}" in error.message


def test_nested_provides_reaches_fields_of_an_unreachable_owner() -> None:
    assert compose(CASES["ok_52_nested_provides"].subgraphs).errors == []


def test_interface_object_without_a_reachable_interface_key_cannot_find_implementations() -> None:
    (error,) = compose(CASES["err_56_unsatisfiable_interface_object_implementation"].subgraphs).errors
    assert error.code == "SATISFIABILITY_ERROR"
    assert error.subgraphs == ("b",)
    assert "{\n  top {\n    ... on Book {\n      ...\n    }\n  }\n}" in error.message
    assert 'no subgraph can be reached to resolve the implementation type of @interfaceObject type "Media"' in (
        error.message
    )


def test_implementation_fields_are_checked_even_when_an_interface_object_exists() -> None:
    (error,) = compose(CASES["err_57_unsatisfiable_implementation_field"].subgraphs).errors
    assert error.coordinate == "Book.pages"
    # The example query is valid GraphQL: a type condition below the interface, as Apollo prints it
    # (the path through "top" is the one Apollo's depth-first walk finds first).
    assert "{\n  top {\n    ... on Book {\n      pages\n    }\n  }\n}" in error.message


def test_interface_object_roots_reach_implementations_through_the_interface_key() -> None:
    assert compose(CASES["ok_53_interface_object_root"].subgraphs).errors == []
    assert compose(CASES["ok_54_two_interface_objects"].subgraphs).errors == []


def test_example_query_gives_arguments_values_and_wraps_long_lines_like_graphql_js() -> None:
    (error,) = compose(CASES["err_66_unsatisfiable_with_arguments"].subgraphs).errors
    query = error.message.split("\ncannot be satisfied")[0].split("query:\n")[1]
    assert query.splitlines() == [
        "{",
        "  search(",
        '    filter: {region: "A string value", minPrice: 0, near: {lat: 3.14, lng: 3.14}}',
        "    sort: NEWEST",
        "    first: 0",
        "    tags: []",
        '    extra: "<some value>"',
        "    on: true",
        "  ) {",
        "    weight",
        "  }",
        "}",
    ]


def test_shared_field_without_common_runtime_types_is_an_error() -> None:
    (error,) = compose(CASES["err_79_shareable_mismatched_runtime_types_nested"].subgraphs).errors
    assert error.code == "SHAREABLE_HAS_MISMATCHED_RUNTIME_TYPES"
    assert error.coordinate == "Box.u"
    assert ' - in subgraph "a", type "A";\n - in subgraph "b", type "C".' in error.message


def test_shared_field_with_some_common_runtime_types_composes_with_a_hint() -> None:
    result = compose(CASES["ok_58_shareable_runtime_types_hint_nested"].subgraphs)
    assert result.errors == []
    (hint,) = [h for h in result.warnings if h.code == "INCONSISTENT_RUNTIME_TYPES_FOR_SHAREABLE_RETURN"]
    assert 'only resolve "Box.u" to objects of type "A"' in hint.message
    assert ' - subgraph "b" should never resolve "Box.u" to an object of type "C".' in hint.message


def test_a_path_served_by_several_subgraphs_needs_only_one_of_them_to_go_on() -> None:
    assert compose(CASES["ok_60_shared_path_field_in_one_subgraph"].subgraphs).errors == []
