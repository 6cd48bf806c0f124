"""`@composeDirective`: custom type-system directives from a linked spec that reach the supergraph."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import DirectiveDefinitionNode, print_ast

from .links import FEDERATION_IDENTITY
from .results import CompositionError
from .subgraph import Subgraph

__all__ = ["ComposedDirective", "collect_composed_directives"]


@dataclass(frozen=True)
class ComposedDirective:
    """One composed directive: its name in the supergraph and the spec (at its highest version) it comes from."""

    name: str
    original: str
    identity: str
    url: str
    version: tuple[int, int]
    definition: DirectiveDefinitionNode

    @property
    def printed_definition(self) -> str:
        return print_ast(self.definition)


def _error(message: str, subgraphs: list[str]) -> CompositionError:
    return CompositionError("DIRECTIVE_COMPOSITION_ERROR", message, tuple(subgraphs))


def collect_composed_directives(subgraphs: list[Subgraph]) -> tuple[list[ComposedDirective], list[CompositionError]]:
    found: dict[tuple[str, str], list[tuple[Subgraph, str, str, tuple[int, int]]]] = {}
    errors: list[CompositionError] = []
    for s in subgraphs:
        for argument in s.composed_directives:
            if not argument.startswith("@"):
                errors.append(
                    _error(
                        f'Argument to @composeDirective "{argument}" in subgraph "{s.name}" must have '
                        'a leading "@": write @composeDirective(name: "@' + argument + '").',
                        [s.name],
                    )
                )
                continue
            name = argument[1:]
            resolved = s.links.resolve_directive(name)
            if resolved is not None and resolved[0].identity == FEDERATION_IDENTITY:
                errors.append(
                    _error(
                        f'Composing federation directive "{argument}" in subgraph "{s.name}" is not '
                        "supported: federation directives are composed by default; remove it from "
                        "@composeDirective.",
                        [s.name],
                    )
                )
                continue
            if resolved is None:
                errors.append(
                    _error(
                        f'Directive "{argument}" in subgraph "{s.name}" cannot be composed because it is '
                        "not a member of a core feature. Import it from its spec with @link(url:, "
                        "import:).",
                        [s.name],
                    )
                )
                continue
            if name not in s.directive_definitions:
                errors.append(
                    _error(
                        f"Could not find matching directive definition for argument to "
                        f'@composeDirective "{argument}" in subgraph "{s.name}". Add the directive '
                        "definition to the subgraph's SDL.",
                        [s.name],
                    )
                )
                continue
            spec, original = resolved
            found.setdefault((spec.identity, original), []).append((s, name, spec.url, spec.version))
    composed: list[ComposedDirective] = []
    for (identity, original), uses in found.items():
        names = {name for _, name, _, _ in uses}
        subgraph_names = [s.name for s, _, _, _ in uses]
        if len(names) > 1:
            errors.append(
                _error(
                    f'Composed directive "@{original}" of {identity} is not named consistently in all '
                    f"subgraphs ({', '.join(sorted('@' + n for n in names))}). Import it under one "
                    "name everywhere.",
                    subgraph_names,
                )
            )
            continue
        if len({version[0] for _, _, _, version in uses}) > 1:
            errors.append(
                _error(
                    f'Core feature "{identity}" requested to be merged has major version mismatch '
                    "across subgraphs. Link the same major version everywhere.",
                    subgraph_names,
                )
            )
            continue
        latest = max(uses, key=lambda use: use[3])
        s, name, url, version = latest
        composed.append(ComposedDirective(name, original, identity, url, version, s.directive_definitions[name]))
    return composed, errors
