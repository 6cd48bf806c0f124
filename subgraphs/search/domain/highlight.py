"""Highlighted snippets made in Python, identical for every backend: HTML-escaped text with `<mark>` around hits."""

from __future__ import annotations

import html
import re
import unicodedata

from subgraphs.search.domain.query import ParsedQuery
from subgraphs.search.domain.tokens import RunKind

__all__ = ["highlight"]

OPEN, CLOSE = "<mark>", "</mark>"
_BEFORE, _AFTER = 30, 60


def _folded(text: str) -> tuple[str, list[int]]:
    """The text folded like the tokenizer does, with the index in `text` of every folded character."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char).lower():
            chars.append(folded)
            origin.append(index)
    return "".join(chars), origin


def _pattern(query: ParsedQuery) -> re.Pattern[str] | None:
    parts = []
    for clause in query.clauses:
        if clause.kind is RunKind.CJK:
            # Spacing varies (`맥북에어` vs `맥북 에어`), so allow blanks between syllables.
            parts.append(r"\s*".join(re.escape(char) for char in clause.surface))
        else:
            parts.append(re.escape(clause.surface))
    if not parts:
        return None
    return re.compile("|".join(sorted(parts, key=len, reverse=True)))


def _spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    folded, origin = _folded(text)
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(folded):
        if match.end() == match.start():
            continue
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out: list[str] = []
    cursor = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        out.append(html.escape(text[cursor:span_start]))
        out.append(OPEN + html.escape(text[span_start:span_end]) + CLOSE)
        cursor = span_end
    out.append(html.escape(text[cursor:end]))
    return "".join(out)


def highlight(query: ParsedQuery, title: str, description: str) -> str | None:
    """The title with its hits marked; when only the description matched, a window of it around the first hit."""
    pattern = _pattern(query)
    if pattern is None:
        return None
    title = unicodedata.normalize("NFC", title)
    spans = _spans(title, pattern)
    if spans:
        return _render(title, spans, 0, len(title))
    description = unicodedata.normalize("NFC", description)
    spans = _spans(description, pattern)
    if not spans:
        return None
    start = max(0, spans[0][0] - _BEFORE)
    end = min(len(description), spans[0][1] + _AFTER)
    snippet = _render(description, spans, start, end).replace("\n", " ")
    return ("…" if start > 0 else "") + snippet + ("…" if end < len(description) else "")
