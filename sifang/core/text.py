"""Chinese-aware search tokens: rjieba segmentation in search mode, plus latin words and numbers.

Used to fill ``search_tokens`` columns so that list pages can search Chinese text by words on
both SQLite and PostgreSQL, with the same code.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import rjieba

_KEEP = re.compile(r"[\w\u4e00-\u9fff]", re.UNICODE)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


@lru_cache(maxsize=4096)
def _cut(text: str) -> tuple[str, ...]:
    return tuple(rjieba.cut_for_search(text))


def search_tokens(text: str) -> list[str]:
    """Distinct tokens of ``text`` in order of first appearance, punctuation dropped."""
    seen: dict[str, None] = {}
    for tok in _cut(normalise(text)):
        tok = tok.strip()
        if tok and _KEEP.search(tok):
            seen.setdefault(tok, None)
    return list(seen)


def search_document(*parts: str) -> str:
    """The value stored in a ``search_tokens`` column: tokens padded by spaces."""
    tokens = search_tokens(" ".join(p for p in parts if p))
    return " " + " ".join(tokens) + " "


def query_tokens(query: str) -> list[str]:
    """Tokens a query must all match; whole words as segmented (not every search sub-word)."""
    out: list[str] = []
    for tok in rjieba.cut(normalise(query)):
        tok = tok.strip()
        if tok and _KEEP.search(tok) and tok not in out:
            out.append(tok)
    return out
