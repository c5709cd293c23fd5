"""Patterns of real public meeting reports met in the third session's check of 37 real reports
(their texts are not in the repository; each test reproduces one pattern in a sentence of our own)."""

from __future__ import annotations

import pytest

from sifang.ingest import ingest_text
from sifang.ingest.errors import IngestError
from sifang.ingest.extract import find_attendees, find_meeting, party_of


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


def test_wishes_and_directives_to_others_are_not_commitments() -> None:
    text = (
        "科技部与新疆维吾尔自治区部区工作会商会议在乌鲁木齐召开。科技部部长王志刚出席会议并讲话。\n"
        "王志刚表示，希望新疆牢牢把握机遇，加快实施创新驱动发展战略。科技部将支持新疆建设丝绸之路经济带创新驱动发展试验区。"
        "各项目团队要聚焦国家重大需求。部区会商要深入贯彻会议精神。\n"
    )
    draft = ingest_text(text, year_hint=2015)
    actions = [(c.party, c.action) for c in draft.commitments]
    assert ("科学技术部", "科技部将支持新疆建设丝绸之路经济带创新驱动发展试验区") in actions
    assert not any("希望" in a or a.startswith(("各项目", "部区会商")) for _, a in actions)


def test_a_joint_subject_commits_both_parties_of_the_meeting() -> None:
    text = (
        "中国科学院与新疆生产建设兵团科技合作座谈会在石河子召开。中国科学院副院长张亚平、兵团副司令员李冀东出席会议。\n"
        "会议商定，双方将以联合实验室建设为契机，进一步加强和深化全面战略合作。\n"
    )
    draft = ingest_text(text, year_hint=2023)
    joint = {c.party for c in draft.commitments if "联合实验室" in c.action}
    assert joint == {"中国科学院", "新疆生产建设兵团"}


def test_a_delegation_leader_of_another_province_speaks_for_no_party_and_commits_none() -> None:
    text = (
        "10月4日，省委副书记、省长马兴瑞率广东省党政代表团赴新疆喀什，新疆维吾尔自治区主席雪克来提·扎克尔参加有关活动。\n"
        "4日，两省区召开广东·新疆对口支援工作座谈会。马兴瑞代表广东省委、省政府对新疆给予的支持表示感谢。"
        "他指出，我们将高标准完成各项对口支援任务。\n"
    )
    draft = ingest_text(text, year_hint=2020)
    people = {p.name: (p.title, p.party) for p in draft.attendees}
    assert people["马兴瑞"] == ("省委副书记、省长", None)
    assert any(s.name == "马兴瑞" and s.party is None for s in draft.speakers)
    # Guangdong's undertakings are not the 自治区's, and they are no party's of the mechanism:
    # commitments say which party will do what.
    assert not draft.commitments


def test_a_notice_that_prepares_a_meeting_is_not_a_meeting_report() -> None:
    text = (
        "关于报送科技援疆工作总结的通知\n"
        "各省辖市科技局：科技部、新疆维吾尔自治区人民政府拟适时召开第六次全国科技援疆工作会议，请各单位报送工作总结。\n"
    )
    with pytest.raises(IngestError) as caught:
        ingest_text(text)
    assert caught.value.code == "not_meeting"


def test_a_promotion_meeting_is_a_meeting() -> None:
    text = (
        "深圳喀什科技成果推介会在深圳举办。喀什地区行署副秘书长张永海致辞。\n"
        "张永海表示，喀什行署将做好服务保障。\n"
    )
    draft = ingest_text(text, year_hint=2019)
    assert draft.meeting["name"] == "深圳喀什科技成果推介会"
    assert [p.name for p in draft.attendees] == ["张永海"]


def test_meetings_named_only_as_a_reference_are_not_the_meeting() -> None:
    text = (
        "为深入贯彻落实第三次中央新疆工作座谈会精神，10月4日，两省区在喀什召开广东·新疆对口支援工作座谈会。"
        "新疆维吾尔自治区主席雪克来提·扎克尔出席会议。"
    )
    assert find_meeting(text, 2020) == {
        "name": "广东·新疆对口支援工作座谈会",
        "date": "2020-10-04",
        "place": "喀什",
    }


def test_short_city_names_parentheses_and_adverbs_around_the_place() -> None:
    meeting = find_meeting("近期，中国科学院与新疆维吾尔自治区在京召开科技合作座谈会。", 2021)
    assert meeting["name"] == "中国科学院与新疆维吾尔自治区科技合作座谈会"
    assert meeting["place"] == "北京"
    meeting = find_meeting(
        "3月28日，中国科学院对地观测与数字地球科学中心（以下简称“对地观测中心”）喀什分中心落成揭牌仪式"
        "在新疆喀什市隆重举行。",
        2016,
    )
    assert meeting["name"] == "中国科学院对地观测与数字地球科学中心喀什分中心落成揭牌仪式"
    assert find_meeting("深圳喀什科技成果推介会在深圳成功举办。", 2019)["place"] == "深圳"


def test_the_year_of_a_dotted_page_stamp() -> None:
    text = "06.09.2017  02:53\n8月30日下午，协同创新协议签字仪式在新疆昌吉举行。"
    assert find_meeting(text, None)["date"] == "2017-08-30"


def test_speakers_who_give_an_address_without_a_quote() -> None:
    text = (
        "11月14日，第五次全国科技援疆工作会议在乌鲁木齐召开。科技部党组书记王志刚出席并讲话，"
        "自治区主席雪克来提·扎克尔致辞。兵团司令员刘新齐、自治区副主席艾尔肯·吐尼亚孜出席。\n"
        "座谈会上，刘新齐首先介绍了兵团科技工作情况。\n"
        "深圳市政府副秘书长、深圳市对口支援新疆工作前方指挥部总指挥谢海生在致辞中，阐述了喀什的发展机遇。\n"
    )
    draft = ingest_text(text, year_hint=2015)
    speakers = {s.name: s for s in draft.speakers}
    assert {"王志刚", "雪克来提·扎克尔", "刘新齐"} <= set(speakers)
    assert "艾尔肯·吐尼亚孜" not in speakers
    assert speakers["刘新齐"].statements[0].startswith("兵团科技工作情况")


def test_a_speaker_whose_name_runs_into_a_verb_is_the_attendee() -> None:
    text = (
        "中国科学院与新疆维吾尔自治区在京召开科技合作座谈会。中科院副院长张涛，新疆自治区副主席芒力克·斯依提出席会议并讲话。\n"
        "芒力克·斯依提向中科院表示感谢。他指出，新疆将用好中科院的科技资源。\n"
    )
    draft = ingest_text(text, year_hint=2021)
    speakers = {s.name: s.statements for s in draft.speakers}
    assert "芒力克·斯依" not in speakers
    assert any("用好中科院的科技资源" in said for said in speakers["芒力克·斯依提"])


def test_glosses_with_a_space_and_lost_dots_beside_them() -> None:
    text = (
        "11日，自治區黨委副書(shū)記、自治區主席雪克來(lái)提?扎克爾會(huì )見(jiàn)了中國科學(xué)院黨組副書(shū)記、副院長(cháng)劉偉平。\n"
        "雪克來(lái)提?扎克爾說(shuō)，新疆會(huì )用好中科院的優質資源，希望中科院與新疆進(jìn)一步擴大合作領(lǐng)域。"
        "多年來(lái)，中科院為新疆的科技人才培養做了大量工作。\n"
    )
    draft = ingest_text(text, year_hint=2016)
    assert "(" not in draft.normalised_text and "?" not in draft.normalised_text
    people = {p.name: (p.title, p.party) for p in draft.attendees}
    assert people["雪克来提·扎克尔"] == ("自治区党委副书记、自治区主席", "新疆维吾尔自治区")
    # The one received in a 会见 attends as well.
    assert people["刘伟平"] == ("中国科学院党组副书记、副院长", "中国科学院")
    actions = [c.action for c in draft.commitments]
    assert actions == ["新疆会用好中科院的优质资源"]


def test_a_visit_is_held_where_the_delegation_went() -> None:
    text = (
        "5月6日至9日，新疆维吾尔自治区党政代表团来粤考察交流。6日，广东省委书记李希与新疆维吾尔自治区主席"
        "艾尔肯·吐尼亚孜进行了深入交流，并出席广东新疆对口支援工作座谈会。"
    )
    assert find_meeting(text, 2021)["place"] == "广东"
    text = "省长马兴瑞率广东省党政代表团赴新疆喀什，与自治区进行对接。4日，两省区召开对口支援工作座谈会。"
    assert find_meeting(text, 2020)["place"] == "喀什"  # the city, without its province
    text = "李斌一行来访研究所，张元明对李斌一行的来访表示热烈欢迎。双方召开座谈会。"
    assert find_meeting(text, 2023)["place"] is None


def test_people_cited_are_not_present_and_academicians_are_no_party() -> None:
    text = (
        "座谈会上，自治区党委常委、自治区人民政府副主席艾尔肯·吐尼亚孜首先介绍了试验区的背景，"
        "传达了自治区党委书记张春贤、科技部党组书记王志刚的指示。\n"
        "签字仪式由新疆自治区科技厅陈旗副厅长主持。中国科学院院士赵玉芬出席会议。\n"
    )
    people = _people(text)
    assert "张春贤" not in people and "王志刚" not in people
    assert people["陈旗"] == ("新疆自治区科技厅副厅长", "新疆维吾尔自治区")
    assert people["赵玉芬"] == ("中国科学院院士", None)


def test_a_list_shares_its_party_but_not_across_a_new_list() -> None:
    text = (
        "自治区科技厅厅长张小雷、教育厅厅长吐尔逊·伊不拉音，深圳市发改委副主任吴优、科创委副主任邱宣，"
        "中科院对地观测中心主任郭华东出席。"
    )
    people = _people(text)
    assert people["吐尔逊·伊不拉音"][1] == "新疆维吾尔自治区"
    assert people["邱宣"][1] == "深圳市"
    assert people["郭华东"][1] == "中国科学院"


def test_two_subjects_in_one_sentence_are_two_undertakings() -> None:
    text = (
        "深喀合作推进会在喀什召开。喀什地区行署副秘书长张永海出席会议并致辞。\n"
        "张永海表示，深圳将发挥产业优势支持喀什建设园区，喀什行署将做好服务保障工作。\n"
        "兵团第十二师党委书记李斌出席座谈会。十二师将全力做好园区建设服务保障工作。\n"
    )
    draft = ingest_text(text, year_hint=2019)
    got = {(c.party, c.action) for c in draft.commitments}
    assert ("深圳市", "深圳将发挥产业优势支持喀什建设园区") in got
    assert ("新疆维吾尔自治区", "喀什行署将做好服务保障工作") in got
    assert ("新疆生产建设兵团", "十二师将全力做好园区建设服务保障工作") in got


def test_a_joint_undertaking_with_a_partner_outside_the_parties() -> None:
    text = (
        "阿克苏地区与某大学科技合作签约仪式在阿克苏举行。阿克苏地委书记窦万贵出席签约仪式并致辞。\n"
        "双方将围绕科研平台建设、科研成果转化等方面开展深入合作。\n"
    )
    draft = ingest_text(text, year_hint=2023)
    assert [(c.party, c.action[:4]) for c in draft.commitments] == [("新疆维吾尔自治区", "双方将围")]


def test_a_leader_who_hopes_others_will_act_commits_nothing() -> None:
    text = (
        "自治区党委书记张春贤主持座谈会。\n"
        "张春贤希望院士专家们发挥智力优势，加强对新疆经济社会的前瞻性研究。\n"
    )
    assert not ingest_text(text, year_hint=2011).commitments


def test_names_of_meetings_in_harder_sentences() -> None:
    text = "7月18日上午，自治区人民政府、中国工程院在新疆国际会展中心召开“院士新疆行”恳谈会。"
    assert find_meeting(text, 2023)["name"] == "自治区人民政府、中国工程院“院士新疆行”恳谈会"
    text = "省科技厅在第七次全国科技援疆暨 “四方合作”推进会议上作典型发言\n10月13日，会议在乌鲁木齐召开。"
    assert find_meeting(text, 2024)["name"] == "第七次全国科技援疆暨“四方合作”推进会议"
    text = (
        "由中国科学技术协会主办、新疆科协等单位支持、新疆院士联合会等单位承办、昌吉州科协等单位协办的"
        "天山南北院士行·生态安全与生命健康系列活动启动仪式在昌吉学院举行。"
    )
    assert find_meeting(text, 2023)["name"] == "天山南北院士行·生态安全与生命健康系列活动启动仪式"
    # A chair's sentence or preparations for a later meeting name none.
    assert find_meeting("自治区主席努尔·白克力主持座谈会。", 2011)["name"] is None
    assert (
        find_meeting("为竭力做好第六次全国科技援疆大会的相关筹备工作，高旺盛赴辽宁开展对接。", 2017)["name"]
        is None
    )


def test_academicians_who_each_speak_on_a_subject() -> None:
    text = (
        "“院士新疆行”恳谈会在乌鲁木齐召开。\n"
        "恳谈会上，中国工程院院士孙龙德、高文、邓铭江等三位院士结合此次分组调研，分别围绕能源资源开发提出建议。\n"
    )
    draft = ingest_text(text, year_hint=2023)
    assert {p.name for p in draft.attendees} >= {"孙龙德", "高文", "邓铭江"}
    assert {s.name for s in draft.speakers} >= {"孙龙德", "高文", "邓铭江"}
