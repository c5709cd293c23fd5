"""The live, persistent index of one collection (demands, offerings or people).

One term space: the character bigrams and ASCII tokens of the canonical text (``text.term_keys``),
mapped to a corpus-sized, sorted vocabulary of ``uint64`` keys. Each *segment* stores

* full-text postings: weighted term frequency (title ×2, text ×1, keywords ×2 by default) as
  ``uint8`` plus the low 16 bits of the document number, in shards of 65,536 documents
  (``kernels.py``): 3 bytes a posting;
* title postings (title term frequency only), same layout;
* per term: key, IDF (``log((1 + N) / (1 + df)) + 1``), document frequency;
* per document: inverse TF-IDF norms of the full text and of the title (``float32``), the id
  (fixed-width UTF-8 bytes) and small integer metadata arrays. No text is kept.

The lexical score is ``(1 - b) * cos(demand, offering) + b * cos(demand, offering title)`` (TF-IDF
cosines, ``b = Config.title_share``). Search is two-stage: candidates are accumulated from the
postings of the most informative query terms within a postings budget (terms in more than
``max_df_ratio`` of the documents are skipped there), then the best ``pool`` candidates are scored
exactly with *all* query terms (galloping search in the postings) and re-ranked with the signals.

A *base* segment plus one small *delta* segment that receives upserts; removals and replaced
documents are tombstoned. ``compact()`` (run by ``save`` and automatically when the delta grows past
a fifth of the base) decodes both segments' postings, drops tombstones and rebuilds the base
without re-analysing any text (IDF and norms are recomputed). ``save`` writes ``.npy`` files that
``open`` maps read-only, so worker processes share one copy of the postings in the page cache.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import kernels
from .signals import (
    EPOCH,
    PARTY_NAMES,
    field_major,
    finite,
    is_visible,
    parse_day,
    parse_forms,
    parse_party,
    parse_trl,
    signal_effects,
)
from .text import Analyzer, batch_keys, default_analyzer, term_keys

FORMAT_VERSION = 2
FIELDS = ("title", "text", "keywords")
META_DTYPES = {
    "cluster": np.int32,
    "field": np.int32,
    "major": np.int32,
    "region": np.int32,
    "party": np.int8,
    "trl": np.int8,
    "form": np.int16,
    "posted": np.int32,
    "visible": np.bool_,
}
TABLES = ("cluster", "field", "major", "region")
POSTING_ARRAYS = (
    "keys",
    "idf",
    "df",
    "indptr",
    "docs",
    "tf",
    "tindptr",
    "tdocs",
    "ttf",
    "inv_norm",
    "inv_tnorm",
)
Allowed = Callable[[str], bool] | Collection[str] | None


@dataclass
class Config:
    """Ranking parameters (chosen on the development set, see bench/README.md)."""

    field_weight: tuple[int, int, int] = (2, 1, 2)  # integer tf weights of title, text, keywords
    query_weight: tuple[float, float, float] = (2.0, 1.0, 2.0)  # same for the query document
    title_share: float = 0.3  # b: weight of the offering-title cosine in the lexical score
    pool: int = 50  # candidates scored exactly and re-ranked with the signals (100: same NDCG@10)
    max_df_ratio: float = 0.02  # candidate stage skips terms in more than this share of documents…
    min_df_cut: int = 5000  # …but only terms with more postings than this (small indexes: exhaustive)
    max_postings: int = 100_000  # postings budget of the candidate stage per query and segment
    max_query_terms: int = 96  # only the query's most informative terms (by TF-IDF weight) are scored


@dataclass
class Match:
    """One result: the document id, its score and the machine-readable reasons."""

    id: str
    score: float
    reasons: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "reasons": self.reasons}


@dataclass
class Analysed:
    """Analysed documents: a local vocabulary and unique (term, doc) rows with frequencies."""

    vocab: np.ndarray  # uint64 keys, sorted
    terms: np.ndarray  # int32 positions in vocab
    docs: np.ndarray  # int32 document numbers (0-based within this batch)
    tf: np.ndarray  # uint8 weighted term frequency
    ttf: np.ndarray  # uint8 title term frequency
    size: int


def _field_texts(doc: Mapping[str, Any]) -> tuple[str, str, str]:
    keywords = doc.get("keywords") or ""
    if isinstance(keywords, list | tuple):
        keywords = " ".join(str(k) for k in keywords)
    return str(doc.get("title") or ""), str(doc.get("text") or ""), str(keywords)


def analyse_texts(
    items: Sequence[tuple[str, str, str]],
    field_weight: Sequence[int] = (2, 1, 2),
    analyzer: Analyzer | None = None,
) -> Analysed:
    """Analyse ``(title, text, keywords)`` triples into unique (term, doc) rows."""
    analyzer = analyzer or default_analyzer()
    canonical = analyzer.canonical
    texts: list[str] = []
    owners: list[int] = []
    fields: list[int] = []
    for d, triple in enumerate(items):
        for f, text in enumerate(triple):
            if text:
                texts.append(canonical(text))
                owners.append(d)
                fields.append(f)
    all_keys, part = batch_keys(texts)
    if not all_keys.shape[0]:
        empty = np.zeros(0, np.int32)
        return Analysed(
            np.zeros(0, np.uint64), empty, empty, np.zeros(0, np.uint8), np.zeros(0, np.uint8), len(items)
        )
    order = np.argsort(part, kind="stable")  # group rows by document (ASCII keys come last)
    all_keys, part = all_keys[order], part[order]
    vocab, inverse = np.unique(all_keys, return_inverse=True)
    docs = np.asarray(owners, dtype=np.int32)[part]
    field_no = np.asarray(fields, dtype=np.int8)[part]
    weights = np.asarray(field_weight, dtype=np.int64)[field_no]
    terms, docs, tf, ttf = kernels.doc_terms(inverse.astype(np.int32).ravel(), docs, weights, field_no == 0)
    return Analysed(vocab, terms, docs, tf, ttf, len(items))


def merge_analysed(parts: Sequence[Analysed]) -> Analysed:
    """Concatenate batches: one sorted vocabulary, document numbers offset batch after batch."""
    vocab = np.unique(np.concatenate([p.vocab for p in parts])) if parts else np.zeros(0, np.uint64)
    terms, docs, offset = [], [], 0
    for p in parts:
        remap = np.searchsorted(vocab, p.vocab).astype(np.int32)
        terms.append(remap[p.terms])
        docs.append(p.docs + np.int32(offset))
        offset += p.size
    if not parts:
        empty = np.zeros(0, np.int32)
        return Analysed(vocab, empty, empty, np.zeros(0, np.uint8), np.zeros(0, np.uint8), 0)
    return Analysed(
        vocab,
        np.concatenate(terms),
        np.concatenate(docs),
        np.concatenate([p.tf for p in parts]),
        np.concatenate([p.ttf for p in parts]),
        offset,
    )


def _warm_up() -> None:
    """Compile the kernels in this process before forking workers (they inherit the code)."""
    one = np.zeros(1, np.int32)
    kernels.doc_terms(one, one, np.ones(1, np.int64), np.ones(1, np.bool_))


def analyse_parallel(
    items: Sequence[tuple[str, str, str]], field_weight: Sequence[int], workers: int = 1, chunk: int = 2000
) -> Analysed:
    """``analyse_texts`` spread over ``workers`` processes (segmentation dominates build time)."""
    _warm_up()
    default_analyzer()
    if workers <= 1 or len(items) < 2 * chunk:
        return analyse_texts(items, field_weight)
    chunks = [items[i : i + chunk] for i in range(0, len(items), chunk)]
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers) as pool:
        parts = pool.starmap(analyse_texts, [(c, tuple(field_weight)) for c in chunks], chunksize=1)
    return merge_analysed(parts)


@dataclass
class Postings:
    """Sharded postings of one segment over its own sorted vocabulary (see the module docstring)."""

    keys: np.ndarray
    idf: np.ndarray
    df: np.ndarray
    indptr: np.ndarray
    docs: np.ndarray
    tf: np.ndarray
    tindptr: np.ndarray
    tdocs: np.ndarray
    ttf: np.ndarray
    inv_norm: np.ndarray
    inv_tnorm: np.ndarray

    @property
    def n_terms(self) -> int:
        return int(self.keys.shape[0])

    @property
    def n_shards(self) -> int:
        return max(1, (self.indptr.shape[0] - 1) // max(1, self.n_terms)) if self.n_terms else 1

    def lookup(self, qkeys: np.ndarray) -> np.ndarray:
        """Term numbers of ``qkeys`` in this segment, -1 where absent."""
        if self.n_terms == 0 or qkeys.shape[0] == 0:
            return np.full(qkeys.shape[0], -1, dtype=np.int64)
        pos = np.minimum(np.searchsorted(self.keys, qkeys), self.n_terms - 1)
        return np.where(self.keys[pos] == qkeys, pos, -1).astype(np.int64)

    def decode(
        self,
    ) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Full-text and title rows ``(terms, docs, values)``, documents ascending within a term."""
        n = max(1, self.n_terms)
        return (
            kernels.decode(self.indptr, self.docs, self.tf, n),
            kernels.decode(self.tindptr, self.tdocs, self.ttf, n),
        )


def idf_of(df: np.ndarray, n_docs: int) -> np.ndarray:
    """Smoothed IDF, as in the TF-IDF cosine baseline: ``log((1 + N) / (1 + df)) + 1``."""
    return (np.log((1.0 + n_docs) / (1.0 + df.astype(np.float64))) + 1.0).astype(np.float32)


def build_postings(
    keys: np.ndarray,
    full: tuple[np.ndarray, np.ndarray, np.ndarray],
    title: tuple[np.ndarray, np.ndarray, np.ndarray],
    n_docs: int,
    idf: np.ndarray | None = None,
) -> Postings:
    """Postings from full-text and title rows over the vocabulary ``keys`` (unused terms dropped).

    ``idf`` (aligned to ``keys``) overrides the IDF computed from this segment's own frequencies.
    """
    terms, docs, tf = full
    df = np.bincount(terms, minlength=keys.shape[0]) if terms.shape[0] else np.zeros(keys.shape[0], np.int64)
    used = df > 0
    if not used.all():
        renumber = np.cumsum(used) - 1
        keys, df = keys[used], df[used]
        idf = idf[used] if idf is not None else None
        terms = renumber[terms].astype(np.int32)
        title = (renumber[title[0]].astype(np.int32), title[1], title[2])
    if idf is None:
        idf = idf_of(df, n_docs)
    n_terms = max(1, keys.shape[0])
    n_shards = max(1, -(-n_docs // kernels.SHARD))
    wide = terms.shape[0] >= 2**32 - 1
    docs64 = docs.astype(np.int64)
    indptr, pdocs, ptf = kernels.sharded_csr(
        terms.astype(np.int32), docs64, tf.astype(np.uint8), n_terms, n_shards
    )
    tdocs64 = title[1].astype(np.int64)
    tindptr, tdocs, pttf = kernels.sharded_csr(
        title[0].astype(np.int32), tdocs64, title[2].astype(np.uint8), n_terms, n_shards
    )
    if not wide:  # 4-byte offsets while the postings fit
        indptr, tindptr = indptr.astype(np.uint32), tindptr.astype(np.uint32)
    idf64 = idf.astype(np.float64) if idf.shape[0] else np.ones(1)
    norm = np.sqrt(kernels.squared_norms(terms, docs64, tf, idf64, n_docs))
    tnorm = np.sqrt(kernels.squared_norms(title[0], tdocs64, title[2], idf64, n_docs))
    with np.errstate(divide="ignore"):
        inv_norm = np.where(norm > 0, 1.0 / norm, 0.0).astype(np.float32)
        inv_tnorm = np.where(tnorm > 0, 1.0 / tnorm, 0.0).astype(np.float32)
    return Postings(
        keys.astype(np.uint64),
        idf.astype(np.float32),
        df.astype(np.uint32),
        indptr,
        pdocs,
        ptf,
        tindptr,
        tdocs,
        pttf,
        inv_norm,
        inv_tnorm,
    )


def postings_from(analysed: Analysed, idf: np.ndarray | None = None) -> Postings:
    title = analysed.ttf > 0
    return build_postings(
        analysed.vocab,
        (analysed.terms, analysed.docs, analysed.tf),
        (analysed.terms[title], analysed.docs[title], analysed.ttf[title]),
        analysed.size,
        idf,
    )


@dataclass
class Segment:
    """Documents with their postings, metadata arrays and ids."""

    ids: np.ndarray  # bytes (utf-8), one per document
    postings: Postings
    meta: dict[str, np.ndarray]

    @property
    def size(self) -> int:
        return int(self.ids.shape[0])


@dataclass
class Query:
    """An analysed query: term keys with TF-IDF cosine weights, words (for reasons), metadata."""

    keys: np.ndarray  # uint64, sorted
    vec: np.ndarray  # normalised TF-IDF weights (0 for terms unknown to the index)
    idf: np.ndarray
    words: list[str]  # content words whose every term is a query term (for the ``terms`` reason)
    word_terms: np.ndarray  # [n_words, longest] positions in ``keys`` of each word's terms, -1 padded
    meta: dict[str, int]
    ref_day: int


def _empty_postings() -> Postings:
    return build_postings(
        np.zeros(0, np.uint64),
        (np.zeros(0, np.int32),) * 2 + (np.zeros(0, np.uint8),),
        (np.zeros(0, np.int32),) * 2 + (np.zeros(0, np.uint8),),
        0,
    )


class Index:
    """A searchable, updatable, persistent collection. See the package docstring for the API."""

    def __init__(self, config: Config | None = None, analyzer: Analyzer | None = None) -> None:
        self.config = config or Config()
        self.analyzer = analyzer or default_analyzer()
        self.tables: dict[str, dict[str, int]] = {name: {} for name in TABLES}
        self.max_posted = 0
        self.base = Segment(np.zeros(0, "S1"), _empty_postings(), _empty_meta(0))
        self.base_alive = np.zeros(0, dtype=np.bool_)
        self._base_live = 0
        self._base_order: np.ndarray | None = None
        self._base_mask: np.ndarray | None = None
        self._delta_docs: list[tuple[str, Analysed, dict[str, int]]] = []
        self._delta_alive: list[bool] = []
        self._delta_index: dict[str, int] = {}
        self._delta: Segment | None = None
        self._scratch: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self.auto_compact = True

    # ----------------------------------------------------------------- building
    @classmethod
    def build(
        cls, docs: Iterable[Mapping[str, Any]], config: Config | None = None, workers: int = 1
    ) -> Index:
        """Index ``docs`` (mappings with ``id``, ``title``, ``text`` and optional metadata)."""
        index = cls(config)
        docs = _unique_last(docs)
        analysed = analyse_parallel(
            [_field_texts(d) for d in docs], index.config.field_weight, workers=workers
        )
        index._set_base(
            postings_from(analysed), [str(d["id"]) for d in docs], [index._encode_meta(d) for d in docs]
        )
        return index

    def _set_base(self, postings: Postings, ids: list[str], metas: list[dict[str, int]]) -> None:
        n = len(ids)
        meta = {k: np.fromiter((m[k] for m in metas), dtype=kind, count=n) for k, kind in META_DTYPES.items()}
        self._install(Segment(_encode_ids(ids), postings, meta))

    def _install(self, base: Segment) -> None:
        self.base = base
        self.base_alive = np.ones(base.size, dtype=np.bool_)
        self._base_live = base.size
        self.max_posted = max(self.max_posted, int(base.meta["posted"].max()) if base.size else 0)
        self._base_order = self._base_mask = self._delta = self._scratch = None
        self._delta_docs, self._delta_alive, self._delta_index = [], [], {}

    def _code(self, table: str, value: Any, create: bool) -> int:
        if not value:
            return -1
        codes = self.tables[table]
        key = str(value).strip()
        if key not in codes:
            if not create:
                return -2
            codes[key] = len(codes)
        return codes[key]

    def _encode_meta(self, doc: Mapping[str, Any], create: bool = True) -> dict[str, int]:
        field_label = str(doc.get("field") or "")
        return {
            "cluster": self._code("cluster", doc.get("cluster"), create),
            "field": self._code("field", field_label, create),
            "major": self._code("major", field_major(field_label) if field_label else "", create),
            "region": self._code("region", doc.get("region"), create),
            "party": parse_party(doc.get("party")),
            "trl": parse_trl(doc.get("trl"), doc.get("maturity")),
            "form": parse_forms(doc.get("form")),
            "posted": parse_day(doc.get("posted")),
            "visible": int(is_visible(doc)),
        }

    # ----------------------------------------------------------------- live updates
    def _base_pos(self, doc_id: str) -> int:
        """Position of a live base document, or -1."""
        ids = self.base.ids
        raw = doc_id.encode("utf-8")
        if not ids.shape[0] or len(raw) > ids.dtype.itemsize:
            return -1
        if self._base_order is None:
            self._base_order = np.argsort(ids, kind="stable").astype(np.uint32)
        order = self._base_order
        i = int(np.searchsorted(ids, np.bytes_(raw), sorter=order))
        if i < order.shape[0]:
            pos = int(order[i])
            if ids[pos] == raw and self.base_alive[pos]:
                return pos
        return -1

    def upsert(self, doc: Mapping[str, Any]) -> None:
        """Add ``doc`` or replace the document with the same id; visible to the next search."""
        doc_id = str(doc["id"])
        self.remove(doc_id)
        analysed = analyse_texts([_field_texts(doc)], self.config.field_weight, self.analyzer)
        meta = self._encode_meta(doc)
        self._delta_index[doc_id] = len(self._delta_docs)
        self._delta_docs.append((doc_id, analysed, meta))
        self._delta_alive.append(True)
        self.max_posted = max(self.max_posted, meta["posted"])
        self._delta = None
        if self.auto_compact and len(self._delta_docs) > max(5000, self.base.size // 5):
            self.compact()

    add = upsert

    def remove(self, doc_id: str) -> bool:
        """Tombstone the document ``doc_id``; returns whether it existed."""
        doc_id = str(doc_id)
        where = self._delta_index.pop(doc_id, None)
        if where is not None:
            self._delta_alive[where] = False
            return True
        pos = self._base_pos(doc_id)
        if pos < 0:
            return False
        if not self.base_alive.flags.writeable:
            self.base_alive = self.base_alive.copy()
        self.base_alive[pos] = False
        self._base_live -= 1
        self._base_mask = None
        return True

    def __len__(self) -> int:
        return self._base_live + len(self._delta_index)

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self._delta_index or self._base_pos(str(doc_id)) >= 0

    def _delta_segment(self) -> Segment | None:
        if not self._delta_docs:
            return None
        if self._delta is None:
            analysed = merge_analysed([a for _, a, _ in self._delta_docs])
            n_total = self.base.size + analysed.size
            local_df = np.bincount(analysed.terms, minlength=analysed.vocab.shape[0])
            idf = idf_of(local_df, n_total)
            in_base = self.base.postings.lookup(analysed.vocab)
            idf[in_base >= 0] = self.base.postings.idf[in_base[in_base >= 0]]
            meta = {
                k: np.asarray([m[k] for _, _, m in self._delta_docs], dtype=kind)
                for k, kind in META_DTYPES.items()
            }
            self._delta = Segment(
                _encode_ids([d for d, _, _ in self._delta_docs]), postings_from(analysed, idf), meta
            )
        return self._delta

    def compact(self) -> None:
        """Fold the delta into the base and drop tombstoned documents (no text is re-analysed)."""
        delta = self._delta_segment()
        if delta is None and self.base_alive.all():
            return
        keep = np.flatnonzero(self.base_alive)
        renumber = np.full(self.base.size, -1, dtype=np.int64)
        renumber[keep] = np.arange(keep.shape[0])
        delta_alive = np.asarray(self._delta_alive, dtype=np.bool_)
        delta_keep = np.flatnonzero(delta_alive) if delta is not None else np.zeros(0, np.int64)
        delta_renumber = np.full(len(self._delta_docs), -1, dtype=np.int64)
        delta_renumber[delta_keep] = keep.shape[0] + np.arange(delta_keep.shape[0])
        segments = [(self.base, renumber)] + ([(delta, delta_renumber)] if delta is not None else [])
        keys = self.base.postings.keys
        if delta is not None:
            keys = np.union1d(keys, delta.postings.keys).astype(np.uint64)
        rows: list[list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = [[], []]
        for seg, renum in segments:
            remap = np.searchsorted(keys, seg.postings.keys).astype(np.int32)
            for space, (t, d, v) in enumerate(seg.postings.decode()):
                new_d = renum[d] if d.shape[0] else d
                ok = new_d >= 0
                rows[space].append((remap[t[ok]], new_d[ok], v[ok]))
        n_docs = keep.shape[0] + delta_keep.shape[0]
        full, title = (tuple(np.concatenate([r[i] for r in part]) for i in range(3)) for part in rows)
        postings = build_postings(keys, full, title, n_docs)  # type: ignore[arg-type]
        ids = [self.base.ids[keep]]
        metas = {k: [np.asarray(v)[keep]] for k, v in self.base.meta.items()}
        if delta is not None:
            ids.append(delta.ids[delta_keep])
            for k in metas:
                metas[k].append(delta.meta[k][delta_keep])
        width = max(1, max(x.dtype.itemsize for x in ids))
        all_ids = np.concatenate([x.astype(f"S{width}") for x in ids])
        self._install(
            Segment(
                all_ids, postings, {k: np.concatenate(v).astype(META_DTYPES[k]) for k, v in metas.items()}
            )
        )

    # ----------------------------------------------------------------- searching
    def analyse_query(self, doc: Mapping[str, Any], words: bool = True) -> Query:
        """Analyse a query document (same fields as an indexed one)."""
        parts, weights, word_list = [], [], []
        for w, text in zip(self.config.query_weight, _field_texts(doc), strict=True):
            if not text:
                continue
            canonical = self.analyzer.canonical(text)
            k = term_keys(canonical)
            parts.append(k)
            weights.append(np.full(k.shape[0], w))
            if words:
                word_list.extend(self.analyzer.words(text))
        keys = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
        qkeys, inverse = np.unique(keys, return_inverse=True)
        qtf = (
            np.bincount(inverse.ravel(), weights=np.concatenate(weights), minlength=qkeys.shape[0])
            if parts
            else np.zeros(0)
        )
        idf = np.zeros(qkeys.shape[0], dtype=np.float64)
        pos = self.base.postings.lookup(qkeys)
        idf[pos >= 0] = self.base.postings.idf[pos[pos >= 0]]
        delta = self._delta_segment()
        if delta is not None:
            missing = pos < 0
            dpos = delta.postings.lookup(qkeys[missing])
            idf_missing = np.zeros(dpos.shape[0])
            idf_missing[dpos >= 0] = delta.postings.idf[dpos[dpos >= 0]]
            idf[missing] = idf_missing
        vec = qtf * idf
        norm = float(np.sqrt((vec * vec).sum()))
        if vec.shape[0] > self.config.max_query_terms:  # IDF-weighted query term selection
            cut = np.argsort(-vec * idf, kind="stable")[self.config.max_query_terms :]
            vec[cut] = 0.0
        words_found, word_terms = _word_terms(list(dict.fromkeys(word_list)), qkeys)
        posted = parse_day(doc.get("posted"))
        return Query(
            keys=qkeys,
            vec=vec / norm if norm > 0 else vec,
            idf=idf,
            words=words_found,
            word_terms=word_terms,
            meta=self._encode_meta(doc, create=False),
            ref_day=posted or self.max_posted,
        )

    def _mask(self, seg_no: int, seg: Segment, allowed_mask: np.ndarray | None) -> np.ndarray:
        if seg_no == 0:
            if self._base_mask is None:
                self._base_mask = self.base_alive & np.asarray(seg.meta["visible"], dtype=np.bool_)
            mask = self._base_mask
        else:
            mask = np.asarray(self._delta_alive, dtype=np.bool_) & np.asarray(
                seg.meta["visible"], dtype=np.bool_
            )
        return mask & allowed_mask if allowed_mask is not None else mask

    def _buffers(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._scratch is None or self._scratch[0].shape[0] < n:
            self._scratch = (np.zeros(n, np.float32), np.zeros(n, np.float32), np.zeros(n, np.int64))
        return self._scratch

    def _select_terms(self, p: Postings, local: np.ndarray, weights: np.ndarray, n_docs: int) -> np.ndarray:
        """Indexes of the query terms used by the candidate stage: most informative first, skipping
        very common terms, within the postings budget."""
        cfg = self.config
        ok = np.flatnonzero((local >= 0) & (weights > 0))
        if ok.shape[0] == 0:
            return ok
        df = p.df[local[ok]].astype(np.int64)
        order = np.argsort(-weights[ok], kind="stable")
        ok, df = ok[order], df[order]
        common = (df > cfg.max_df_ratio * n_docs) & (df > cfg.min_df_cut)
        keep = ~common
        if not keep.any():
            keep[0] = True
        budget_ok = np.cumsum(np.where(keep, df, 0)) <= cfg.max_postings
        budget_ok[np.argmax(keep)] = True
        return ok[keep & budget_ok]

    def _candidates(
        self, seg_no: int, seg: Segment, q: Query, allowed_mask: np.ndarray | None, pool: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Positions and exact lexical scores of the best candidates of one segment.

        Stage 1 accumulates the selected terms (``_select_terms``); stage 2 adds the exact
        contribution of every other query term to the ``pool`` candidates by galloping search.
        """
        p = seg.postings
        local = p.lookup(q.keys)
        weights = q.vec * q.idf
        chosen = self._select_terms(p, local, weights, seg.size)
        if chosen.shape[0] == 0 or seg.size == 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float64)
        if seg_no == 0:
            acc, tacc, touched = self._buffers(seg.size)
        else:
            acc, tacc, touched = (
                np.zeros(seg.size, np.float32),
                np.zeros(seg.size, np.float32),
                np.zeros(seg.size, np.int64),
            )
        b = np.float32(self.config.title_share)
        top, partial = kernels.candidates(
            p.indptr,
            p.docs,
            p.tf,
            p.tindptr,
            p.tdocs,
            p.ttf,
            max(1, p.n_terms),
            p.n_shards,
            local[chosen],
            weights[chosen].astype(np.float32),
            p.inv_norm,
            p.inv_tnorm,
            b,
            self._mask(seg_no, seg, allowed_mask),
            pool,
            acc,
            tacc,
            touched,
        )
        return self._exact(p, local, weights, chosen, top, partial)

    def _exact(
        self,
        p: Postings,
        local: np.ndarray,
        weights: np.ndarray,
        chosen: np.ndarray,
        top: np.ndarray,
        partial: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Add the exact contribution of the query terms not ``chosen`` to the candidates ``top``."""
        scores = partial.astype(np.float64)
        rest = (local >= 0) & (weights > 0)
        rest[chosen] = False
        if rest.any() and top.shape[0]:
            extra = kernels.rescore(
                p.indptr,
                p.docs,
                p.tf,
                p.tindptr,
                p.tdocs,
                p.ttf,
                max(1, p.n_terms),
                local[rest],
                weights[rest].astype(np.float32),
                top,
                p.inv_norm,
                p.inv_tnorm,
                np.float32(self.config.title_share),
            )
            scores += extra.sum(axis=0, dtype=np.float64)
        return top, scores

    def _contributions(self, seg_no: int, positions: np.ndarray, q: Query) -> np.ndarray:
        """Contribution of every query term to the lexical score of the given documents."""
        seg = self.base if seg_no == 0 else self._delta_segment()
        assert seg is not None
        p = seg.postings
        return kernels.rescore(
            p.indptr,
            p.docs,
            p.tf,
            p.tindptr,
            p.tdocs,
            p.ttf,
            max(1, p.n_terms),
            p.lookup(q.keys),
            (q.vec * q.idf).astype(np.float32),
            positions.astype(np.int64),
            p.inv_norm,
            p.inv_tnorm,
            np.float32(self.config.title_share),
        )

    def _allowed_masks(self, allowed: Allowed, delta: Segment | None) -> tuple[Any, Any]:
        if allowed is None or callable(allowed):
            return None, None
        base_mask = np.zeros(self.base.size, dtype=np.bool_)
        delta_mask = np.zeros(delta.size if delta else 0, dtype=np.bool_)
        for doc_id in allowed:
            key = str(doc_id)
            where = self._delta_index.get(key)
            if where is not None:
                delta_mask[where] = True
                continue
            pos = self._base_pos(key)
            if pos >= 0:
                base_mask[pos] = True
        return base_mask, delta_mask

    def search(
        self, query: Mapping[str, Any], top: int = 10, allowed: Allowed = None, explain: bool = True
    ) -> list[Match]:
        """The ``top`` best documents for ``query`` among those ``allowed`` (ids or predicate).

        The filter is applied before the top-k cut, so every returned document is allowed and the
        list is the best ``top`` of the allowed ones. Documents whose status is not open never appear.
        """
        q = self.analyse_query(query, words=explain)
        delta = self._delta_segment()
        masks = self._allowed_masks(allowed, delta)
        pool = max(self.config.pool, top * 3)
        segments = [(0, self.base)] + ([(1, delta)] if delta is not None else [])
        while True:
            found = []
            saturated = False
            for seg_no, seg in segments:
                positions, contrib = self._candidates(seg_no, seg, q, masks[seg_no], pool)
                saturated |= positions.shape[0] >= pool
                found.append((seg_no, positions, contrib))
            seg_nos = np.concatenate([np.full(p.shape[0], n, np.int8) for n, p, _ in found])
            positions = np.concatenate([p for _, p, _ in found])
            lexical = np.concatenate([c for _, _, c in found])
            if callable(allowed):
                keep = np.asarray(
                    [
                        bool(allowed(self._id(int(n), int(i))))
                        for n, i in zip(seg_nos, positions, strict=True)
                    ],
                    np.bool_,
                )
                seg_nos, positions, lexical = seg_nos[keep], positions[keep], lexical[keep]
            if positions.shape[0] >= top or not saturated or pool >= len(self) + 1:
                break
            pool *= 4
        return self._rank(q, seg_nos, positions, lexical, top, explain)

    def search_many(
        self,
        queries: Iterable[Mapping[str, Any]],
        top: int = 10,
        allowed: Allowed = None,
        explain: bool = True,
    ) -> list[list[Match]]:
        """``[self.search(q, top, allowed, explain) for q in queries]``, with the same results, but the
        candidate stage of the base segment runs for all queries in one kernel call and the
        ``allowed`` filter is resolved once for the batch."""
        queries = list(queries)
        if callable(allowed) or not queries:  # a predicate may need a larger pool: one at a time
            return [self.search(q, top, allowed, explain) for q in queries]
        analysed = [self.analyse_query(q, words=explain) for q in queries]
        delta = self._delta_segment()
        masks = self._allowed_masks(allowed, delta)
        pool = max(self.config.pool, top * 3)
        base, p = self.base, self.base.postings
        plans = []
        for q in analysed:
            local = p.lookup(q.keys)
            weights = q.vec * q.idf
            chosen = self._select_terms(p, local, weights, base.size)
            plans.append((local, weights, chosen if base.size else chosen[:0]))
        qptr = np.zeros(len(plans) + 1, np.int64)
        qptr[1:] = np.cumsum([c.shape[0] for _, _, c in plans])
        tops = np.full((len(plans), pool), -1, np.int64)
        partials = np.zeros((len(plans), pool), np.float32)
        counts = np.zeros(len(plans), np.int64)
        if qptr[-1]:
            acc, tacc, touched = self._buffers(base.size)
            tops, partials, counts = kernels.candidates_many(
                p.indptr,
                p.docs,
                p.tf,
                p.tindptr,
                p.tdocs,
                p.ttf,
                max(1, p.n_terms),
                p.n_shards,
                qptr,
                np.concatenate([local[c] for local, _, c in plans]),
                np.concatenate([w[c].astype(np.float32) for _, w, c in plans]),
                p.inv_norm,
                p.inv_tnorm,
                np.float32(self.config.title_share),
                self._mask(0, base, masks[0]),
                pool,
                acc,
                tacc,
                touched,
            )
        results = []
        for i, q in enumerate(analysed):
            local, weights, chosen = plans[i]
            n = int(counts[i])
            found = [(0, *self._exact(p, local, weights, chosen, tops[i, :n].copy(), partials[i, :n].copy()))]
            if chosen.shape[0] == 0:
                found = [(0, np.zeros(0, np.int64), np.zeros(0, np.float64))]
            if delta is not None:
                found.append((1, *self._candidates(1, delta, q, masks[1], pool)))
            seg_nos = np.concatenate([np.full(pos.shape[0], s, np.int8) for s, pos, _ in found])
            positions = np.concatenate([pos for _, pos, _ in found])
            lexical = np.concatenate([c for _, _, c in found])
            results.append(self._rank(q, seg_nos, positions, lexical, top, explain))
        return results

    def _id(self, seg_no: int, pos: int) -> str:
        seg = self.base if seg_no == 0 else self._delta_segment()
        assert seg is not None
        return bytes(seg.ids[pos]).decode("utf-8")

    def _rank(
        self,
        q: Query,
        seg_nos: np.ndarray,
        positions: np.ndarray,
        lexical: np.ndarray,
        top: int,
        explain: bool,
    ) -> list[Match]:
        if positions.shape[0] == 0:
            return []
        delta = self._delta_segment()
        in_base = seg_nos == 0
        cand_meta = {}
        for k in META_DTYPES:
            values = np.zeros(positions.shape[0], dtype=META_DTYPES[k])
            values[in_base] = self.base.meta[k][positions[in_base]]
            if delta is not None and not in_base.all():
                values[~in_base] = delta.meta[k][positions[~in_base]]
            cand_meta[k] = values
        effects = signal_effects(q.meta, cand_meta, q.ref_day)
        factor = 1.0 + (sum(effects.values()) if effects else 0.0)
        scores = lexical * np.maximum(factor, 0.05)
        order = np.argsort(-scores, kind="mergesort")[:top]
        shared: dict[int, tuple[list[str], float]] = {}
        if explain:
            for seg_no in (0, 1):
                mine = order[seg_nos[order] == seg_no]
                if mine.shape[0]:
                    matrix = self._contributions(seg_no, positions[mine], q)
                    shared |= dict(zip(mine.tolist(), self.shared_terms(q, matrix), strict=True))
        names = {t: {v: k for k, v in codes.items()} for t, codes in self.tables.items()} if explain else {}
        matches = []
        for j in order.tolist():
            reasons = (
                self._reasons(
                    shared[j],
                    names,
                    q,
                    float(scores[j]),
                    float(lexical[j]),
                    {k: float(v[j]) * float(lexical[j]) for k, v in effects.items()},
                    cand_meta,
                    j,
                )
                if explain
                else []
            )
            matches.append(
                Match(self._id(int(seg_nos[j]), int(positions[j])), finite(float(scores[j])), reasons)
            )
        return matches

    def shared_terms(self, q: Query, contrib: np.ndarray, limit: int = 8) -> list[tuple[list[str], float]]:
        """For each column of ``contrib`` (term contributions of one document): the query's words the
        document also contains (every term of the word matched), most specific first, and the part of
        the lexical score carried by their terms."""
        n_docs = contrib.shape[1]
        if not q.words:
            return [([], 0.0)] * n_docs
        idx = q.word_terms
        present = np.vstack([contrib > 0, np.ones((1, n_docs), np.bool_)])  # row -1: padding
        has = present[idx].all(axis=1)  # [n_words, n_docs]
        member = np.zeros((idx.shape[0], q.keys.shape[0] + 1), np.float32)
        np.put_along_axis(member, np.where(idx >= 0, idx, q.keys.shape[0]), 1.0, axis=1)
        covered = (has.T.astype(np.float32) @ member[:, :-1]) > 0  # [n_docs, n_terms]
        in_words = (contrib.T * covered).sum(axis=1, dtype=np.float64)
        specificity = np.where(idx >= 0, q.idf[idx], 0.0).max(axis=1)
        rank = np.argsort(-specificity, kind="stable")
        out = []
        for j in range(n_docs):
            words = [q.words[i] for i in rank[has[rank, j]][:limit].tolist()]
            out.append((words, float(in_words[j])))
        return out

    def _reasons(
        self,
        shared: tuple[list[str], float],
        names: dict[str, dict[int, str]],
        q: Query,
        score: float,
        lexical: float,
        effects: dict[str, float],
        cand_meta: dict[str, np.ndarray],
        j: int,
    ) -> list[dict[str, Any]]:
        total = score if score > 0 else 1.0
        terms, in_words = shared
        reasons: list[dict[str, Any]] = [
            {"kind": "terms", "terms": terms, "share": finite(min(in_words, lexical) / total)},
            {
                "kind": "text",
                "value": "character bigram overlap",
                "share": finite(max(lexical - in_words, 0.0) / total),
            },
        ]
        for kind, contribution in effects.items():
            if contribution == 0.0:
                continue
            value: Any = int(cand_meta["posted" if kind == "recency" else kind][j])
            if kind in names:
                value = names[kind].get(value)
            elif kind == "party":
                value = _describe_party(q.meta["party"], value)
            elif kind == "trl":
                value = {"needed": q.meta["trl"], "offered": value}
            elif kind == "form":
                value = _form_names(value & q.meta["form"])
            elif kind == "recency":
                value = _iso_day(value)
            reasons.append({"kind": kind, "value": value, "share": finite(contribution / total)})
        return reasons

    # ----------------------------------------------------------------- persistence
    def save(self, directory: str | os.PathLike[str]) -> None:
        """Compact and write the index to ``directory`` (created if needed)."""
        self.compact()
        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        arrays = {"ids": self.base.ids, "alive": self.base_alive}
        arrays |= {f"p_{name}": getattr(self.base.postings, name) for name in POSTING_ARRAYS}
        arrays |= {f"meta_{k}": v for k, v in self.base.meta.items()}
        for name, arr in arrays.items():
            np.save(path / f"{name}.npy", np.asarray(arr), allow_pickle=False)
        manifest = {
            "format": FORMAT_VERSION,
            "size": self.base.size,
            "config": asdict(self.config),
            "tables": self.tables,
            "max_posted": self.max_posted,
        }
        (path / "index.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def open(cls, directory: str | os.PathLike[str], mmap: bool = True) -> Index:
        """Open a saved index; arrays are memory-mapped read-only unless ``mmap`` is False."""
        path = Path(directory)
        manifest = json.loads((path / "index.json").read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT_VERSION:
            raise ValueError(f"unsupported index format in {path} (rebuild the index)")
        known = Config.__dataclass_fields__
        config = Config(
            **{k: tuple(v) if isinstance(v, list) else v for k, v in manifest["config"].items() if k in known}
        )
        index = cls(config)
        mode = "r" if mmap else None

        def load(name: str) -> np.ndarray:  # plain ndarray views of the maps (cheaper indexing)
            return np.asarray(np.load(path / f"{name}.npy", mmap_mode=mode, allow_pickle=False))

        postings = Postings(**{name: load(f"p_{name}") for name in POSTING_ARRAYS})
        index.tables = {k: dict(v) for k, v in manifest["tables"].items()}
        index._install(Segment(load("ids"), postings, {k: load(f"meta_{k}") for k in META_DTYPES}))
        index.base_alive = np.array(load("alive"), dtype=np.bool_)
        index._base_live = int(index.base_alive.sum())
        index.max_posted = int(manifest["max_posted"])
        return index


def _word_terms(words: list[str], qkeys: np.ndarray) -> tuple[list[str], np.ndarray]:
    """Words all of whose terms are among ``qkeys``, with the positions of those terms (-1 padded)."""
    keys, owner = batch_keys(words)
    if not keys.shape[0] or not qkeys.shape[0]:
        return [], np.zeros((0, 1), np.int64)
    pos = np.minimum(np.searchsorted(qkeys, keys), qkeys.shape[0] - 1)
    ok = qkeys[pos] == keys
    bad = set(owner[~ok].tolist())
    by_word: dict[int, list[int]] = {}
    for o, p in zip(owner.tolist(), pos.tolist(), strict=True):
        if o not in bad:
            by_word.setdefault(o, []).append(p)
    kept = sorted(by_word)
    width = max((len(v) for v in by_word.values()), default=1)
    table = np.full((len(kept), width), -1, dtype=np.int64)
    for row, o in enumerate(kept):
        table[row, : len(by_word[o])] = by_word[o]
    return [words[o] for o in kept], table


def _empty_meta(n: int) -> dict[str, np.ndarray]:
    return {k: np.zeros(n, dtype=kind) for k, kind in META_DTYPES.items()}


def _encode_ids(ids: list[str]) -> np.ndarray:
    encoded = [i.encode("utf-8") for i in ids]
    width = max((len(e) for e in encoded), default=1) or 1
    return np.asarray(encoded, dtype=f"S{width}")


def _unique_last(docs: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Documents with distinct ids; a later document replaces an earlier one with the same id."""
    by_id: dict[str, Mapping[str, Any]] = {}
    for doc in docs:
        by_id.pop(str(doc["id"]), None)
        by_id[str(doc["id"])] = doc
    return list(by_id.values())


def _describe_party(query_party: int, doc_party: int) -> dict[str, str]:
    return {"demand": PARTY_NAMES.get(query_party, "other"), "offering": PARTY_NAMES.get(doc_party, "other")}


def _form_names(mask: int) -> list[str]:
    names = ["transfer", "licence", "development", "equity", "production", "service"]
    return [name for bit, name in enumerate(names) if mask & (1 << bit)]


def _iso_day(day: int) -> str | None:
    return (EPOCH + dt.timedelta(days=day)).isoformat() if day > 0 else None
