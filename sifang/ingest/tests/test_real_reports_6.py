"""Patterns found in the seventh session on a new set of real reports (their texts are not in the
repository; each test reproduces one pattern in a sentence of our own)."""

from __future__ import annotations

from sifang.ingest.parties import party_of_unit

from .helpers import commitments as _commitments
from .helpers import people as _people
from .helpers import refusal


def test_a_bare_unit_takes_the_party_it_was_named_with_in_full() -> None:
    text = (
        "3月5日，甘肃省科学技术厅厅长张三一行赴中国科学院重大任务局座谈交流。"
        "重大任务局副局长李四、兰州分院副院长王五参加座谈。"
    )
    assert _people(text)["李四"] == ("重大任务局副局长", "中国科学院")
    # a ministry's 司 after 科技部X司, and only when every full mention agrees
    assert (
        party_of_unit("资源配置司司长", "科技部资源配置司负责人参加。资源配置司司长赵六表示") == "科学技术部"
    )
    assert party_of_unit("规划发展局局长", "甘肃省规划发展局与中国科学院规划发展局座谈。") is None
    # a department every place has says nothing; neither does a unit never named in full
    assert party_of_unit("科技局局长", "深圳市科技局与喀什地区座谈。科技局局长钱七") is None
    assert party_of_unit("重大任务局副局长", "重大任务局副局长李四出席") is None


def test_what_a_minister_asks_of_another_province_is_no_undertaking() -> None:
    text = (
        "5月8日，科技部与江苏省部省工作会商会议在南京召开。科技部部长张三出席会议并讲话。"
        "张三说，江苏是科技创新大省，要把全省作为创新型省份来建设；推动科技与产业深度融合；"
        "加强应用基础研究和平台建设。科技部将支持江苏建设综合性科学中心。"
    )
    found = _commitments(text)
    assert [party for party, _ in found] == ["科学技术部"]
    assert "综合性科学中心" in found[0][1]


def test_praise_and_advice_given_are_no_undertakings() -> None:
    text = (
        "8月28日，中国科学院上海分院副院长张三一行到访成都分院，双方举行座谈。"
        "张三表示，成都分院在成果转化、园区建设等方面具有丰富的经验，值得学习借鉴。"
        "中国科学院南京分院科技处处长李四就双方如何深化合作提了几点建议。"
        "上海分院将组织有关院所加强与成都分院合作。"
    )
    found = _commitments(text)
    assert len(found) == 1 and "组织有关院所" in found[0][1]


def test_a_press_briefing_with_no_meeting_name_is_refused() -> None:
    text = (
        "8月7日上午，深圳市政府新闻办在市政府新闻发布厅举行了关于《支持科技创新合作区建设的若干意见》"
        "的政策吹风会。市科技创新委员会副主任张三、福田区副区长李四介绍有关情况并回答记者提问。"
    )
    error = refusal(text)
    assert error.code == "not_meeting" and "政策吹风会" in error.message_zh


def test_names_with_a_two_character_surname() -> None:
    text = (
        "6月3日，科技部与安徽省工作会商会议在合肥召开。科技部副部长相里斌，"
        "省科技厅副巡视员欧阳春光，中国电科总经理陈锡明等参加会议。"
    )
    people = _people(text, ["科学技术部"])
    assert people["相里斌"] == ("科技部副部长", "科学技术部")
    assert people["欧阳春光"] == ("省科技厅副巡视员", None)
    assert "欧阳春" not in people


def test_the_university_of_science_and_technology_is_not_the_academy() -> None:
    from sifang.ingest.parties import party_of

    assert party_of("中国科大党委书记") is None  # 中国科学技术大学, a university
    assert party_of("国科大校长") == "中国科学院"  # 中国科学院大学, the academy's own


def test_a_plan_and_an_overview_article_are_no_meeting_reports() -> None:
    plan = (
        "第十一届博览会于9月1日至5日在长春举办。自治区决定组团参加。\n一、参会时间\n2017年9月1日-5日\n"
        "二、参会地点\n吉林省长春市。\n三、组织机构\n由自治区领导率团，成立会议筹备工作小组。"
    )
    assert refusal(plan).code == "not_meeting"
    overview = (
        "新疆近年来在科技创新等方面取得了显著成就。一系列重要会议的召开，为新疆的发展指明了方向。"
        "本文将揭秘新疆工作会议。近年来，新疆工作会议在国内外产生了广泛影响。"
    )
    assert refusal(overview).code == "not_meeting"
