"""The names `@tag` and `@inaccessible` go by: the supergraph keeps the one the subgraphs import them under."""

from __future__ import annotations

from collections.abc import Iterable

from .results import CompositionError
from .subgraph import Applied, Subgraph

__all__ = ["subgraph_uses", "supergraph_spec_names"]

SPECS = ("tag", "inaccessible")


def subgraph_uses(subgraph: Subgraph, name: str) -> bool:
    """Whether any element of `subgraph` has a `name` directive applied."""

    def in_list(directives: Iterable[Applied]) -> bool:
        return any(d.name == name for d in directives)

    for t in subgraph.types.values():
        if in_list(t.directives) or any(in_list(v.directives) for v in t.values.values()):
            return True
        for f in t.fields.values():
            if in_list(f.directives) or any(in_list(a.directives) for a in f.args.values()):
                return True
    return False


def supergraph_spec_names(subgraphs: list[Subgraph]) -> tuple[dict[str, str], list[CompositionError]]:
    """Renames (`tag` -> `federation__tag`) when every subgraph applying the directive agrees on its name."""
    renames: dict[str, str] = {}
    errors: list[CompositionError] = []
    for spec in SPECS:
        used: list[tuple[Subgraph, str]] = []
        for s in subgraphs:
            federation = s.links.federation
            if federation is not None and subgraph_uses(s, spec):
                used.append((s, s.links.local_name(federation, spec)))
        local_names = list(dict.fromkeys(name for _, name in used))
        if len(local_names) > 1:
            listed = " but ".join(
                f'"@{name}" in ' + ", ".join(f'subgraph "{s.name}"' for s, n in used if n == name)
                for name in local_names
            )
            errors.append(
                CompositionError(
                    "LINK_IMPORT_NAME_MISMATCH",
                    f'The "@{spec}" directive (from the federation spec) is imported with mismatched name between '
                    f"subgraphs: it is imported as {listed}. Import it under the same name everywhere.",
                    tuple(s.name for s, _ in used),
                )
            )
        elif local_names and local_names[0] != spec:
            renames[spec] = local_names[0]
    return renames, errors
