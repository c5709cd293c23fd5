"""Numba kernels: per-document term frequencies, sharded CSR postings, candidate accumulation with
top-k selection, and exact re-scoring of candidates (galloping search in document order).

Postings layout (``Postings`` in ``index.py``): documents are cut into *shards* of ``SHARD`` =
65,536 consecutive document numbers, so a posting stores only the low 16 bits of its document
(``uint16``) and its weighted term frequency (``uint8``): 3 bytes. ``indptr`` has one entry per
(shard, term): the postings of term ``t`` in shard ``s`` are ``indptr[s*V + t] : indptr[s*V + t + 1]``,
document numbers ascending. Scores are TF-IDF cosines: IDF and the document norms live in separate
arrays, so the stored frequencies are exact integers (no quantisation error).
"""

from __future__ import annotations

import numpy as np
from numba import njit

SHARD_BITS = 16
SHARD = 1 << SHARD_BITS
TF_MAX = 255


@njit(cache=True)
def doc_terms(terms, docs, weights, title):  # pragma: no cover - jit
    """Aggregate token occurrences into unique (doc, term) rows.

    Input rows are grouped by document (``docs`` non-decreasing). Returns ``(terms, docs, tf, ttf)``
    sorted by document then term, where ``tf`` is the sum of ``weights`` (field weights, capped at
    ``TF_MAX``) and ``ttf`` the number of occurrences with ``title`` set (capped as well).
    """
    n = terms.shape[0]
    out_t = np.empty(n, dtype=np.int32)
    out_d = np.empty(n, dtype=np.int32)
    out_tf = np.empty(n, dtype=np.uint8)
    out_ttf = np.empty(n, dtype=np.uint8)
    pos = 0
    start = 0
    while start < n:
        end = start
        while end < n and docs[end] == docs[start]:
            end += 1
        order = np.argsort(terms[start:end], kind="mergesort")
        current = -1
        tf = 0
        ttf = 0
        for j in range(order.shape[0]):
            i = start + order[j]
            t = terms[i]
            if t != current:
                if current >= 0:
                    out_t[pos] = current
                    out_d[pos] = docs[start]
                    out_tf[pos] = min(tf, TF_MAX)
                    out_ttf[pos] = min(ttf, TF_MAX)
                    pos += 1
                current = t
                tf = 0
                ttf = 0
            tf += weights[i]
            if title[i]:
                ttf += 1
        if current >= 0:
            out_t[pos] = current
            out_d[pos] = docs[start]
            out_tf[pos] = min(tf, TF_MAX)
            out_ttf[pos] = min(ttf, TF_MAX)
            pos += 1
        start = end
    return out_t[:pos], out_d[:pos], out_tf[:pos], out_ttf[:pos]


@njit(cache=True)
def sharded_csr(terms, docs, vals, n_terms, n_shards):  # pragma: no cover - jit
    """Stable counting sort of (term, doc, value) rows into the sharded layout.

    Returns ``(indptr, docs16, vals)`` with an ``int64`` indptr (the caller narrows it to ``uint32``
    when the postings fit). Rows of one term must come in ascending document order (they stay so).
    """
    size = n_shards * n_terms
    counts = np.zeros(size + 1, dtype=np.int64)
    for i in range(terms.shape[0]):
        counts[(docs[i] >> SHARD_BITS) * n_terms + terms[i] + 1] += 1
    for k in range(size):
        counts[k + 1] += counts[k]
    fill = counts[:-1].copy()
    out_docs = np.empty(docs.shape[0], dtype=np.uint16)
    out_vals = np.empty(vals.shape[0], dtype=np.uint8)
    for i in range(terms.shape[0]):
        key = (docs[i] >> SHARD_BITS) * n_terms + terms[i]
        p = fill[key]
        out_docs[p] = docs[i] & (SHARD - 1)
        out_vals[p] = vals[i]
        fill[key] = p + 1
    return counts, out_docs, out_vals


@njit(cache=True)
def decode(indptr, docs16, vals, n_terms):  # pragma: no cover - jit
    """Inverse of ``sharded_csr``: ``(terms, docs, vals)`` in (shard, term, doc) order."""
    n = docs16.shape[0]
    out_t = np.empty(n, dtype=np.int32)
    out_d = np.empty(n, dtype=np.int64)
    size = indptr.shape[0] - 1
    for key in range(size):
        s = key // n_terms
        t = key - s * n_terms
        for p in range(indptr[key], indptr[key + 1]):
            out_t[p] = t
            out_d[p] = (s << SHARD_BITS) + docs16[p]
    return out_t, out_d, vals.copy()


@njit(cache=True)
def squared_norms(terms, docs, vals, idf, n_docs):  # pragma: no cover - jit
    """``sum((val * idf[term])**2)`` per document."""
    out = np.zeros(n_docs, dtype=np.float64)
    for i in range(terms.shape[0]):
        x = vals[i] * idf[terms[i]]
        out[docs[i]] += x * x
    return out


@njit(cache=True)
def _heap_push(heap_s, heap_i, size, k, s, d):  # pragma: no cover - jit
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
    return size


@njit(cache=True)
def candidates(
    indptr,
    docs16,
    tf,
    tindptr,
    tdocs16,
    ttf,
    n_terms,
    n_shards,
    qterms,
    qweights,
    inv_norm,
    inv_tnorm,
    title_share,
    mask,
    k,
    acc,
    tacc,
    touched,
):  # pragma: no cover - jit
    """The ``k`` best documents by ``(1-b)*cos(full) + b*cos(title)`` over the given query terms.

    ``acc``/``tacc``/``touched`` are scratch buffers of the collection size; they are left zeroed.
    Documents outside ``mask`` or with a zero score are never returned. Sorted best first.
    """
    n_touched = 0
    for s in range(n_shards):
        base = s << SHARD_BITS
        for i in range(qterms.shape[0]):
            key = s * n_terms + qterms[i]
            w = qweights[i]
            for p in range(indptr[key], indptr[key + 1]):
                d = base + docs16[p]
                if acc[d] == 0.0 and tacc[d] == 0.0:
                    touched[n_touched] = d
                    n_touched += 1
                acc[d] += w * tf[p]
            for p in range(tindptr[key], tindptr[key + 1]):
                d = base + tdocs16[p]
                if acc[d] == 0.0 and tacc[d] == 0.0:
                    touched[n_touched] = d
                    n_touched += 1
                tacc[d] += w * ttf[p]
    heap_s = np.zeros(k, dtype=np.float32)
    heap_i = np.full(k, -1, dtype=np.int64)
    size = 0
    b = title_share
    for j in range(n_touched):
        d = touched[j]
        s = (1.0 - b) * acc[d] * inv_norm[d] + b * tacc[d] * inv_tnorm[d]
        acc[d] = 0.0
        tacc[d] = 0.0
        if s > 0.0 and mask[d]:
            size = _heap_push(heap_s, heap_i, size, k, s, d)
    order = np.argsort(-heap_s[:size], kind="mergesort")
    return heap_i[:size][order], heap_s[:size][order]


@njit(cache=True)
def _gallop(docs16, lo, stop, x):  # pragma: no cover - jit
    """First position ``p`` in ``[lo, stop)`` with ``docs16[p] >= x`` (``stop`` if none), searching
    exponentially from ``lo``: cheap when successive targets are close."""
    if lo >= stop or docs16[lo] >= x:
        return lo
    bound = np.int64(1)
    while lo + bound < stop and docs16[lo + bound] < x:
        bound *= 2
    left = lo + bound // 2 + 1
    right = min(lo + bound, stop)
    while left < right:
        mid = (left + right) // 2
        if docs16[mid] < x:
            left = mid + 1
        else:
            right = mid
    return left


@njit(cache=True)
def rescore(
    indptr,
    docs16,
    tf,
    tindptr,
    tdocs16,
    ttf,
    n_terms,
    qterms,
    qweights,
    cands,
    inv_norm,
    inv_tnorm,
    title_share,
):  # pragma: no cover - jit
    """Exact contribution ``out[i, j]`` of query term ``i`` to the lexical score of ``cands[j]``.

    ``qterms[i] < 0`` marks a term absent from this segment (contribution 0). Term by term, the
    candidates are visited in document order, so each postings list is searched forward once
    (galloping from the previous hit) instead of by one binary search per candidate.
    """
    out = np.zeros((qterms.shape[0], cands.shape[0]), dtype=np.float32)
    b = title_share
    order = np.argsort(cands, kind="mergesort")
    for i in range(qterms.shape[0]):
        t = qterms[i]
        if t < 0:
            continue
        shard = np.int64(-1)
        lo = np.int64(0)
        stop = np.int64(0)
        tlo = np.int64(0)
        tstop = np.int64(0)
        for jj in range(order.shape[0]):
            j = order[jj]
            d = cands[j]
            s = d >> SHARD_BITS
            x = d & (SHARD - 1)
            if s != shard:
                shard = s
                key = s * n_terms + t
                lo = np.int64(indptr[key])
                stop = np.int64(indptr[key + 1])
                tlo = np.int64(tindptr[key])
                tstop = np.int64(tindptr[key + 1])
            lo = _gallop(docs16, lo, stop, x)
            if lo >= stop or docs16[lo] != x:
                continue
            c = (1.0 - b) * inv_norm[d] * tf[lo]
            tlo = _gallop(tdocs16, tlo, tstop, x)
            if tlo < tstop and tdocs16[tlo] == x:
                c += b * inv_tnorm[d] * ttf[tlo]
            out[i, j] = qweights[i] * c
    return out


@njit(cache=True)
def candidates_many(
    indptr,
    docs16,
    tf,
    tindptr,
    tdocs16,
    ttf,
    n_terms,
    n_shards,
    qptr,
    qterms,
    qweights,
    inv_norm,
    inv_tnorm,
    title_share,
    mask,
    k,
    acc,
    tacc,
    touched,
):  # pragma: no cover - jit
    """``candidates`` for a batch of queries in one call: query ``i`` uses the terms
    ``qterms[qptr[i]:qptr[i + 1]]``. Returns ``(docs, scores, counts)``: row ``i`` holds the
    ``counts[i]`` best documents of query ``i``, best first (the rest is padding)."""
    n_queries = qptr.shape[0] - 1
    out_i = np.full((n_queries, k), -1, dtype=np.int64)
    out_s = np.zeros((n_queries, k), dtype=np.float32)
    counts = np.zeros(n_queries, dtype=np.int64)
    for i in range(n_queries):
        lo = qptr[i]
        hi = qptr[i + 1]
        if hi == lo:
            continue
        top, scores = candidates(
            indptr,
            docs16,
            tf,
            tindptr,
            tdocs16,
            ttf,
            n_terms,
            n_shards,
            qterms[lo:hi],
            qweights[lo:hi],
            inv_norm,
            inv_tnorm,
            title_share,
            mask,
            k,
            acc,
            tacc,
            touched,
        )
        n = top.shape[0]
        counts[i] = n
        out_i[i, :n] = top
        out_s[i, :n] = scores
    return out_i, out_s, counts
