"""Normalisation of machine-reworded text."""

from __future__ import annotations

import pytest

from sifang.ingest import normalise

REWORDED = (
    "科学手艺部党组书记、部长王志刚正在集会上指出，要加快症结中心手艺攻闭，胀吹科技立异，晋升企业立异才华。"
)


def test_restores_reworded_sentence() -> None:
    result = normalise(REWORDED)
    assert result.reworded
    assert "科学技术部" in result.text
    assert "关键核心技术攻关" in result.text
    assert "推动科技创新" in result.text
    assert "创新能力" in result.text
    assert "王志刚" in result.text


def test_change_records() -> None:
    result = normalise(REWORDED)
    for change in result.changes_as_dicts():
        assert set(change) == {"from", "to", "offset"}
        assert REWORDED[change["offset"] : change["offset"] + len(change["from"])] == change["from"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("会议7月22日正在乌鲁木齐召开，联袂胀吹科技立异，科学手艺部出席。", "会议7月22日在乌鲁木齐召开"),
        ("院区两边正在构造担任巨大科技使命等方面获得进步，科学手艺部显露维持。", "院区双方在组织"),
    ],
)
def test_zhengzai_as_preposition(text: str, expected: str) -> None:
    assert expected in normalise(text).text


def test_zhengzai_as_aspect_kept() -> None:
    text = "当前新疆正在加快构建现代化产业体系，各方正在推进项目落地。"
    result = normalise(text)
    assert result.text == text
    assert not result.changes


def test_clean_text_untouched() -> None:
    text = (
        "自治区党委书记陈立伟出席会议并讲话。他指出，要加强工业领域的技术攻关，"
        "部分企业要发挥示范作用，进一步提高产业化水平，促进经济社会发展。"
    )
    result = normalise(text)
    assert result.text == text
    assert not result.reworded


@pytest.mark.parametrize("name", ["侯开国", "高生长", "王立异", "艾尔肯·吐尼亚孜"])
def test_names_never_altered(name: str) -> None:
    text = f"科学手艺部党组书记、部长{name}出席集会并谈话。{name}指出，要胀吹科技立异，晋升立异才华。"
    result = normalise(text)
    assert result.text.count(name) == 2
    assert "推动科技创新" in result.text


def test_uncertain_is_reported() -> None:
    text = "科学手艺部与自治区联合胀吹科技立异，立异驱动生长，展开联结攻闭。"
    result = normalise(text)
    assert isinstance(result.uncertain, list)
    assert "科学技术部" in result.text and "创新驱动发展" in result.text


def test_covered_positions_answer_as_the_spans_do() -> None:
    import random

    from sifang.ingest.normalise import Covered

    rng = random.Random(7)
    for _ in range(200):
        length = rng.randint(0, 40)
        spans = [(a, a + rng.randint(0, 6)) for a in (rng.randint(-2, 42) for _ in range(rng.randint(0, 5)))]
        covered = Covered(spans, length)
        for i in range(-1, length + 1):
            assert covered.covers(i) == any(a <= i < b for a, b in spans if 0 <= i < length), (spans, i)
            for end in range(i, length + 2):
                inside = range(max(i, 0), min(end, length))
                expected = any(a <= k < b for a, b in spans for k in inside)
                assert covered.overlaps(i, end) == expected, (spans, i, end)
