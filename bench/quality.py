"""Matching quality on the labelled development set (bench/data/qrels.jsonl).

    .venv/bin/python bench/quality.py                 # NDCG@10, Recall@10, MRR for 3 methods
    .venv/bin/python bench/quality.py --dump-pool 15  # pooled candidates to label (JSON Lines)

Methods, all on texts alone (id, title, text; no cluster, party or other metadata):

- ``bm25``: plain BM25 (bm25s, k1=1.5, b=0.75) over rjieba tokens of title + text.
- ``bigram``: character-bigram TF-IDF cosine (raw tf, smoothed idf, l2 norm), title repeated 3×.
- ``engine``: ``sifang.matcher.Index`` with its default configuration.

Every offering of ``sifang/demo/data/offerings.jsonl`` is a candidate. Gains are the graded labels
(2 core need, 1 partly useful, 0 shared words only); unlabelled offerings count as 0.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT / "sifang" / "demo" / "data"
QRELS = ROOT / "bench" / "data" / "qrels.jsonl"
Ranker = Callable[[dict], list[str]]


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def text_only(doc: dict) -> dict:
    """The record as the evaluation sees it: id, title and text only."""
    return {"id": doc["id"], "title": doc.get("title") or "", "text": doc.get("text") or ""}


def bm25_ranker(offerings: list[dict], k: int) -> Ranker:
    """Plain BM25 over rjieba tokens (punctuation and whitespace dropped)."""
    import bm25s
    import rjieba

    def tokens(text: str) -> list[str]:
        text = unicodedata.normalize("NFKC", text).lower()
        return [t for t in rjieba.cut(text) if re.search(r"\w", t)]

    ids = [o["id"] for o in offerings]
    retriever = bm25s.BM25(k1=1.5, b=0.75)
    corpus = [tokens(o["title"] + " " + o["text"]) for o in offerings]
    vocab: dict[str, int] = {}
    corpus_ids = [[vocab.setdefault(t, len(vocab)) for t in doc] for doc in corpus]
    retriever.index(bm25s.tokenization.Tokenized(ids=corpus_ids, vocab=vocab), show_progress=False)

    def rank(query: dict) -> list[str]:
        q = [t for t in tokens(query["title"] + " " + query["text"]) if t in vocab]
        if not q:
            return []
        docs, scores = retriever.retrieve([q], k=k, show_progress=False)
        return [ids[d] for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    return rank


def _bigrams(text: str) -> Counter[str]:
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).lower())
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def bigram_ranker(offerings: list[dict], k: int) -> Ranker:
    """Character-bigram TF-IDF cosine, title repeated three times (documents and queries)."""
    bags = [_bigrams((o["title"] + " ") * 3 + o["text"]) for o in offerings]
    n = len(bags)
    df = Counter(g for bag in bags for g in bag)
    idf = {g: math.log((1 + n) / (1 + c)) + 1 for g, c in df.items()}
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, bag in enumerate(bags):
        vec = {g: c * idf[g] for g, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        for g, v in vec.items():
            postings[g].append((i, v / norm))

    def rank(query: dict) -> list[str]:
        bag = _bigrams((query["title"] + " ") * 3 + query["text"])
        vec = {g: c * idf[g] for g, c in bag.items() if g in idf}
        scores = np.zeros(n)
        for g, v in vec.items():
            for i, w in postings[g]:
                scores[i] += v * w
        top = np.argsort(-scores, kind="mergesort")[:k]
        return [offerings[i]["id"] for i in top if scores[i] > 0]

    return rank


def engine_ranker(offerings: list[dict], k: int) -> Ranker:
    """The sifang matcher, texts only."""
    from sifang.matcher import Index

    index = Index.build([text_only(o) for o in offerings])

    def rank(query: dict) -> list[str]:
        return [m.id for m in index.search(text_only(query), top=k, explain=False)]

    return rank


RANKERS = {"bm25": bm25_ranker, "bigram": bigram_ranker, "engine": engine_ranker}


def ndcg(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** grades.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    relevant = {d for d, g in grades.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def mrr(ranked: list[str], grades: dict[str, int]) -> float:
    for i, d in enumerate(ranked):
        if grades.get(d, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def load_qrels(path: Path = QRELS) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    for row in load_jsonl(path):
        qrels[row["demand_id"]][row["offering_id"]] = int(row["grade"])
    return dict(qrels)


def evaluate(methods: list[str]) -> dict[str, dict[str, float]]:
    offerings = load_jsonl(DATA / "offerings.jsonl")
    demands = {d["id"]: d for d in load_jsonl(DATA / "demands.jsonl")}
    qrels = load_qrels()
    results = {}
    for name in methods:
        rank = RANKERS[name](offerings, 100)
        rows = [
            (ndcg(r, qrels[q]), recall(r, qrels[q]), mrr(r, qrels[q]))
            for q in qrels
            if any(qrels[q].values())
            for r in [rank(demands[q])]
        ]
        results[name] = {
            m: float(np.mean([row[i] for row in rows])) for i, m in enumerate(("ndcg@10", "recall@10", "mrr"))
        }
    return results


def dump_pool(depth: int, demand_ids: list[str]) -> None:
    """Print the union of the top ``depth`` of every method for each demand (for labelling)."""
    offerings = load_jsonl(DATA / "offerings.jsonl")
    demands = {d["id"]: d for d in load_jsonl(DATA / "demands.jsonl")}
    rankers = {name: make(offerings, depth) for name, make in RANKERS.items()}
    for q in demand_ids:
        pool: dict[str, list[str]] = {}
        for name, rank in rankers.items():
            for doc_id in rank(demands[q])[:depth]:
                pool.setdefault(doc_id, []).append(name)
        print(json.dumps({"demand_id": q, "pool": pool}, ensure_ascii=False))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--methods", default="bm25,bigram,engine")
    parser.add_argument("--dump-pool", type=int, default=0, help="print pools of this depth instead")
    parser.add_argument("--demands", default="", help="comma-separated demand ids for --dump-pool")
    args = parser.parse_args()
    if args.dump_pool:
        dump_pool(args.dump_pool, args.demands.split(","))
        return 0
    results = evaluate(args.methods.split(","))
    print(
        f"{'method':<8} {'NDCG@10':>8} {'R@10':>8} {'MRR':>8}   ({sum(any(g.values()) for g in load_qrels().values())} of {len(load_qrels())} labelled demands have a relevant offering; metrics are averaged over those)"
    )
    for name, r in results.items():
        print(f"{name:<8} {r['ndcg@10']:>8.4f} {r['recall@10']:>8.4f} {r['mrr']:>8.4f}")
    if {"bm25", "bigram", "engine"} <= results.keys():
        best = max(results["bm25"]["ndcg@10"], results["bigram"]["ndcg@10"])
        print(f"engine - best baseline NDCG@10: {results['engine']['ndcg@10'] - best:+.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
