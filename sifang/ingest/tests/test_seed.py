"""The seed report: meeting, parties, attendees and commitments."""

from __future__ import annotations

import json

from sifang.ingest import CONTRACT_KEYS, ingest_bytes

PARTIES = {"新疆维吾尔自治区", "科学技术部", "中国科学院", "深圳市"}


def test_meeting_without_year(seed_draft) -> None:
    meeting = seed_draft.to_dict()["meeting"]
    assert meeting["date"] == "--07-22"
    assert meeting["place"] == "乌鲁木齐"
    assert "四方合作" in meeting["name"]
    assert meeting["name"].endswith("推进会")


def test_meeting_with_year_hint(seed_bytes: bytes) -> None:
    assert ingest_bytes(seed_bytes, year_hint=2023).to_dict()["meeting"]["date"] == "2023-07-22"


def test_contract_keys_exact(seed_draft) -> None:
    data = json.loads(seed_draft.to_json())
    assert tuple(data) == CONTRACT_KEYS
    assert set(data["meeting"]) == {"name", "date", "place"}
    assert all(set(a) == {"name", "title", "party"} for a in data["attendees"])
    assert all(set(s) == {"name", "party", "statements"} for s in data["speakers"])
    assert all(set(c) == {"party", "action", "field"} for c in data["commitments"])
    assert all(set(c) == {"from", "to", "offset"} for c in data["changes"])


def test_four_parties(seed_draft) -> None:
    assert set(seed_draft.parties) >= PARTIES


def test_attendees_titles_and_parties(seed_draft) -> None:
    got = {a.name: (a.title, a.party) for a in seed_draft.attendees}
    assert got["马兴瑞"] == ("自治区党委书记", "新疆维吾尔自治区")
    assert got["王志刚"] == ("科学技术部党组书记、部长", "科学技术部")
    assert got["侯开国"] == ("中国科学院院长、党组书记", "中国科学院")
    assert got["覃伟中"] == ("深圳市委副书记、市长", "深圳市")
    assert got["艾尔肯·吐尼亚孜"] == ("自治区党委副书记、自治区主席", "新疆维吾尔自治区")
    assert got["李邑飞"] == ("自治区党委副书记、兵团政委", "新疆生产建设兵团")
    assert got["张春林"] == ("自治区党委副书记", "新疆维吾尔自治区")
    assert got["何忠友"] == ("自治区党委副书记", "新疆维吾尔自治区")
    assert got["吴朝晖"] == ("科学技术部党组成员、副部长", "科学技术部")
    assert got["汪克强"] == ("中国科学院副院长", "中国科学院")


def test_speakers(seed_draft) -> None:
    speakers = {s.name: s for s in seed_draft.speakers}
    for name in ("马兴瑞", "王志刚", "侯开国", "覃伟中"):
        assert speakers[name].statements, name
    assert speakers["薛斌"].party == "新疆生产建设兵团"


def test_each_leader_commits(seed_draft) -> None:
    by_party: dict[str, list[str]] = {}
    for c in seed_draft.commitments:
        by_party.setdefault(c.party, []).append(c.action)
    assert any(a.startswith("新疆将坚持把科技创新摆在") for a in by_party["新疆维吾尔自治区"])
    assert any("战略性矿产资源" in a for a in by_party["科学技术部"])
    assert any(a.startswith("中国科学院将充分发挥") for a in by_party["中国科学院"])
    assert any(a.startswith("深圳将认真贯彻") for a in by_party["深圳市"])
    fields = {c.field for c in seed_draft.commitments}
    assert "八大产业集群" in fields and "战略性矿产资源" in fields


def test_names_never_altered(seed_draft) -> None:
    text = seed_draft.normalised_text
    for name in ("侯开国", "马兴瑞", "覃伟中", "凯赛尔·阿不都克热木", "哈增友", "薛斌", "王兴瑞"):
        assert name in text
    assert all(c["from"] not in {"侯开国"} for c in seed_draft.to_dict()["changes"])


def test_spam_and_boilerplate_removed(seed_draft) -> None:
    text = seed_draft.normalised_text
    assert "三亿体育" not in text
    assert "版 权 所 有" not in text and "网站声明" not in text
    assert "他说," in text and "他说创新" not in text
    assert seed_draft.original_text.startswith("三亿体育")


def test_changes_point_into_original(seed_draft) -> None:
    original = seed_draft.original_text
    for change in seed_draft.to_dict()["changes"]:
        assert original[change["offset"] : change["offset"] + len(change["from"])] == change["from"]


def test_mechanism_name_kept(seed_draft) -> None:
    """协作联络工作机制 is the mechanism's own name (the spinner left it): 协作 there is no spun 共同,
    while 协作推动 in the same report is one."""
    text = seed_draft.normalised_text
    assert "完善协作联络工作机制" in text
    assert "共同联络" not in text
    assert "共同推动科技合作" in text
