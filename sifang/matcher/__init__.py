"""Pure-Python matching engine for technology demands, offerings and experts (no Django import).

Public API
==========

``Index`` is one searchable *collection*; the Django side keeps three (demands, offerings, people).
A document is a mapping::

    {"id": str, "title": str, "text": str,            # required: id and title
     "keywords": str | list[str],                      # optional third text field
     "cluster": str, "field": str, "party": "XJ"|"MOST"|"CAS"|"SZ"|..., "region": str,
     "trl": int 1-9 (or "maturity": "通过中试"...), "form": str | list[str],
     "posted": "YYYY-MM-DD", "status": "open"|...}     # only open/visible documents are matched

People are documents too: ``title`` = name and fields, ``text`` = their offerings and expertise.

Build, update, persist, open::

    index = Index.build(docs, workers=2)       # segmentation in 2 processes
    index.upsert(doc)                           # add or replace; visible to the next search
    index.remove(doc_id) -> bool                # tombstone
    index.compact()                             # fold the delta segment into the base
    index.save("var/index/offerings")           # compacts, writes .npy files + index.json
    index = Index.open("var/index/offerings")   # memory-mapped (shared by worker processes)

Search (demand → offerings, offering → demands, demand → experts: same call on another index)::

    matches = index.search(query_doc, top=10, allowed=None)   # -> list[Match]
    # allowed: None, a collection of ids, or a predicate id -> bool; applied before the top-k cut
    match.id, match.score, match.reasons, match.as_dict()
    index.search_many(queries, top=10, allowed=None)          # -> list[list[Match]], same results
    # as one search per query; the candidate stage of a batch runs in one kernel call

Reasons are machine-readable dicts whose ``share`` values sum to 1 (penalties are negative)::

    {"kind": "terms", "terms": ["磷酸铁锂", "正极材料"], "share": 0.41}   # shared words
    {"kind": "text", "value": "character bigram overlap", "share": 0.52}
    {"kind": "cluster", "value": "新型电力系统", "share": 0.05}
    {"kind": "field" | "region", "value": ..., "share": ...}
    {"kind": "party", "value": {"demand": "XJ", "offering": "CAS"}, "share": ...}
    {"kind": "trl", "value": {"needed": 6, "offered": 5}, "share": -0.02}
    {"kind": "form", "value": ["licence"], "share": ...}
    {"kind": "recency", "value": "2020-03-02", "share": ...}

Ranking (``index.py``): one term space — the character bigrams and ASCII tokens of the canonical
text (``text.py``: NFKC-equivalent folding, rjieba segmentation with the domain dictionary, reworded
variants mapped to their standard word) — scored as a TF-IDF cosine of the whole query document
against the whole offering (title counted twice) blended with the cosine against the offering's
title alone, ``(1 - b) * cos_full + b * cos_title`` (``Config.title_share``). Candidates come from
the postings of the query's most informative terms within a postings budget; the best ``pool`` are
scored exactly with all query terms and re-ranked with the signals of ``signals.py`` (weights
documented there). Measurements and ablations: ``bench/README.md``. The CLI is ``sifang match``
(``cli.py``).
"""

from .index import Config, Index, Match
from .text import Analyzer, default_analyzer

__all__ = ["Analyzer", "Config", "Index", "Match", "default_analyzer"]
