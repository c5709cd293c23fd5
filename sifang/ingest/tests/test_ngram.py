"""The word bigram model of general written Chinese and the build step that derives it."""

from __future__ import annotations

import importlib
import struct
from pathlib import Path

import numpy as np
import pytest

from sifang.ingest import build_data, normalise
from sifang.ingest.lexicon import NGRAM_STEP, NgramModel, ngram_model

normaliser = importlib.import_module("sifang.ingest.normalise")


@pytest.mark.parametrize(
    ("left", "variant", "right", "original"),
    [
        ("出席", "集会", "并", "会议"),
        ("科学", "手艺", "部", "技术"),
        ("深化", "求实", "合作", "务实"),
        ("", "闭于", "科技", "关于"),
    ],
)
def test_shipped_model_prefers_the_written_word(left: str, variant: str, right: str, original: str) -> None:
    assert ngram_model().delta(left, variant, right, original) > 2.0


def test_shipped_model_prefers_the_neighbour_it_has_seen() -> None:
    model = ngram_model()
    ids = model.ids
    # 停止使用 is a common pair; 进行使用 is not, although 进行 is far more frequent on its own.
    assert model.bigram(ids["停止"], ids["使用"]) > model.bigram(ids["进行"], ids["使用"])
    assert model.bigram(None, ids["进行"]) > model.bigram(None, ids["停止"])


def test_unknown_characters_do_not_break_the_search() -> None:
    model = ngram_model()
    assert "𠀀" not in model.ids
    assert model.logp("会议𠀀召开") < model.logp("会议召开")
    assert model.logp("") == 0.0


def _pydict(words: list[str]) -> bytes:
    table = b"".join(w.encode("utf-32-le") + b"\0\0\0\0" for w in words)
    return struct.pack("<4I", len(words), 0, 16, 0) + table


def test_build_step_round_trip(tmp_path: Path) -> None:
    words = ["", "<s>", "会议", "集会", "召开", "举行", "天"]
    lexicon_file = tmp_path / "pydict_sc.bin"
    lexicon_file.write_bytes(_pydict(words))
    arpa = tmp_path / "lm.arpa"
    arpa.write_text(
        "\\0-gram\\1\n 12.0 15.0 (0,0)\n"
        "\\1-gram\\6\n"
        "1 2.0 0.0 (0,0)\n2 5.0 0.5 (0,0)\n3 7.0 0.5 (0,0)\n4 6.0 0.0 (0,0)\n5 6.5 0.0 (0,0)\n6 4.0 0.0 (0,0)\n"
        "\\2-gram\\3\n"
        "2 4 1.0 0.0 (1,1)\n3 5 2.0 0.0 (1,2)\n6 4 3.0 0.0 (1,3)\n"
        "\\3-gram\\1\n2 4 6 0.5 (1,0)\n",
        encoding="ascii",
    )
    assert build_data.ngram_lexicon(lexicon_file) == words
    arrays = build_data.ngram_arrays(words, arpa, keep={"会议", "集会"})
    # The bigram 天 召开 involves no kept word and is dropped; trigrams are never kept.
    assert len(arrays["k2"]) == 2
    out = tmp_path / "ngram.npz"
    np.savez_compressed(out, **arrays)
    model = NgramModel(out)
    assert model.ids == {"<s>": 1, "会议": 2, "集会": 3, "召开": 4, "举行": 5, "天": 6}
    assert model.bigram(2, 4) == pytest.approx(-1.0, abs=NGRAM_STEP)
    # Back-off: log bow(集会) + log P(召开).
    assert model.bigram(3, 4) == pytest.approx(-0.5 - 6.0, abs=0.01)
    assert model.delta("", "集会", "召开", "会议") == pytest.approx((-5.0 - 1.0) - (-7.0 - 6.5), abs=0.05)
    assert model.logp("会议召开") == pytest.approx(-5.0 - 1.0, abs=NGRAM_STEP)


def test_new_table_pairs_restore_real_spinner_output() -> None:
    text = "科学手艺部胀吹科技立异，经由过程根蒂根基举措措施修造，各卖力人收罗定见，停止了深刻交换。"
    result = normalise(text)
    assert result.reworded
    assert "通过基础设施" in result.text
    assert "负责人征求意见" in result.text


def test_genuine_words_kept_in_a_reworded_text() -> None:
    text = (
        "科学手艺部胀吹科技立异，晋升立异才华。喀什是古代丝绸之路的重镇，论文题目已确定，工厂停止使用旧设备。"
    )
    result = normalise(text)
    assert result.reworded
    assert "古代丝绸之路" in result.text
    assert "论文题目" in result.text
    assert "停止使用" in result.text


def test_score_counts_word_frequency_once() -> None:
    # Two equally frequent readings in jieba's dictionary: only the context can decide, and the
    # score must not be the sum of the two models' frequency preferences.
    score = normaliser._score("出席", "集会", "并讲话", "会议")
    assert score > 2.0
    assert normaliser._score("", "会议", "", "会议") == pytest.approx(0.0)


def test_contextual_pairs_need_their_neighbours() -> None:
    spun = "科学手艺部胀吹科技立异，四方合营事情推动会正在乌鲁木齐召开，两边停止了深刻交换。"
    assert "四方合作工作推进会在乌鲁木齐召开" in normalise(spun).text
    assert "进行了" in normalise(spun).text
    genuine = "科学手艺部胀吹科技立异，晋升立异才华。这件事情要办好，工厂停止使用旧设备。"
    result = normalise(genuine)
    assert result.reworded
    assert "这件事情要办好" in result.text and "停止使用旧设备" in result.text
