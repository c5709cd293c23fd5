"""Patterns found in the fifth session: the fourth session's notes on the engine and the real
reports of its round ten (their texts are not in the repository; each test reproduces one
pattern in a sentence of our own)."""

from __future__ import annotations

from sifang.ingest import ingest_text
from sifang.ingest.extract import _meeting_parties

from .helpers import commitments
from .helpers import people as _people


def test_another_region_is_judged_on_the_whole_report() -> None:
    # A Xinjiang report whose meeting sentence names 宁夏 and no Xinjiang place: its bare 自治区
    # is still Xinjiang's, so the joint subject 双方 is the 自治区 and the CAS.
    text = (
        "新疆维吾尔自治区代表团赴宁夏学习交流。\n"
        "5月8日，自治区与中国科学院科技合作座谈会在宁夏银川召开。"
        "科技部有关司局负责同志介绍了情况。双方将共建联合实验室。"
    )
    assert _meeting_parties(text) == ["新疆维吾尔自治区", "中国科学院"]
    draft = ingest_text(text, year_hint=2020)
    assert {c.party for c in draft.commitments} == {"新疆维吾尔自治区", "中国科学院"}
    # and a report that is about 宁夏 alone keeps the bare 自治区 out
    other = "5月8日，自治区与中国科学院科技合作座谈会在宁夏银川召开。双方将共建联合实验室。"
    assert _meeting_parties(other) == ["中国科学院"]


def test_a_chair_named_before_the_title_takes_the_party_of_a_fuller_mention() -> None:
    # 会议由王平副厅长主持 gives no party; the full mention elsewhere does, in either order.
    chair = "会议由王平副厅长主持。"
    full = "自治区科技厅副厅长王平介绍了合作情况。"
    for text in (chair + full, full + chair):
        assert _people("6月3日，科技合作座谈会在乌鲁木齐召开。" + text)["王平"][1] == "新疆维吾尔自治区"


def test_a_statement_said_twice_is_read_after_its_own_verb() -> None:
    # The same words after 强调 are a directive, after 表示 an undertaking of the one who speaks.
    text = (
        "6月3日，自治区与科技部科技合作座谈会在乌鲁木齐召开。自治区副主席张三、科技部副部长李四出席会议。"
        "张三强调，要加强科技人才交流合作。李四在讲话中表示，要加强科技人才交流合作。"
    )
    draft = ingest_text(text)
    assert [(c.party, c.action) for c in draft.commitments] == [("科学技术部", "要加强科技人才交流合作")]


def test_a_name_ending_in_a_function_character_is_kept_whole_where_the_list_ends_it() -> None:
    listed = (
        "6月3日，科技合作座谈会在乌鲁木齐召开。自治区科技厅副厅长王学为、中科院新疆分院院长李平出席会议。"
    )
    assert _people(listed)["王学为"] == ("自治区科技厅副厅长", "新疆维吾尔自治区")
    after = (
        "6月3日，科技合作座谈会在乌鲁木齐召开。出席会议的有自治区科技厅副厅长王学为，中科院新疆分院院长李平。"
    )
    assert "王学为" in _people(after)
    # where the clause goes on after the name, the glued function word is still cut off
    assert "艾尔肯·吐尼亚孜" in _people("自治区主席艾尔肯·吐尼亚孜就共同谋划合作与科技部部长会谈。")


def test_a_protocol_list_that_lost_its_separators_gives_one_person_each() -> None:
    text = "6月3日，合作座谈会在深圳召开。中国科学院副院长施尔畏、国科控股总经理邓麦村深圳市常务副市长许勤出席会议。"
    people = _people(text)
    assert people["邓麦村"] == ("国科控股总经理", None)
    assert people["许勤"] == ("深圳市常务副市长", "深圳市")
    # posts of one person are not split
    assert _people("自治区党委常委、副主席李学军出席会议。") == {
        "李学军": ("自治区党委常委、副主席", "新疆维吾尔自治区")
    }


def test_a_section_chief_is_a_titled_person() -> None:
    text = "八师科技局局长王强、副局长李明、农社科科长赵军等参加了座谈。"
    assert _people(text)["赵军"] == ("农社科科长", "新疆生产建设兵团")


def test_a_division_post_with_a_note_that_opens_a_sentence() -> None:
    # The note (主持工作) is not part of the post, and the division is the institute's named before.
    text = (
        "3月3日，兵团林草局副局长李志强一行到访中国科学院新疆生地所并座谈。新疆生地所所长张元明介绍了研究所概况。"
        "科研外事处副处长(主持工作)周晓兵详细介绍了研究所近年来的主要成果。"
    )
    assert _people(text)["周晓兵"] == ("科研外事处副处长", "中国科学院")
    # a note in a company's name stays
    company = "深圳中科新能源投资(广东)有限公司总经理卜长林介绍了项目情况。"
    assert _people(company)["卜长林"][0] == "深圳中科新能源投资(广东)有限公司总经理"
    # a bare post that opens a later sentence does not take the party of the one named before
    visit = "兵团林草局副局长李志强一行到访研究所并座谈。所长张元明介绍了研究所概况。"
    assert _people(visit)["张元明"][1] is None


def test_where_two_met_is_not_part_of_the_first_ones_name() -> None:
    text = "福建省科技厅党组副书记、副厅长游建胜在榕与中科院上海分院院长、分党组副书记胡金波一行举行会谈。"
    people = _people(text)
    assert people["游建胜"] == ("福建省科技厅党组副书记、副厅长", None)
    assert people["胡金波"] == ("中科院上海分院院长、分党组副书记", "中国科学院")


def test_bare_posts_after_another_province_are_not_the_party_named_before_it() -> None:
    text = (
        "中科院院长白春禮出席签字仪式。中科院副秘书长潘教峰，内蒙古自治区党委副书记、主席巴特尔，"
        "党委副书记、常务副主席任亚平参加了签字仪式。"
    )
    people = _people(text)
    assert people["潘教峰"][1] == "中国科学院"
    assert people["任亚平"][1] is None
    # with no province in between, the bare posts still take the organisation named before them
    same = "中科院副秘书长潘教峰，党委副书记、常务副主席任亚平参加了签字仪式。"
    assert _people(same)["任亚平"][1] == "中国科学院"


def test_a_cas_institute_by_its_short_name_and_a_banners_posts() -> None:
    text = (
        "3月10日，库伦旗委书记周粮源，旗委常委、政府副旗长于海洋一行调研西北研究院。"
        "西北研究院院长冯起，党委书记、副院长张长春参加座谈会。"
    )
    people = _people(text)
    assert people["冯起"] == ("西北研究院院长", "中国科学院")
    assert people["张长春"][1] == "中国科学院"
    assert people["于海洋"] == ("旗委常委、政府副旗长", None)


def _commitments(text: str) -> list[tuple[str | None, str]]:
    return commitments(text, year_hint=2023)


def test_an_excerpt_that_stops_after_the_verb_gives_no_commitment() -> None:
    text = (
        "11月28日，深圳与喀什产业协作推介会在深圳召开。喀什地委副书记王明出席会议。"
        "深圳市将继续支持喀什产业发展。喀什行署将一"
    )
    assert _commitments(text) == [("深圳市", "深圳市将继续支持喀什产业发展")]


def test_a_university_named_after_a_partys_place_undertakes_nothing_for_it() -> None:
    text = (
        "6月2日，喀什大学与山东交通学院签约仪式在喀什举行。自治区教育厅副厅长薛海出席仪式。"
        "喀什大学将举全校之力建设好交通产业学院。"
    )
    assert _commitments(text) == []


def test_a_statement_that_says_what_something_is_is_no_undertaking() -> None:
    text = (
        "9月16日，科技部与宁夏部区会商会议在银川召开。科技部部长万钢出席会议并讲话。"
        "万钢表示，部省会商制度是科技部与地方政府共同推进地方科技发展的一项机制创新。"
        "他表示，科技部将支持宁夏建设绿色农产品基地。"
    )
    assert _commitments(text) == [("科学技术部", "科技部将支持宁夏建设绿色农产品基地")]


def test_past_work_told_first_then_what_the_speakers_side_will_do() -> None:
    text = (
        "10月27日，自治区科技厅副厅长余斗星在中科院新疆生地所调研座谈。新疆生地所所长张元明参加座谈。"
        "张元明指出，近年来，新疆生地所人才队伍规模不断扩大，今后研究所将一如既往抓好人才工作。"
    )
    assert _commitments(text) == [("中国科学院", "今后研究所将一如既往抓好人才工作")]


def test_a_joint_subject_further_on_in_a_narrated_sentence() -> None:
    text = (
        "7月22日，中国农业科学院与自治区人民政府农业科技合作座谈会在乌鲁木齐召开。自治区副主席田文出席会议。"
        "中心设在昌吉国家农业科技园区，今后双方将就新疆农业热点问题开展前瞻性研究。"
    )
    # the other side, a national body other than the 科技部 and the CAS, undertakes nothing for a party
    assert _commitments(text) == [("新疆维吾尔自治区", "今后双方将就新疆农业热点问题开展前瞻性研究")]


def test_one_who_gives_the_keynote_attends() -> None:
    text = "5月13日，产业援疆推介活动在克拉玛依举行。克拉玛依市委书记石岗出席活动，市委副书记、市长陈凯作主旨发言。"
    assert _people(text, ["新疆维吾尔自治区"], "克拉玛依")["陈凯"] == ("市委副书记、市长", "新疆维吾尔自治区")
    # a name with 作 in it is not cut there
    assert "王作军" in _people("自治区科技厅厅长王作军作报告，科技部副部长李明出席会议。")


def test_two_places_named_together_undertake_for_their_parties() -> None:
    text = (
        "11月2日，深圳与喀什产业合作推介会在深圳召开。深圳市副市长陈彪出席会议。"
        "陈彪表示，两地将全力推动一城一园重大产业援疆项目。深港两地将在此建立重点科研合作基地。"
    )
    got = _commitments(text)
    assert ("新疆维吾尔自治区", "两地将全力推动一城一园重大产业援疆项目") in got
    assert ("深圳市", "两地将全力推动一城一园重大产业援疆项目") in got
    assert ("深圳市", "深港两地将在此建立重点科研合作基地") in got
    assert len(got) == 3


def test_more_ways_of_being_at_a_meeting() -> None:
    # names listed after one title, a rarer surname among them
    listed = _people("龙岗区领导张礼卫、代金涛、谷更军出席签约仪式。")
    assert set(listed) == {"张礼卫", "代金涛", "谷更军"}
    assert {party for _, party in listed.values()} == {"深圳市"}
    # who received the visitors, who guided the meeting
    assert _people("深圳市许勤市长接待了调研组一行。")["许勤"] == ("深圳市市长", "深圳市")
    assert _people("科技部火炬中心常务副主任张志宏及相关处室负责人指导会议。")["张志宏"][1] == "科学技术部"
    # those who accompany, listed across commas and closed by 的陪同下
    accompanied = _people(
        "江苏省委书记信长星率代表团，在广东省委常委王瑞军，深圳市委副书记、市长覃伟中的陪同下，到深圳先进院考察。"
    )
    assert accompanied["覃伟中"] == ("深圳市委副书记、市长", "深圳市")
    # the hosts after a visiting group (…一行项目组成员与伊吾县委书记…), a 常务 county post
    hosts = _people(
        "专家等一行项目组成员与伊吾县委书记李光泽、常务副县长蒋向阳在伊吾县召开座谈会。",
        ["新疆维吾尔自治区"],
        "伊吾",
    )
    assert hosts["李光泽"] == ("伊吾县委书记", "新疆维吾尔自治区")
    assert hosts["蒋向阳"] == ("常务副县长", "新疆维吾尔自治区")


def test_another_provinces_aid_command_after_a_xinjiang_seat_is_no_partys() -> None:
    from sifang.ingest.parties import party_of

    assert party_of("阿克苏地委副书记，浙江省援疆指挥部党委书记、指挥长") is None
    assert party_of("克州党委副书记，江苏援疆克州前指党委书记、总指挥") is None
    assert party_of("上海援克前方指挥部总指挥、克拉玛依市委副书记") is None
    assert party_of("上海市对口支援新疆克拉玛依前方指挥部总指挥") is None
    # 深圳's own command is 深圳's, and a seat before a bare department still stands
    assert party_of("深圳市对口支援新疆喀什前方指挥部总指挥") == "深圳市"
    assert party_of("喀什地委副书记、深圳市援疆前方指挥部总指挥") == "深圳市"
    assert party_of("兵团科技局党组成员、科协专职副主席") == "新疆生产建设兵团"


def test_names_after_one_title_that_each_spoke() -> None:
    text = "第二师铁门关市工业和信息化局副局长焦宪亮、肖储宁分别介绍了铁门关市主导产业发展基础。"
    people = _people(text)
    assert people["焦宪亮"] == people["肖储宁"] == ("第二师铁门关市工业和信息化局副局长", "新疆生产建设兵团")
    # a verb glued to a dotted name is cut off
    assert "阿迪力·艾力" in _people("阿克苏地委副书记、行署专员阿迪力·艾力参加会议。")


def test_he_said_after_a_sentence_about_a_titled_person() -> None:
    text = (
        "5月27日，新疆生地所所长张元明一行赴吐鲁番座谈。吐鲁番市委书记张文胜出席座谈会。"
        "吐鲁番市委书记张文胜充分肯定了新疆生地所取得的成绩。他表示，将全力支持吐鲁番植物园建设。"
    )
    draft = ingest_text(text, year_hint=2022)
    assert "张文胜" in {s.name for s in draft.speakers}
    assert ("新疆维吾尔自治区", "将全力支持吐鲁番植物园建设") in [
        (c.party, c.action) for c in draft.commitments
    ]


def test_what_the_sides_said_they_will_do_after_what_they_did() -> None:
    text = (
        "5月26日，深圳市科技局局长吴文剑一行到广州能源所调研座谈。所长孙永明参加座谈。"
        "双方就新能源产业发展进行了深入交流，双方表示将就具体项目部署进行进一步的合作交流。"
    )
    assert sorted(_commitments(text)) == [
        ("中国科学院", "将就具体项目部署进行进一步的合作交流"),
        ("深圳市", "将就具体项目部署进行进一步的合作交流"),
    ]


def test_what_was_settled_runs_on_past_a_comma_with_bing() -> None:
    text = (
        "3月31日，深圳市光明区人民政府与中国科学院深圳理工大学举行签约仪式，明确联合打造光明工程生物产业创新中心，"
        "并共建一所公办高级中学。光明区区长王宏彬出席仪式。"
    )
    actions = {action for _, action in _commitments(text)}
    assert actions == {"联合打造光明工程生物产业创新中心，并共建一所公办高级中学"}


def test_a_notice_with_a_document_number_is_no_report() -> None:
    import pytest

    from sifang.ingest.errors import IngestError

    notice = (
        "科协办函调字〔2016〕208号\n各省、自治区、直辖市科协，新疆生产建设兵团科协：\n"
        "拟于2016年9月21日在郑州市召开地方科协深化改革工作交流研讨会，中国科协副主席王春法出席。"
        "现将有关事项通知如下：一、时间 9月21日报到。"
    )
    with pytest.raises(IngestError):
        ingest_text(notice)
    # a meeting told without its date (日前召开的…) is still one, even with no one named
    undated = (
        "记者从日前召开的中国科学院上海分院、嘉定区人民政府高新技术产业化推进会上获悉，双方签订合作协议。"
    )
    assert ingest_text(undated).meeting["name"]
    # a report that cites a document's number inside a sentence is still a report
    report = (
        "9月21日，自治区与深圳市科技合作座谈会在乌鲁木齐召开，落实《合作方案》（新政发〔2020〕12号）。"
        "自治区副主席张三出席会议。"
    )
    assert ingest_text(report).meeting["date"].endswith("09-21")


def test_a_national_body_s_research_centre_and_a_visiting_researcher() -> None:
    from sifang.ingest.parties import home_party, party_of

    title = "中国农业科学院西部农业研究中心党委书记、主任、昌吉州党委副书记"
    assert party_of(title) is None
    assert home_party(title, ["中国科学院", "新疆维吾尔自治区"], "昌吉") is None
    assert party_of("国家体育总局冬季运动管理中心主任") is None
    visit = "3月30日，中国科学院福建物质结构研究所姚元根研究员访问新疆理化所。"
    assert _people(visit)["姚元根"] == ("中国科学院福建物质结构研究所研究员", "中国科学院")


def test_jiang_as_ba_a_cas_observatory_and_a_welcome_after_an_undertaking() -> None:
    base = "6月27日，日喀则市推介会在上海举行。中国科学院上海天文台副台长齐朝祥出席会议。"
    assert _commitments(base + "上海天文台将在萨迦县建设一个多技术并置站。") == [
        ("中国科学院", "上海天文台将在萨迦县建设一个多技术并置站")
    ]
    # 将 in the sense of 把 (将山东作为重点区域) undertakes nothing
    told = "6月2日，中科院与山东省科技合作座谈会在济南召开。中科院院长白春礼出席会议。"
    assert (
        _commitments(told + "白春礼表示，中科院一直十分重视与山东省的科技合作，并将山东作为重点区域之一。")
        == []
    )
    # a welcome after the undertaking is not part of it
    hosts = "4月4日，新疆分院与克拉玛依市座谈会在克拉玛依召开。克拉玛依市副市长王刚出席会议。"
    got = _commitments(hosts + "王刚表示，市政府将全力支持办好高等教育事业，欢迎中亚科技学院落地克拉玛依。")
    assert got == [("新疆维吾尔自治区", "市政府将全力支持办好高等教育事业")]


def test_the_short_name_of_taxkorgan_county() -> None:
    from sifang.ingest.parties import party_of

    assert party_of("塔县县委书记") == "新疆维吾尔自治区"
