"""Field sets that pass arguments: `@requires` may, like Apollo, if the values fit the merged field; `@provides` may not."""

from __future__ import annotations

import pytest
from composition_corpus import Case, load_corpus

from router.composition import compose

CASES = {c.name: c for c in load_corpus()}


def _errors(case: Case) -> list[str]:
    return [str(e) for e in compose(case.subgraphs).errors]


def test_requires_with_arguments_reaches_the_supergraph_as_written() -> None:
    result = compose(CASES["ok_46_requires_with_arguments"].subgraphs)
    assert result.errors == []
    assert 'requires: "price(currency: USD, rounded: true) weight"' in result.supergraph_sdl
    assert 'requires: "weight(unit: \\"kg\\")"' in result.supergraph_sdl


def test_requires_accepts_input_objects_lists_ids_and_custom_scalars() -> None:
    assert _errors(CASES["ok_47_requires_argument_input_values"]) == []


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("err_41_requires_unknown_argument", 'unknown argument "money" for field "Product.price"'),
        ("err_42_requires_invalid_argument_value", 'invalid value "2" for argument "Product.price(times:)"'),
        ("err_43_requires_missing_required_argument", 'required argument "currency" of field "Product.price"'),
        ("err_44_requires_argument_variable", "variables cannot be used in a field set"),
        ("err_46_requires_enum_value_unknown", 'enum "Currency" has no such value'),
    ],
)
def test_requires_argument_values_must_fit(name: str, says: str) -> None:
    (error,) = _errors(CASES[name])
    assert error.startswith("REQUIRES_INVALID_FIELDS: [shipping]")
    assert says in error


def test_provides_cannot_select_a_field_with_arguments() -> None:
    (error,) = _errors(CASES["err_45_provides_fields_has_args"])
    assert error.startswith("PROVIDES_FIELDS_HAS_ARGS: [reviews]")
    assert '"Product.name" takes arguments' in error


def test_requires_cannot_pass_an_argument_the_merge_dropped() -> None:
    (error,) = compose(CASES["err_47_requires_argument_not_in_supergraph"].subgraphs).errors
    assert error.code == "REQUIRES_INVALID_FIELDS"
    assert error.subgraphs == ("shipping", "products")
    assert 'argument "rounded" is not defined in subgraph "products"' in error.message


def test_requires_must_pass_an_argument_another_subgraph_requires() -> None:
    (error,) = compose(CASES["err_48_requires_argument_required_elsewhere"].subgraphs).errors
    assert error.subgraphs == ("shipping", "prices")
    assert 'a value is mandatory as "currency" is required in subgraph "prices"' in error.message


def test_requires_may_pass_arguments_inside_a_nested_selection() -> None:
    result = compose(CASES["ok_48_requires_nested_argument"].subgraphs)
    assert result.errors == []
    assert 'requires: "dimensions { size(unit: \\"mm\\") label }"' in result.supergraph_sdl


def test_external_declaration_must_accept_the_arguments_the_owner_takes() -> None:
    (error,) = compose(CASES["err_67_external_argument_type_mismatch"].subgraphs).errors
    assert error.code == "EXTERNAL_ARGUMENT_TYPE_MISMATCH"
    assert error.coordinate == "Product.price(currency:)"
    assert 'type "String" in subgraph "products"; type "Int" in subgraph "shipping"' in error.message


def test_external_declaration_must_repeat_argument_defaults() -> None:
    (error,) = compose(CASES["err_68_external_argument_default_mismatch"].subgraphs).errors
    assert error.code == "EXTERNAL_ARGUMENT_DEFAULT_MISMATCH"
    assert 'default value "KRW" in subgraph "products"; no default value in subgraph "shipping"' in error.message


def test_external_argument_may_be_nullable_where_the_owner_requires_it() -> None:
    assert compose(CASES["ok_56_external_argument_nullable"].subgraphs).errors == []
