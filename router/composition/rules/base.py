"""Shapes shared by the rules: a subgraph rule sees one subgraph, a supergraph rule sees the merge."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeAlias

from ..metadata import Metadata
from ..results import CompositionError
from ..subgraph import Subgraph

if TYPE_CHECKING:
    from ..merged import Merged

__all__ = ["SubgraphRule", "SupergraphRule", "directive_in_field_set", "subgraph_error"]

SubgraphRule: TypeAlias = Callable[[Subgraph, Metadata], Iterable[CompositionError]]
SupergraphRule: TypeAlias = Callable[["Merged"], Iterable[CompositionError]]


def subgraph_error(subgraph: Subgraph, code: str, message: str, coordinate: str | None = None) -> CompositionError:
    """An error found in one subgraph, prefixed with `[name]` like Apollo's."""
    return CompositionError(code, f"[{subgraph.name}] {message}", (subgraph.name,), coordinate)


def directive_in_field_set(
    subgraph: Subgraph, directive: str, where: str, found: list[str], coordinate: str
) -> CompositionError:
    """`@key`, `@requires` and `@provides` field sets cannot apply directives (`@include`, ...)."""
    return subgraph_error(
        subgraph,
        f"{directive.upper()}_DIRECTIVE_IN_FIELDS_ARG",
        f"{where}: cannot have directive applications in the @{directive}(fields:) argument but found "
        f"{', '.join(found)}. Remove them from the field set.",
        coordinate,
    )
