"""Patterns of real public meeting reports met in the third session's check of 37 real reports
(their texts are not in the repository; each test reproduces one pattern in a sentence of our own)."""

from __future__ import annotations

from sifang.ingest.extract import find_attendees, party_of


def _people(text: str) -> dict[str, tuple[str, str | None]]:
    return {p.name: (p.title, p.party) for p in find_attendees(text)}


def test_name_before_title_with_the_organisation_first() -> None:
    text = (
        "8月30日下午，广东省援疆指挥部贺宇总指挥与广东省科技厅周木堂副巡视员、新疆自治区科技厅仲健副厅长、"
        "喀什地区行署杨元飞副专员在新疆昌吉签订协同创新协议。"
    )
    people = _people(text)
    assert people["贺宇"][0] == "广东省援疆指挥部总指挥"
    assert people["周木堂"][0] == "广东省科技厅副巡视员"
    assert people["仲健"] == ("新疆自治区科技厅副厅长", "新疆维吾尔自治区")
    assert people["杨元飞"] == ("喀什地区行署副专员", "新疆维吾尔自治区")


def test_party_titles_are_not_read_as_names() -> None:
    # 党 is a surname, but 自治区党委副书记 is a title, not 党委副 the 自治区书记.
    people = _people("自治区党委副书记、自治区主席郑立新，兵团党委常委、副司令员唐振华出席会议。")
    assert set(people) == {"郑立新", "唐振华"}
    assert people["郑立新"][0] == "自治区党委副书记、自治区主席"


def test_visit_sentences_list_their_people_and_untitled_posts_take_the_previous_organisation() -> None:
    text = (
        "3月18日，新疆生产建设兵团第十二师党委书记、政委李斌一行来访中国科学院新疆生态与地理研究所，"
        "与新疆生地所所长张元明，党委书记、副所长张向军，就园区建设工作交换意见。"
    )
    people = _people(text)
    assert people["李斌"] == ("新疆生产建设兵团第十二师党委书记、政委", "新疆生产建设兵团")
    assert people["张元明"] == ("新疆生地所所长", "中国科学院")
    assert people["张向军"] == ("党委书记、副所长", "中国科学院")


def test_a_named_organisation_outweighs_a_place_in_a_title() -> None:
    assert party_of("中科院新疆分院院长、新疆科考工作组组长") == "中国科学院"
    assert party_of("兵团第十二师党委常委、副师长") == "新疆生产建设兵团"
    assert party_of("第十二师党委常委、副政委") == "新疆生产建设兵团"
    assert party_of("喀什地区行署副专员") == "新疆维吾尔自治区"


def test_a_list_goes_on_past_a_dotted_name_and_a_joined_pair() -> None:
    text = (
        "自治区人民政府副秘书长刘华，自治区科技厅厅长张小雷、教育厅厅长吐尔逊·伊不拉音、"
        "科技厅副厅长陈旗和高旺盛出席座谈会。"
    )
    people = _people(text)
    assert people["吐尔逊·伊不拉音"] == ("教育厅厅长", "新疆维吾尔自治区")
    assert people["陈旗"] == ("科技厅副厅长", "新疆维吾尔自治区")
    assert people["高旺盛"] == ("科技厅副厅长", "新疆维吾尔自治区")


def test_people_who_only_speak_or_praise_are_attendees() -> None:
    text = "广东省科技厅副厅长李旭东、深圳援疆前方指挥部总指挥杨春生对科技帮扶工作给予高度评价。"
    people = _people(text)
    assert people["杨春生"] == ("深圳援疆前方指挥部总指挥", "深圳市")
    assert people["李旭东"][0] == "广东省科技厅副厅长"
