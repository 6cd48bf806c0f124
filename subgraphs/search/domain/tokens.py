"""Korean-aware tokens: NFKC + lowercase, Hangul runs as overlapping syllable bigrams, Latin and digit runs whole."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

__all__ = [
    "TOKENIZER_VERSION",
    "IndexedFields",
    "Run",
    "RunKind",
    "compact_hangul",
    "index_fields",
    "normalize",
    "run_tokens",
    "runs",
    "tokens",
]

# Bump whenever the tokens below change: an index built with another version is rebuilt on start.
TOKENIZER_VERSION = "ko-bigram-2"


class RunKind(Enum):
    CJK = "cjk"
    LETTERS = "letters"
    DIGITS = "digits"


@dataclass(frozen=True)
class Run:
    kind: RunKind
    text: str


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0xAC00 <= code <= 0xD7A3  # Hangul syllables
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0x3040 <= code <= 0x30FF  # kana
    )


def _kind(char: str) -> RunKind | None:
    if _is_cjk(char):
        return RunKind.CJK
    if char.isdecimal():
        return RunKind.DIGITS
    if char.isalpha():
        return RunKind.LETTERS
    return None


def normalize(text: str) -> str:
    """NFKC folds full-width forms and composes Hangul typed as separate jamo (e.g. NFD text from macOS)."""
    return unicodedata.normalize("NFKC", text).lower()


def runs(text: str) -> list[Run]:
    """Maximal runs of one kind in the normalized text; everything else separates them."""
    out: list[Run] = []
    current: list[str] = []
    current_kind: RunKind | None = None
    for char in normalize(text):
        kind = _kind(char)
        if kind is not current_kind and current:
            assert current_kind is not None
            out.append(Run(current_kind, "".join(current)))
            current = []
        current_kind = kind
        if kind is not None:
            current.append(char)
    if current and current_kind is not None:
        out.append(Run(current_kind, "".join(current)))
    return out


def run_tokens(run: Run) -> list[str]:
    """A CJK run becomes its overlapping bigrams plus its last syllable on its own.

    The trailing unigram makes every syllable the first character of some token, so a one-syllable
    query answered as a prefix query (`폰*`) finds it anywhere: `폰` in `아이폰` as well as in `폰케이스`.
    """
    if run.kind is not RunKind.CJK:
        return [run.text]
    text = run.text
    if len(text) == 1:
        return [text]
    return [text[i : i + 2] for i in range(len(text) - 1)] + [text[-1]]


def tokens(text: str) -> list[str]:
    return [token for run in runs(text) for token in run_tokens(run)]


_SPACE_BETWEEN_CJK = re.compile(
    r"(?<=[\uac00-\ud7a3\u4e00-\u9fff\u3040-\u30ff])\s+(?=[\uac00-\ud7a3\u4e00-\u9fff\u3040-\u30ff])"
)


def compact_hangul(text: str) -> str:
    """The text with the spaces between Hangul removed: `맥북 에어` → `맥북에어`."""
    return _SPACE_BETWEEN_CJK.sub("", normalize(text))


@dataclass(frozen=True)
class IndexedFields:
    """Token lists of one item, per field, in the order they are indexed."""

    title: list[str]
    compact: list[str]
    body: list[str]


def index_fields(title: str, description: str) -> IndexedFields:
    """Title, the spacing-free copy of the title's joined Hangul runs (only runs that spacing split), body."""
    title_runs = runs(title)
    seen = {run.text for run in title_runs if run.kind is RunKind.CJK}
    joined = [run for run in runs(compact_hangul(title)) if run.kind is RunKind.CJK and run.text not in seen]
    return IndexedFields(
        title=[token for run in title_runs for token in run_tokens(run)],
        compact=[token for run in joined for token in run_tokens(run)],
        body=tokens(description),
    )
