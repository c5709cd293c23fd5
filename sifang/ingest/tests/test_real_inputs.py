"""What real reposts of meeting reports look like beyond synonym spinning: traditional characters,
pinyin glosses, lost middle dots, spam keyword lines, rare surnames, several titles before a name,
meetings named after 举行, and genuine words that must stay as written."""

from __future__ import annotations

import pytest

from sifang.ingest import ingest_text, normalise
from sifang.ingest.extract import find_attendees, find_meeting, party_of

TRADITIONAL = (
    "科技合作推進會在烏魯木齊召開\n"
    "7月18日上午，自治區人民政府、科學技術部在烏魯木齊召開科技合作推進會。"
    "自治區黨委副書記、自治區主席艾爾肯?吐尼亞孜，科學技術部副部長張廣軍出席會議並講話。\n"
    "張廣軍表示，科學技術部將支持新疆建設區域科技創新中心。\n"
)


def test_traditional_report_becomes_a_simplified_draft() -> None:
    draft = ingest_text(TRADITIONAL, year_hint=2022)
    assert draft.meeting == {"name": "科技合作推进会", "date": "2022-07-18", "place": "乌鲁木齐"}
    people = {p.name: (p.title, p.party) for p in draft.attendees}
    assert people["艾尔肯·吐尼亚孜"] == ("自治区党委副书记、自治区主席", "新疆维吾尔自治区")
    assert people["张广军"] == ("科学技术部副部长", "科学技术部")
    assert draft.parties == ["新疆维吾尔自治区", "科学技术部"]
    assert any(c.party == "科学技术部" for c in draft.commitments)
    reasons = {c.reason for c in draft.normalised.changes}
    assert {"traditional", "lost character"} <= reasons
    # Offsets point into the text as it was received.
    for change in draft.normalised.changes:
        assert TRADITIONAL[change.offset : change.offset + len(change.source)] == change.source


def test_simplified_text_is_not_converted() -> None:
    text = "乾隆年间的文物在故宫展出，科技合作推进会在乌鲁木齐召开。"
    result = normalise(text)
    assert result.text == text and not result.changes


def test_pinyin_glosses_and_spam_keyword_lines_are_removed() -> None:
    text = (
        "日韩色一区二区三区,国产精品久久久久久久免费软件,91成人综合,一级一片在线观看,亚洲第一成人网站\n"
        "来源：中国科技网(wǎng)-科技日报\n"
        "8月11日，科技部在乌鲁木齐召开科技援疆工作会议，创(chuàng)新工作机制。\n"
    )
    result = normalise("绿色发展、特色产业、本色出演、出色成绩、成色十足\n" + text)
    assert result.text.startswith("绿色发展、特色产业")  # a list of genuine words stays
    assert "一区二区" not in result.text and "成人" not in result.text
    assert "中国科技网-科技日报" in result.text and "创新工作机制" in result.text
    assert {c.reason for c in result.changes} == {"spam", "gloss"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("自治区主席艾尔肯?吐尼亚孜出席会议。", "艾尔肯·吐尼亚孜"),
        ("怎么办?我们要持续推进科技合作。", "怎么办?我们"),
        ("会议由阿不都热合曼?买买提主持。", "阿不都热合曼·买买提"),
        ("自治区主席雪克来提•扎克尔出席会议。", "雪克来提·扎克尔"),
        ("会议在乌鲁木齐召开.会议指出，要深化合作。", "召开.会议"),
    ],
)
def test_a_lost_middle_dot_is_restored_only_inside_a_name(text: str, expected: str) -> None:
    assert expected in normalise(text).text


def test_rare_surname_after_a_title_and_titles_before_a_name() -> None:
    text = (
        "自治区党委书记、兵团党委第一书记、第一政委马兴瑞，科技部党组书记、部长阴和俊出席会议并讲话。"
        "自治区党委副书记、兵团政委李邑飞出席会议。"
    )
    people = {p.name: (p.title, p.party) for p in find_attendees(text)}
    assert people["马兴瑞"] == ("自治区党委书记、兵团党委第一书记、第一政委", "新疆维吾尔自治区")
    assert people["阴和俊"] == ("科技部党组书记、部长", "科学技术部")
    assert people["李邑飞"] == ("自治区党委副书记、兵团政委", "新疆生产建设兵团")


def test_ex_officio_bingtuan_posts_do_not_decide_the_party() -> None:
    assert party_of("自治区党委书记、兵团党委第一书记、第一政委") == "新疆维吾尔自治区"
    assert party_of("兵团党委第一书记") == "新疆生产建设兵团"


def test_meeting_named_after_the_verb_and_place_only_from_the_meeting_sentence() -> None:
    text = (
        "中国科学院与新疆维吾尔自治区政府举行科技合作会谈\n"
        "4月9日，中国科学院与新疆维吾尔自治区政府在北京举行科技合作会谈。"
    )
    # The two hosts name the meeting with it: a bare 科技合作会谈 says nothing of who met.
    assert find_meeting(text, None) == {
        "name": "中国科学院与新疆维吾尔自治区政府科技合作会谈",
        "date": "--04-09",
        "place": "北京",
    }
    text = (
        "4月8日，中国科学院与新疆维吾尔自治区举行科技合作座谈会。"
        "新疆支持中科院在新疆开展相关工作，共同推进项目在喀什进行。"
    )
    assert find_meeting(text, 2019)["place"] is None


@pytest.mark.parametrize(
    "text",
    [
        "喀什老城保留了许多传统手艺，工匠们踊跃参加培训，给人启迪。",
        "这个村落群山环绕，阔别多年的游子回到市集，和谈取得进展。",
        "会议强调，要以抢占科技制高点为核心任务，加强科技合作。",
    ],
)
def test_genuine_words_in_a_genuine_report_stay_as_written(text: str) -> None:
    result = normalise(text)
    assert not result.reworded
    assert result.text == text and not result.changes


def test_chaired_by_and_joined_names_and_receptions() -> None:
    text = (
        "会议由施尔畏副院长主持。"
        "6日，广东省委书记李希、省长王伟中与新疆维吾尔自治区主席艾尔肯·吐尼亚孜就共同谋划对口支援工作进行了交流，"
        "王伟中出席座谈会。"
        "市委书记齐家滨会见代表团一行，市领导刘兆亮、马先侠、王森勋和市政协秘书长孙成博分别陪同相关活动。"
        "12月23日至25日，日照对口支援的新疆喀什地区麦盖提县政协主席艾克拜尔·麦麦提明带领代表团到日照对接工作。"
    )
    people = {p.name: p.title for p in find_attendees(text)}
    assert people["施尔畏"] == "副院长"
    assert people["王伟中"] == "省长"
    assert people["艾尔肯·吐尼亚孜"] == "新疆维吾尔自治区主席"
    assert people["齐家滨"] == "市委书记"
    assert people["王森勋"] == "市领导" and people["孙成博"] == "市政协秘书长"
    assert people["艾克拜尔·麦麦提明"] == "新疆喀什地区麦盖提县政协主席"
    # 新疆生态与地理研究所 is one organisation, not two people joined by 与.
    people = {p.name: p.title for p in find_attendees("新疆生态与地理研究所所长雷加强出席会议。")}
    assert people == {"雷加强": "新疆生态与地理研究所所长"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The meeting's own date, not the page's; the year from the page's date.
        ("日期:2010-11-04\n2010年10月25日，中国科学院在北京召开了院兵科技合作汇报会。", "2010-10-25"),
        ("2015-08-13 09:35\n8月11日，科技部在乌鲁木齐市召开第五次全国科技援疆工作会议。", "2015-08-11"),
        # Published in January about a meeting in December: the year before.
        ("发布时间：2024年1月3日\n12月28日，深圳市在喀什召开对口援疆联席会议。", "2023-12-28"),
        ("7月22日，四方合作工作推进会在乌鲁木齐召开。", "--07-22"),
    ],
)
def test_meeting_date(text: str, expected: str) -> None:
    assert find_meeting(text, None)["date"] == expected


def test_meeting_named_in_the_attendance_sentence() -> None:
    text = "王伟中、艾尔肯·吐尼亚孜出席广东省与新疆维吾尔自治区对口支援工作座谈会并讲话。"
    assert find_meeting(text, None)["name"] == "广东省与新疆维吾尔自治区对口支援工作座谈会"


def test_other_dots_titles_running_into_names_and_speakers_named_with_their_title() -> None:
    text = (
        "2015年8月11日，部区工作会商会议在乌鲁木齐举行。新疆自治区党委副书记、主席雪克来提•扎克尔，"
        "自治区人大常委会主任祖木热提·吾布力出席会议。\n"
        "雪克来提•扎克尔主席指出，部区会商是推动区域科技发展的重要举措，自治区将继续深化部区合作。\n"
    )
    draft = ingest_text(text)
    people = {p.name: p.title for p in draft.attendees}
    assert people["雪克来提·扎克尔"] == "新疆自治区党委副书记、主席"
    assert people["祖木热提·吾布力"] == "自治区人大常委会主任"
    assert [s.name for s in draft.speakers] == ["雪克来提·扎克尔"]
    assert any(c.reason == "middle dot" for c in draft.normalised.changes)


def test_traditional_and_reworded_changes_do_not_overlap() -> None:
    text = "科學手藝部與自治區聯袂胀吹科技立異，晉升立異才華，出席集會並談話。"
    result = normalise(text)
    assert result.reworded
    assert "科学技术部与自治区携手推动科技创新" in result.text and "出席会议并讲话" in result.text
    spans = sorted((c.offset, c.offset + len(c.source)) for c in result.changes)
    assert all(b <= c for (_, b), (c, _) in zip(spans, spans[1:], strict=False))
    for change in result.changes:
        assert text[change.offset : change.offset + len(change.source)] == change.source
    assert any(c.source == "手藝" and c.target == "技术" for c in result.changes)
    # Applying the changes to the original gives the normalised text.
    rebuilt, pos = [], 0
    for change in result.changes:
        rebuilt += [text[pos : change.offset], change.target]
        pos = change.offset + len(change.source)
    assert "".join([*rebuilt, text[pos:]]) == result.text


def test_a_transliterated_name_ends_where_its_verb_begins() -> None:
    from sifang.ingest.names import find_names

    text = "阿不都热合曼·买买提出席集会。阿不都热合曼·买买提显露，喀什将用好援疆资源。"
    assert find_names(text, use_pos=False) == ("阿不都热合曼·买买提",)
    result = normalise("科学手艺部胀吹科技立异，晋升立异才华。" + text)
    assert "买买提出席会议" in result.text and "买买提表示" in result.text


def test_injected_brand_is_the_repeated_string_not_its_neighbour() -> None:
    text = (
        "金沙娱乐6月18日，联席集会正在喀什举办，科学手艺部胀吹科技立异。欢迎企业到喀什投资兴业金沙娱乐。"
        "加快造就特质工业金沙娱乐，为深化合作提供保证。"
    )
    result = normalise(text)
    assert "投资兴业。" in result.text and "金沙" not in result.text
    assert {c.source for c in result.changes if c.reason == "spam"} == {"金沙娱乐"}


def test_commitments_stated_in_narration() -> None:
    text = (
        "7月22日，四方合作工作推进会在乌鲁木齐召开。科技部部长王志刚出席会议并讲话。\n"
        "王志刚指出，科技部将支持新疆建设区域科技创新中心。\n"
        "会议强调，深圳将深化与喀什的科技合作，推动新能源产业协同发展。双方将加强人才交流。"
        "中国科学院已在新疆建成多个研究平台。\n"
    )
    draft = ingest_text(text)
    got = {(c.party, c.action[:8]) for c in draft.commitments}
    assert ("科学技术部", "科技部将支持新疆") in got
    assert ("深圳市", "深圳将深化与喀什") in got
    # No party named as the subject (双方), or something already done (已在): not a commitment.
    assert not any(c.action.startswith(("双方", "中国科学院已")) for c in draft.commitments)
    assert len(draft.commitments) == 2


@pytest.mark.parametrize(
    ("action", "field"),
    [
        ("科技部将在战略性矿产资源领域组织实施一批重大科技项目", "战略性矿产资源"),
        ("中国科学院将围绕水资源利用、生态资源保护等领域组织开展联合攻关", "水资源利用"),
        ("瞄准“八大产业集群”建设，聚焦发展迫切需求和急需创新突破的重点领域开展攻关", "八大产业集群"),
        # Stages of the chain are activities, not fields.
        ("要把科洽会成果转化为推动产业发展的实际成效", None),
        ("聚焦发展迫切需求和急需创新突破的重点领域", None),
    ],
)
def test_commitment_field(action: str, field: str | None) -> None:
    from sifang.ingest.extract import find_field

    assert find_field(action) == field
