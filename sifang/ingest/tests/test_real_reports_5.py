"""Patterns found in the sixth session on new sets of real reports (their texts are not in the
repository; each test reproduces one pattern in a sentence of our own)."""

from __future__ import annotations

from sifang.ingest import ingest_text
from sifang.ingest.extract import find_attendees


def _people(text: str, parties: list[str] | None = None, place: str | None = None) -> dict:
    return {p.name: (p.title, p.party) for p in find_attendees(text, parties, place)}


def test_a_welcome_address_is_attending_and_speaking_but_says_nothing_yet() -> None:
    text = (
        "9月11日，科技合作委员会第三次会议在青岛召开。科技部副部长李四出席会议。"
        "青岛市副市长王五在会上致欢迎辞。会议由科技部港澳台办副主任赵六主持。"
    )
    assert _people(text)["王五"] == ("青岛市副市长", None)
    speaker = next(s for s in ingest_text(text, year_hint=2014).speakers if s.name == "王五")
    assert all(s.strip("。") for s in speaker.statements)
    # 致开幕词 and 致辞 alike
    assert "王五" in _people(text.replace("致欢迎辞", "致开幕词"))


def test_people_listed_with_no_post_attend() -> None:
    text = (
        "11月3日，自治区与中国科学院科技合作座谈会在乌鲁木齐召开。中国科学院副院长张三出席会议。"
        "出席会议的还有王强、李明、赵晓丽。"
    )
    people = _people(text)
    assert {n: people[n] for n in ("王强", "李明", "赵晓丽")} == {
        "王强": ("", None),
        "李明": ("", None),
        "赵晓丽": ("", None),
    }
    # 王强、李明等参加座谈: the same, with 等 closing the list
    other = _people("11月3日，科技合作座谈会在乌鲁木齐召开。王强、李明等参加座谈。")
    assert {"王强", "李明"} <= set(other)
    # a list of bodies is no list of people
    bodies = _people(
        "11月3日，科技合作座谈会在乌鲁木齐召开。参加会议的还有地区科技局、发改委等部门负责同志。"
    )
    assert bodies == {}


def test_a_forum_opening_lists_hong_kong_and_national_officials_and_an_honour_names_no_party() -> None:
    text = (
        "11月28日，2025深港科技合作论坛在深圳开幕。香港特别行政区行政长官李四，科技部副部长王五，"
        "深圳市委副书记、市长赵六，中国科学院院士、某某大学校长钱七出席开幕式。"
    )
    draft = ingest_text(text)
    people = {p.name: (p.title, p.party) for p in draft.attendees}
    assert people["李四"] == ("香港特别行政区行政长官", None)
    assert people["钱七"] == ("中国科学院院士、某某大学校长", None)
    # the CAS is named only in an honour: it did not take part
    assert draft.parties == ["科学技术部", "深圳市"]
    # the year that opens the forum's name is the meeting's
    assert draft.meeting["date"] == "2025-11-28"
