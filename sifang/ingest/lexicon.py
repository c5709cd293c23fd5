"""Word statistics and reference data used by the engine (loaded once, no Django)."""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
TAXONOMY_PATH = Path(__file__).resolve().parents[1] / "taxonomy" / "data" / "taxonomy.json"

PHRASE_FREQ = 20000
"""Pseudo-frequency given to a domain collocation (jieba's dictionary has ~60M tokens in total)."""


def quiet_jieba() -> None:
    """Silence jieba's dictionary-loading messages on stderr (warnings and errors still show)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)


@dataclass(frozen=True)
class Candidate:
    """One reading of a spinner variant: the original word it may stand for."""

    original: str
    kind: str  # "s" strong, "w" weak, "e" entity repair


@lru_cache(maxsize=1)
def substitution_table() -> dict[str, tuple[Candidate, ...]]:
    """The candidate table ``variant → candidates`` from ``data/substitutions.tsv``."""
    table: dict[str, list[Candidate]] = {}
    for line in (DATA_DIR / "substitutions.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        variant, originals, kind = line.split("\t")
        for original in originals.split("|"):
            table.setdefault(variant, []).append(Candidate(original, kind))
    return {key: tuple(value) for key, value in table.items()}


@lru_cache(maxsize=1)
def domain_phrases() -> frozenset[str]:
    """Domain collocations from ``data/phrases.txt`` (whitespace-separated)."""
    words: set[str] = set()
    for line in (DATA_DIR / "phrases.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        words.update(line.split())
    return frozenset(words)


@lru_cache(maxsize=1)
def taxonomy() -> dict:
    """The shared taxonomy (parties, clusters, fields, regions, programmes)."""
    return json.loads(TAXONOMY_PATH.read_text(encoding="utf-8"))


class WordModel:
    """A unigram word model over jieba's dictionary plus the domain collocations.

    ``logp(text)`` is the log-probability of the best segmentation of ``text`` (jieba's own
    dynamic programme), so a substitution that lets the surrounding characters form frequent
    words or known collocations scores higher than one that leaves isolated characters.
    """

    def __init__(self) -> None:
        import jieba

        quiet_jieba()
        jieba.dt.check_initialized()
        self._freq: dict[str, int] = jieba.dt.FREQ
        self._total = float(jieba.dt.total)
        self._log_total = math.log(self._total)
        self._phrases = domain_phrases()
        self.max_len = 10

    def freq(self, word: str) -> int:
        """Frequency of ``word`` (collocations count as ``PHRASE_FREQ`` at least)."""
        value = self._freq.get(word) or 0
        if word in self._phrases:
            value = max(value, PHRASE_FREQ)
        return value

    def logp(self, text: str) -> float:
        """Log-probability of the best segmentation of ``text``."""
        n = len(text)
        best = [0.0] * (n + 1)
        for end in range(1, n + 1):
            score = -math.inf
            for start in range(max(0, end - self.max_len), end):
                word = text[start:end]
                f = self.freq(word)
                if f <= 0 and end - start > 1:
                    continue
                score = max(score, best[start] + math.log(f or 1) - self._log_total)
            best[end] = score
        return best[n]


@lru_cache(maxsize=1)
def word_model() -> WordModel:
    """Shared :class:`WordModel` instance."""
    return WordModel()


@lru_cache(maxsize=1)
def synonym_groups() -> dict[str, frozenset[str]]:
    """``word → its synonyms`` from ``data/synonyms.txt`` (同义词词林 ``=`` groups, see ``build_data``)."""
    index: dict[str, set[str]] = {}
    for line in (DATA_DIR / "synonyms.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        words = line.split()
        for word in words:
            index.setdefault(word, set()).update(w for w in words if w != word)
    return {word: frozenset(others) for word, others in index.items()}


class Collocations:
    """Unigram and bigram counts of real technology prose (``data/collocations.tsv``).

    ``association(left, word, right)`` is a smoothed log observed/expected ratio of the bigrams
    ``left word`` and ``word right`` (0 without evidence, negative when a frequent pair is absent).
    """

    ALPHA = 1.0

    def __init__(self) -> None:
        self.unigrams: dict[str, int] = {}
        self.bigrams: dict[tuple[str, str], int] = {}
        self.total = 1
        for line in (DATA_DIR / "collocations.tsv").read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if parts[0] == "u":
                self.unigrams[parts[1]] = int(parts[2])
            elif parts[0] == "b":
                self.bigrams[(parts[1], parts[2])] = int(parts[3])
            elif parts[0] == "t":
                self.total = int(parts[2])

    def pair(self, left: str, right: str) -> float:
        """Smoothed log(observed / expected) of the bigram ``left right``."""
        observed = self.bigrams.get((left, right), 0)
        expected = self.unigrams.get(left, 0) * self.unigrams.get(right, 0) / self.total
        return math.log((observed + self.ALPHA) / (expected + self.ALPHA))

    def association(self, left: str | None, word: str, right: str | None) -> float:
        """How well ``word`` collocates with its neighbouring words (``None`` = clause boundary)."""
        score = 0.0
        if left:
            score += self.pair(left, word)
        if right:
            score += self.pair(word, right)
        return score


@lru_cache(maxsize=1)
def collocations() -> Collocations:
    """Shared :class:`Collocations` instance."""
    return Collocations()
