"""Matching speed and memory at catalogue sizes of 10k, 100k, 1M offerings.

    .venv/bin/python bench/matching.py --sizes 10000,100000 --queries 1000

Catalogues are the real listings of ``sifang/demo/data/offerings.jsonl`` extended with synthetic
offerings: a real title plus real sentences recombined to the length of a real text (seed 7).
Queries are real demands (title + text). Peers index the *same* word tokens (our analyzer):
bm25s (numba backend), tantivy (whitespace tokenizer over the tokens) and SQLite FTS5 (bm25()).
For the engine, build time includes segmentation (2 processes) and both token spaces; search
includes character bigrams, visibility filter, signals and reasons. The engine's batch figure is
2 processes that `Index.open` one saved copy and answer chunks of 50 queries with `search_many`.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import multiprocessing
import random
import re
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sifang.matcher import Index  # noqa: E402
from sifang.matcher.text import default_analyzer  # noqa: E402

DATA = ROOT / "sifang" / "demo" / "data"


def load(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def catalogue(size: int, seed: int = 7) -> list[dict]:
    """Real offerings, then synthetic ones made of recombined real sentences."""
    real = load("offerings.jsonl")
    sentences = [s for o in real for s in re.split(r"(?<=[。；！？])", o["text"]) if len(s) > 4]
    rng = random.Random(seed)
    docs = [{"id": o["id"], "title": o["title"], "text": o["text"]} for o in real[:size]]
    while len(docs) < size:
        model = real[rng.randrange(len(real))]
        text, target = "", len(model["text"])
        while len(text) < target:
            text += sentences[rng.randrange(len(sentences))]
        docs.append(
            {"id": f"syn-{len(docs)}", "title": real[rng.randrange(len(real))]["title"], "text": text}
        )
    return docs


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def latencies(search: Callable[[dict], object], queries: list[dict]) -> tuple[float, float, float, float]:
    """Wall-clock p50 and p95 (ms), queries per second, and CPU ms per query of this process."""
    times = []
    start = time.perf_counter()
    cpu = time.process_time()
    for q in queries:
        t = time.perf_counter()
        search(q)
        times.append(time.perf_counter() - t)
    total = time.perf_counter() - start
    cpu_ms = (time.process_time() - cpu) / len(queries) * 1e3
    return (
        float(np.percentile(times, 50) * 1e3),
        float(np.percentile(times, 95) * 1e3),
        len(queries) / total,
        cpu_ms,
    )


_WORKER: Index | None = None


def _init_worker(path: str) -> None:
    global _WORKER
    _WORKER = Index.open(path)


def _search_chunk(queries: list[dict]) -> int:
    assert _WORKER is not None
    return sum(len(matches) for matches in _WORKER.search_many(queries, top=10))


def engine(docs: list[dict], queries: list[dict], workers: int) -> dict:
    gc.collect()
    before = rss_mb()
    t = time.perf_counter()
    cpu0 = _cpu_with_children()
    index = Index.build(docs, workers=workers)
    build = time.perf_counter() - t
    build_cpu = _cpu_with_children() - cpu0
    rss_built = rss_mb() - before
    index.search(queries[0])  # jit warm-up
    p50, p95, qps, cpu = latencies(functools.partial(index.search, top=10), queries)
    with tempfile.TemporaryDirectory() as tmp:
        index.save(tmp)
        disk = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 2**20
        del index
        gc.collect()
        base = rss_mb()
        t = time.perf_counter()
        opened = Index.open(tmp)
        open_s = time.perf_counter() - t
        opened.search(queries[0])
        latencies(functools.partial(opened.search, top=10), queries[:200])
        rss_open = rss_mb() - base
        chunks = [queries[i : i + 50] for i in range(0, len(queries), 50)]
        with multiprocessing.get_context("fork").Pool(workers, _init_worker, (tmp,)) as pool:
            pool.map(_search_chunk, chunks[:2])
            t = time.perf_counter()
            pool.map(_search_chunk, chunks)
            batch = len(queries) / (time.perf_counter() - t)
    return {
        "build_s": build,
        "build_cpu_s": build_cpu,
        "rss_build_mb": rss_built,
        "rss_open_mb": rss_open,
        "disk_mb": disk,
        "open_s": open_s,
        "p50_ms": p50,
        "p95_ms": p95,
        "single_qps": qps,
        "cpu_ms": cpu,
        "batch_qps": batch,
    }


def _cpu_with_children() -> float:
    t = psutil.Process().cpu_times()
    return t.user + t.system + t.children_user + t.children_system


def _words(texts: list[str]) -> list[str]:
    analyzer = default_analyzer()
    return [" ".join(analyzer.words(text)) for text in texts]


def tokens_of(docs: list[dict], workers: int = 2) -> list[str]:
    """Our analyzer's words of title + text, space-joined (one string a document keeps 1M
    documents in a few GB; lists of word strings did not fit next to the catalogue)."""
    texts = [d["title"] + "。" + d["text"] for d in docs]
    if workers <= 1 or len(texts) < 20000:
        return _words(texts)
    chunks = [texts[i : i + 5000] for i in range(0, len(texts), 5000)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return [words for part in pool.map(_words, chunks) for words in part]


def peer_bm25s(doc_tokens: list[str], query_tokens: list[list[str]]) -> dict:
    import bm25s

    before = rss_mb()
    t = time.perf_counter()
    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(w, len(vocab)) for w in doc.split()] for doc in doc_tokens]
    model = bm25s.BM25(backend="numba")
    model.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)
    build = time.perf_counter() - t
    qs = [[w for w in q if w in vocab] or [next(iter(vocab))] for q in query_tokens]
    model.retrieve([qs[0]], k=10, show_progress=False)
    p50, p95, qps, cpu = latencies(lambda q: model.retrieve([q], k=10, show_progress=False), qs)
    t = time.perf_counter()
    model.retrieve(qs, k=10, show_progress=False, n_threads=2)
    batch = len(qs) / (time.perf_counter() - t)
    return {
        "build_s": build,
        "rss_build_mb": rss_mb() - before,
        "p50_ms": p50,
        "p95_ms": p95,
        "single_qps": qps,
        "cpu_ms": cpu,
        "batch_qps": batch,
    }


def peer_tantivy(doc_tokens: list[str], query_tokens: list[list[str]]) -> dict:
    import tantivy

    before = rss_mb()
    t = time.perf_counter()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=False, tokenizer_name="whitespace")
    builder.add_integer_field("n", stored=True)
    schema = builder.build()
    tmp = tempfile.mkdtemp()
    index = tantivy.Index(schema, path=tmp)
    writer = index.writer(heap_size=512 * 2**20, num_threads=2)
    for i, doc in enumerate(doc_tokens):
        writer.add_document(tantivy.Document(body=doc, n=i))
    writer.commit()
    index.reload()
    build = time.perf_counter() - t
    searcher = index.searcher()

    def search(q: list[str]) -> object:
        terms = " OR ".join(f'"{w}"' for w in q[:64] if '"' not in w) or '"x"'
        return searcher.search(index.parse_query(terms, ["body"]), 10).hits

    search(query_tokens[0])
    p50, p95, qps, cpu = latencies(search, query_tokens)
    return {
        "build_s": build,
        "rss_build_mb": rss_mb() - before,
        "p50_ms": p50,
        "p95_ms": p95,
        "single_qps": qps,
        "cpu_ms": cpu,
        "batch_qps": float("nan"),
    }


def peer_sqlite(doc_tokens: list[str], query_tokens: list[list[str]]) -> dict:
    before = rss_mb()
    t = time.perf_counter()
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='unicode61')")
    db.executemany("INSERT INTO docs(body) VALUES (?)", ((d,) for d in doc_tokens))
    db.commit()
    build = time.perf_counter() - t

    def search(q: list[str]) -> object:
        expr = " OR ".join('"' + w.replace('"', "") + '"' for w in q[:64]) or '"x"'
        return db.execute(
            "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10", (expr,)
        ).fetchall()

    p50, p95, qps, cpu = latencies(search, query_tokens)
    return {
        "build_s": build,
        "rss_build_mb": rss_mb() - before,
        "p50_ms": p50,
        "p95_ms": p95,
        "single_qps": qps,
        "cpu_ms": cpu,
        "batch_qps": float("nan"),
    }


def row(size: int, name: str, r: dict) -> None:
    rss_open = r.get("rss_open_mb", float("nan"))
    print(
        f"{name:<8} {r['build_s']:>8.1f} {r.get('build_cpu_s', float('nan')):>11.1f} "
        f"{r['rss_build_mb']:>8.0f} {r['rss_build_mb'] * 2**20 / size:>8.0f} {r['p50_ms']:>7.2f} "
        f"{r['p95_ms']:>7.2f} {r['cpu_ms']:>8.2f} {r['single_qps']:>10.0f} {r['batch_qps']:>9.0f} "
        f"{r.get('open_s', float('nan')):>7.2f} {r.get('disk_mb', float('nan')):>8.0f} "
        f"{rss_open:>11.0f} {rss_open * 2**20 / size:>12.0f}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--peers", default="bm25s,tantivy,sqlite")
    args = parser.parse_args()
    demands = [{"id": d["id"], "title": d["title"], "text": d["text"]} for d in load("demands.jsonl")]
    queries = [demands[i % len(demands)] for i in range(args.queries)]
    peers = {"bm25s": peer_bm25s, "tantivy": peer_tantivy, "sqlite": peer_sqlite}
    print(
        f"machine: {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GB; "
        f"queries: {len(queries)} real demands; load average at start {psutil.getloadavg()[0]:.1f}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        docs = catalogue(size)
        print(f"\n## {size:,} offerings (load average now {psutil.getloadavg()[0]:.1f})")
        print(
            f"{'system':<8} {'build s':>8} {'build CPU s':>11} {'RSS MB':>8} {'B/offer':>8} {'p50 ms':>7} "
            f"{'p95 ms':>7} {'CPU ms/q':>8} {'1-proc q/s':>10} {'batch q/s':>9} {'open s':>7} {'disk MB':>8} "
            f"{'RSS open MB':>11} {'B/offer open':>12}",
            flush=True,
        )
        row(size, "engine", engine(docs, queries, args.workers))
        t = time.perf_counter()
        doc_tokens = tokens_of(docs, args.workers)
        seg = time.perf_counter() - t
        query_tokens = [q.split() for q in tokens_of(queries, 1)]
        del docs
        gc.collect()
        print(f"(peer segmentation, {args.workers} processes, not in peer build: {seg:.1f} s)", flush=True)
        for name in args.peers.split(","):
            if name:
                row(size, name, peers[name](doc_tokens, query_tokens))
        print(f"(load average at the end: {psutil.getloadavg()[0]:.1f})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
