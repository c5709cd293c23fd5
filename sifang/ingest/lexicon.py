"""Word statistics and reference data used by the engine (loaded once, no Django)."""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

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


NGRAM_SHIFT = 17
"""Bits of one word id in the packed bigram keys (the lexicon has fewer than 2**17 words)."""
NGRAM_STEP = 0.1
"""Quantisation step of the stored bigram -log probabilities."""
UNKNOWN_CHAR_LOGP = -18.0
"""Log-probability of a character the n-gram lexicon does not know."""


class NgramModel:
    """A back-off word bigram model of general written Chinese (``data/ngram.npz``, see ``build_data``).

    ``logp(text, at_start)`` is the log-probability of the best segmentation of ``text`` into words
    of the model's lexicon (a Viterbi search whose state is the last word), so two versions of a
    clause that differ in one word can be compared directly: the difference is how much more likely
    the one is than the other in ordinary written Chinese, given the words around it.
    """

    def __init__(self, path: Path | None = None) -> None:
        import numpy as np

        with np.load(path or DATA_DIR / "ngram.npz") as data:
            vocab = str(data["vocab"]).split("\n")
            self._p1 = data["p1"].astype(np.float64)
            self._b1 = data["b1"].astype(np.float64)
            self._k2 = np.cumsum(data["k2"])
            self._p2 = data["q2"].astype(np.float64) * NGRAM_STEP
        self.ids = {word: i for i, word in enumerate(vocab) if word}
        self.max_len = 8

    def bigram(self, a: int | None, b: int) -> float:
        """log P(b | a) with back-off (``a`` None: the unigram)."""
        if a is None:
            return -float(self._p1[b])
        key = (a << NGRAM_SHIFT) | b
        j = int(self._k2.searchsorted(key))
        if j < len(self._k2) and int(self._k2[j]) == key:
            return -float(self._p2[j])
        return -float(self._b1[a]) - float(self._p1[b])

    def logp(self, text: str, at_start: bool = False) -> float:
        """Log-probability of the best segmentation of ``text`` (``at_start``: it opens a clause)."""
        n = len(text)
        states: list[dict[int | None, float]] = [{} for _ in range(n + 1)]
        states[0][0 if at_start else None] = 0.0
        for i in range(n):
            for length in range(1, min(self.max_len, n - i) + 1):
                word = self.ids.get(text[i : i + length])
                if word is None and length > 1:
                    continue
                target = states[i + length]
                for last, score in states[i].items():
                    new = score + (UNKNOWN_CHAR_LOGP if word is None else self.bigram(last, word))
                    if new > target.get(word, -math.inf):
                        target[word] = new
        return max(states[n].values())

    def delta(self, left: str, variant: str, right: str, original: str, at_start: bool = False) -> float:
        """How much more likely ``left + original + right`` is than ``left + variant + right`` (log)."""
        return self.logp(left + original + right, at_start) - self.logp(left + variant + right, at_start)


@lru_cache(maxsize=1)
def t2s() -> Any:
    """Shared OpenCC converter from traditional to simplified characters (loading it reads its
    dictionaries, so decoding and normalisation share one)."""
    import opencc

    return opencc.OpenCC("t2s.json")


@lru_cache(maxsize=1)
def ngram_model() -> NgramModel:
    """Shared :class:`NgramModel` instance."""
    return NgramModel()
