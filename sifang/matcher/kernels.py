"""Numba kernels: per-document BM25F impacts, CSR construction, scoring and top-k selection.

Impacts are the BM25F term-frequency part ``tf~ (k1 + 1) / (k1 + tf~)`` divided by ``k1 + 1`` and
quantised to ``uint16`` (``IMPACT_SCALE`` = 1.0). The IDF part is applied at query time, so a live
index can add documents without touching stored impacts.
"""

from __future__ import annotations

import numpy as np
from numba import njit

IMPACT_SCALE = 65535.0


@njit(cache=True)
def doc_impacts(terms, fields, doc_ptr, field_weight, field_b, avg_len, k1):  # pragma: no cover - jit
    """Unique (term, doc, impact) triples of every document.

    ``terms``/``fields`` are the concatenated token ids and field numbers of all documents,
    ``doc_ptr`` the offsets of each document. Returns ``(out_terms, out_docs, out_imps)`` sorted by
    document, then term.
    """
    n_docs = doc_ptr.shape[0] - 1
    n_fields = field_weight.shape[0]
    out_terms = np.empty(terms.shape[0], dtype=np.int32)
    out_docs = np.empty(terms.shape[0], dtype=np.int32)
    out_imps = np.empty(terms.shape[0], dtype=np.uint16)
    lengths = np.zeros(n_fields, dtype=np.float64)
    norm = np.zeros(n_fields, dtype=np.float64)
    pos = 0
    for d in range(n_docs):
        start, end = doc_ptr[d], doc_ptr[d + 1]
        if end == start:
            continue
        lengths[:] = 0.0
        for i in range(start, end):
            lengths[fields[i]] += 1.0
        for f in range(n_fields):
            denom = 1.0 - field_b[f] + field_b[f] * lengths[f] / max(avg_len[f], 1.0)
            norm[f] = field_weight[f] / denom
        order = np.argsort(terms[start:end], kind="mergesort")
        current = -1
        tf = 0.0
        for j in range(order.shape[0]):
            i = start + order[j]
            t = terms[i]
            if t != current:
                if current >= 0:
                    out_terms[pos] = current
                    out_docs[pos] = d
                    out_imps[pos] = np.uint16(IMPACT_SCALE * tf / (k1 + tf) + 0.5)
                    pos += 1
                current = t
                tf = 0.0
            tf += norm[fields[i]]
        out_terms[pos] = current
        out_docs[pos] = d
        out_imps[pos] = np.uint16(IMPACT_SCALE * tf / (k1 + tf) + 0.5)
        pos += 1
    return out_terms[:pos], out_docs[:pos], out_imps[:pos]


@njit(cache=True)
def csr_from_triples(terms, docs, imps, space):  # pragma: no cover - jit
    """Stable counting sort of postings by term: ``(indptr, docs, imps)``; docs stay ascending."""
    indptr = np.zeros(space + 1, dtype=np.int64)
    for i in range(terms.shape[0]):
        indptr[terms[i] + 1] += 1
    for t in range(space):
        indptr[t + 1] += indptr[t]
    fill = indptr[:-1].copy()
    out_docs = np.empty(docs.shape[0], dtype=np.int32)
    out_imps = np.empty(imps.shape[0], dtype=np.uint16)
    for i in range(terms.shape[0]):
        p = fill[terms[i]]
        out_docs[p] = docs[i]
        out_imps[p] = imps[i]
        fill[terms[i]] = p + 1
    return indptr, out_docs, out_imps


@njit(cache=True)
def accumulate(indptr, docs, imps, qterms, qweights, acc):  # pragma: no cover - jit
    """Add ``qweight * impact`` of every posting of every query term to ``acc``."""
    for i in range(qterms.shape[0]):
        t = qterms[i]
        w = qweights[i] / IMPACT_SCALE
        for p in range(indptr[t], indptr[t + 1]):
            acc[docs[p]] += w * imps[p]


@njit(cache=True)
def fused_top(acc_words, acc_grams, alpha, mask, k):  # pragma: no cover - jit
    """Indices and scores of the ``k`` best ``alpha*words + (1-alpha)*grams`` among ``mask``.

    A bounded min-heap; documents with a zero score are never returned. Sorted best first.
    """
    heap_s = np.zeros(k, dtype=np.float32)
    heap_i = np.full(k, -1, dtype=np.int64)
    size = 0
    beta = 1.0 - alpha
    for d in range(acc_words.shape[0]):
        s = alpha * acc_words[d] + beta * acc_grams[d]
        if s <= 0.0 or not mask[d]:
            continue
        if size < k:
            j = size
            size += 1
            heap_s[j] = s
            heap_i[j] = d
            while j > 0:
                parent = (j - 1) // 2
                if heap_s[parent] <= heap_s[j]:
                    break
                heap_s[parent], heap_s[j] = heap_s[j], heap_s[parent]
                heap_i[parent], heap_i[j] = heap_i[j], heap_i[parent]
                j = parent
        elif s > heap_s[0]:
            heap_s[0] = s
            heap_i[0] = d
            j = 0
            while True:
                left = 2 * j + 1
                small = j
                if left < size and heap_s[left] < heap_s[small]:
                    small = left
                if left + 1 < size and heap_s[left + 1] < heap_s[small]:
                    small = left + 1
                if small == j:
                    break
                heap_s[small], heap_s[j] = heap_s[j], heap_s[small]
                heap_i[small], heap_i[j] = heap_i[j], heap_i[small]
                j = small
    order = np.argsort(-heap_s[:size], kind="mergesort")
    return heap_i[:size][order], heap_s[:size][order]


@njit(cache=True)
def postings_contain(indptr, docs, qterms, targets):  # pragma: no cover - jit
    """``out[i, j]`` is True when document ``targets[j]`` has a posting for ``qterms[i]``."""
    out = np.zeros((qterms.shape[0], targets.shape[0]), dtype=np.bool_)
    for i in range(qterms.shape[0]):
        t = qterms[i]
        lo0, hi0 = indptr[t], indptr[t + 1]
        for j in range(targets.shape[0]):
            lo, hi = lo0, hi0
            x = targets[j]
            while lo < hi:
                mid = (lo + hi) // 2
                if docs[mid] < x:
                    lo = mid + 1
                else:
                    hi = mid
            out[i, j] = lo < hi0 and docs[lo] == x
    return out
