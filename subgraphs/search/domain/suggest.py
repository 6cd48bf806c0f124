"""Which words of a title are worth suggesting: whole words, their leading Hangul, common particles dropped."""

from __future__ import annotations

import re

from gamja.text import clean_text
from subgraphs.search.domain.query import normalize_query

__all__ = ["LAST_CHAR", "normalize_prefix", "prefix_ranges", "title_terms"]

# Particles that only ever end a noun phrase; `이`, `가`, `도`, `과` are left alone because too many nouns
# end with them (고양이, 사과). A heuristic without a dictionary: it only has to make suggestions read well.
_PARTICLES = ("에서", "으로", "에게", "까지", "부터", "을", "를", "은", "는")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_LEADING_HANGUL = re.compile(r"^[\uac00-\ud7a3]{2,}")
_MAX_TERM = 40
LAST_CHAR = "\U0010ffff"

_SYLLABLES = 0xAC00
_LAST_SYLLABLE = 0xD7A3
_PER_INITIAL = 21 * 28
# Final consonant (jongseong index) → (final kept on the syllable, initial of the next syllable) when the
# IME moves it on: `잎` + `ㅏ` becomes `이파`, `닭` + `ㅏ` becomes `달가`.
_FINAL_MOVES = {
    1: (0, 0), 2: (0, 1), 3: (1, 9), 4: (0, 2), 5: (4, 12), 6: (4, 18), 7: (0, 3), 8: (0, 5), 9: (8, 0),
    10: (8, 6), 11: (8, 7), 12: (8, 9), 13: (8, 16), 14: (8, 17), 15: (8, 18), 16: (0, 6), 17: (0, 7),
    18: (17, 9), 19: (0, 9), 20: (0, 10), 21: (0, 11), 22: (0, 12), 23: (0, 14), 24: (0, 15), 25: (0, 16),
    26: (0, 17), 27: (0, 18),
}  # fmt: skip
# Compatibility jamo consonants (what a keyboard shows) → initial index; NFKC turns them into U+1100…U+1112.
_COMPAT_INITIALS = {
    chr(code): index
    for index, code in enumerate(
        [0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143, 0x3145,
         0x3146, 0x3147, 0x3148, 0x3149, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E]
    )
}  # fmt: skip


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
    return normalize_query(clean_text(prefix, field="prefix"))


def _initial_range(base: str, initial: int) -> tuple[str, str]:
    first = _SYLLABLES + initial * _PER_INITIAL
    return base + chr(first), base + chr(first + _PER_INITIAL)


def prefix_ranges(prefix: str) -> list[tuple[str, str]]:
    """Term ranges `[low, high)` a prefix typed through a Korean IME can still become.

    The last syllable is unfinished while typing: `아이포` will be `아이폰`, `아이ㅍ` anything `아이ㅍ…`,
    and `아잎` (the ㅍ sits as a final until the vowel comes) `아이파…`/`아이폰…` as well as `아잎…`.
    """
    if not prefix:
        return []
    base, last = prefix[:-1], prefix[-1]
    code = ord(last)
    initial = code - 0x1100 if 0x1100 <= code <= 0x1112 else _COMPAT_INITIALS.get(last)
    if initial is not None:
        return [_initial_range(base, initial)]
    if not _SYLLABLES <= code <= _LAST_SYLLABLE:
        return [(prefix, prefix + LAST_CHAR)]
    final = (code - _SYLLABLES) % 28
    if final == 0:
        return [(prefix, base + chr(code + 28))]
    kept, next_initial = _FINAL_MOVES[final]
    return [(prefix, prefix + LAST_CHAR), _initial_range(base + chr(code - final + kept), next_initial)]
