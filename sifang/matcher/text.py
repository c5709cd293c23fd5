"""Chinese text analysis: normalisation, word segmentation and character bigrams.

Text goes through three steps, identical for documents and queries:

1. ``normalise``: Unicode NFKC (full-width letters, digits and punctuation become ASCII), lower
   case, whitespace collapsed.
2. Segmentation with rjieba, extended with the domain dictionary (``data/domain_terms.txt``), then
   token-level canonicalisation through the synonym table (``data/synonyms.txt``): the reworded
   variants of machine-reworded reposts (手艺, 立异, 原料, 生长, ...) become the standard word.
   Stop words (``data/stopwords.txt``), punctuation and lone Chinese characters are dropped from
   the word stream. ASCII runs survive whole: ``LiFePO4`` → ``lifepo4``, ``10kV`` → ``10kv``.
3. Index terms (``term_keys``) of the *canonical* text (so rewording does not break them either):
   every character bigram inside a run of Chinese characters, as the exact 32-bit key
   ``(c1 << 16) | c2``, plus every ASCII token (``lifepo4``, ``10kv``; not lone characters or pure
   numbers) as a 64-bit key with the top bit set (two independent 31-bit checksums). Keys are
   deterministic across runs and machines; the index maps them to a corpus-sized vocabulary.

For indexing, ``fold`` replaces ``normalise``: it gives the same index terms but only runs NFKC
on the runs of characters NFKC could change in a way that matters (full-width letters and digits,
℃, ①, compatibility ideographs …), and ``Analyzer.canonical`` only segments the blocks (runs of
Chinese characters and ASCII letters/digits, the unit rjieba segments independently) that contain
a synonym variant as a substring: everywhere else every token maps to itself, so the output is the
same as segmenting everything (checked in the tests) at a fraction of the cost. Words
(``Analyzer.words``) are only needed for the ``terms`` reason of a query, never for indexing.
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
_ASCII_TOKEN = re.compile(r"[0-9a-z][0-9a-z.+\-/%]*")
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9.\-/%]+")
_ASCII_RUN = re.compile(r"[0-9a-z][0-9a-z.+\-/%]*")
ASCII_FLAG = np.uint64(1 << 63)


def _read_lines(name: str) -> list[str]:
    path = DATA_DIR / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


# Characters NFKC leaves alone *for the purpose of index terms*: ASCII, CJK ideographs, CJK
# punctuation and full-width punctuation that is neither a letter, a digit nor part of an ASCII
# token. Texts made only of these skip the (slow) NFKC pass in ``fold``.
_FOLD_SAFE = re.compile(
    "[^\x00-\x7f\u00b7\u2014\u2018\u2019\u201c\u201d\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff"
    "\uff01-\uff04\uff06-\uff0a\uff0c\uff1a-\uff1f\uff3b-\uff40\uff5b-\uff5e]"
)
# A run of characters NFKC may change, with the character before it (combining marks compose).
_FOLD_RUN = re.compile(".?" + _FOLD_SAFE.pattern + "+", re.S)
_SEGMENT_BLOCK = re.compile(r"[\u4e00-\u9fd5a-z0-9+#&._%\-]+")
_NON_BLOCK = re.compile(r"[^\u4e00-\u9fd5a-z0-9+#&._%\-]")


def fold(text: str) -> str:
    """Lower-cased text equivalent to ``normalise`` for index terms (bigrams and ASCII tokens).

    NFKC only runs when the text holds a character it could change in a way that matters (full-width
    letters or digits, compatibility ideographs, ligatures, …); whitespace is not collapsed.
    """
    if _FOLD_SAFE.search(text):
        text = _FOLD_RUN.sub(_nfkc, text)
    return text.lower()


def _nfkc(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


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
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if codes.shape[0] < 2:
        return np.zeros(0, dtype=np.uint32)
    cjk = ((codes >= 0x3400) & (codes <= 0x4DBF)) | ((codes >= 0x4E00) & (codes <= 0x9FFF))
    pair = cjk[:-1] & cjk[1:]
    keys = (codes[:-1][pair] << np.uint32(16)) | (codes[1:][pair] & np.uint32(0xFFFF))
    return ((keys * np.uint32(2654435761)) >> np.uint32(32 - GRAM_BITS)).astype(np.uint32, copy=False)


def _ascii_key(token: str) -> int:
    raw = token.encode("utf-8")
    return (1 << 63) | ((zlib.crc32(raw) & 0x7FFFFFFF) << 31) | (zlib.adler32(raw) & 0x7FFFFFFF)


def ascii_tokens(text: str) -> list[str]:
    """ASCII tokens of normalised ``text`` that are index terms (no lone characters or numbers)."""
    return [t for t in _ASCII_RUN.findall(text) if len(t) > 1 and not _DIGITS.fullmatch(t)]


def term_keys(canonical: str) -> np.ndarray:
    """``uint64`` keys of the index terms of canonical text: CJK bigrams, then ASCII tokens."""
    codes = np.frombuffer(canonical.encode("utf-32-le"), dtype=np.uint32)
    if codes.shape[0] >= 2:
        cjk = ((codes >= 0x3400) & (codes <= 0x4DBF)) | ((codes >= 0x4E00) & (codes <= 0x9FFF))
        pair = cjk[:-1] & cjk[1:]
        grams = (codes[:-1][pair].astype(np.uint64) << np.uint64(16)) | codes[1:][pair].astype(np.uint64)
    else:
        grams = np.zeros(0, dtype=np.uint64)
    if not canonical.isascii() and not _ASCII_RUN.search(canonical):
        return grams
    asc = ascii_tokens(canonical)
    if not asc:
        return grams
    return np.concatenate([grams, np.asarray([_ascii_key(t) for t in asc], dtype=np.uint64)])


def batch_keys(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """``term_keys`` of many canonical texts at once: ``(keys, text number of each key)``."""
    if not texts:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    codes = np.frombuffer("\n".join(texts).encode("utf-32-le"), dtype=np.uint32)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.cumsum(lengths + 1) - (lengths + 1)
    cjk = ((codes >= 0x3400) & (codes <= 0x4DBF)) | ((codes >= 0x4E00) & (codes <= 0x9FFF))
    pos = np.flatnonzero(cjk[:-1] & cjk[1:])
    grams = (codes[pos].astype(np.uint64) << np.uint64(16)) | codes[pos + 1].astype(np.uint64)
    owner = np.searchsorted(starts, pos, side="right") - 1
    extra_keys: list[int] = []
    extra_owner: list[int] = []
    for i, text in enumerate(texts):
        if _ASCII_RUN.search(text):
            for token in ascii_tokens(text):
                extra_keys.append(_ascii_key(token))
                extra_owner.append(i)
    if not extra_keys:
        return grams, owner
    return (
        np.concatenate([grams, np.asarray(extra_keys, dtype=np.uint64)]),
        np.concatenate([owner, np.asarray(extra_owner, dtype=np.int64)]),
    )


def word_keys(word: str) -> np.ndarray:
    """The term keys a word is made of (its bigrams, or its own key for an ASCII token)."""
    return term_keys(word)


@lru_cache(maxsize=1 << 20)
def word_id(token: str) -> int:
    """Deterministic hashed id of a word token in ``[0, WORD_SPACE)``."""
    return zlib.crc32(token.encode("utf-8")) & (WORD_SPACE - 1)


class Analyzer:
    """Turns text into canonical words and character bigrams (see the module docstring)."""

    _dictionary_loaded = False

    def __init__(self, resources: Resources | None = None) -> None:
        self.resources = resources or Resources.load()
        self._keep_cache: dict[str, bool] = {}
        self._load_dictionary()

    def _load_dictionary(self) -> None:
        if Analyzer._dictionary_loaded:
            return
        for term in self.resources.domain_terms:
            rjieba.add_word(normalise(term), None, None)
        Analyzer._dictionary_loaded = True

    @property
    def _variants(self) -> re.Pattern[str]:
        pattern = getattr(self, "_variant_re", None)
        if pattern is None:
            names = sorted(self.resources.synonyms, key=len, reverse=True)
            pattern = re.compile("|".join(re.escape(v) for v in names) if names else "(?!)")
            self._variant_re = pattern
        return pattern

    def canonical(self, text: str) -> str:
        """``fold(text)`` with every reworded variant replaced by its canonical word.

        The segmenter splits text into blocks of Chinese characters and ASCII letters/digits
        (``_SEGMENT_BLOCK``) and segments each block on its own, so only the blocks that contain a
        variant as a substring are segmented here; in all others no token can be a variant and the
        block stays as it is (same output as segmenting everything, at a fraction of the cost).
        """
        folded = fold(text)
        if not folded:
            return folded
        found = self._variants.search(folded)
        if found is None:
            return folded
        get = self.resources.synonyms.get
        reverse = folded[::-1]
        size = len(folded)
        out: list[str] = []
        done = 0
        while found is not None:
            before = _NON_BLOCK.search(reverse, size - found.start())
            start = size - before.start() if before else 0
            after = _NON_BLOCK.search(folded, found.end())
            end = after.start() if after else size
            start = max(start, done)
            out.append(folded[done:start])
            out.append("".join([get(tok, tok) for tok in rjieba.cut(folded[start:end])]))
            done = end
            found = self._variants.search(folded, end)
        out.append(folded[done:])
        return "".join(out)

    def keys(self, text: str) -> np.ndarray:
        """Index term keys (``term_keys``) of the canonical form of ``text``."""
        return term_keys(self.canonical(text))

    def canonical_tokens(self, text: str) -> list[str]:
        """Segment normalised ``text`` and map every token to its canonical form."""
        synonyms = self.resources.synonyms
        get = synonyms.get
        return [get(tok, tok) for tok in rjieba.cut(normalise(text))]

    def keep(self, token: str) -> bool:
        """Whether a canonical token is a content word worth indexing (memoised)."""
        known = self._keep_cache.get(token)
        if known is None:
            known = self._keep_cache[token] = self._keep(token)
        return known

    def _keep(self, token: str) -> bool:
        if token in self.resources.stopwords or token.isspace():
            return False
        if _CJK_CHAR.match(token):
            return len(token) > 1
        return bool(_ASCII_TOKEN.fullmatch(token)) and not (len(token) == 1 or _DIGITS.fullmatch(token))

    def analyse(self, text: str) -> Analysis:
        """Words (stop words removed) and bigram ids of ``text``."""
        tokens = self.canonical_tokens(text)
        cache = self._keep_cache
        words = [tok for tok in tokens if cache.get(tok) or (tok not in cache and self.keep(tok))]
        return Analysis(words=words, grams=gram_ids("".join(tokens)))

    def words(self, text: str) -> list[str]:
        """Canonical content words of ``text``."""
        cache = self._keep_cache
        return [
            tok
            for tok in self.canonical_tokens(text)
            if cache.get(tok) or (tok not in cache and self.keep(tok))
        ]


_DEFAULT: Analyzer | None = None


def default_analyzer() -> Analyzer:
    """The process-wide analyzer with the shipped word lists."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Analyzer()
    return _DEFAULT
