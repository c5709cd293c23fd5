"""Patterns named as gaps after the held-out real reports of the third session (their texts are not
in the repository; each test reproduces one pattern in a sentence of our own)."""

from __future__ import annotations

from sifang.ingest import ingest_text
from sifang.ingest.extract import find_attendees, home_party, party_of


def _people(text: str, parties: list[str] | None = None, place: str | None = None) -> dict:
    return {p.name: (p.title, p.party) for p in find_attendees(text, parties, place)}


def test_the_first_post_named_decides_a_seconded_officials_party() -> None:
    assert party_of("新疆科技厅副厅长、科技部农村科技司副巡视员") == "新疆维吾尔自治区"
    assert party_of("科技部农村科技司副巡视员、新疆科技厅副厅长") == "科学技术部"


def test_a_committee_seat_yields_to_a_post_of_another_party() -> None:
    assert party_of("自治区党委常委、兵团党委书记、政委") == "新疆生产建设兵团"
    assert party_of("自治区党委副书记、兵团政委") == "新疆生产建设兵团"
    assert party_of("自治区党委常委、自治区常务副主席") == "新疆维吾尔自治区"
    assert party_of("兵团党委常委、副司令员") == "新疆生产建设兵团"
    # the ex officio rule still holds
    assert party_of("自治区党委书记、兵团党委第一书记、第一政委") == "新疆维吾尔自治区"


def test_a_department_without_its_province_takes_the_party_from_the_report() -> None:
    assert party_of("科技厅副厅长、科技部农村科技司副巡视员") is None
    assert (
        home_party("科技厅副厅长、科技部农村科技司副巡视员", ["新疆维吾尔自治区"], None) == "新疆维吾尔自治区"
    )
    assert home_party("科技厅厅长", ["中国科学院"], "北京") is None
    text = "7月10日，院地合作座谈会在乌鲁木齐召开。科技厅厅长高旺盛主持会议，教育厅副厅长李红参加会议。"
    people = _people(text, ["新疆维吾尔自治区", "中国科学院"], "乌鲁木齐")
    assert people["高旺盛"] == ("科技厅厅长", "新疆维吾尔自治区")
    assert people["李红"] == ("教育厅副厅长", "新疆维吾尔自治区")
    # without Xinjiang in the report, a bare 科技厅 stays unknown
    assert _people(text, ["中国科学院"], None)["高旺盛"][1] is None


def test_a_bare_city_post_is_the_city_of_the_meeting() -> None:
    assert home_party("市领导", ["深圳市", "新疆维吾尔自治区"], "深圳") == "深圳市"
    assert home_party("副市长", ["深圳市", "新疆维吾尔自治区"], "乌鲁木齐") == "新疆维吾尔自治区"
    assert home_party("市场监管局局长", ["深圳市"], "深圳") is None
    people = _people("座谈会在深圳举行。市领导王明、市科技创新局局长赵亮出席。", ["深圳市"], "深圳")
    assert people["王明"] == ("市领导", "深圳市")
    assert people["赵亮"] == ("市科技创新局局长", "深圳市")


def test_a_titled_speaker_is_an_attendee() -> None:
    text = (
        "7月10日，中国科学院与新疆维吾尔自治区科技合作座谈会在乌鲁木齐召开。自治区副主席张明出席会议并讲话，"
        "中国科学院副院长李强介绍了院地合作情况。会上，新疆分院院长王小平表示，分院将组织研究所开展盐碱地治理攻关。"
    )
    draft = ingest_text(text, year_hint=2021)
    people = {p.name: (p.title, p.party) for p in draft.attendees}
    assert people["李强"] == ("中国科学院副院长", "中国科学院")
    assert people["王小平"] == ("新疆分院院长", "中国科学院")
    assert {s.name: s.party for s in draft.speakers}["李强"] == "中国科学院"


def test_a_leader_quoted_is_not_an_attendee() -> None:
    text = "7月10日，科技援疆工作座谈会在乌鲁木齐召开。自治区副主席张明出席会议。习近平总书记强调，要推进科技创新。"
    assert "习近平" not in _people(text)


def test_a_name_ending_in_a_verbs_first_character_is_not_cut() -> None:
    # 芒力克·斯依提出席: 提出 is no speech here
    people = _people("新疆自治区副主席芒力克·斯依提出席会议并讲话。")
    assert "芒力克·斯依" not in people
    assert "芒力克·斯依提" in people


def test_the_head_of_a_delegation_attends_and_where_it_arrived_is_the_place() -> None:
    text = (
        "2019年8月12日，以中国科学院副院长张亚平为团长的中科院考察团抵达乌鲁木齐，与自治区举行科技合作座谈会。"
        "自治区主席雪克来提·扎克尔参加座谈。"
    )
    draft = ingest_text(text)
    people = {p.name: (p.title, p.party) for p in draft.attendees}
    assert people["张亚平"] == ("中国科学院副院长", "中国科学院")
    assert draft.meeting["place"] == "乌鲁木齐"
