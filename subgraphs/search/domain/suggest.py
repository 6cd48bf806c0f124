"""Which words of a title are worth suggesting: whole words, their leading Hangul, common particles dropped."""

from __future__ import annotations

import re

from subgraphs.search.domain.query import normalize_query

__all__ = ["normalize_prefix", "title_terms"]

# Particles that only ever end a noun phrase; `이`, `가`, `도`, `과` are left alone because too many nouns
# end with them (고양이, 사과). A heuristic without a dictionary: it only has to make suggestions read well.
_PARTICLES = ("에서", "으로", "에게", "까지", "부터", "을", "를", "은", "는")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_LEADING_HANGUL = re.compile(r"^[\uac00-\ud7a3]{2,}")
_MAX_TERM = 40


def _strip_particle(word: str) -> str:
    for particle in _PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[: -len(particle)]
    return word


def title_terms(title: str) -> set[str]:
    """`아이폰13프로를 팝니다!` → {`아이폰13프로`, `아이폰`, `팝니다`}."""
    terms: set[str] = set()
    for raw in normalize_query(title).split():
        word = _strip_particle(_EDGES.sub("", raw))
        if len(word) < 2 or len(word) > _MAX_TERM:
            continue
        terms.add(word)
        leading = _LEADING_HANGUL.match(word)
        if leading and leading.group() != word:
            terms.add(_strip_particle(leading.group()))
    return terms


def normalize_prefix(prefix: str) -> str:
    return normalize_query(prefix)
