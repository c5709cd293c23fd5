"""Patterns found in the eighth session on a new set of real reports (their texts are not in the
repository; each test reproduces one pattern in a sentence of our own)."""

from __future__ import annotations

from sifang.ingest import ingest_text
from sifang.ingest.extract import find_meeting
from sifang.ingest.names import find_names, plausible_name
from sifang.ingest.parties import find_parties, party_of

from .helpers import commitments as _commitments
from .helpers import people as _people


def test_an_adverb_after_a_title_is_no_name() -> None:
    # 曾 is a surname, but 院长曾亲自带队 says the director "once led in person".
    text = "甲分院对新疆给予了支持，王五院长曾亲自带队赴新疆开展成果应用。座谈会上，乙分院副院长李四出席。"
    assert "曾亲自" not in find_names(text)
    assert "曾亲自" not in _people(text)
    assert not plausible_name("曾经") and not plausible_name("曾亲自", after_title=True)
    # a one-character given name may be an adverb (任越), and so may a rare entry (王一丁)
    assert plausible_name("任越", after_title=True) and plausible_name("王一丁")
    assert "曾庆红" in find_names("副市长曾庆红出席会议。")


def test_a_post_of_a_rank_names_its_holder() -> None:
    text = "参加座谈交流的还有新疆分院四级高级业务主管赵六，西安分院院地合作处处长、银川科技创新与产业育成中心主任任越。"
    found = _people(text)
    assert found["赵六"] == ("新疆分院四级高级业务主管", "中国科学院")
    assert found["任越"][1] == "中国科学院"


def test_a_traditional_surname_in_a_simplified_repost() -> None:
    # The repost kept 蔣 in simplified text: the name is found and left as written.
    text = "州长张三会见了新疆理化所所长李四、党委书记蔣同海等调研组主要成员。"
    found = _people(text)
    assert found["蔣同海"] == ("党委书记", "中国科学院")


def test_the_hosts_a_delegation_visited_are_not_of_its_party() -> None:
    text = (
        "11月25日下午，兵团科技局党组书记、局长张三，兵团科技局副局长李四一行来校调研，"
        "与我校党委副书记、校长王五，党委副书记赵六等领导进行深入座谈。"
    )
    found = _people(text)
    assert found["李四"][1] == "新疆生产建设兵团"
    assert found["王五"][1] is None and found["赵六"][1] is None


def test_related_links_under_their_heading_are_boilerplate() -> None:
    text = (
        "2010年9月1日，第三次全国科技援疆工作会议在乌鲁木齐召开。科技部副部长张三出席会议并讲话。\n"
        "相关链接\n"
        "· 科技部牵头编制全国科技援疆规划\n"
        "· 测绘局局长徐德明一行赴阿克苏慰问援疆测绘队员\n"
        "栏目推荐\n"
    )
    draft = ingest_text(text, year_hint=2010)
    assert [a.name for a in draft.attendees] == ["张三"]
    assert "徐德明" not in draft.normalised_text and "科技部牵头编制" not in draft.normalised_text
    assert "栏目推荐" in draft.normalised_text  # only the heading and its items go


def test_a_county_and_a_university_will_is_the_countys_undertaking() -> None:
    # 阿合奇县与塔里木大学: two sides, not a university named after a party's place (石河子大学)
    text = (
        "5月5日，阿合奇县与塔里木大学科技合作商洽会在阿合奇县召开。县委书记张三、塔里木大学校长李四出席会议。"
        "据悉，阿合奇县与塔里木大学将在目前合作的基础上，在农牧业现代化、人才培养等方面展开全方位合作。"
    )
    found = _commitments(text)
    assert [party for party, _ in found] == ["新疆维吾尔自治区"]
    assert find_parties("石河子大学与新疆大学座谈") == []


def test_the_academys_bureau_named_short_is_the_academys() -> None:
    text = (
        "11月21日，中国科学院院地合作局与新疆科技厅座谈。自治区科技厅厅长张三介绍了新疆科技工作。"
        "院地局领导表示将根据新疆区域发展的需求，与新疆分院一起，集成我院的科技人才和成果优势。"
    )
    assert [party for party, _ in _commitments(text)] == ["中国科学院"]
    assert party_of("吐鲁番沙漠植物园主任") == "中国科学院"


def test_a_pages_publication_date_is_not_the_meetings() -> None:
    # the page's line names its date first; the meeting's own date is in the body
    text = (
        "兵团政务网\n甲分院院长张三一行到五师双河市考察\n"
        "发布时间:17年08月25日 信息来源:科技局\n"
        "8月23日，应五师双河市邀请，中国科学院武汉分院院长张三一行来五师双河市进行考察交流。"
        "座谈会上，师市副市长李四介绍了师市发展情况。\n"
    )
    assert find_meeting(text, None)["date"] == "2017-08-23"
    # a page stamped 2017/2/17 gives the year of a meeting told without one
    stamped = "来源:中科院网站 发布时间:2017/2/17 15:44:19\n2月16日上午，中国科学院与科学技术部在北京联合召开国际科技合作工作对接会议。"
    assert find_meeting(stamped, None)["date"] == "2017-02-16"


def test_a_meeting_still_to_come_is_not_the_one_reported() -> None:
    text = (
        "7月31日，新疆分院分党组书记张三一行赴西安分院开展调研交流活动。"
        "座谈会上，张三说，第九届“中科院-新疆科技合作洽谈会”将在8月底在新疆昌吉召开，诚挚邀请西安分院参会。"
    )
    meeting = find_meeting(text, None)
    assert meeting["name"] is None or "洽谈会" not in meeting["name"]
    assert meeting["place"] != "昌吉"


def test_a_publication_date_is_still_the_date_of_last_resort() -> None:
    # with no other date on the page, its publication date stands in, however it is written
    for stamp in ("2017年8月25日", "2017-08-25", "17年08月25日"):
        text = f"某某网\n发布时间：{stamp} 来源：科技局\n甲分院院长张三一行到五师双河市考察交流。座谈会上，副市长李四介绍了情况。"
        assert find_meeting(text, None)["date"] == "2017-08-25", stamp
