"""A user's query as the index sees it: clauses that must all match, each a phrase of tokens or a prefix."""

from __future__ import annotations

from dataclasses import dataclass

from gamja.errors import BadUserInput
from gamja.text import clean_text
from subgraphs.search.domain.tokens import RunKind, normalize, run_tokens, runs

__all__ = ["MAX_QUERY_LENGTH", "Clause", "ParsedQuery", "normalize_query", "parse_query"]

MAX_QUERY_LENGTH = 200
_MAX_CLAUSES = 24


@dataclass(frozen=True)
class Clause:
    """Consecutive tokens (a phrase); with `prefix` the single token matches any token starting with it.

    `surface` is the run as typed (normalized), used to find it again in the text for highlighting.
    """

    tokens: tuple[str, ...]
    prefix: bool
    surface: str
    kind: RunKind


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    clauses: tuple[Clause, ...]

    @property
    def is_empty(self) -> bool:
        """Only punctuation or symbols: nothing to look for, so nothing matches (never an error)."""
        return not self.clauses

    def all_tokens(self) -> list[str]:
        return [token for clause in self.clauses for token in clause.tokens]


def normalize_query(query: str) -> str:
    """How a query is logged and suggested: NFKC, lowercase, single spaces."""
    return " ".join(normalize(query).split())


def parse_query(query: str, *, field: str = "query") -> ParsedQuery:
    """Turns text into clauses; syntax characters of any engine are plain separators here, never operators."""
    text = normalize_query(clean_text(query, field=field))
    if not text:
        raise BadUserInput("Type something to search for: the query is empty.", field=field)
    if len(text) > MAX_QUERY_LENGTH:
        raise BadUserInput(f"The query is too long: at most {MAX_QUERY_LENGTH} characters.", field=field)
    found = runs(text)
    clauses: list[Clause] = []
    for position, run in enumerate(found):
        run_toks = run_tokens(run)
        if run.kind is RunKind.CJK:
            if len(run.text) == 1:
                clause = Clause((run.text,), True, run.text, run.kind)
            else:
                # Drop the trailing unigram: the bigrams already pin the whole run down as a phrase.
                clause = Clause(tuple(run_toks[:-1]), False, run.text, run.kind)
        else:
            # The last word is still being typed: `rtx30` finds `rtx3080`, `iph` finds `iphone`.
            clause = Clause((run.text,), position == len(found) - 1, run.text, run.kind)
        if clause not in clauses:
            clauses.append(clause)
    return ParsedQuery(text, tuple(clauses[:_MAX_CLAUSES]))
