"""Normalisation beyond the hand table: synonym groups, character confusions, jieba's log, names."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from sifang.ingest import normalise

normaliser = importlib.import_module("sifang.ingest.normalise")
lexicon = importlib.import_module("sifang.ingest.lexicon")

# Fingerprint of a reworded text (strong variants of the hand table) plus words it does not know.
SPUN = "科学手艺部与自治区联合胀吹科技立异，晋升立异才华，加快构修现代化产业体系。"


def test_character_confusion_not_in_table() -> None:
    assert "构修" not in lexicon.substitution_table()
    result = normalise(SPUN)
    assert result.reworded
    assert "加快构建现代化产业体系" in result.text
    assert any(c.source == "构修" and c.reason == "character confusion" for c in result.changes)


def test_synonym_group_restores_pairs_hidden_from_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    table = lexicon.substitution_table()
    hidden = {"撑持", "国度", "珍视"}
    assert all(lexicon.synonym_groups().get(v) for v in hidden)
    reduced = {v: c for v, c in table.items() if v not in hidden}
    monkeypatch.setattr(normaliser, "substitution_table", lambda: reduced)
    text = "科学手艺部高度珍视科技立异就业，胀吹国度科技撑持才华晋升。"
    result = normaliser.normalise(text)
    assert "高度重视" in result.text
    assert "国家科技支撑" in result.text
    assert {c.reason for c in result.changes if c.source in hidden} == {"synonym group"}


def test_ordinary_word_pairs_not_attempted() -> None:
    # 需要/需求 and 出席/参加 are both ordinary words: statistics cannot tell them apart.
    assert normaliser.generic_candidates("需要") == []
    assert normaliser.generic_candidates("出席") == []


def test_clean_text_untouched_by_new_sources() -> None:
    text = "自治区党委书记陈立伟出席会议并讲话。他指出，要重视人才，构建现代化产业体系，维修设备。"
    result = normalise(text)
    assert result.text == text and not result.changes


@pytest.mark.parametrize("name", ["王国度", "李撑持", "张构修"])
def test_names_never_changed_by_new_sources(name: str) -> None:
    text = f"科学手艺部党组书记、部长{name}出席集会并谈话。{name}指出，要胀吹科技立异，晋升立异才华。"
    result = normalise(text)
    assert result.text.count(name) == 2
    assert "推动科技创新" in result.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("科学手艺部显露，新疆正在加快构修现代化产业体系，胀吹科技立异。", "新疆正在加快构建"),
        ("对接会正在深圳举行，胀吹科技立异，晋升立异才华。", "对接会在深圳举行"),
    ],
)
def test_zhengzai_cases(text: str, expected: str) -> None:
    assert expected in normalise(text).text


def test_no_jieba_messages_on_stderr() -> None:
    code = (
        "import jieba; jieba.dt.tmp_dir = None\n"
        "from sifang.ingest import normalise\n"
        "print(normalise('科学手艺部胀吹科技立异。').text)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "科学技术部" in done.stdout
    assert "Prefix dict" not in done.stderr and "Loading model" not in done.stderr
