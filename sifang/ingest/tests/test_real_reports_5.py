"""Patterns found in the sixth session on new sets of real reports (their texts are not in the
repository; each test reproduces one pattern in a sentence of our own)."""

from __future__ import annotations

from sifang.ingest import ingest_text

from .helpers import commitments as _commitments
from .helpers import people as _people
from .helpers import refusal


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


def test_another_places_prefecture_committee_is_not_xinjiangs() -> None:
    # 地委 alone is Xinjiang's; 中共毕节地委 is Guizhou's, and its fuller title replaces the
    # headline's bare one.
    text = (
        "地委书记张三率团赴深圳考察\n"
        "近日，中共毕节地委书记张三率团赴深圳商谈对口帮扶事宜。23日下午，深圳市委书记李四会见了张三一行。"
    )
    assert _people(text)["张三"] == ("中共毕节地委书记", None)
    assert _people("地委书记张三会见了深圳市副市长李四一行。")["张三"][1] == "新疆维吾尔自治区"


def test_a_report_that_speaks_for_another_city_keeps_its_bare_city_posts() -> None:
    # a 赣州 paper's report of a meeting in 深圳: its 市领导 are 赣州's
    text = (
        "2月14日，深赣对口合作联席会议在深圳召开。深圳市委书记李四主持，赣州市委书记王五出席。"
        "深圳市领导赵六、赣州市领导钱七分别介绍情况。市领导孙八、周九等出席。"
    )
    people = _people(text, ["深圳市"], "深圳")
    assert people["孙八"][1] is None and people["周九"][1] is None
    # each named with a title of one's own before 分别介绍
    assert people["赵六"] == ("深圳市领导", "深圳市") and people["钱七"] == ("赣州市领导", None)
    # a city leader who goes to 深圳, or two cities named together, are not 深圳's
    went = "昨日，市委书记张文率队前往深圳对口帮扶河源指挥部调研。"
    assert _people(went, ["深圳市"], None)["张文"][1] is None
    pair = "深圳河源两市将深化合作。深圳市委书记李四会见了市委书记王五一行。"
    assert _people(pair, ["深圳市"], None)["王五"][1] is None
    # while a 深圳 paper's bare 市 post at a meeting in 喀什 stays 深圳's
    own = "5月8日，深喀科技合作座谈会在喀什召开。市委副书记、市长李四，喀什地委书记王五出席。"
    assert _people(own, ["新疆维吾尔自治区", "深圳市"], "喀什")["李四"][1] == "深圳市"


def test_a_prefecture_post_at_talks_in_shenzhen_is_not_shenzhens() -> None:
    text = "9月30日，州委书记张三与深圳市委副书记、市长李四在深圳市就对口支援工作进行会谈。"
    people = _people(text, ["深圳市"], "深圳")
    assert people["张三"][1] is None
    # where the talks were held is not part of the name after it
    assert people["李四"] == ("深圳市委副书记、市长", "深圳市")


def test_a_leader_of_a_study_group_and_a_delegation_that_is_no_person() -> None:
    text = "前日，深圳市副市长李四率深圳对口帮扶河源考察组赴我市考察。市委书记王五，市委副书记、市长赵六与代表团一行座谈。"
    people = _people(text)
    assert people["李四"] == ("深圳市副市长", "深圳市")
    assert "代表团" not in people


def test_posts_abroad_are_no_partys() -> None:
    text = "10月13日，中国—南非政府间科技合作联委会会议在约翰内斯堡举行。科技部部长王五与南非科技部副总司长赵六共同主持。"
    assert _people(text)["赵六"][1] is None
    # a bare post after a place abroad takes no party from the 科技部 named before it
    hk = (
        "9月27日，内地与香港科技合作委员会会议在香港召开。科技部副部长王五，香港特区政府商务及经济发展局局长赵六参加会议。"
        "王五副部长和赵六局长分别致辞。"
    )
    people = _people(hk)
    assert people["赵六"] == ("香港特区政府商务及经济发展局局长", None)
    assert people["王五"][1] == "科学技术部"


def test_an_undertaking_after_a_need_and_a_wish_and_its_aim_is_no_past() -> None:
    text = (
        "3月5日，科技部与某省科技创新工作座谈会在北京召开。科技部副部长李四出席会议并讲话。\n"
        "李四对近年来某省科技创新取得的成绩给予充分肯定。他说，立足新时代，迫切需要加强区域科技创新体系建设。"
        "希望某省在服务国家科技自立自强上作出新的更大贡献。"
        "科技部将继续加大对某省科技工作的支持力度，助推某省高质量发展取得新成效。"
    )
    got = _commitments(text)
    assert [p for p, _ in got] == ["科学技术部"]
    assert got[0][1].startswith("科技部将继续加大")


def test_each_item_the_sides_agreed_on_after_semicolons() -> None:
    text = (
        "9月5日，中国与某国政府间科技合作委员会例会在北京举行。科技部副部长李四与某国科学部副部长赵六共同主持会议。\n"
        "双方商定，将进一步推动大科学合作，并对已达成共识的合作方向给予联合资助；"
        "将继续共同支持科研机构开展联合研发；在矿冶领域共建联合实验室。\n会后，双方签署了议定书。"
    )
    got = _commitments(text)
    assert [p for p, _ in got] == ["科学技术部"] * 3
    assert got[2][1] == "在矿冶领域共建联合实验室"


def test_encouragement_citations_proposals_and_predictions_are_no_undertakings() -> None:
    head = "6月3日，科技部与某省科技合作座谈会在北京召开。科技部副部长李四出席会议并讲话。\n"
    for said in (
        "李四鼓励这些实验室努力实现关键技术突破。",
        "李四表示，去年12月，习近平主席在会见某国总统时表示，双方要密切各领域交往。",
        "李四就推动院省协议签署、峰会筹办等提出工作建议。",
        "李四表示，在新的历史机遇下，科技部与某省签署合作协议，必将推动两地科技创新合作迈入新阶段。",
        "李四介绍，目前某省正在加快推进科创中心建设。",
    ):
        assert _commitments(head + said) == [], said
    # while 在已有基础上 is no past work
    kept = head + "李四表示，今后，科技部将一如既往地推进与某省的科技合作，在已有基础上更上一个台阶。"
    assert [p for p, _ in _commitments(kept)] == ["科学技术部"]


def test_a_cas_institute_named_further_on_in_a_narrated_sentence() -> None:
    text = (
        "5月8日，某市与中国科学院科技合作签约仪式在某市举行。\n"
        "某区人民政府与中科院植物研究所签订了合作协议，中科院植物研究所将支持某区建立真姬菇培育技术体系。"
    )
    assert _commitments(text) == [("中国科学院", "中科院植物研究所将支持某区建立真姬菇培育技术体系")]


def test_a_bare_post_takes_no_party_from_a_place_named_far_before() -> None:
    text = (
        "为落实以深圳为主阵地建设综合性国家科学中心、建设西丽湖国际科教城等有关工作部署，"
        "王五厅长带队赴某区开展调研，区委书记赵六参加调研。"
    )
    assert _people(text)["王五"] == ("厅长", None)
    # while the organisation named in the clause before still gives it
    near = "李四一行来访中国科学院新疆生地所，与所长张三座谈。"
    assert _people(near)["张三"][1] == "中国科学院"


def test_the_one_received_keeps_the_title_of_the_first_mention() -> None:
    text = "7月17日，某省人民政府副省长赵六一行来访中国科学院。中国科学院副院长、党组成员李四与赵六一行举行了工作座谈。"
    people = _people(text)
    assert people["赵六"] == ("某省人民政府副省长", None)
    assert people["李四"] == ("中国科学院副院长、党组成员", "中国科学院")
    # one received by a party's leader takes no party from the one who received
    met = "深圳市委书记李四会见了市委书记王五、市长赵六一行。"
    assert _people(met)["赵六"][1] is None


def test_company_posts_a_signer_for_another_and_a_welcome_address() -> None:
    text = (
        "4月18日，科技合作签约仪式在成都举行。某控股董事长吴乐、总经理索继、执行董事程仁、财务总监冯玲出席。"
        "副县长刘丁代表我县与中科院西安分院副院长李国保签订共建协议。"
        "中科院上海分院党组书记、副院长王建在欢迎词中提到，双方合作基础良好。"
    )
    people = _people(text)
    assert {n: people[n][0] for n in ("索继", "程仁", "冯玲")} == {
        "索继": "总经理",
        "程仁": "执行董事",
        "冯玲": "财务总监",
    }
    assert people["李国保"] == ("中科院西安分院副院长", "中国科学院")
    assert people["王建"] == ("中科院上海分院党组书记、副院长", "中国科学院")


def test_meeting_names_that_name_no_meeting() -> None:
    from sifang.ingest.extract import find_meeting

    def name(text: str) -> str | None:
        return find_meeting(text, 2020)["name"]

    assert name("12月3日，中科院与深圳市人民政府于12月3日上午召开院市科技合作座谈会。") == (
        "中科院与深圳市人民政府院市科技合作座谈会"
    )
    assert name("5月8日，双方在喀什举行工作会谈。") is None
    assert name("5月8日，市长彭建文在座谈会上强调，要创新园区运营机制。") is None
    assert name("9月30日，双方就对口支援工作进行会谈。刘成鸣说，中央第六次西藏工作座谈会提出了要求。") is None
    assert name("2月25日，喀什地区在深圳举办此次推介会。") is None


def test_places_and_meeting_kinds_of_project_ceremonies() -> None:
    from sifang.ingest.extract import find_meeting

    text = "4月18日上午，援疆平台重大项目集中开工仪式在哈密高新区北部新兴产业园举行。市委书记孙某出席。"
    assert find_meeting(text, 2024)["place"] == "哈密"
    assert find_meeting("5月8日，院地合作推进会在我市召开。", 2024)["place"] is None
    assert find_meeting("5月8日，中俄科技合作分委会第二十三届例会在莫斯科举行。", 2019)["place"] == "莫斯科"


def test_a_headline_of_what_someone_did_is_no_statement() -> None:
    text = (
        "李四副部长调研北京科技创新中心建设\n"
        "1月6日，科技部副部长李四带队赴北京调研科技创新中心建设。\n"
        "李四指出，要进一步规划好科技创新中心的功能。"
    )
    speaker = next(s for s in ingest_text(text, year_hint=2017).speakers if s.name == "李四")
    assert not any(s.startswith("副部长调研") for s in speaker.statements)


def test_surname_xiang_a_farm_head_a_division_in_xinjiang_and_what_someone_did_before_de() -> None:
    text = (
        "5月6日，带队赴香港开展招商推介活动的兵团党委书记、政委李四率兵团访问团一行来到某集团考察。"
        "座谈会上，某大学校长向本明就科技园建设情况作了汇报。"
        "新疆五师副师长兼86团政委朱青松、第十二师某农场党委副书记、场长魏先明参加座谈。"
    )
    people = _people(text)
    assert people["李四"] == ("兵团党委书记、政委", "新疆生产建设兵团")
    assert people["向本明"] == ("某大学校长", None)
    assert people["朱青松"][1] == "新疆生产建设兵团"
    assert people["魏先明"] == ("第十二师某农场党委副书记、场长", "新疆生产建设兵团")


def test_leaders_who_start_a_project_a_centre_post_and_a_name_of_four_transliterated_characters() -> None:
    text = (
        "4月18日，重大项目集中开工仪式在哈密举行。市领导孙某、吾拉木江·热依木、卢希望、张志先共同启动项目建设。"
        "第十二师某农场党委副书记、场长魏某，投资中心主任张振某出席。博州党委副书记、州长巴音克西致辞。"
    )
    people = _people(text)
    assert {"卢希望", "张志先"} <= set(people)
    assert people["张振某"] == ("投资中心主任", "新疆生产建设兵团")
    assert people["巴音克西"] == ("博州党委副书记、州长", "新疆维吾尔自治区")


def test_what_an_agreement_binds_a_party_to_and_two_lead_clauses() -> None:
    text = (
        "12月3日，中科院与深圳市人民政府在深圳召开院市科技合作座谈会。\n"
        "根据合作协议，中科院作为国家战略科技力量，整合全院资源，全力支持深圳建设国际科技产业创新中心。"
    )
    assert [p for p, _ in _commitments(text)] == ["中国科学院"]
    two = (
        "6月5日，兵团科技局与第十四师科技工作会商会议在昆玉市召开。\n"
        "根据双方协商，2015-2020年，兵团科技局与十四师将共同推动科技创新。"
    )
    assert _commitments(two) == [("新疆生产建设兵团", "兵团科技局与十四师将共同推动科技创新")]


def test_one_who_received_at_a_ministry_and_its_units_listed_by_name_first() -> None:
    text = (
        "10月19日上午，科技部副部长李四在科技部会见了香港特别行政区财政司司长曾某华先生一行。"
        "会见由科技部港澳台办叶某副主任主持。高新司赵某司长、计划司蔡某副司长、交流中心王某副主任等陪同会见。"
    )
    people = _people(text, ["科学技术部"])
    assert people["李四"] == ("科技部副部长", "科学技术部")
    assert people["曾某华"] == ("香港特别行政区财政司司长", None)
    assert people["王某"] == ("交流中心副主任", "科学技术部")


def test_a_quoted_remark_before_the_speaker_and_work_that_starts_from_past_funding() -> None:
    text = (
        "5月8日，福田区与塔县对口支援工作座谈会在塔县召开。深圳市福田区委书记李四出席会议。\n"
        "“福田做事，一定要代表深圳的水平。”李四表示，下一步将在此前5年投入1亿元帮扶资金的基础上，继续增加投入。"
    )
    got = _commitments(text)
    assert [p for p, _ in got] == ["深圳市"]
    assert got[0][1].startswith("下一步将在此前5年投入")


def test_people_named_in_passing_who_then_speak_receive_awards_or_explain() -> None:
    text = (
        "11月5日，自治区科技创新大会在乌鲁木齐召开。"
        "新疆能源化工实验室由中国科学院和自治区共同筹建，中国工程院院士、中国科学院大连化学物理研究所所长刘某民担任实验室名誉主任。"
        "刘某民在会上介绍，实验室将围绕能源领域开展研究。"
        "区领导分别向李军、李军旗、李建全等3人颁发了突出贡献人才奖。"
        "会上，科技部中国农村技术开发中心服务处副处长朱某就科技特派员工作作了说明。"
        "科技部港澳台办主任安某基首先传达了中央对港工作的要求。"
    )
    people = _people(text)
    assert people["刘某民"] == ("中国工程院院士、中国科学院大连化学物理研究所所长", "中国科学院")
    assert {"李军", "李军旗", "李建全"} <= set(people)
    assert people["朱某"][1] == "科学技术部"
    assert people["安某基"] == ("科技部港澳台办主任", "科学技术部")


def test_speeches_invited_guests_escorts_and_short_institute_names() -> None:
    text = (
        "4月14日，中国科学院兰州分院副院长杨某荣一行到山东考察。"
        "在德州市科技局局长才某璞、禹城市市长闫某波、常务副市长林某元等陪同下，考察了当地企业。"
        "香港特区政府创新科技及工业局局长孙某和上海市科学技术委员会主任骆某进分别发表主题演讲。"
        "能源与动力工程学院党委书记辛某明受邀参会。成都生物所科技处处长王某出席。"
    )
    people = _people(text, ["中国科学院"])
    assert {"才某璞", "闫某波", "林某元", "骆某进", "辛某明"} <= set(people)
    assert people["王某"] == ("成都生物所科技处处长", "中国科学院")
    # a province's own research institute stays no party's
    other = _people("陕西省生物农业研究所所长陈某杰出席。", ["中国科学院"])
    assert other["陈某杰"][1] is None


def test_a_leaders_visit_recalled_and_what_an_event_will_mean_are_no_undertakings() -> None:
    head = "5月8日，深港科技合作座谈会在深圳召开。深圳市副市长李四出席会议并讲话。\n"
    for said in (
        "李四表示，在改革开放40周年之际，习近平总书记再次来到广东视察并发表重要讲话，为深港科技合作注入新动力。",
        "李四表示，此次签约将为喀什人才引进和培育拓展新渠道。",
    ):
        assert _commitments(head + said) == [], said
    # while an undertaking to carry out such a speech's spirit stays one
    kept = head + "李四表示，深圳将深入贯彻落实总书记重要讲话精神，推动深港科技合作。"
    assert [p for p, _ in _commitments(kept)] == ["深圳市"]
    # and a narrated subject with 还 before its 将
    narrated = (
        "5月8日，中国科学院与某市科技合作签约仪式在某市举行。\n"
        "中科院合肥技术创新工程院与某区政府还将合作成立一支产业发展引导基金。"
    )
    assert [p for p, _ in _commitments(narrated)] == ["中国科学院"]


def test_leaders_whose_instructions_are_relayed_are_not_present_and_a_partys_city_is_no_other_city() -> None:
    text = (
        "5月27日，试验区规划座谈会在乌鲁木齐召开。自治区副主席李四出席会议。\n"
        "座谈会上，李四首先介绍了试验区建设的背景，传达了自治区党委书记张某贤、科技部党组书记王某刚、"
        "广东省委书记胡某华以及深圳市委书记马某瑞对试验区建设的指示精神。"
    )
    people = _people(text)
    assert not {"张某贤", "王某刚", "胡某华", "马某瑞"} & set(people)
    # 吐鲁番市委 names a Xinjiang city: its bare 市 posts are not taken for another city's
    from sifang.ingest.parties import another_city

    assert not another_city("吐鲁番市委常委、常务副市长汤某杰出席。")
    assert another_city("赣州市委书记王五出席。")


def test_those_accompanied_and_a_secondees_origin() -> None:
    text = (
        "1月24日，某县人大常委会主任朱某宪陪同新疆生产建设兵团第十二师某农场党委副书记、场长魏某军，副场长胡某军考察。"
        "魏某军场长对当地企业给予高度评价。"
    )
    people = _people(text)
    assert people["魏某军"] == ("新疆生产建设兵团第十二师某农场党委副书记、场长", "新疆生产建设兵团")
    # 吉林省援疆干部 says where a secondee comes from, not a post
    secondee = _people(
        "5月8日，科技合作座谈会在阿勒泰召开。吉林省援疆干部、地区科技局副局长孙某亮出席。",
        ["新疆维吾尔自治区"],
    )
    assert secondee["孙某亮"][1] == "新疆维吾尔自治区"


def test_oughts_addressees_presentations_headings_and_cut_excerpts_are_no_undertakings() -> None:
    head = "5月8日，科技合作座谈会在深圳召开。中国科学院副院长李四、深圳市副市长王五出席会议。\n"
    for said in (
        "李四表示，中心作为综合科技平台，相关工作不能局限于院内，应与院外大学加强合作。",
        "王五表示，深港两地的科技工作者要抓住大湾区建设的契机，进一步开展全面合作。",
        "李四介绍了兰州分院各研究所的研究方向，并表示本次调研收获很大，对当地产业发展有了更深入的了解。",
        "王五表示，而发展的关键在于人才，此次签约将为人才引进拓展新渠道。",
        "：发挥部省会商制度在推动地方发展中的作用",
        "王五表示，在新的发展时期，深圳将始终把对",
    ):
        assert _commitments(head + said) == [], said


def test_a_day_told_relative_to_the_pages_date() -> None:
    from sifang.ingest.extract import find_meeting

    page = "发布时间：2011-01-20\n本报讯 昨日下午，深圳河源两市对口帮扶座谈会在深圳召开。"
    assert find_meeting(page, None)["date"] == "2011-01-19"
    assert find_meeting(page.replace("昨日", "前日"), None)["date"] == "2011-01-18"
    assert find_meeting(page.replace("昨日下午", "近日"), None)["date"] is None


def test_the_place_of_a_signing_with_no_meeting_word() -> None:
    from sifang.ingest.extract import find_meeting

    text = "12月12日，中国科学院与某省人民政府在京签署全面战略合作协议。省长王五出席。"
    assert find_meeting(text, 2022)["place"] == "北京"


def test_a_party_cited_for_its_authority_or_naming_where_the_bingtuan_is_takes_no_part() -> None:
    from sifang.ingest.extract import parties_present

    text = (
        "3月1日，某大学与第二师铁门关市召开校地融合发展座谈会。"
        "这既是落实党中央、自治区党委、兵团党委决策部署的具体举措，也是双方深化合作的需要。"
    )
    assert parties_present(text, []) == ["新疆生产建设兵团"]
    assert parties_present("5月8日，新疆兵团第八师石河子市召开科技合作座谈会。", []) == ["新疆生产建设兵团"]
    # a body listed among those whose representatives attended still takes part
    listed = "9月5日，科技合作委员会会议在青岛召开。来自科技部、国务院港澳办、中国科学院的代表出席会议。"
    assert parties_present(listed, []) == ["科学技术部", "中国科学院"]


def test_science_departments_are_not_the_ministry() -> None:
    from sifang.ingest.extract import parties_present

    text = (
        "6月3日，两省科技厅合作座谈会在昆明召开。两地科技部门要在思想上更加重视，从顶层设计上优化合作机制。"
    )
    assert "科学技术部" not in parties_present(text, [])


def test_a_society_a_convener_a_pair_unveiling_and_an_undertaking_after_praise() -> None:
    text = (
        "8月30日，中国科学院院长、党组书记白某礼和新疆维吾尔自治区副主席靳某日前为新疆天文台揭牌。"
        "靳某表示，自治区将全力支持天文台建设。"
        "11月12日，自治区副主席田某召集有关部门召开项目立项协调会。"
        "新疆地理学会理事长雷某强出席。"
    )
    people = _people(text)
    assert people["靳某"] == ("新疆维吾尔自治区副主席", "新疆维吾尔自治区")
    assert people["田某"] == ("自治区副主席", "新疆维吾尔自治区")
    assert people["雷某强"][1] is None
    praise = (
        "8月28日，第八届中国科学院新疆科技合作洽谈会在昌吉开幕。中国科学院院长白某礼一行到某企业调研。\n"
        "他对企业依托科技创新取得的成绩给予了充分肯定，并表示中国科学院将以各种形式长期支持企业发展。"
    )
    assert ("中国科学院", "中国科学院将以各种形式长期支持企业发展") in _commitments(praise)


def test_everyone_listed_before_attended_and_spoke_and_an_academician_named_after_his_institute() -> None:
    text = (
        "6月15日，学术沙龙在和田召开。中国科学院可持续发展研究局副局长魏某，"
        "中国科学院新疆分院副院长买吾兰江·买提努尔，和田地区行政公署副专员杨某勇等领导出席会议并讲话。\n"
        "中国科学院地质与地球物理研究所汪某旸院士指出，水资源是新疆最关键的问题之一。"
    )
    speakers = {s.name for s in ingest_text(text, year_hint=2025).speakers}
    assert {"魏某", "买吾兰江·买提努尔", "杨某勇", "汪某旸"} <= speakers


def test_a_real_reworded_repost_of_a_science_department_meeting() -> None:
    from sifang.ingest.normalise import normalise

    text = (
        "省科技厅与某市人民政府相助推进某市创新型都会建设\n"
        "7月10日,,,,省科技厅与某市人民政府在某市举行了厅市科技会商会议。。。。。。"
        "副厅长罗某和副市长刘某划分代表双方签署了科技战略相助协议。"
        "双方商定推进技术创新工程树模市建设,增进某市可一连发展,为立异发展提供手艺支撑。"
    )
    result = normalise(text)
    assert "合作推进某市创新型城市建设" in result.text
    assert "会商会议。副厅长" in result.text and ",,,," not in result.text
    assert "分别代表双方签署了科技战略合作协议" in result.text
    assert "示范市" in result.text and "可持续发展" in result.text
    assert {c.reason for c in result.changes} >= {"repeated punctuation"}


def test_a_month_lost_in_a_repost_and_a_group_leader() -> None:
    from sifang.ingest.extract import find_meeting

    assert find_meeting("624日，新疆分院工作队赴策勒站参观学习。", 2020)["date"] == "2020-06-24"
    assert find_meeting("1116日，联席会议在深圳召开。", 2022)["date"] == "2022-11-16"
    assert find_meeting("47日，合作座谈会在奎屯召开。", None)["date"] == "--04-07"
    text = (
        "624日，新疆分院驻村工作队总领队安尼瓦尔·买买提等一行11人赴策勒站参观学习。"
        "策勒站副站长李向义从环境特点、发展规划四个方面向大家介绍了策勒站的基本情况。"
    )
    draft = ingest_text(text, year_hint=2020)
    names = {p.name for p in draft.attendees}
    assert {"安尼瓦尔·买买提", "李向义"} <= names


def test_a_press_conference_is_no_cooperation_meeting() -> None:
    text = (
        "4月19日，国务院新闻办公室举行新闻发布会。中国科学院副院长张三介绍了有关情况，"
        "科技部副部长李四回答了记者提问。"
    )
    error = refusal(text, year_hint=2019)
    assert error.code == "not_meeting" and "新闻发布会" in error.message_zh


def test_observatory_researchers_invited_talks_and_field_station_heads() -> None:
    text = (
        "8月5日，恒星物理学术研讨会在乌鲁木齐召开。"
        "会上，云南天文台韩某文院士、紫金山天文台王某帆研究员分别作会议特邀报告。"
        "策勒站站长曾某江介绍了研究站的情况。"
    )
    people = _people(text, ["中国科学院"])
    assert people["王某帆"] == ("紫金山天文台研究员", "中国科学院")
    assert "韩某文" in people
    assert people["曾某江"] == ("策勒站站长", "中国科学院")


def test_decisions_that_go_on_across_full_stops() -> None:
    text = (
        "11月12日，自治区副主席田某召集自治区发改委、新疆天文台召开项目立项协调会。"
        "会议决定：一是优先争取将项目列入国家重大科技基础设施规划。同时争取将项目列入国家支持新疆建设项目规划。"
        "二是抓紧做好项目前期基础设施配套工作。新疆天文台要做好基地建设项目前期工作。\n"
        "参加会议人员：自治区发改委副主任张某俊。"
    )
    got = _commitments(text)
    assert [p for p, _ in got] == ["新疆维吾尔自治区"] * 3 + ["中国科学院"]
    assert got[3][1].startswith("新疆天文台要做好")


def test_fixes_from_the_held_out_scoring() -> None:
    from sifang.ingest.parties import another_city

    # 深圳's own paper speaks for 深圳 even when it names the other city's organs
    assert not another_city("深圳新闻网3月21日讯 3月20日，市委书记孟某与江门市委书记陈某明一行会谈。")
    # a delegation of another party going to 深圳 does not make 深圳's paper another city's
    assert not another_city("新疆维吾尔自治区党政代表团赴深圳考察。市委书记孟某会见了代表团。")
    # a protocol list between the ministry and a bare post
    listed = _people(
        "9月24日，科技部党组书记、副部长李某勇，党组成员、纪检组长吴某泽、副秘书长王某学会见了某省省长一行。"
    )
    assert listed["王某学"][1] == "科学技术部"
    # a county's post takes no academy's party
    county = _people(
        "5月8日，某县与中科院西安分院签订共建协议。签约仪式由县委常委、常务副县长王某强主持。", ["中国科学院"]
    )
    assert county["王某强"][1] is None
    # the visitors' office is not the host centre's, and the liaison office is not the ministry's
    hosts = _people(
        "6月16日，自治区党委常委、政府副主席玉某一行到某农业研究中心调研。西部中心综合办主任朱某勇汇报了情况。"
    )
    assert hosts["朱某勇"][1] is None
    liaison = _people(
        "科技部港澳台办叶某副主任主持。交流中心王某副主任、中央政府驻香港联络办公室副巡视员刘某明陪同会见。",
        ["科学技术部"],
    )
    assert liaison["刘某明"][1] is None
    # an ambassador with a four-character transliterated name ends his own piece of the list
    envoy = _people("厄驻华大使阿里萨加、科技部基础司司长张某恩陪同。")
    assert envoy["张某恩"] == ("科技部基础司司长", "科学技术部")


def test_directives_thanks_and_what_should_be_served_and_a_speaker_by_surname_and_post() -> None:
    head = "5月8日，院市科技合作座谈会在深圳召开。中国科学院副院长李四、深圳市副市长王五出席会议。\n"
    for said in (
        "李四表示，大湾区综合性国家科学中心的建设要有利于支持港澳融入国家发展大局。",
        "他要求院机关相关部门、分院围绕战略性新兴产业部署实施一批合作项目。",
        "李四代表研究所感谢各级领导的关心，感谢相关单位的大力合作。",
        "王五表示，全市各级各部门要进一步关心关爱援疆干部。",
    ):
        assert _commitments(head + said) == [], said
    # 李副院长 is 李四
    text = head + "李副院长表示，中国科学院将继续支持深圳建设综合性国家科学中心。"
    speakers = {s.name for s in ingest_text(text, year_hint=2020).speakers}
    assert "李四" in speakers and "李副院长" not in speakers
    # a regiment named by its number undertakes for the 兵团
    regiment = "5月8日，第五师84团与某市对口援疆座谈会召开。\n84团将继续做好产业对接工作。"
    assert [p for p, _ in _commitments(regiment)] == ["新疆生产建设兵团"]


def test_fixes_from_the_second_held_out_scoring() -> None:
    # a bare post right after a first seat is held in the seat's body
    seat = _people("自治区教育厅党组副书记、副厅长、某大学党委书记薛某海出席。")
    assert seat["薛某海"][1] == "新疆维吾尔自治区"
    # another province's aid team is no Xinjiang post, and a county post after a county seat is
    team = _people(
        "盘锦援疆工作队领队、和布克赛尔县县委副书记李某，和布克赛尔县委常委、副县长、盘锦援疆工作队副领队于某航出席。"
    )
    assert team["李某"][1] is None and team["于某航"][1] == "新疆维吾尔自治区"
    # a bare city post right after another city's post is that city's
    pair = _people("9月2日，扬州市委书记谢某义、市长王某文一行来深考察。", ["深圳市"], "深圳")
    assert pair["王某文"][1] is None
    # Hong Kong's 财政司 is no ministry department; a name does not take 率党政 or 与
    hk = _people("科技部副部长李四会见了香港特区政府财政司司长唐某年。", ["科学技术部"])
    assert hk["唐某年"][1] is None
    led = _people("6月5日，新疆伊犁州党委副书记、代州长哈丹·卡宾率党政代表团赴徐州考察。")
    assert "哈丹·卡宾" in led


def test_units_known_by_their_own_names() -> None:
    people = _people(
        "3月5日，院市合作座谈会召开。科技促进发展局副局长赵某钧、合肥研究院院长匡某力、科技日报社总编辑张某安出席。"
    )
    assert people["赵某钧"][1] == "中国科学院"
    assert people["匡某力"][1] == "中国科学院"
    assert people["张某安"][1] == "科学技术部"
