"""Inputs and outputs of composition: subgraph sources, errors, hints and the result."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["CompositionError", "CompositionHint", "CompositionResult", "SubgraphSource"]


@dataclass(frozen=True)
class SubgraphSource:
    """One subgraph as discovered: its name, the URL the router calls, and its SDL (`_service { sdl }`)."""

    name: str
    url: str
    sdl: str


@dataclass(frozen=True)
class CompositionError:
    """A reason the subgraphs cannot be composed, with an Apollo error code.

    `subgraphs` names the subgraphs involved and `coordinate` the schema element (`Type` or
    `Type.field`), when there is one.
    """

    code: str
    message: str
    subgraphs: tuple[str, ...] = ()
    coordinate: str | None = None

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


@dataclass(frozen=True)
class CompositionHint:
    """Something that composes but is probably not what the subgraph authors meant."""

    code: str
    message: str
    coordinate: str | None = None

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


@dataclass
class CompositionResult:
    """The supergraph and client-facing API schema (empty strings when `errors` is not empty)."""

    supergraph_sdl: str = ""
    api_schema_sdl: str = ""
    errors: list[CompositionError] = field(default_factory=list)
    warnings: list[CompositionHint] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors
