"""Rule-based extraction of a meeting draft from normalised report text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as _date
from datetime import timedelta as _timedelta

from .lexicon import taxonomy
from .names import _NAME_CORE, TITLE_RE, TRANSLITERATION_CHARS, plausible_name
from .parties import (
    _NATIONAL_BODY_RE,
    _NON_PARTY_BODY_RE,
    _OTHER_PLACE_RE,
    _OTHER_REGIONS,
    _PARTY_RE,
    _WEAK_MENTIONS,
    ABROAD,
    PARTY_ORDER,
    PROVINCES,
    _party_named,
    another_city,
    another_region,
    find_parties,
    home_party,
    party_mentions,
    party_of,
    party_of_unit,
)

MEETING_WORDS = (
    "推进会议",
    "恳谈会",
    "推介会",
    "现场会",
    "调度会",
    "部署会",
    "见面会",
    "会谈",
    "会晤",
    "汇报会",
    "发布会",
    "推进会",
    "联席会议",
    "工作会议",
    "座谈会",
    "对接会",
    "洽谈会",
    "科洽会",
    "交流会",
    "研讨会",
    "会商会议",
    "会商会",
    "协调会",
    "签约仪式",
    "签字仪式",
    "揭牌仪式",
    "授牌仪式",
    "启动仪式",
    "落成仪式",
    "开工仪式",
    "奠基仪式",
    "开幕式",
    "签约会",
    "例会",
    "启动会",
    "论坛",
    "年会",
    "大会",
    "会议",
)
_MEETING_RE = re.compile("|".join(MEETING_WORDS))
_ADDRESS = r"致(?:欢迎|开幕|闭幕|答谢|贺)?[辞词]"
"""An address: 致辞, and the welcome, opening, closing and thanks addresses (致欢迎辞, 致开幕词)."""
_SPEECH_VERB = (
    r"(?:指出|表示|强调|说|介绍|认为|提出|提到|要求|希望|" + _ADDRESS + r"|讲话时说|谈到|感谢|表达)"
)
SPEECH_VERBS = (
    r"(?:首先|随后|还|也|先后)?(?:在[^，,。；;]{0,10}?(?:上|中)[，,]?"
    + _SPEECH_VERB
    + "?|"
    + _SPEECH_VERB
    + ")"
)
"""What follows a speaker's name: a verb of saying, or where it was said (在致辞中，…; 在发布会上介绍)."""
_YAO = r"(?<![重需主纪摘必只想首紧简概提])要(?![求素点闻件])"
"""要 as "will" or "must" (not 重要, 需要, 要求, 要素 …)."""
_COMMIT_RE = re.compile(
    r"(?<![即必])将(?!军|近|[^，,。；;]{1,12}?(?:作为|列为|视为|当作))|"
    + _YAO
    + r"|(?<![意志])愿(?!景)|继续|持续|加强|推动|推进|加快|深化|着力|努力|力争|全力|积极|进一步|确保|支持|促进|打造|建设|共建|携手|用好|瞄准|聚焦"
)
_PAST_RE = re.compile(
    r"以来|多年来|做了|近年来|取得|获得|高度重视|已经|已|先后|累计|截至|介绍了|汇报了|提到了|提出了|提了|提供了|签署了|启动了|进行了|开展了|建立了|成立了|曾|去年|前年|这两年|近两年|此前|表示(?:热烈)?欢迎|达成了|支撑了|推动了|实现了|完成了|表示感谢|举行了|召开了|共同推动科技合作"
)
_LEADS = (
    r"率(?=[^，,。；;]{0,40}?(?:代表团|考察团|考察组|调研组|调研团|工作组|访问团|慰问团|专家组|专家团|一行))"
)
"""The bare 率 of 省长马兴瑞率广东省党政代表团 (率领 and 率队 are listed apart)."""
_ATTEND_RE = re.compile(
    r"出席|参加|主持|列席|与会|陪同|"
    + _ADDRESS
    + r"|讲话|见证|参会|会见|会晤|会谈|座谈|接见|带领|带队|率领|率队|率团|一行|来访"
    r"|签订|签署|揭牌|交换了?意见|分别对|汇报|接待|指导会议|访问|拜访|给予高度评价|作[^，,。；;]{0,8}?报告|分别(?:围绕|就)|一同|调研(?!员)|考察|视察|到访"
    r"|共同(?:启动|按下|推杆|开启)|剪彩|奠基|作了?(?:说明|发言|讲解|解读)|发表[^，,。；;]{0,6}(?:演讲|讲话)|受邀|应邀|召集|"
    + _LEADS
)
_ATTEND_VERB_RE = re.compile(r"出席|参加|主持|会见|表示|指出|强调|介绍")
_SENT_SPLIT_RE = re.compile(r"(?<=[。；;！？!?])")
_DATE_RE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})(?:\s*[至到\-—~～]\s*\d{1,2})?\s*日")
"""A date, the first day of a span (11月15至16日, 5月6~8日)."""
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_HELD = "召开|举行|举办|开幕|揭幕|启幕"
"""Verbs that hold a meeting; a place is also said of one that 进行 (takes place)."""
_PLACE_RE = re.compile(
    r"(?:在|于)([\u4e00-\u9fa5]{1,14}?)(?:隆重|顺利|正式|成功|圆满)?(?:"
    + _HELD
    + "|进行|签订|签署|签约|揭牌)"
)
_SHORT_PLACES = {
    "京": "北京",
    "沪": "上海",
    "深": "深圳",
    "穗": "广州",
    "粤": "广东",
    "疆": "新疆",
    "乌": "乌鲁木齐",
    "喀": "喀什",
    "港": "香港",
}
"""One-character names of cities in 在京召开, 在乌举行."""


_VENUE_RE = re.compile(
    r"(?:会议室|会议中心|会展中心|宾馆|酒店|饭店|大厦|大楼|礼堂|报告厅|会堂|厅|室|楼|馆|园区|园|中心|基地|研究所|公司|站"
    r"|院|局|机关|校区|大学|学院|指挥部|部)$"
)


_PROVINCES = (
    "新疆|北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南"
    "|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏"
)


def _place_name(found: str) -> str | None:
    """A place as matched, a one-character city name spelt out (京 → 北京), else none; a venue
    (州委会议室, 新疆国际会展中心) is no city: the city it names, if any, else none; a longer match
    gives the place it opens with (see :func:`_geographic`)."""
    if re.match(
        r"此间|当地|现场|来|这里|该|表示|的|对|地州|会议|会上|组织|共同|联合|[我本全][市区县州]|[今去明]年",
        found,
    ):
        return None  # (…在我市举行: the paper's city, unnamed; 今年在…)
    found = re.sub(r"^(?:到|赴|前往)(?=[\u4e00-\u9fa5]{2})", "", found)
    # 五师双河市, 新疆昌吉, 湖北武汉: the city, not the division or the province before it
    prefix = re.match(
        r"^(?:第?[一二三四五六七八九十]{1,3}师|(?:新疆维吾尔)?自治区|"
        + _PROVINCES
        + r")(?=[\u4e00-\u9fa5]{2})",
        found,
    )
    rest = found[prefix.end() :] if prefix else found
    # 哈密高新区北部新兴产业园, 雄安新区: the city a zone is named after
    rest = re.sub(
        r"^([\u4e00-\u9fa5]{2,4}?)(?:高新区|高新技术产业开发区|经济技术开发区|经开区|开发区|新区).*$",
        r"\1",
        rest,
    )
    venue = _VENUE_RE.search(rest)
    if venue:
        city = re.match(r"^[\u4e00-\u9fa5]{2,5}?(?:市|州|县|区)(?!委|政府)", rest)
        if city:
            return city.group(0)
        # 哈密科技创业孵化园: the place it is named after
        named = _PARTY_RE.match(rest)
        if named and named.group(0) in _WEAK_MENTIONS - {"新疆"}:
            return named.group(0)
    lead = _geographic(rest) if venue or len(rest) > 4 or prefix else None
    if venue or len(rest) > 4 or (prefix and not lead):
        if lead is None and prefix and re.fullmatch(r"北京|天津|上海|重庆", prefix.group(0)):
            return prefix.group(0)  # 上海科学技术交流中心: the city that is a province
        return lead if lead != "新疆" else None
    return rest if len(rest) > 1 else _SHORT_PLACES.get(rest)


_DIVISION_NAME_RE = re.compile(r"[\u4e00-\u9fa5]{1,5}(?:市|县|区|州|旗|镇|乡|盟)")


def _geographic(found: str) -> str | None:
    """The place a longer match opens with (伊吾县政府会议室组织 → 伊吾县, 广州能源所 → 广州, 到上海科学技术
    → 上海): the leading words that jieba tags as places (ns), the parties' places and names of
    divisions (…县); none when the match opens with no place (活动启动仪式上, a spam word)."""
    import jieba.posseg

    run = ""
    for pair in jieba.posseg.lcut(found, HMM=False):
        word, flag = pair.word, pair.flag
        if not (
            flag == "ns" or word in _WEAK_MENTIONS or word == "深圳" or _DIVISION_NAME_RE.fullmatch(word)
        ):
            break
        run += word
    return run or None


_REFERENCE_BEFORE_RE = re.compile(r"贯彻|落实|学习|按照|根据|传达|精神|结合|^(?:从|自(?!治))")
_COMING = r"即?将(?:于|在)?[^，,。；;]{0,20}?(?:召开|举行|举办)"
_COMING_RE = re.compile(_COMING)
_REFERENCE_AFTER_RE = re.compile(
    r"^(?:上的|精神|(?:召开|举行)?(?:以来|至今)|重要讲话|部署|要求|的(?:落实|筹备|组织|准备)"
    r"|" + _COMING + ")"
)
"""A meeting named as a reference (贯彻落实第三次中央新疆工作座谈会精神, 中央新疆工作座谈会以来)
or one still to come (第九届科洽会将在8月底召开), not the one reported."""
_ORG_END = r"(?:部|厅|局|委|院|所|署|府|办|室|司|处|站|台|园|中心|指挥部|公司|大学|学院|集团|政府|自治区|省|市|州|县|区|师|团)"
"""How an organisation's name ends (…指挥部, …科技厅, …行署 is 署)."""
MAX_NAME = 40
_NOT_A_NAME_RE = re.compile(
    r"主持|出席|参加|做好|筹备|进行|^在|在[^在]{0,6}$|^(?:当天|此次|本次|这次|今天|该|本文|文章)"
    r"|^(?:工作|交流|专题)?(?:会谈|座谈会?|会见|会晤|签字仪式|签约仪式|揭牌仪式|授牌仪式|会议|座谈交流)$"
    r"|^(?:一系列|一批|多次|这些|有关|相关|各类|各项|重要|成立|召开|举办)+(?:会议|会)$"
)
"""A clause around a meeting word that is not its name (…主席努尔·白克力主持座谈会, 竭力做好…大会的
筹备, 市长彭建文在座谈会, 双方进行了座谈会) or a bare kind of meeting (工作会谈, 签字仪式), or
meetings spoken of in general (一系列重要会议的召开; 成立会议筹备工作小组), which names no meeting."""
_TRAVEL_RE = re.compile(
    r"(?:代表团|考察团|调研组|工作组|一行)[^，,。；;]{0,4}?(?:赴|来(?!访)|抵达|到达|到(?!来))([\u4e00-\u9fa5]{1,8}?)"
    r"(?=[，,。]|考察|调研|访问|交流|开展|参加|出席|座谈|对接|学习)"
)
_JOINT_HOSTS_RE = re.compile(
    r"^(?P<hosts>[^，,。；;]{2,40}?(?:与|和|同|、)[^，,。；;]{2,30}?)"
    r"(?:在[^，,。；;]{1,14}?)?(?:围绕[^，,。；;]{1,40}?)?(?:隆重|顺利|正式|成功)?(?:举行|召开|举办)了?"
)
"""``A与B(在P)(围绕…)举行 X``: the meeting is named with its two hosts (中国科学院与新疆维吾尔自治区政府
在北京举行科技合作会谈 → 中国科学院与新疆维吾尔自治区政府科技合作会谈)."""
_HOLD_RE = re.compile(r"^.*(?:举行|召开|举办|出席|参加)了?的?(?=.)")
_HELD_RE = re.compile(_HELD)
_CHAIRED_BY_RE = re.compile(r"由(?P<name>[\u4e00-\u9fa5]{2,3}?)(?P<title>" + TITLE_RE + r")主持")
_NAME_TAIL_RE = re.compile(r"[就在与和及对向为将也还则均都说]$")


@dataclass
class Person:
    """An attendee: name, title as written, party derived from the title."""

    name: str
    title: str
    party: str | None


@dataclass
class Speaker:
    """A person who spoke, with the gist of each statement."""

    name: str
    party: str | None
    statements: list[str] = field(default_factory=list)


@dataclass
class Commitment:
    """What a party will do, and in which field or cluster."""

    party: str | None
    action: str
    field: str | None


_CITED_RE = re.compile(r"党中央|决策部署|精神|批准|指示|号召|的要求|通知要求|的部署|的大力支持|的支持下")
"""A clause that cites a body's authority or support (按照党中央、自治区党委的部署; 在科技部的支持下):
the body named there is not thereby taking part."""


def _clause_at(text: str, at: int) -> str:
    """The clause (between commas, semicolons or full stops) that holds position ``at``."""
    start = max(text.rfind(p, 0, at) for p in "，,。；;\n")
    ends = [e for e in (text.find(p, at) for p in "，,。；;\n") if e >= 0]
    return text[start + 1 : min(ends) if ends else len(text)]


def parties_present(text: str, attendees: list[Person]) -> list[str]:
    """The parties that took part: those named as organisations (自治区, 中科院, 兵团 …) and those
    of the people present; a party only a place stands for (扎根新疆, 新疆综合科学考察) counts when
    it is named in the headline or the sentence that holds the meeting (新疆与深圳市召开…座谈会)."""
    elsewhere = another_region(text)
    strong = {
        _party_named(m.group(0))
        for m in party_mentions(text, elsewhere)
        if m.group(0) not in _WEAK_MENTIONS and not _CITED_RE.search(_clause_at(text, m.start()))
    }
    present = strong | {p.party for p in attendees if p.party}
    sentences = [s for _, s in _sentences(text)]
    held = [s for s in sentences if _MEETING_RE.search(s) and _HELD_RE.search(s)][:1]
    for sentence in sentences[:1] + held:
        present |= set(find_parties(sentence, elsewhere))
    return [p for p in PARTY_ORDER if p in present]


def _sentences(text: str) -> list[tuple[int, str]]:
    """Sentences with their paragraph index."""
    result: list[tuple[int, str]] = []
    for index, paragraph in enumerate(p for p in text.split("\n") if p.strip()):
        for sentence in _SENT_SPLIT_RE.split(paragraph.strip()):
            if sentence.strip():
                result.append((index, sentence.strip()))
    return result


_RELATIVE_DAY_RE = re.compile(r"昨日|昨天|前日|前天|今日|今天|日前|近日|近期")
_LOST_MONTH_RE = re.compile(r"(?<![\d年月.\-/:：])(\d{2,4})日")


def _lost_month(sentences: list[str]) -> tuple[int, int] | None:
    """A date whose 月 was lost in a repost (624日 for 6月24日, 1116日 for 11月16日): a number of
    days no month has, read as month and day."""
    for sentence in sentences[:3]:
        for match in _LOST_MONTH_RE.finditer(sentence):
            digits = match.group(1)
            if int(digits) <= 31:
                continue
            splits = (
                [(digits[:1], digits[1:]), (digits[:2], digits[2:])]
                if len(digits) == 3
                else [(digits[:-2], digits[-2:]) if len(digits) == 4 else (digits[:1], digits[1:])]
            )
            for m, d in splits:
                if m and d and 1 <= int(m) <= 12 and 1 <= int(d) <= 31:
                    return int(m), int(d)
    return None


_PUBLISHED_LINE_RE = re.compile(r"[^\n]*(?:发布|发稿|更新|录入)(?:时间|日期)[^\n]*")
"""A page's line that gives when it was published (发布时间:2017/2/17 15:44:19)."""


def _page_date(head: str) -> re.Match[str] | None:
    """The publication date of a page's line written 2017/2/17, 2017年8月25日 or 17年08月25日, as
    groups (year, month, day): the year of a meeting told without one, or the date of last resort
    (as an ISO date on the page is)."""
    for line in _PUBLISHED_LINE_RE.findall(head):
        stamp = re.search(r"(?<!\d)((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?!\d)", line) or re.search(
            r"(?<!\d)(\d{4}|\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", line
        )
        if stamp:
            year = stamp.group(1) if len(stamp.group(1)) == 4 else f"20{stamp.group(1)}"
            return re.match(
                r"(\d{4})-(\d{2})-(\d{2})", f"{year}-{int(stamp.group(2)):02d}-{int(stamp.group(3)):02d}"
            )
    return None


def _meeting_date(head: str, sentences: list[str], name: str | None, year_hint: int | None) -> str | None:
    """The date of the sentence that holds the meeting (召开/举行 or its name), not a page's
    publication date; a missing year comes from ``year_hint`` or from another date on the page
    (the year before it when the meeting's month is later than the page's)."""
    # the sentences that hold the meeting (召开/举行 …, or its name); else the first two
    held = [s for s in sentences if _HELD_RE.search(s) or (name and name in s)]
    chosen = next((m for m in map(_DATE_RE.search, held) if m), None)
    held = held or [s for s in sentences if s.strip()][:2]
    iso = _ISO_DATE_RE.search(head) or _page_date(head)
    # the page's own date, as groups (year, month, day)
    stamp = iso or re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", head)
    if chosen is None:
        # 本报讯 昨日，…座谈会召开: a day told relative to the page's date
        relative = next((m for m in (_RELATIVE_DAY_RE.search(s) for s in held[:2]) if m), None)
        if relative and stamp:
            if relative.group(0) in ("日前", "近日", "近期"):
                return None  # a day not told
            back = {"昨日": 1, "昨天": 1, "前日": 2, "前天": 2}.get(relative.group(0), 0)
            try:
                moved = _date(*(int(g) for g in stamp.groups())) - _timedelta(days=back)
            except ValueError:
                return None
            return moved.isoformat()
        # (发布时间:17年08月25日 … 8月23日，…一行来…考察: the page's date is not the meeting's)
        chosen = _DATE_RE.search(_PUBLISHED_LINE_RE.sub(lambda m: " " * len(m.group(0)), head))
    if chosen is None:
        lost = _lost_month(held)
        if lost:
            when = f"{lost[0]:02d}-{lost[1]:02d}"
            return f"{year_hint}-{when}" if year_hint else f"--{when}"
    if chosen is None:
        return iso.group(0) if iso else None
    month, day = int(chosen.group(2)), int(chosen.group(3))
    year = chosen.group(1) or (str(year_hint) if year_hint else None)
    if year is None:
        dotted = re.search(r"(?<![\d.])\d{1,2}\.\d{1,2}\.(\d{4})(?![\d.])", head)
        if stamp is None and dotted:
            # 06.09.2017: day and month order differ between sites, so only the year is read.
            year = dotted.group(1)
        elif stamp:
            year_n = int(stamp.group(1))
            if month > int(stamp.group(2)) + 1:
                year_n -= 1
            year = str(year_n)
    return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


_NAMED_DATE_RE = re.compile("于?" + _DATE_RE.pattern + "(?:上午|下午|晚上)?")
"""A date inside the words that name a meeting (…人民政府于12月3日上午院市科技合作座谈会)."""


def find_meeting(text: str, year_hint: int | None) -> dict:
    """Meeting name, ISO date (or ``--MM-DD``) and place."""
    head = text[:600]
    name = None
    for clause in re.split(r"[。；;\n]", head):
        match = None
        for m in _MEETING_RE.finditer(clause):
            before = re.split(r"[，,]", clause[: m.start()])[-1]
            if clause[m.end() : m.end() + 1] in ("室", "厅"):
                continue  # 会议室 is a room
            # (简称科洽会)”的落实: what follows a name's parentheses and closing quote
            after = re.sub(r"^(?:[(（][^)）]{0,20}[)）]|[”’」』])+", "", clause[m.end() :])
            if (
                _REFERENCE_BEFORE_RE.search(before)
                or _REFERENCE_AFTER_RE.match(after)
                or re.search(r"中央[^，,。；;]{0,12}$", before)  # 中央第六次西藏工作座谈会就…: a national one
            ):
                continue
            if len(re.findall(r"[(（]", before)) > len(re.findall(r"[)）]", before)):
                continue  # (简称科洽会): a short name inside parentheses
            if match is not None and len(before.strip()) <= 1:
                continue  # …座谈会在北京举行，座谈会上双方…: the meeting named again
            if match is not None and m.start() > 80:
                break
            match = m
        if not match:
            continue
        candidate = re.sub(r"\s+(?=[“《])", "", clause[: match.end()])
        candidate = re.split(r"[，,：:\s]", candidate)[-1]
        # 省科技厅在第七次全国科技援疆暨“四方合作”推进会议上作典型发言: the name follows 在.
        at = candidate.rfind("在")
        if at >= 0 and len(candidate) - at > 6 and not _HOLD_RE.search(candidate):
            candidate = candidate[at + 1 :]
        hosts = _JOINT_HOSTS_RE.match(candidate)
        candidate = _HOLD_RE.sub("", candidate)
        candidate = _NAMED_DATE_RE.sub("", candidate)
        candidate = re.sub(r"[(（][^()（）]{0,24}[)）]", "", candidate)  # (以下简称“对地观测中心”)
        candidate = re.sub(
            r"^(?:日前|近日|近期|昨天|今天|本报讯|据悉|关于|图为|记者[^\s]{0,10}|据[^，,]{0,12}电)",
            "",
            candidate,
        ).strip(" ，,、")
        if hosts and candidate:
            joined = re.sub(r"^(?:日前|近日|近期|昨天|今天|据悉)", "", hosts.group("hosts"))
            joined = _NAMED_DATE_RE.sub("", joined)
            sides = re.split(r"与|和|同|、", joined, maxsplit=1)
            if (
                any(_PARTY_RE.search(side) for side in sides)
                and all(_PARTY_RE.search(side) or re.search(_ORG_END + "$", side) for side in sides)
                and not any(side in candidate for side in sides)
            ):
                candidate = joined + candidate
        # 科技部火炬中心支持的新疆国家高新区…交流会: the name follows its sponsors
        candidate = re.sub(r"^.*(?:支持|主办|承办|协办|指导)的(?=.{4})", "", candidate)
        if len(candidate) > MAX_NAME and "的" in candidate:
            # …协会主办、…协办的天山南北院士行·生态安全与生命健康系列活动启动仪式
            candidate = candidate.rsplit("的", 1)[1]
        if 4 <= len(candidate) <= MAX_NAME and not _NOT_A_NAME_RE.search(candidate):
            name = candidate
            break
    sentences = re.split(r"[。；;！？!?\n]", head)
    date = _meeting_date(head, sentences, name, year_hint)
    place = None
    for sentence in sentences:
        if _COMING_RE.search(sentence):
            continue  # (第九届科洽会将在8月底在新疆昌吉召开: where a later meeting will be)
        place_match = _PLACE_RE.search(sentence)
        if place_match and (_MEETING_RE.search(sentence) or (name and name in sentence)):
            place = _place_name(place_match.group(1))
            if place:
                break
    if place is None:
        # 中国科学院与四川省人民政府在京签署全面战略合作协议: a signing with no meeting word
        for sentence in sentences[:4]:
            place_match = _PLACE_RE.search(sentence)
            if place_match and re.search(r"签署|签订|签约", place_match.group(0)):
                place = _place_name(place_match.group(1))
                if place:
                    break
    if place is None:
        # 马兴瑞率广东省党政代表团赴新疆喀什…; 新疆维吾尔自治区党政代表团来广东考察交流: a visit's
        # meeting is held where the delegation went.
        travel = _TRAVEL_RE.search(head)
        if travel:
            place = _place_name(travel.group(1))
    if date and date.startswith("--") and name:
        named_year = re.match(r"((?:19|20)\d{2})(?:\s*年|(?!\d))", name)  # (2025深港科技合作论坛)
        if named_year:
            date = named_year.group(1) + date[1:]
    return {"name": name, "date": date, "place": place}


_PERSON_PIECE_RE = re.compile(
    r"^(?P<title>.*?" + TITLE_RE + r")(?P<name>" + _NAME_CORE + r")(?:同志|院士|研究员|教授|先生|女士)?$"
)
_BARE_POST_RE = re.compile(r"(?:(?:分?党委|分?党组)?(?:常务)?副?分?" + TITLE_RE + r"、?)+")
"""A title that is only posts (党委书记、副所长): it is held in the organisation of the person listed before."""
_NAME_TITLE_END_RE = re.compile(r"(?:常务)?副?" + TITLE_RE + "$")
_DOTTED_END_RE = re.compile(r"[\u4e00-\u9fa5]{1,7}·[\u4e00-\u9fa5]{1,6}$")


def _person_piece(piece: str) -> tuple[str, str] | None:
    """``(title, name)`` of one listed person, the title first or the name first.

    The name first comes after its organisation (广东省援疆指挥部贺宇总指挥, 喀什地区行署杨元飞副专员,
    新疆自治区科技厅仲健副厅长) or alone (阴和俊副院长); the title is then the organisation and the
    post."""
    match = _PERSON_PIECE_RE.match(piece)
    if match and plausible_name(match.group("name"), after_title=True):
        return match.group("title"), match.group("name")
    # 州长巴音克西, 政委赛音巴特: a four-character transliterated name written without a dot
    long = re.match(r"^(?P<title>.*?" + TITLE_RE + r")(?P<name>[\u4e00-\u9fa5]{4})$", piece)
    if long and all(ch in TRANSLITERATION_CHARS for ch in long.group("name")):
        return long.group("title"), long.group("name")
    post = _NAME_TITLE_END_RE.search(piece)
    if not post:
        return None
    before = piece[: post.start()]
    dotted = _DOTTED_END_RE.search(before)
    names = [dotted.group(0)] if dotted else [before[-3:], before[-2:]]
    for name in names:
        org = before[: len(before) - len(name)]
        if (
            (not org or re.search(_ORG_END + "$", org))
            and plausible_name(name, after_title=True)
            and not re.search(r"党[委组]|[副委]", name)
        ):
            return org + post.group(0), name
    return None


def _split_joined(piece: str) -> list[str]:
    """``省长王伟中与自治区主席艾尔肯·吐尼亚孜`` → two pieces, when what precedes 与/和/及 is a
    titled name (so 新疆生态与地理研究所所长 stays whole)."""
    for match in re.finditer(r"(?<=[\u4e00-\u9fa5·])(?:以及|与|和|及)(?=[\u4e00-\u9fa5])", piece):
        left = piece[: match.start()]
        # 副厅长游建胜在榕与…院长胡金波: where they met is not part of the name
        there = re.sub(r"(?:在|于)[\u4e00-\u9fa5]{1,6}$", "", left)
        if there != left and _person_piece(there):
            left = there
        if _person_piece(left) or ("·" not in left and plausible_name(left)):
            return [left, *_split_joined(piece[match.end() :])]
    return [piece]


_RUN_ON_START_RE = re.compile(
    _PARTY_RE.pattern + r"|[\u4e00-\u9fa5]{2,3}(?:省|市)|中国|中共|国家|全国|" + _NATIONAL_BODY_RE.pattern
)


def _split_run_on(piece: str) -> list[str]:
    """A protocol list that lost its separators (国科控股总经理邓麦村深圳市常务副市长许勤) → one piece
    per person: split after a titled name that is followed by another organisation's titled name."""
    for title in re.finditer(TITLE_RE, piece):
        for length in (3, 2):
            name, rest = piece[title.end() : title.end() + length], piece[title.end() + length :]
            if (
                len(name) == length
                and plausible_name(name, after_title=True)
                and _RUN_ON_START_RE.match(rest)
                and _person_piece(rest)
            ):
                return [piece[: title.end() + length], *_split_run_on(rest)]
    return [piece]


def _trim_name(name: str, *, delimited: bool = False) -> str:
    """A function word glued to the end of a name (艾尔肯·吐尼亚孜就共同谋划 → 艾尔肯·吐尼亚孜,
    玉苏甫江·麦麦提来所调研 → 玉苏甫江·麦麦提). A name ``delimited`` by the list itself (followed by
    、 or by the clause's end, nothing cut after it) keeps its last character: 王学为、李平出席."""
    if "·" in name:
        name = re.sub(
            r"(?:来所|来院|来校|来访|莅临|一行|同志|发表|研究员|教授|参加|出席|主持|率[\u4e00-\u9fa5]{0,3}|与|和)$",
            "",
            name,
        )  # (哈丹·卡宾率党政代表团…)
    while not delimited and _NAME_TAIL_RE.search(name) and plausible_name(name[:-1], after_title=True):
        name = name[:-1]
    return name


_OFFICE_POST_RE = re.compile(r"^[\u4e00-\u9fa5]{2,14}?(?:处|室|科|办公室)副?(?:处长|主任|科长|调研员)$")
"""A division's post opening a sentence (科研外事处副处长周晓兵介绍): held where the one named before
works. Centres and offices named 办 are left out here (西部中心综合办主任 after the visiting vice-
chairman is the host's)."""
_DIVISION_POST_RE = re.compile(
    r"^[\u4e00-\u9fa5]{2,14}?(?:处|室|科|办|中心)副?(?:处长|主任|科长|调研员|巡视员)$"
)
"""A post in a division named alone (社会发展与基础研究处处长 after 自治区科学技术厅办公室主任宋海军):
the division of the organisation named before."""


_PROVINCE_RE = re.compile(r"[\u4e00-\u9fa5]{2,3}省|(?:" + "|".join(_OTHER_REGIONS) + ")(?:自治区)?|" + ABROAD)
"""A province, another autonomous region or a place abroad named in a sentence."""


def _inherited(
    people: dict[str, Person], previous: str | None, title: str, *, same_list: bool, before: str = ""
) -> str | None:
    """The party of the person listed before, for a title that names no party: within one list
    (自治区科技厅厅长张小雷、教育厅厅长吐尔逊·伊不拉音), or for bare posts after a comma
    (新疆生地所所长张元明，党委书记、副所长张向军). Bare posts take the organisation named last
    before them in the sentence (``before``) when there is one (李斌一行来访中国科学院新疆生地所，
    与所长张元明座谈 is the 中科院's)."""
    if (
        _OTHER_PLACE_RE.search(title)
        or _NON_PARTY_BODY_RE.search(title)
        or _NATIONAL_BODY_RE.search(title)
        or re.search(r"校长|总经理|董事长", title)
    ):
        return None  # 天津市科协副主席 after 自治区科协党组书记; a university's or a company's post
    if _BARE_POST_RE.fullmatch(title):
        mentions = [m for m in _PARTY_RE.finditer(before) if m.group(0) not in _WEAK_MENTIONS]
        # (…内蒙古自治区党委副书记、主席巴特尔，党委副书记、常务副主席任亚平: the province named last
        # is none of the parties)
        elsewhere = [m.start() for m in _PROVINCE_RE.finditer(before)]
        # (…以深圳为主阵地建设…等有关工作部署，龚国平厅长带队: a place named far before is no employer)
        between = before[mentions[-1].end() :] if mentions else ""
        # (深圳市委书记王荣会见了市委书记陈建华、市长刘小华: the one received is someone else's)
        # (兵团科技局…汤孝军一行来校调研，与…校长闫祥林，党委副书记于军: nor is the one visited)
        # (…科技部党组书记、副部长李学勇，党组成员、纪检组长吴忠泽、副秘书长王志学: a protocol list
        # between them is fine; a clause of something done is not)
        near = (
            mentions
            and len(between) <= 60
            and not re.search(
                r"的|为|以|在|建设|推进|落实|部署|开展|赴|到|会见|会晤|接见|调研|考察|视察|来访|拜访", between
            )
        )
        named = _party_named(mentions[-1].group(0)) if mentions else None
        # (…与中科院西安分院…签约。副县长张红林: a county's post is no academy's or ministry's)
        local = re.search(r"县|乡|镇|[市州区]长", title) and named in ("中国科学院", "科学技术部")
        if near and not local and not (elsewhere and elsewhere[-1] > mentions[-1].start()):
            return named
    if previous is None or not (
        same_list or _BARE_POST_RE.fullmatch(title) or _DIVISION_POST_RE.match(title)
    ):
        return None
    return people[previous].party


def _add(people: dict[str, Person], name: str, title: str, party: str | None) -> None:
    """Record an attendee; a later mention with a party replaces one without (热依汗·玉素甫书记 in
    a headline, 自治区科技厅党组书记、副厅长热依汗·玉素甫 in the report), and so does a fuller title
    that names the body of a bare one (地委书记 in a headline, 中共毕节地委书记 in the report)."""
    known = people.get(name)
    prefix = title.removesuffix(known.title) if known is not None and known.title else ""
    fuller = (
        prefix != title
        and re.fullmatch(r"[\u4e00-\u9fa5]{1,8}", prefix) is not None
        and not re.search(TITLE_RE + r"|与|和|及", prefix)
    )
    # (…局长苏锦梁 first, then 曹健林副部长和苏锦梁局长: a bare post's party is only its neighbour's)
    bare = (
        bool(_BARE_POST_RE.fullmatch(title))
        and known is not None
        and bool(known.title)
        and not _BARE_POST_RE.fullmatch(known.title)
    )
    if known is None or (known.party is None and party is not None and not bare) or fuller:
        people[name] = Person(name, title, party)


def _before(sentence: str, name: str) -> str:
    """The sentence up to ``name``."""
    at = sentence.find(name)
    return sentence[:at] if at > 0 else ""


_SPOKE_FIRST_RE = re.compile(
    r"^(?:[^，,。]{0,8}会上|会议上|座谈中|会谈中|随后|此外|同时)?[，,]?"
    r"(?P<piece>[^，,。；;：:]{3,60}?)(?:首先|随后|还|也|先后|分别|则|详细|简要|重点|全面|系统|充分|高度)*"
    r"(?:在[^，,。；;]{0,10}?(?:上|中)[，,]?)?"
    r"(?:指出|表示|强调|介绍|汇报|说|认为|提出|提到|要求|希望|谈到|感谢|通报|回顾|肯定|表达|传达|转达|代表|对|向|就)(?![席])"
)
"""A sentence opened by a titled person who speaks (中国科学院副院长李强介绍了…): a speaker at the
meeting is at the meeting."""
_HEADS_RE = re.compile(r"以(?P<piece>[^，,。；;以]{3,40}?)为(?:团长|组长|领队|队长|首)的")
"""The head of a delegation (以中国科学院副院长张亚平为团长的考察团)."""


_BARE_LIST_RE = re.compile(
    r"(?:(?:出席|参加|参会|与会)[^，,。；;]{0,20}?的(?:领导|人员|嘉宾|同志)?还?有|与会人员(?:有|包括))[：:]?"
    r"(?P<list>[^。；;：:]+?)(?:等(?:[^，,。；;]{0,8})?)?(?=[。；;]|$)"
    r"|(?:^|[，,：:])(?P<list2>(?:[\u4e00-\u9fa5]{2,3}、)+[\u4e00-\u9fa5]{2,3})等(?:人|同志|领导)?(?:出席|参加|陪同)"
    r"|向(?P<list3>(?:[\u4e00-\u9fa5]{2,3}、)+[\u4e00-\u9fa5]{2,3})等?\s*\d*\s*(?:人|名|位)?(?:颁发|颁授|授予)"
)
"""A list of people with no post: 出席会议的还有王强、李明; 王强、李明等出席; those given an award
(向李军、李建全等7人颁发…)."""


def find_attendees(text: str, parties: list[str] | None = None, place: str | None = None) -> list[Person]:
    """People with titles in the attendance sentences (出席/参加/主持/会见 …) and titled people who
    open a sentence by speaking; ``parties`` and ``place`` (the report's) give the party of a title
    that names its department without its province or city (see :func:`home_party`)."""
    people: dict[str, Person] = {}
    sentences = [s for p in text.split("\n") for s in re.split(r"(?<=[。！？!?])", p) if s.strip()]
    for sentence in sentences:
        carried_posts = ""
        for clause in re.split(r"(?<=[，,；;…])", sentence.strip()):  # (…工作机制……深圳市…站长董欢说)
            # 科研外事处副处长(主持工作)周晓兵介绍: a note in parentheses is not part of a post
            clause = re.sub("(" + TITLE_RE + r")[(（][^()（）]{1,8}[)）]", r"\1", clause)
            opener = _SPOKE_FIRST_RE.match(clause)
            if opener and re.search(r"总书记|重要讲话|指示|精神|批示|传达|转达", opener.group("piece")):
                opener = None  # 传达了自治区党委书记张春贤、…对试验区建设的指示精神: people cited
            speaker = None
            posts_only = re.fullmatch(r"([^，,；;]*" + TITLE_RE + r")[，,]", clause)
            if posts_only and not any(
                _person_piece(x) for piece in posts_only.group(1).split("、") for x in _split_joined(piece)
            ):
                carried_posts = posts_only.group(1)  # 第一师阿拉尔市党委副书记、师长，市长李江表示
                continue
            listed = opener.group("piece").lstrip("\"“”'‘’…　 ").split("、") if opener else []
            surname = (
                re.match(
                    r"向[\u4e00-\u9fa5]{1,2}(?=就|表示|指出|介绍|强调|作|对|在|说|从)",
                    clause[opener.end() - 1 :],
                )
                if opener
                and clause[opener.end() - 1] == "向"
                and re.search(TITLE_RE + "[\u4e00-\u9fa5]?$", listed[-1])
                else None
            )
            if surname:
                listed[-1] += surname.group(0)  # 校长向本春就…, 副站长李向义从…: 向 is in a name, not "to"
            first = _person_piece(listed[0]) if len(listed) > 1 else None
            if first and all(plausible_name(p, after_title=True) for p in listed[1:]):
                # …工业和信息化局副局长焦宪亮、肖储宁分别介绍了…: names after one title
                for name in [first[1], *listed[1:]]:
                    _add(people, name, first[0], party_of(first[0]))
                carried_posts = ""
                continue
            each = [_person_piece(x) for p in listed for x in _split_joined(p)] if len(listed) > 1 else []
            if each and all(x and not re.search(r"与|和|及|一行|等", x[0]) for x in each):
                # 深圳市领导黄敏、赣州市领导胡剑飞分别介绍…: each with a title of one's own
                for title, name in filter(None, each):
                    _add(people, name, title, party_of(title))
                carried_posts = ""
                continue
            if opener:
                # 中科院新疆分院院长、新疆矿产资源研究中心主任肖文交院士介绍了…: posts listed before
                *posts, last = listed
                # (…院长李家洋与自治区副主席田文分别代表…: two people joined, the other path's)
                person = _person_piece(last) if len(_split_joined(last)) == 1 else None
                if person and all(
                    re.search(TITLE_RE + "$", p) and not re.search(r"与|和|及", p) and not _person_piece(p)
                    for p in posts
                ):
                    speaker = ("、".join([*filter(None, [carried_posts]), *posts, person[0]]), person[1])
            carried_posts = ""
            if opener and speaker:
                # 科研外事处副处长周晓兵介绍: a division's post is held where the one named before works
                latest = next(reversed(people), None)
                party = party_of(speaker[0])
                if party is None and latest is not None and _OFFICE_POST_RE.match(speaker[0]):
                    party = _inherited(people, latest, speaker[0], same_list=False)
                _add(people, speaker[1], speaker[0], party)
        for head in _HEADS_RE.finditer(sentence):
            leader = _person_piece(head.group("piece"))
            if leader:
                _add(people, leader[1], leader[0], party_of(leader[0]))
        for listed in _BARE_LIST_RE.finditer(sentence):
            # 出席会议的还有王强、李明: people listed with no post attend too
            names = re.split(
                r"[、，,]|和|及", listed.group("list") or listed.group("list2") or listed.group("list3")
            )
            for index, name in enumerate(names):
                name = _trim_name(name.strip(), delimited=index < len(names) - 1)
                if not plausible_name(name):
                    break
                if not any(name in known for known in people):
                    _add(people, name, "", None)
        verb = _ATTEND_RE.search(sentence)
        if not verb:
            continue
        # 会议由施尔畏副院长主持: the name comes before the title.
        for chaired in _CHAIRED_BY_RE.finditer(sentence):
            if plausible_name(chaired.group("name"), after_title=True):
                title = chaired.group("title")
                _add(people, chaired.group("name"), title, party_of(title))
        previous: str | None = None

        # 雪克来提·扎克尔会见了中国科学院党组副书记、副院长刘伟平: the one received attends too.
        received = re.sub(r"(?:会见|会晤|接见)了?", "，", sentence)
        # 传达了自治区党委书记张春贤…的指示: people cited, not present.
        # (按照科技部办公厅要求，…: a reason opening the sentence cites no one.)
        received = re.sub(r"^(?:按照|根据)[^，,]{0,30}[，,]", "", received)
        received = re.split(r"传达了?|转达了?|按照|根据", received)[0]
        # 参加此次座谈的还有新疆分院院长张小雷…: the list follows
        received = re.sub(
            r"(?:出席|参加|参会|与会)[^，,。；;]{0,20}?的(?:领导|人员|嘉宾)?还?有[：:]?", "，", received
        )
        # 副院长杨耀武率农产品加工所所长金新文…: the leader and those led; and those accompanied
        # (…主任朱明宪陪同新疆生产建设兵团第十二师…场长魏先军，…)
        received = re.sub(
            r"(?:率领?|(?<!的)陪同(?!下))(?=[^，,。；;]{2,40}?" + TITLE_RE + ")", "，", received
        )
        # 曹健林一行在兵团党委常委、副司令员宋建业陪同下: the one who accompanies is present too.
        received = re.sub(r"(?:一行)?在(?=[^。；;]{4,80}?陪同)", "，", received)
        # …等一行项目组成员与伊吾县委书记李光泽、常务副县长蒋向阳…座谈: the hosts follow
        received = re.sub(
            r"一行[^，,。；;]{0,12}?(?:与|和|同)(?=[^，,。；;]{2,30}?" + TITLE_RE + ")", "，", received
        )
        carried: list[str] = []
        # 副县长刘丁代表我县与中科院西安分院副院长李保国签订…: the one signed with is present too
        received = re.sub(r"代表(?!团)[^，,。；;与和同]{1,20}?(?=与|和|同)", "", received)
        # 副处长(主持工作): a note in parentheses is not part of a post
        received = re.sub(r"[(（][^()（）]{1,8}[)）]", "", received)
        # 受到…王平海以及副师长张跃勇等的热情接待: those who received the visitors
        received = re.sub(r"受到|(?:等)?的热情接待", "，", received)
        for part, stop in re.findall(r"([^，,；;。：:]*)([，,；;。：:]?)", received):
            part = re.sub(
                r"^(?:会上|(?:[\u4e00-\u9fa5]{0,6}(?:会议|会|仪式|式|活动))?由|此外|另外|同时|以及|和(?![田静硕布]|安县)|及|与)",
                "",
                part,
            )
            part = re.sub(r"(?:在|于)[\u4e00-\u9fa5]{1,10}(?=签订|签署)", "", part)  # …在新疆昌吉签订
            # 带队赴香港开展招商推介活动的兵团党委书记、政委车俊率…: what the person did before 的
            doing = re.match(r"^([^的]{2,30})的(?=[^的]{2,30}?" + TITLE_RE + ")", part)
            if doing and not re.search(TITLE_RE, doing.group(1)):
                part = part[doing.end() :]
            uncut = part
            part = re.sub(
                r"(?:出席|参加|主持|列席|的?陪同|分别|共同|一同|等|"
                + _ADDRESS
                + r"|讲话|发言|会见|会晤|会谈|座谈|接见|接待|指导会议|带领|带队|率领|率队|率团|签订|签署|受邀|应邀|发表|召集"
                r"|就[^，,。]{2,40}?(?:交换|进行|举行|座谈|会谈|交流)|对[^，,。]{2,20}?进行了?(?:访问|考察|调研)"
                r"|代表(?!团)|一行|来访|到访|访问|拜访|来到|赴|到(?=[\u4e00-\u9fa5]{2,10}?(?:调研|考察|视察|参加|出席|指导|检查|走访))"
                r"|调研(?!员)|考察|视察|在致辞中|在讲话中|对.{0,12}(?:给予|表示)"
                r"|作(?:[^，,。；;]{0,6}?(?:主旨|专题|工作|重要|大会|典型|交流|特邀|主题|学术))?(?:发言|报告|讲话|致辞)|"
                + _LEADS
                + r"|(?:等[一二三四五六七八九十几]位)).*$",
                "",
                part,
            )
            last_title: str | None = None
            # 自治区科技厅党组成员、副厅长，试验区…副组长高旺盛: posts run on past a comma.
            pending: list[str] = carried
            carried = []
            pieces: list[str] = []
            joined: list[bool] = []  # (张亚平与霍金花, named before: not listed under 张亚平's title)
            for listed_piece in part.split("、"):
                for k, p in enumerate(_split_joined(listed_piece.strip())):
                    for q in _split_run_on(p):
                        pieces.append(q)
                        joined.append(k > 0)
            for index, piece in enumerate(pieces):
                whole = re.sub(
                    r"(?:在|于)[\u4e00-\u9fa5]{1,10}(?:签订|签署|举行|召开).*$|于\d.*$|在[\u4e00-\u9fa5]{1,12}?(?:上|中)$|在[\u4e00-\u9fa5]{1,6}?(?:市|县|州|省)$|在$",
                    "",
                    piece.strip(),
                )
                # (nothing was cut after the piece: it ends at 、, 与 or the clause's end)
                delimited = whole == piece.strip() and (
                    index < len(pieces) - 1 or (part == uncut and stop != "")
                )
                piece = whole
                person = _person_piece(piece)
                there = re.sub(r"(?<=[\u4e00-\u9fa5])在[\u4e00-\u9fa5]{1,10}$", "", piece)
                if person is None and there != piece and _person_piece(there):
                    piece, person = there, _person_piece(there)  # 科技部副部长曹健林在科技部(会见了…)
                if person:
                    title = "、".join([*pending, person[0]])
                    title = re.sub(r"^(?:\d{1,4}\s*[年月日号]\s*)+", "", title).rsplit("的", 1)[-1]
                    title = re.sub(
                        r"^[·•.\s]*(?:率领?|由|在|经|活动|并与|并|与)?(?:邀请)?", "", title
                    )  # 率福海县委副书记
                    name = _trim_name(person[1], delimited=delimited)
                    if "·" in name:
                        # 自治区人大常委会主任祖木热提·吾布力: the title runs on into the name's part.
                        inner = list(re.finditer(TITLE_RE, name.split("·")[0]))
                        if inner:
                            title, name = title + name[: inner[-1].end()], name[inner[-1].end() :]
                    # 新疆生地所所长张元明、党委书记、副所长张向军: a title that names no
                    # organisation is held in the one of the person listed before.
                    party = party_of(title) or _inherited(
                        people,
                        previous,
                        title,
                        same_list=last_title is not None,
                        before=_before(sentence, name),
                    )
                    _add(people, name, title, party)
                    last_title, pending, previous = title, [], name
                elif (
                    last_title
                    and not pending
                    and not (joined[index] and _trim_name(piece, delimited=delimited) in people)
                    and plausible_name(_trim_name(piece, delimited=delimited), after_title=True)
                ):
                    name = _trim_name(piece, delimited=delimited)
                    party = party_of(last_title) or _inherited(people, previous, last_title, same_list=True)
                    _add(people, name, last_title, party)
                    previous = name
                elif re.search(TITLE_RE + "$", piece):
                    # Titles listed before a name (自治区党委书记、兵团党委第一书记、第一政委马兴瑞)
                    # all belong to it.
                    pending = [*pending, piece] if last_title is None else [piece]
                    last_title = None
                    if index == len(pieces) - 1 and stop in "，,":
                        carried = pending
                elif last_title:
                    break
                else:
                    pending = [piece]
    for spoke in re.finditer(
        r"(?:^|[。；;！？!?\n])[ 　]*(?P<name>[\u4e00-\u9fa5·]{2,12}?)(?:在[^，,。；;]{0,8}?(?:上|中)[，,]?)?(?:介绍|表示|指出|强调|说)",
        text,
    ):
        # …所长刘中民担任实验室名誉主任。刘中民在会上介绍…: one named with posts in passing who
        # then speaks at the meeting is at it
        name = spoke.group("name")
        if name in people or not plausible_name(name, after_title=True):
            continue
        titled = re.search(
            r"(?P<title>[^，,。；;、“”\s和与及]{0,30}?"
            + TITLE_RE
            + r")(?:、[^，,。；;“”\s和与及]{0,30}?"
            + TITLE_RE
            + r")*"
            + re.escape(name),
            text,
        )
        if titled:
            title = titled.group(0)[: -len(name)]
            _add(people, name, title, party_of(title))
    elsewhere = another_region(text)
    other_city = another_city(text)
    before: Person | None = None
    for attendee in people.values():
        if elsewhere and attendee.party == "新疆维吾尔自治区" and "新疆" not in attendee.title:
            attendee.party = None  # 自治区政协主席 at a meeting in 广西 is 广西's
        # (扬州市委书记谢正义、市长王燕文: a bare city post after another city's is that city's)
        after_other = (
            before is not None
            and before.party is None
            and re.match(r"[\u4e00-\u9fa5]{2,3}市", before.title)
            and re.match(r"(?:市|副?市长)", attendee.title)
            and 0
            < text.find(attendee.name) - text.find(before.name)
            <= len(before.name) + len(attendee.title) + 2
        )
        if attendee.party is None and not after_other:
            attendee.party = home_party(attendee.title, parties or [], place, other_city) or party_of_unit(
                attendee.title, text
            )
        if (
            attendee.party is None
            and before is not None
            and _DIVISION_POST_RE.match(attendee.title)
            and re.match(r"[\u4e00-\u9fa5]{2,8}(?:司|处|中心|办)(?!令)", before.title)
            and not re.search(r"中央|驻", attendee.title)
            and not _OTHER_PLACE_RE.search(attendee.title)  # (中央政府驻香港联络办公室副巡视员)
        ):
            # 高新司赵玉海司长、计划司蔡文沁副司长、交流中心王艳副主任: the 司's party, known only
            # from the report's context, holds for the centre listed after them
            attendee.party = before.party
        before = attendee
    return list(people.values())


def _titled_before(body: str, at: int) -> bool:
    """Whether the name at ``at`` follows its titles and no verb of attending (深圳市政府副秘书长、…
    总指挥谢海生在致辞中…)."""
    return bool(re.search(TITLE_RE + "$", body[:at])) and not _ATTEND_VERB_RE.search(body[:at])


_PRONOUN_SAID_RE = re.compile(r"^(?:他|她|其)(?:还|并|同时)?(?:说|指出|表示|强调)[，,：:]?")
"""他表示，…: a statement that goes on with the speaker named before."""


def find_speakers(text: str, attendees: list[Person]) -> list[Speaker]:
    """People who said something, with the sentences they said."""
    known = {p.name: p for p in attendees}
    longest_first = sorted(known, key=len, reverse=True)
    name_re = "|".join(re.escape(n) for n in longest_first) or "(?!)"
    speaker_re = re.compile(
        r"^(?P<name>"
        + name_re
        + "|"
        + _NAME_CORE
        + r")(?:同志|(?:常务)?副?"
        + TITLE_RE
        + r")?(?P<rep>代表[^，,。对向就为]{0,40}?)?(?:向[^，,。]{1,20}?(?=介绍|汇报|表示))?(?:，|,)?"
        + SPEECH_VERBS
        + r"[，,：:]?"
    )
    both_re = re.compile(
        r"(?P<names>(?:"
        + _NAME_CORE
        + "、)+"
        + _NAME_CORE
        + r")分别(?:介绍|汇报|通报)了?(?P<orgs>[^，,。]{2,40})"
    )
    speakers: dict[str, Speaker] = {}
    current: Speaker | None = None
    subject: str | None = None
    last_paragraph = -1
    for paragraph, sentence in _sentences(text):
        body = re.sub(r"^(?:[^，,。]{0,8}会上|会议上|座谈中|随后)[，,]", "", sentence)
        # “福田做事，一定要代表深圳的水平。”肖亚非表示，下一步将…: a remark quoted before the name
        # (the sentence may also open with the quote's closing mark: “…水平。|”肖亚非表示)
        body = re.sub(r"^(?:“[^”]{1,100})?”[，,]?(?=(?:" + name_re + ")" + SPEECH_VERBS + ")", "", body)
        match = speaker_re.match(body)
        if (
            match
            and match.group("name") not in known
            and re.search(r"(?:首先|随后|还|也|先后)$", match.group("name"))
        ):
            match = None  # 艾尔肯·吐尼亚孜|首先介绍: an adverb read as the end of a dotted name
        if (
            match
            and match.group("name") not in known
            and any(n.startswith(match.group("name")) for n in known)
        ):
            match = None  # 芒力克·斯依|提出 is 芒力克·斯依提 who 出席
        if match is None:
            # 深圳市政府副秘书长、…总指挥谢海生在致辞中，…: the titles before a known name go.
            for name in longest_first:
                at = body.find(name)
                # (中国科学院地质与地球物理研究所汪集旸院士指出: the organisation, the name, its title)
                org_first = re.search(_ORG_END + "$", body[:at]) and re.match(
                    re.escape(name) + r"(?:同志|(?:常务)?副?" + TITLE_RE + ")", body[at:]
                )
                if 0 < at <= 60 and (_titled_before(body, at) or org_first):
                    titled = speaker_re.match(body[at:])
                    if titled and titled.group("name") == name:
                        match, body = titled, body[at:]
                    break
        group = both_re.search(body)
        alias = None
        short = re.match(r"(.)(?:常务)?(副?" + TITLE_RE + ")", body) if match else None
        if match and short and match.group("name") not in known:
            # 李书记强调…, 李副院长表示…: a surname and a post stand for the one attendee with both
            same = [k for k in known if k.startswith(short.group(1)) and short.group(2) in known[k].title]
            alias = same[0] if len(same) == 1 else None
        if match and (alias or match.group("name") in known or plausible_name(match.group("name"))):
            name = alias or match.group("name")
            # 约尔古丽书记首先感谢…: the first part of a known dotted name is that person.
            name = next((k for k in known if k.startswith(name + "·")), name)
            party = known[name].party if name in known else None
            if match.group("rep") and not party:
                party = party_of(match.group("rep"))
            current = speakers.setdefault(name, Speaker(name, party))
            rest = re.sub(r"^了", "", body[match.end() :].strip())
            if re.search(r"希望[，,：:]?$", match.group(0)):
                rest = "希望" + rest  # 张春贤希望院士专家们…: a wish, as said
            if rest.strip("。；;！!？?，,"):  # (…在会上致欢迎辞。 says nothing yet)
                current.statements.append(rest)
        elif group:
            names = group.group("names").split("、")
            orgs = [m.group(0) for m in _PARTY_RE.finditer(group.group("orgs"))]
            for index, name in enumerate(names):
                party = known[name].party if name in known else None
                if party is None and len(orgs) == len(names):
                    party = _party_named(orgs[index])
                speaker = speakers.setdefault(name, Speaker(name, party))
                speaker.statements.append(
                    body[group.start("names") + len(group.group("names")) :].lstrip("分别")
                )
            current = None
        elif (
            any(body.startswith(n) for n in known)
            and (paragraph != last_paragraph or re.search(SPEECH_VERBS, body[:60]))
            # (李萌副部长调研北京…: a headline of what the person did, not what was said)
            and not re.match(
                "(?:"
                + name_re
                + r")(?:同志|(?:常务)?副?"
                + TITLE_RE
                + r")?(?:一行)?(?:调研|考察|视察|出席|参加|会见|会晤|走访|带队|率)",
                body,
            )
        ):
            name = next(n for n in longest_first if body.startswith(n))
            current = speakers.setdefault(name, Speaker(name, known[name].party))
            current.statements.append(body[len(name) :].strip())
        elif current and (
            paragraph == last_paragraph or re.match(r"^(?:他|她|其)(?:说|指出|表示|强调)", body)
        ):
            body = _PRONOUN_SAID_RE.sub("", body)
            if body:
                current.statements.append(body)
        elif subject and re.match(r"^(?:他|她)", body) and _PRONOUN_SAID_RE.match(body):
            # 吐鲁番市委书记张文胜充分肯定了…。他表示，将…: 他 is the one the sentence before was about
            current = speakers.setdefault(subject, Speaker(subject, known[subject].party))
            body = _PRONOUN_SAID_RE.sub("", body)
            if body:
                current.statements.append(body)
        else:
            current = None
        subject = next(
            (
                n
                for n, at in ((n, body.find(n)) for n in longest_first)
                if at == 0 or 0 < at <= 40 and _titled_before(body, at)
            ),
            None,
        )
        last_paragraph = paragraph
    talk = r"(?:讲话|" + _ADDRESS + r"|发言|作专题报告|作报告)"
    spoke_res = (
        # 王伟中、艾尔肯·吐尼亚孜出席广东新疆对口支援工作座谈会并讲话
        # (…，…等领导出席会议并讲话: everyone listed in the sentence before it)
        re.compile(r"(?P<who>[^。；;]*?)(?:出席|参加)[^，,。；;]{0,30}?(?:并|并作|并发表)" + talk),
        # 自治区主席雪克来提·扎克尔致辞; 马兴瑞讲话 王志刚作专题报告
        re.compile(r"(?P<who>" + name_re + r")[^，,。；;\s]{0,12}?" + talk),
        # 刘智敏、陈曦、张军在发布会上分别介绍
        # (孙龙德、高文等五位院士结合调研，分别围绕…: the names may stand one clause before)
        re.compile(
            r"(?P<who>[^。；;]*?)分别(?:" + talk[3:-1] + r"|介绍|汇报|围绕|就|对[^。；;]{2,60}?(?:汇报|介绍))"
        ),
        # 陈曦所长、雷加强副所长介绍了…; 向本春就…作了汇报; 袁志明院长对…给予充分肯定
        re.compile(
            r"(?:^|[，,])(?P<who>[^，,。；;]{0,40}?)(?:介绍了|汇报了|(?:就[^，,。；;]{2,30}?)?作了?[^，,。；;]{0,6}?(?:汇报|发言|报告)"
            r"|对[^，,。；;]{2,40}?(?:表示|给予))"
        ),
        # …出席会议并讲话，中国科学院副院长李强介绍了院地合作情况
        re.compile(
            r"(?:^|[，,；;])(?P<who>[^，,。；;]{0,40}?(?:"
            + name_re
            + r"))(?:首先|随后|还|也)?(?:介绍|汇报|通报|表示|指出|强调)"
        ),
    )
    for _, sentence in _sentences(text):
        for spoke_re in spoke_res:
            for clause in spoke_re.finditer(sentence):
                for person in attendees:
                    if person.name in clause.group("who"):
                        speakers.setdefault(person.name, Speaker(person.name, person.party))
    return list(speakers.values())


def _fields() -> list[str]:
    data = taxonomy()
    names = [f["name"] for f in data.get("fields", [])]
    for scheme in data.get("cluster_schemes", []):
        names.append(scheme["name"])
        names.extend(c["name"] for c in scheme.get("clusters", []))
    names += [
        "八大产业集群",
        "十大产业集群",
        "“20+8”",
        "20+8",
        "战略性新兴产业集群",
        "未来产业",
    ]
    return sorted(set(names), key=len, reverse=True)


_NAMED_FIELD_RE = re.compile(
    r"(?:在|围绕|聚焦|面向|瞄准)(?P<items>[\u4e00-\u9fa5、“”]{2,40}?)(?:等)?(?:重点|关键|新兴)?领域"
)


def find_field(action: str) -> str | None:
    """The field or cluster of an action: the first field or cluster of the taxonomy named in it;
    failing that, the first item of an explicit "…领域" (围绕水资源利用、生态资源保护等领域 →
    水资源利用) when it is a short noun phrase. Stages of the chain (基础研究, 成果转化) are
    activities, not fields."""
    best: tuple[int, str] | None = None
    for name in _fields():
        pos = action.find(name)
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, name.strip("“”"))
    if best:
        return best[1]
    named = _NAMED_FIELD_RE.search(action)
    if named:
        first = re.sub(
            r"^(?:新疆|南疆|北疆|东疆|全疆|喀什|深圳)", "", named.group("items").split("、")[0].strip("“”")
        )
        if 2 <= len(first) <= 10 and not re.search(r"[的和及与]", first):
            return first
    return None


_PARTY_SUBJECT_RE = re.compile(
    r"^(?P<lead>会议(?:指出|强调|要求|提出|明确|商定|确定)[，,]?|(?:[^，,。；;“”]{1,12}[，,]){1,2})?"
    r"(?P<subj>[^，,。；;“”]{0,48}?)(?<![即必])(?:将|愿)(?!军|近)"
)
"""A narrated undertaking: a party subject before 将/愿, after at most two short lead clauses
(根据协议，双方将…; 下一步，科技厅将…; 根据双方协商，2015-2020年，兵团科技局与十四师将…)."""
_AGREED_RE = re.compile(
    r"^(?:[^，,。；;]{0,12}[，,])?(?P<subj>双方|各方|三方|四方)[^，,。；;]{0,12}?"
    r"(?:一致|共同)?(?:表示|同意|认为|商定|约定|决定|明确)[，,：:]?(?P<action>[^。；;]+)"
)
"""An undertaking the parties agreed on (双方在座谈会中一致表示，将以…; 双方一致同意，共同推进…)."""
_DECIDED_RE = re.compile(r"会议(?:决定|议定|商定|确定)[：:，,]")
"""Decisions of the meeting (会议决定：一是…；二是…): each item is an undertaking of the party it
names, or of the party that convened the meeting."""
_NOT_A_SUBJECT_RE = re.compile(r"^(?:与|同|和|跟)[^，,]*的合作|的[^，,的]{0,4}合作$")
""""The cooperation with 中科院 will …" is an expectation, not an undertaking of 中科院."""
_JOINT_RE = re.compile(
    r"(?:双方|两方|两地|三方|四方|各方)的?(?:合作重点|合作内容|后续|今后|下一步|还|也|都|共同|一致)?$|^(?:合作重点|合作内容)$"
)
"""A joint subject (双方将…, 院区双方将…): the undertaking of every party of the meeting."""
_NEED_RE = re.compile(
    r"(?:^|[，,])[^，,]{0,12}?(?:迫切需要|亟需|需要|有必要|应当|应该|必须|(?<![响供适相反效对])应)"
    r"(?=[^，,]{0,8}(?:加强|推动|推进|加快|进一步|建立|强化|提升|做好|与))"
)
"""A need or an ought stated as the clause's verb (…，迫切需要加强…; …，应与院外大学加强合作), not 需求
or 急需 as a noun's modifier."""
_WISH_RE = re.compile(
    r"希望|期望|期待|盼望|建议|认为|诚邀|邀请|有必要|需要|急需|感受到|认识到|看到|鼓励|勉励"
)
"""A wish, a proposal, an encouragement or an opinion (希望新疆…, 建议深圳市…, 鼓励这些实验室…, 认为…将使)
is not the speaker's own undertaking."""
_PROVINCE_TOPIC_RE = re.compile(r"^(?:" + "|".join(PROVINCES) + r")(?:省|市)?(?:是|要|应|应当|将)")
"""A clause whose subject is another province named bare (四川是科技创新大省，要…; 江苏要…)."""
_NO_UNDERTAKING_RE = re.compile(
    r"(?:总书记|主席)[^。；;]{0,40}?时(?:表示|指出|强调)"  # 习近平主席在会见…时表示，双方要…: cited
    r"|^[^将要愿]{0,30}?总书记[^。；;]{0,30}?(?:视察|重要讲话|重要指示)"  # …习近平总书记再次来到广东视察并发表重要讲话
    r"|(?:^|[，,])(?:此次|这次|本次)[^，,。；;]{0,12}将"  # 此次签约将为…拓展新渠道: what an event will mean
    r"|[要应]有利于"  # …中心的建设要有利于支持港澳融入…: what something should serve
    r"|^(?:19|20)\d{2}年[^，,。；;]{0,30}(?:期间|时)"  # 2012年6月…总理访问拉美期间提出…: a dated past event
    r"|^(?:全市|全区|全省|全州|全县|全团|全师)各"  # 全市各级各部门特别是…，要…: a directive to all
    r"|^(?:他|她)?(?:要求|感谢)|^[^，,。；;]{0,12}代表[^，,。；;]{0,12}感谢"  # 他要求中科院机关…; 他代表…感谢…
    r"|提出了?[^，,。；;]{0,8}(?:建议|意见)[。；;]?$"  # 就推动…提出工作建议
)
"""Clauses that are no undertaking though a verb of one is in them: words cited from a state
leader, proposals made."""
_OTHERS_SUBJECT_RE = re.compile(
    r"^(?:全市|全区|全省|全州|全县|全团|全师)?各|(?:会商|会议|会|论坛)[”」\"]?$|(?:工作者|干部|同志|人员|专家|青年)们?$"
)
"""Directives to others (各项目团队要…; 深港两地的科技工作者要…) or about the meeting itself (部区会商要…)."""
_DESCRIPTIVE_RE = re.compile(
    r"具体体现|充分体现|集中体现|如今|起初|是[^，,。]{0,20}的(?:重要|具体)|具有[^，,。]{0,8}意义|意义重大|的重要意义|筹备情况|进展情况"
    r"|基本情况|有关情况|存在的问题|标志着|奠定了?[^，,。]{0,6}基础|重要举措|既是|将(?:于|在)[^，,。]{0,20}(?:召开|举办|举行)|(?:充分|高度)?肯定|高度评价|(?:发展|建设|工作)情况"
    r"|必将|势必|必然会|推进情况|目前[^，,。；;]{0,12}正在"
)
_PRAISE_RE = re.compile(
    r"具有[^，,。；;]{0,12}(?:经验|优势|基础|条件|潜力)|值得[^，,。；;]{0,4}(?:学习|借鉴)"
)
"""Praise of what a side has (成都分院在…方面具有丰富的经验值得学习借鉴): no undertaking, unless the
clause also says what will be done."""
_DEFINITION_RE = re.compile(r"(?<![要就还但于凡正总只可不也])是(?![否非])")
"""A clause that says what something is before its verb (会商制度是科技部与地方政府共同推进…的一项
机制创新; 2026年是开局之年，克拉玛依正紧扣…): with no 将/要/愿/会 in it, a description."""
_ORG_LIST_RE = re.compile(r"(?:[\u4e00-\u9fa5]{1,14}?" + _ORG_END + r"(?:与|和|及|、)?)+")
"""A subject that lists organisations (广东省援疆指挥部与广东省科技厅、新疆自治区科技厅、喀什地区行署将…)."""
_LIST_ITEM_RE = re.compile(r"^[一二三四五六七八九十]要")
_WILL_HUI = r"(?<![社机协学工大国省都总委年季晚盛博展议例约聚开集理常全谈洽])会(?![商议谈见晤上同的])"
"""会 meaning "will" (中科院会继续…), not the 会 of 社会, 机会, 协会, 座谈会, 会商, 会议 …"""
_WILL_RE = re.compile(r"(?<![即必])将(?!军|近)|" + _YAO + r"|愿(?!景)|" + _WILL_HUI)
"""将, 要, 愿 or 会 as "will" (not 将军, 需要, 要求, 愿景, 会商)."""
_LEAD_SUBJECT_RE = re.compile(r"^(?P<subj>[^，,。]{0,12}?)(?:将|要|愿|" + _WILL_HUI + ")")
"""The subject of a statement's clause, before its 将/要/愿/会 (not the 会 of 会商, 会议 …)."""
_INNER_SUBJECT_RE = re.compile(
    r"[，,](?:(?:并|还|也|同时)?(?:表示|指出|强调)[，,]?)?(?P<subj>[^，,。；;]{1,8}?)(?:将|愿|"
    + _WILL_HUI
    + r")(?!军|近)"
)


def _by_subject(clause: str, joint: list[str]) -> list[str]:
    """A clause cut where a new party subject begins: 深圳喀什将提升…，喀什行署将… is two
    undertakings; 新疆在…具有举足轻重的地位，中科院将进一步深化… begins at its subject."""
    clause = clause.strip()
    cuts = [
        m.start("subj")
        for m in _INNER_SUBJECT_RE.finditer(clause)
        if _subject_parties(m.group("subj"), joint)
    ]
    if not cuts:
        return [clause] if clause else []
    lead = _LEAD_SUBJECT_RE.match(clause)
    if not (lead and _subject_parties(lead.group("subj"), joint)):
        clause, cuts = clause[cuts[0] :], [c - cuts[0] for c in cuts[1:]]
    bounds = [0, *cuts, len(clause)]
    return [
        clause[a:b].strip("，, ")
        for a, b in zip(bounds, bounds[1:], strict=False)
        if clause[a:b].strip("，, ")
    ]


def _meeting_parties(
    text: str, speakers: list[Speaker] | None = None, everyone: list[str] | None = None
) -> list[str]:
    """The two parties a joint subject (双方) refers to: those of the sentence that holds the
    meeting when it names two (科学技术部、新疆维吾尔自治区人民政府部区工作会商会议在乌鲁木齐召开),
    else the text's parties when there are exactly two; none when more parties are in play."""
    elsewhere = another_region(text)
    if everyone is None:
        everyone = find_parties(text, elsewhere)
    for _, sentence in _sentences(text):
        if _MEETING_RE.search(sentence) and _HELD_RE.search(sentence):
            named = find_parties(sentence, elsewhere)
            if len(named) == 2:
                return named
            if len(named) == 1 and (
                _NATIONAL_BODY_RE.search(sentence)
                or _NON_PARTY_BODY_RE.search(sentence)
                or re.search(r"[\u4e00-\u9fa5]{2,3}省", sentence)
            ):
                return named  # 中国农业科学院与自治区人民政府签署…: the other side is no party
            break
    # 阿克苏地区与某大学签约，双方将…: one side is a party, the other is none.
    if len(everyone) in (1, 2):
        return everyone
    # Else the two parties of the people who spoke (a 兵团 division's visit to a CAS institute that
    # mentions 新疆 as a place).
    spoke = [p for p in PARTY_ORDER if p in {s.party for s in speakers or []}]
    return spoke if len(spoke) == 2 else []


_ABBREVIATED = {
    "深": "深圳市",
    "新": "新疆维吾尔自治区",
    "疆": "新疆维吾尔自治区",
    "喀": "新疆维吾尔自治区",
    "克": "新疆维吾尔自治区",
    "哈": "新疆维吾尔自治区",
    "和": "新疆维吾尔自治区",
    "兵": "新疆生产建设兵团",
}
"""One-character abbreviations of the parties' places in pairs such as 深喀两地 (港, 沪, 粤 … name none)."""


def _subject_parties(subject: str, joint: list[str], home: list[str] | None = None) -> list[str]:
    """The parties a clause's subject names: each one named (深圳喀什将 → 深圳市, 新疆维吾尔自治区),
    or every party of the meeting for a joint subject (双方将); a department named without its
    province (科技厅将…) is the one of the report's parties ``home`` (see :func:`home_party`)."""
    if _NOT_A_SUBJECT_RE.search(subject):
        return []
    pair = re.search(r"([\u4e00-\u9fa5])([\u4e00-\u9fa5])两地", subject)
    if pair:
        # 深喀两地, 深港两地: the places abbreviated, each to its party if it has one
        return [p for p in PARTY_ORDER if p in {_ABBREVIATED.get(ch) for ch in pair.groups()}]
    named: list[str] = []
    # (喀什大学将…: a body named after a party's place is none of the parties)
    for mention in party_mentions(subject):
        party = _party_named(mention.group(0))
        if party not in named:
            named.append(party)
    if not named and _JOINT_RE.search(subject):
        return list(joint)
    if not named and home:
        local = home_party(subject, home, None)
        return [local] if local else []
    return named


_FUTURE_CUT_RE = re.compile(
    r"[，,](?=(?:今后|下一步|未来|接下来)[，,]?[^，,。；;]{0,12}?(?:将|要|愿)"
    r"|(?:双方|各方|三方|四方|两地)[^，,。；;]{0,6}?(?:表示|同意|商定|约定)[，,]?(?:将|要|愿))"
)


def _told(clause: str) -> bool:
    """Whether a clause tells past work; 取得 and 获得 after a will are its aim (科技部将…，助推陕西…
    取得新成效), 已…的 describes a thing (对已达成共识的合作方向给予联合资助) and 在…基础上 where the work
    starts from."""
    clause = re.sub(r"在[^，,。；;]{0,30}?基础上", "", clause)  # 在此前5年投入…的基础上，继续…
    return any(
        not (m.group(0) in ("取得", "获得") and _WILL_RE.search(clause[: m.start()]))
        and not (m.group(0) in ("已", "已经") and re.match(r"[^，,。；;]{1,8}的|有基础", clause[m.end() :]))
        for m in _PAST_RE.finditer(clause)
    )


def _from_future(clause: str) -> str:
    """The undertaking of a clause that first tells past work (近年来…不断扩大，今后研究所将…;
    双方进行了深入交流，双方表示将…)."""
    cut = _FUTURE_CUT_RE.search(clause)
    if cut and _PAST_RE.search(clause[: cut.start()]):
        return clause[cut.end() :]
    return clause


def find_commitments(
    speakers: list[Speaker], text: str = "", in_text: list[str] | None = None
) -> list[Commitment]:
    """Commitments in the speakers' statements: which party will do what, in which field; and,
    in ``text`` outside any statement, sentences whose subject is a party that will or wants to do
    something (科技部将…, 深圳愿…): reports often state the parties' undertakings in narration.

    A joint subject (双方将…) is the undertaking of each party of a two-party meeting, one
    commitment per party. Wishes addressed to others (希望新疆…), directives to others (各项目要…),
    descriptions (…的具体体现) and numbered headings (一要深化民生支援) are not commitments.
    ``in_text`` is :func:`find_parties` of ``text`` when the caller has it already."""
    commitments: list[Commitment] = []
    home = find_parties(text) if in_text is None else in_text
    joint = _meeting_parties(text, speakers, home)

    def add(party: str | None, action: str) -> None:
        if re.search(r"(?:将|要|愿|会)[\u4e00-\u9fa5]{0,2}$|[把对向从给]$", action) or action[:1] in ":：":
            # 喀什行署将一, 深圳将始终把对毕节: an excerpt that stops right after the undertaking's
            # verb or inside it; ：发挥部省会商制度…: a heading's subtitle
            return
        if not any(c.party == party and (action in c.action or c.action in action) for c in commitments):
            commitments.append(Commitment(party, action, find_field(action)))

    searched: dict[str, int] = {}
    for speaker in speakers:
        wishing = recounting = thanks = directive = elsewhere_topic = False
        for statement in speaker.statements:
            # What was said after 感谢 is thanks; after 强调/要求, a clause opening with 要 is a
            # directive to the audience, not the speaker's undertaking.
            # (a statement said twice takes the copy after the one read last)
            at = text.find(statement, searched.get(statement, -1) + 1)
            searched[statement] = at
            lead_in = text[max(0, at - 4) : at] if at > 0 else ""
            verb = re.search(r"(感谢|强调|要求|指出)[，,：:]?$", lead_in)
            if verb is not None or at <= 0 or text[at - 1] not in "；;":
                # (a statement that follows a semicolon goes on with the one before it)
                elsewhere_topic = False
                thanks = verb is not None and verb.group(1) == "感谢"
                directive = verb is not None and not thanks
            if re.search(r"(?:介绍|汇报|回顾)了[，,：:]?$", lead_in):
                recounting = True  # 杨生荣介绍了兰州分院…的研究方向: what was presented, not undertaken
            # …是我院科技合作的重中之重，我们要…: the undertaking starts at the speaker's own subject
            statement = re.sub(
                r"^[^。；;]*?[，,](?=(?:我们|我院|我所|我区|我市|我厅|我局)(?:将|要|愿|会))", "", statement
            )
            clauses = [c for whole in re.split(r"(?<=[。；;])", statement) for c in _by_subject(whole, joint)]
            for clause in clauses:
                clause = _from_future(clause)
                # (a trigger inside a name, the 建设 of 新疆生产建设兵团, is none)
                trigger = (
                    _COMMIT_RE.search(_PARTY_RE.sub(lambda m: "＊" * len(m.group(0)), clause))
                    if clause
                    else None
                )
                subj = _LEAD_SUBJECT_RE.match(clause) if clause else None
                named = (
                    _subject_parties(subj.group("subj"), joint, home) if subj and subj.group("subj") else []
                )
                if _WISH_RE.search(clause[: trigger.start()] if trigger else clause) or (
                    _NEED_RE.search(clause) and not _WILL_RE.search(clause)
                ):  # (…，迫切需要加强…: a need, with no will in it)
                    wishing = True  # 希望双方能…; what follows without a subject of its own is wished too
                    continue
                if (wishing or thanks) and not named and not (wishing and re.search(r"将|愿", clause)):
                    continue  # 感谢…的支持，哈密地区将…: only what has a subject of its own
                wishing = False
                if (
                    re.search(r"以来|多年来|近年来|一直", clause) or _PAST_RE.search(clause)
                ) and not re.search(r"将|愿|今后|下一步|未来", clause):
                    recounting = True  # 我所一直以来…；与天业集团签署…；另外，…: past work, told on
                    continue
                if recounting and not re.search(r"将|要|愿|会|今后|下一步|未来|继续", clause):
                    continue
                recounting = False
                if (
                    trigger is None
                    or _NO_UNDERTAKING_RE.search(clause)
                    or _told(clause)
                    or _DESCRIPTIVE_RE.search(clause)
                    or _DEFINITION_RE.search(clause[: trigger.start()])
                    and not _WILL_RE.search(clause)
                    or (_LIST_ITEM_RE.match(clause) and len(clause.rstrip("。；;")) <= 12)
                    or (_PRAISE_RE.search(clause) and not _WILL_RE.search(clause))
                    # (…指出，今后研究所将…: what the speaker's own side will do is no directive)
                    or (directive and not named and not (subj and re.search(r"将|愿", subj.group(0))))
                ):
                    continue
                if not named and (
                    _OTHER_PLACE_RE.match(clause)
                    or _PROVINCE_TOPIC_RE.match(clause)
                    or (elsewhere_topic and not (subj and subj.group("subj")))
                ):
                    # 天津市科协围绕…: what another province's body does; 四川是科技创新大省，要…；
                    # 推动…；加强…: what a speaker asks of another province, item after item
                    elsewhere_topic = clause.endswith(("；", ";"))
                    continue
                elsewhere_topic = False
                parties: list[str | None] = [speaker.party]
                if subj and subj.group("subj"):
                    if _OTHERS_SUBJECT_RE.search(subj.group("subj")) or _NOT_A_SUBJECT_RE.search(
                        subj.group("subj")
                    ):
                        continue
                    if named:
                        parties = list(named)
                action = re.sub(
                    r"^(?:并|还|同时)?(?:表示|指出|强调)?[，,]?(?:我们|双方|各方)?", "", clause
                ).rstrip("。；;")
                # 新疆会用好中科院的优质资源，希望中科院…: the wish that follows is not part of it.
                action = re.split(r"[，,](?:并|同时|也)?(?:希望|建议|期待|欢迎)", action)[0]
                for party in parties:
                    add(party, action)
    said = "".join(statement for speaker in speakers for statement in speaker.statements)
    narrated = _sentences(text)
    agreeing = False  # the sentence before was what the sides agreed and ended with a semicolon
    for index, (paragraph, sentence) in enumerate(narrated):
        if (
            agreeing
            and paragraph == narrated[index - 1][0]
            and re.match(
                r"(?:将|要|并|还将|共同|继续|探讨|加强|推动|推进|支持|建立|共建|开展|在[^，,。；;]{1,12}?(?:领域|方面))",
                sentence,
            )
        ):
            # 双方商定，将…；将继续…；将…: each item after the semicolons is agreed too
            for party in joint:
                add(party, sentence.rstrip("。；;"))
            agreeing = sentence[-1:] in "；;"
            continue
        agreeing = False
        # A headline and its subtitle are parted by a space (…一行来访 双方将尽快推动…).
        for clause in re.split(r"(?<=[。；;])|(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])", sentence):
            clause = clause.strip()
            if not clause or clause in said:
                continue
            clause = _from_future(clause)
            inner = next(
                (
                    m
                    for m in _INNER_SUBJECT_RE.finditer(clause)
                    if re.fullmatch(r"[\u4e00-\u9fa5]{2,8}", m.group("subj"))
                    and (
                        _PARTY_RE.fullmatch(m.group("subj").removesuffix("地区").removesuffix("方面"))
                        # …签订了合作协议，中科院植物研究所将…: a CAS institute
                        or re.fullmatch(
                            r"(?:中国科学院|中科院)[\u4e00-\u9fa5]{1,6}?(?:研究所|所|分院)", m.group("subj")
                        )
                        # …该中心设在昌吉，今后双方将…
                        or (
                            joint
                            and re.fullmatch(
                                r"(?:今后|下一步|未来|此后)?(?:双方|各方|三方|四方)", m.group("subj")
                            )
                        )
                    )
                ),
                None,
            )
            if (
                _PARTY_SUBJECT_RE.match(clause) is None
                and inner
                and not _WISH_RE.search(clause[: inner.start()])
            ):
                # …对湖北省科技厅的帮助表示了感谢，介绍了…，博州将以此为契机…: a party subject
                # further on in a narrated sentence; what comes before it is told, not undertaken
                clause = clause[inner.start("subj") :]
            if _told(clause) or _DESCRIPTIVE_RE.search(clause) or _NO_UNDERTAKING_RE.search(clause):
                continue
            decided = _DECIDED_RE.search(clause)
            if decided:
                # the convener: the first party of the sentence, or of the one before (…召开协调会。会议决定：…)
                before = clause[: decided.start()] or (narrated[index - 1][1] if index else "")
                convener = next(
                    (_party_named(m.group(0)) for m in party_mentions(before)),
                    joint[0] if len(joint) == 1 else None,
                )
                items = clause[decided.end() :]
                for following_paragraph, following in narrated[index + 1 :]:
                    # (…；二是…; 。同时争取…。二是…。新疆天文台要做好…: the decisions go on)
                    goes_on = items[-1:] in "；;" or re.match(
                        r"同时|此外|[一二三四五六七八九十]是|[^，,。；;]{2,12}?(?:要|负责|将)", following
                    )
                    if following_paragraph != paragraph or not goes_on:
                        break
                    items += following
                for item in re.split(r"[；;。]|(?=[一二三四五六七八九十]是)", items):
                    item = re.sub(r"^[一二三四五六七八九十]是[，,：:]?", "", item.strip()).rstrip("。；;")
                    if len(item) < 6 or not (
                        _COMMIT_RE.search(item) or re.search(r"争取|做好|负责|抓紧", item)
                    ):
                        continue
                    lead = re.match(r"^(?P<subj>[^，,。]{2,12}?)(?:要|将|负责)", item)
                    named = _subject_parties(lead.group("subj"), joint, home) if lead else []
                    for party in named or ([convener] if convener else []):
                        add(party, item)
                continue
            # …举行签约仪式，落定…，明确联合打造…: what the sides settled in the meeting's own sentence
            if joint and (_HELD_RE.search(clause) or re.search(r"双方|会上|签约|签署", clause)):
                for settled in re.finditer(
                    # (…明确联合打造…中心，并共建…: what follows the first item belongs to it)
                    r"[，,](?:并|还)?(?:明确|商定|约定|同意|决定)了?(?P<what>[^，,。；;]{4,60}(?:[，,]并[^。；;]{2,160})?)",
                    clause,
                ):
                    what = settled.group("what")
                    if _COMMIT_RE.search(what) or re.search(r"联合|共建|共同|打造|建立|设立", what):
                        for party in joint:
                            add(party, what)
            agreed = _AGREED_RE.match(clause)
            binding = agreed and re.search(r"同意|商定|约定|决定", agreed.group(0)[: agreed.start("action")])
            if (
                agreed
                and (binding or _COMMIT_RE.search(agreed.group("action")))
                and not _WISH_RE.search(clause)
            ):
                action = agreed.group("action").strip("，, ").rstrip("。；;")
                for party in joint:
                    add(party, action)
                agreeing = bool(binding) and clause[-1:] in "；;"
                continue
            # 根据合作协议，中科院作为国家战略科技力量，整合全院资源，…全力支持深圳…: what an
            # agreement binds a party to, with no 将 in it
            bound = re.match(
                r"^(?:根据|按照)(?:合作)?(?:协议|协定|备忘录)[，,](?P<subj>[^，,。；;]{2,12}?)(?=作为|[在将要]|(?:全力|积极)?支持|共建|负责)",
                clause,
            )
            if bound and not _PARTY_SUBJECT_RE.match(clause[bound.start("subj") :]):
                for party in _subject_parties(bound.group("subj"), joint, home):
                    add(party, clause[bound.start("subj") :].rstrip("。；;"))
                continue
            subject = _PARTY_SUBJECT_RE.match(clause)
            if subject is None or _WISH_RE.search(subject.group("lead") or ""):
                continue
            who = re.sub(r"(?:还|也|均|都|仍|亦)$", "", subject.group("subj"))  # …与裕安区政府还将…
            mentioned = next(iter(party_mentions(who)), None)
            bare = home_party(who, home, None) if mentioned is None else None
            if mentioned is None and not _JOINT_RE.search(who) and not bare:
                continue
            if mentioned and not (
                re.fullmatch(r"[\u4e00-\u9fa5]{0,4}", who[mentioned.end() :]) or _ORG_LIST_RE.fullmatch(who)
            ):
                continue
            if bare and not re.fullmatch(r"[\u4e00-\u9fa5]{2,8}", who):
                continue
            named = _subject_parties(who, joint, home)
            action = clause[subject.start("subj") :]
            if re.search(r"包括|主要有|如下|[：:]", action) and action[-1:] in "；;":
                # 双方将重点落实…，包括推进…；实施…；落实…。: the items listed belong to it
                for following_paragraph, following in narrated[index + 1 :]:
                    if following_paragraph != paragraph:
                        break
                    action += following
                    if following[-1:] not in "；;":
                        break
            action = action.rstrip("。；;")
            if any(action in c.action or c.action in action for c in commitments):
                continue
            for party in named:
                add(party, action)
    # "Which party will do what": an undertaking of no party (another province, a university)
    # is not one of the mechanism's.
    return [c for c in commitments if c.party is not None]


def find_programmes(text: str) -> list[str]:
    """Programmes of the taxonomy named in the text."""
    found = [p for p in taxonomy().get("programmes", []) if p in text]
    return found
