"""Chinese text analysis: normalisation, word segmentation and character bigrams.

Text goes through three steps, identical for documents and queries:

1. ``normalise``: Unicode NFKC (full-width letters, digits and punctuation become ASCII), lower
   case, whitespace collapsed.
2. Segmentation with rjieba, extended with the domain dictionary (``data/domain_terms.txt``), then
   token-level canonicalisation through the synonym table (``data/synonyms.txt``): the reworded
   variants of machine-reworded reposts (手艺, 立异, 原料, 生长, ...) become the standard word.
   Stop words (``data/stopwords.txt``), punctuation and lone Chinese characters are dropped from
   the word stream. ASCII runs survive whole: ``LiFePO4`` → ``lifepo4``, ``10kV`` → ``10kv``.
3. Character bigrams over the runs of Chinese characters of the *canonical* text (so rewording
   does not break them either), hashed into a fixed space with Fibonacci hashing.

Word ids are CRC-32 hashes folded into a fixed space as well, so no vocabulary has to be shared
between processes or persisted; ``Analyzer.word_id`` is deterministic across runs and machines.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import rjieba

DATA_DIR = Path(__file__).resolve().parent / "data"
WORD_BITS = 22
GRAM_BITS = 22
WORD_SPACE = 1 << WORD_BITS
GRAM_SPACE = 1 << GRAM_BITS

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_RUN = re.compile(f"[{_CJK}]{{2,}}")
_ASCII_TOKEN = re.compile(r"[0-9a-z][0-9a-z.+\-/%]*")
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9.\-/%]+")


def _read_lines(name: str) -> list[str]:
    path = DATA_DIR / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def normalise(text: str) -> str:
    """Return ``text`` in NFKC form, lower case, with whitespace collapsed to single spaces."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True)
class Resources:
    """The editable word lists that drive the analysis."""

    stopwords: frozenset[str]
    synonyms: dict[str, str]
    domain_terms: tuple[str, ...]

    @classmethod
    def load(cls) -> Resources:
        """Load the word lists shipped in ``sifang/matcher/data``."""
        synonyms: dict[str, str] = {}
        for line in _read_lines("synonyms.txt"):
            canonical, *variants = line.split()
            for variant in variants:
                synonyms[normalise(variant)] = canonical
        stop = frozenset(normalise(w) for w in _read_lines("stopwords.txt"))
        return cls(stopwords=stop, synonyms=synonyms, domain_terms=tuple(_read_lines("domain_terms.txt")))


@dataclass
class Analysis:
    """Analysed text: canonical word tokens and hashed character-bigram ids."""

    words: list[str]
    grams: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint32))


def gram_ids(text: str) -> np.ndarray:
    """Hashed ids of the character bigrams inside runs of Chinese characters of ``text``."""
    chunks = []
    for run in _CJK_RUN.findall(text):
        codes = np.frombuffer(run.encode("utf-32-le"), dtype=np.uint32)
        keys = (codes[:-1] << np.uint32(16)) | (codes[1:] & np.uint32(0xFFFF))
        chunks.append((keys * np.uint32(2654435761)) >> np.uint32(32 - GRAM_BITS))
    if not chunks:
        return np.zeros(0, dtype=np.uint32)
    return np.concatenate(chunks).astype(np.uint32, copy=False)




@lru_cache(maxsize=1 << 20)
def word_id(token: str) -> int:
    """Deterministic hashed id of a word token in ``[0, WORD_SPACE)``."""
    return zlib.crc32(token.encode("utf-8")) & (WORD_SPACE - 1)


class Analyzer:
    """Turns text into canonical words and character bigrams (see the module docstring)."""

    _dictionary_loaded = False

    def __init__(self, resources: Resources | None = None) -> None:
        self.resources = resources or Resources.load()
        self._load_dictionary()

    def _load_dictionary(self) -> None:
        if Analyzer._dictionary_loaded:
            return
        for term in self.resources.domain_terms:
            rjieba.add_word(normalise(term), None, None)
        Analyzer._dictionary_loaded = True

    def canonical_tokens(self, text: str) -> list[str]:
        """Segment normalised ``text`` and map every token to its canonical form."""
        synonyms = self.resources.synonyms
        return [synonyms.get(tok, tok) for tok in rjieba.cut(normalise(text))]

    def keep(self, token: str) -> bool:
        """Whether a canonical token is a content word worth indexing."""
        if token in self.resources.stopwords or token.isspace():
            return False
        if _CJK_CHAR.match(token):
            return len(token) > 1
        return bool(_ASCII_TOKEN.fullmatch(token)) and not (len(token) == 1 or _DIGITS.fullmatch(token))

    def analyse(self, text: str) -> Analysis:
        """Words (stop words removed) and bigram ids of ``text``."""
        tokens = self.canonical_tokens(text)
        words = [tok for tok in tokens if self.keep(tok)]
        return Analysis(words=words, grams=gram_ids("".join(tokens)))

    def words(self, text: str) -> list[str]:
        """Canonical content words of ``text``."""
        return self.analyse(text).words


_DEFAULT: Analyzer | None = None


def default_analyzer() -> Analyzer:
    """The process-wide analyzer with the shipped word lists."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Analyzer()
    return _DEFAULT
