"""Plain tests of the matching engine (no database)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sifang.matcher import Index
from sifang.matcher.cli import main
from sifang.matcher.text import default_analyzer

OFFERINGS = [
    {
        "id": "o1",
        "title": "磷酸铁锂正极材料制备技术",
        "text": "采用LiFePO4正极材料，提高锂离子电池循环寿命。",
        "party": "CAS",
    },
    {
        "id": "o2",
        "title": "棉花采摘机械",
        "text": "新型采棉机，提高棉花采收效率，降低含杂率。",
        "party": "SZ",
    },
    {
        "id": "o3",
        "title": "污水处理膜生物反应器",
        "text": "膜生物反应器处理工业废水，出水稳定达标。",
        "party": "XJ",
    },
    {
        "id": "o4",
        "title": "10kV配电网智能监测",
        "text": "10kV配电线路故障在线监测与定位系统。",
        "party": "MOST",
    },
    {
        "id": "o5",
        "title": "锂电池回收工艺",
        "text": "废旧锂离子电池正极材料回收再利用。",
        "status": "withdrawn",
    },
]
DEMAND = {
    "id": "d1",
    "title": "锂电池正极材料",
    "text": "需要提高磷酸铁锂电池寿命的正极材料技术",
    "party": "XJ",
}


def build() -> Index:
    return Index.build(OFFERINGS)


def test_tokens_keep_formulas_units_and_models() -> None:
    words = default_analyzer().words("采用LiFePO4正极，额定电压10kV，型号XY-200")
    assert "lifepo4" in words and "10kv" in words and "xy-200" in words


def test_reworded_variants_map_to_standard_terms() -> None:
    analyzer = default_analyzer()
    assert analyzer.words("立异原料") == analyzer.words("创新材料")
    assert "发展" in analyzer.words("产业生长")


def test_chinese_segmentation_drops_stopwords() -> None:
    words = default_analyzer().words("一种用于新疆棉花的采棉机")
    assert "棉花" in words and "采棉机" in words and "一种" not in words


def test_best_match_first_and_hidden_status_excluded() -> None:
    results = build().search(DEMAND, top=5)
    ids = [m.id for m in results]
    assert ids[0] == "o1"
    assert "o5" not in ids
    assert all(a.score >= b.score for a, b in zip(results, results[1:], strict=False))


def test_reasons_list_terms_and_signals_with_shares() -> None:
    match = build().search(DEMAND, top=1)[0]
    kinds = {r["kind"]: r for r in match.reasons}
    assert "磷酸铁锂" in kinds["terms"]["terms"] or "正极材料" in kinds["terms"]["terms"]
    assert kinds["party"]["value"] == {"demand": "XJ", "offering": "CAS"}
    assert sum(r["share"] for r in match.reasons) == pytest.approx(1.0, abs=0.01)


def test_allowed_filter_applies_before_top_k() -> None:
    index = build()
    only = index.search(DEMAND, top=1, allowed={"o4", "o2"})
    assert only and only[0].id in {"o4", "o2"}
    by_predicate = index.search(DEMAND, top=3, allowed=lambda doc_id: doc_id != "o1")
    assert "o1" not in [m.id for m in by_predicate]


def test_upsert_and_remove_are_visible_immediately() -> None:
    index = build()
    index.upsert({"id": "o9", "title": "锂电池正极材料磷酸铁锂", "text": "磷酸铁锂正极材料提高电池寿命"})
    assert index.search(DEMAND, top=1)[0].id == "o9"
    assert index.remove("o9")
    assert "o9" not in [m.id for m in index.search(DEMAND, top=5)]
    index.upsert({"id": "o1", "title": "无关的标题", "text": "食品包装"})
    assert index.search(DEMAND, top=1)[0].id != "o1"


def test_save_and_open_give_the_same_results(tmp_path: Path) -> None:
    index = build()
    index.upsert({"id": "o7", "title": "锂离子电池隔膜", "text": "高安全性电池隔膜"})
    delta_ids = [m.id for m in index.search(DEMAND, top=5)]
    index.compact()  # save compacts; compaction refreshes IDF and norms, so compare with that state
    before = [(m.id, m.score) for m in index.search(DEMAND, top=5)]
    assert [i for i, _ in before] == delta_ids
    index.save(tmp_path / "idx")
    opened = Index.open(tmp_path / "idx")
    assert [(m.id, m.score) for m in opened.search(DEMAND, top=5)] == before
    opened.remove("o1")
    assert "o1" not in [m.id for m in opened.search(DEMAND, top=5)]


def write_jsonl(path: Path, rows: list) -> str:
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
        encoding="utf-8",
    )
    return str(path)


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(argv, out=out, err=err), out.getvalue(), err.getvalue()


def test_cli_happy_path(tmp_path: Path) -> None:
    offerings = write_jsonl(tmp_path / "o.jsonl", OFFERINGS)
    demands = write_jsonl(tmp_path / "d.jsonl", [DEMAND, {"id": "d2", "title": "采棉机", "text": "棉花采收"}])
    code, out, _ = run_cli(["--offerings", offerings, "--demands", demands, "--top", "2"])
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [x["demand_id"] for x in lines] == ["d1", "d2"]
    assert lines[0]["matches"][0]["id"] == "o1" and lines[1]["matches"][0]["id"] == "o2"
    assert len(lines[0]["matches"]) <= 2 and "reasons" in lines[0]["matches"][0]
    assert "磷酸铁锂" in out  # ensure_ascii=False


def test_cli_malformed_line_stops_with_nothing_on_stdout(tmp_path: Path) -> None:
    offerings = write_jsonl(tmp_path / "o.jsonl", OFFERINGS)
    demands = write_jsonl(tmp_path / "d.jsonl", [DEMAND, "{not json", {"id": "d3"}, {"id": "d4", "title": 5}])
    code, out, err = run_cli(["--offerings", offerings, "--demands", demands])
    assert code != 0 and out == ""
    assert "d.jsonl:2:" in err and "d.jsonl:3:" in err and "title" in err and "d.jsonl:4:" in err


def test_cli_skip_bad_reports_and_continues(tmp_path: Path) -> None:
    offerings = write_jsonl(tmp_path / "o.jsonl", OFFERINGS)
    demands = write_jsonl(tmp_path / "d.jsonl", [DEMAND, "[1, 2]", {"id": "d2", "title": "采棉机"}])
    code, out, err = run_cli(["--offerings", offerings, "--demands", demands, "--skip-bad"])
    assert code == 0 and "d.jsonl:2:" in err
    assert [json.loads(line)["demand_id"] for line in out.splitlines()] == ["d1", "d2"]


# ----------------------------------------------------------------- engine internals (v2)
def test_fold_and_block_segmentation_match_the_full_pipeline() -> None:
    import numpy as np
    import rjieba

    from sifang.matcher.text import normalise, term_keys

    analyzer = default_analyzer()
    texts = [
        "本项目开展了体系化研究，原料添加量下降20％，温度≤80℃。",
        "ＬｉＦｅＰＯ４正极材料①，ai算法与iot平台",
        "植物生长调节剂的研制与运用",
        "无关文本",
    ]
    for text in texts:
        tokens = [analyzer.resources.synonyms.get(t, t) for t in rjieba.cut(normalise(text))]
        assert sorted(term_keys(analyzer.canonical(text)).tolist()) == sorted(
            term_keys("".join(tokens)).tolist()
        )
    assert "lifepo4" in analyzer.canonical("ＬｉＦｅＰＯ４")
    assert analyzer.canonical("锂电") == "锂离子电池"  # a reworded variant becomes the canonical word
    assert np.array_equal(term_keys("提高效率"), term_keys(analyzer.canonical("提高效率")))


def test_sharded_postings_round_trip_beyond_one_shard() -> None:
    import numpy as np

    from sifang.matcher import kernels

    rng = np.random.default_rng(1)
    docs = np.sort(rng.integers(0, 3 * kernels.SHARD, 5000)).astype(np.int64)
    terms = rng.integers(0, 50, 5000).astype(np.int32)
    pairs = np.unique(np.stack([docs, terms], axis=1), axis=0)
    docs, terms = pairs[:, 0].copy(), pairs[:, 1].astype(np.int32)
    vals = rng.integers(1, 255, docs.shape[0]).astype(np.uint8)
    indptr, docs16, out_vals = kernels.sharded_csr(terms, docs, vals, 50, 3)
    t, d, v = kernels.decode(indptr, docs16, out_vals, 50)
    got = sorted(zip(t.tolist(), d.tolist(), v.tolist(), strict=True))
    assert got == sorted(zip(terms.tolist(), docs.tolist(), vals.tolist(), strict=True))


def test_compaction_persistence_and_tombstones(tmp_path: Path) -> None:
    index = build()
    index.upsert({"id": "o7", "title": "锂离子电池隔膜", "text": "高安全性电池隔膜", "party": "SZ"})
    index.upsert(
        {"id": "o2", "title": "磷酸铁锂正极材料", "text": "磷酸铁锂电池正极"}
    )  # replaces a base document
    assert index.remove("o3") and not index.remove("o3") and "o3" not in index
    assert len(index) == 5
    index.compact()
    assert index.base.size == 5 and index.base_alive.all() and len(index) == 5
    expected = [(m.id, m.score, m.reasons) for m in index.search(DEMAND, top=5)]
    assert {"o2", "o7"} <= {i for i, _, _ in expected} and "o3" not in {i for i, _, _ in expected}
    index.save(tmp_path / "idx")
    opened = Index.open(tmp_path / "idx")
    assert [(m.id, m.score, m.reasons) for m in opened.search(DEMAND, top=5)] == expected
    opened.upsert({"id": "o8", "title": "正极材料磷酸铁锂", "text": "提高电池寿命的磷酸铁锂正极材料"})
    opened.save(tmp_path / "idx2")
    again = Index.open(tmp_path / "idx2", mmap=False)
    assert "o8" in [m.id for m in again.search(DEMAND, top=3)] and len(again) == 6


def test_candidate_budget_keeps_exact_scores() -> None:
    from sifang.matcher import Config

    docs = [
        {
            "id": f"d{i}",
            "title": f"锂电池正极材料{i % 7}",
            "text": "磷酸铁锂" * (i % 3 + 1) + "电池寿命提高" * (i % 5),
        }
        for i in range(300)
    ]
    exhaustive = Index.build(docs).search(DEMAND, top=10, explain=False)
    pruned = Index.build(docs, config=Config(max_postings=50, max_df_ratio=0.01, min_df_cut=0)).search(
        DEMAND, top=10, explain=False
    )
    exact = {m.id: m.score for m in exhaustive}
    # the pruned candidate stage may return other documents, but every score is the exact one
    full = {m.id: m.score for m in Index.build(docs).search(DEMAND, top=300, explain=False)}
    assert pruned and all(full[m.id] == m.score for m in pruned)
    assert pruned[0].score == max(exact.values())


def test_reasons_terms_share_comes_from_shared_words() -> None:
    match = build().search(DEMAND, top=1)[0]
    kinds = {r["kind"]: r for r in match.reasons}
    assert kinds["terms"]["share"] > 0 and kinds["text"]["share"] >= 0
    assert "锂电池" in kinds["terms"]["terms"] or "正极材料" in kinds["terms"]["terms"]


def test_query_term_selection_keeps_the_most_informative_terms() -> None:
    from sifang.matcher import Config

    index = Index.build(OFFERINGS, config=Config(max_query_terms=3))
    q = index.analyse_query(DEMAND)
    assert int((q.vec > 0).sum()) == 3
    full = Index.build(OFFERINGS).analyse_query(DEMAND)
    weight = full.vec * full.idf  # the cut ranks terms by TF-IDF weight times IDF
    kept = q.vec > 0
    assert weight[kept].min() >= weight[~kept].max()


def test_search_many_equals_single_queries() -> None:
    index = build()
    index.upsert({"id": "o8", "title": "锂离子电池隔膜", "text": "高安全性电池隔膜"})  # delta segment too
    queries = [
        DEMAND,
        {"id": "d2", "title": "电池隔膜", "text": "隔膜"},
        {"id": "d3", "title": "", "text": ""},
    ]
    for allowed in (None, {"o2", "o4", "o8"}, lambda doc_id: doc_id != "o1"):
        for explain in (True, False):
            single = [index.search(q, top=3, allowed=allowed, explain=explain) for q in queries]
            many = index.search_many(queries, top=3, allowed=allowed, explain=explain)
            assert [[m.as_dict() for m in ms] for ms in many] == [[m.as_dict() for m in ms] for ms in single]
    index.compact()
    single = [index.search(q, top=5) for q in queries]
    assert [[m.as_dict() for m in ms] for ms in index.search_many(queries, top=5)] == [
        [m.as_dict() for m in ms] for ms in single
    ]
    assert index.search_many([]) == []
