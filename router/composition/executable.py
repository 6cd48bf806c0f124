"""Executable directive definitions (`directive @x on FIELD`) that every subgraph defines reach the supergraph."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import DirectiveDefinitionNode, print_ast

from .results import CompositionError, CompositionHint
from .subgraph import Subgraph
from .typeref import TypeRef

__all__ = ["ExecutableDirective", "merge_executable_directives"]

EXECUTABLE_LOCATIONS = frozenset({
    "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
    "VARIABLE_DEFINITION",
})  # fmt: skip


@dataclass
class ExecutableDirective:
    name: str
    locations: list[str]
    repeatable: bool
    description: str | None = None
    arguments: list[str] = field(default_factory=list)

    def printed(self) -> str:
        args = f"({', '.join(self.arguments)})" if self.arguments else ""
        repeatable = " repeatable" if self.repeatable else ""
        return f"directive @{self.name}{args}{repeatable} on {' | '.join(self.locations)}"


def _locations(node: DirectiveDefinitionNode) -> list[str]:
    return sorted(loc.value for loc in node.locations if loc.value in EXECUTABLE_LOCATIONS)


def merge_executable_directives(
    subgraphs: list[Subgraph],
) -> tuple[list[ExecutableDirective], list[CompositionError], list[CompositionHint]]:
    """Locations and optional arguments are intersected; `repeatable` only if it is everywhere."""
    names: list[str] = []
    for s in subgraphs:
        names += [n for n, d in s.directive_definitions.items() if _locations(d) and n not in names]
    merged, errors, hints = [], [], []
    for name in names:
        definitions = [s.directive_definitions.get(name) for s in subgraphs]
        present = [d for d in definitions if d is not None and _locations(d)]
        if len(present) < len(subgraphs):
            hints.append(
                CompositionHint(
                    "INCONSISTENT_EXECUTABLE_DIRECTIVE_PRESENCE",
                    f'Executable directive "@{name}" will not be part of the supergraph as it '
                    "does not appear in all subgraphs.",
                )
            )
            continue
        locations = sorted(set.intersection(*(set(_locations(d)) for d in present)))
        if not locations:
            hints.append(
                CompositionHint(
                    "NO_EXECUTABLE_DIRECTIVE_LOCATIONS_INTERSECTION",
                    f'Executable directive "@{name}" has no location that is common to all '
                    "subgraphs: it will not appear in the supergraph.",
                )
            )
            continue
        if any(_locations(d) != locations for d in present):
            hints.append(
                CompositionHint(
                    "INCONSISTENT_EXECUTABLE_DIRECTIVE_LOCATIONS",
                    f'Executable directive "@{name}" has inconsistent locations across '
                    f"subgraphs and will use {', '.join(locations)} in the supergraph.",
                )
            )
        repeatable = all(d.repeatable for d in present)
        if not repeatable and any(d.repeatable for d in present):
            hints.append(
                CompositionHint(
                    "INCONSISTENT_EXECUTABLE_DIRECTIVE_REPEATABLE",
                    f'Executable directive "@{name}" will not be marked repeatable in the '
                    "supergraph as it is inconsistently marked repeatable in subgraphs.",
                )
            )
        directive = ExecutableDirective(name, locations, repeatable)
        arg_names: list[str] = []
        for d in present:
            arg_names += [a.name.value for a in d.arguments or () if a.name.value not in arg_names]
        for arg in arg_names:
            nodes = [next((a for a in d.arguments or () if a.name.value == arg), None) for d in present]
            defined = [a for a in nodes if a is not None]
            if len(defined) < len(nodes):
                if any(TypeRef.from_ast(a.type).is_non_null and a.default_value is None for a in defined):
                    errors.append(CompositionError(
                        "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
                        f'Argument "@{name}({arg}:)" is required in some subgraphs but does not appear in all '
                        "subgraphs. Add it everywhere or make it optional.",
                        tuple(s.name for s in subgraphs),
                    ))  # fmt: skip
                else:
                    hints.append(
                        CompositionHint(
                            "INCONSISTENT_ARGUMENT_PRESENCE",
                            f'Optional argument "@{name}({arg}:)" will not be included in the '
                            "supergraph as it does not appear in all subgraphs.",
                        )
                    )
                continue
            types = {print_ast(a.type) for a in defined}
            strictest = max(defined, key=lambda a: TypeRef.from_ast(a.type).is_non_null)
            if len({TypeRef.from_ast(a.type).base for a in defined}) > 1 or len(types) > 2:
                errors.append(CompositionError(
                    "ARGUMENT_TYPE_MISMATCH",
                    f'Type of argument "@{name}({arg}:)" is incompatible across subgraphs ({", ".join(sorted(types))}). '
                    "Make the types agree.",
                    tuple(s.name for s in subgraphs),
                ))  # fmt: skip
                continue
            default = strictest.default_value
            directive.arguments.append(
                f"{arg}: {print_ast(strictest.type)}" + (f" = {print_ast(default)}" if default is not None else "")
            )
        merged.append(directive)
    return merged, errors, hints
