"""Which party a title, an organisation or a place belongs to (the domain knowledge of the parties,
their units and their places), shared by the extraction of attendees, speakers and commitments."""

from __future__ import annotations

import re

from .names import TITLE_RE

# Mentions of the parties and their units, most specific first: (pattern, Chinese party name).
PARTY_PATTERNS: tuple[tuple[str, str], ...] = (
    ("新疆生产建设兵团", "新疆生产建设兵团"),
    ("兵团", "新疆生产建设兵团"),
    ("新疆维吾尔自治区", "新疆维吾尔自治区"),
    ("自治区", "新疆维吾尔自治区"),
    ("科学技术部", "科学技术部"),
    ("科技部", "科学技术部"),
    ("中国科学院", "中国科学院"),
    ("中科院", "中国科学院"),
    ("新疆分院", "中国科学院"),
    ("院方", "中国科学院"),
    # CAS institutes and branches named without 中科院 (the distinctive names only: 物理所 may be anyone's)
    *(
        (unit, "中国科学院")
        for unit in (
            "化物所",
            "化学物理研究所",
            "地理资源所",
            "地理科学与资源研究所",
            "生态环境研究中心",
            "青岛能源所",
            "深圳先进院",
            "先进院",
            "深圳先进技术研究院",
            "过程工程研究所",
            "过程工程所",
            "西北生态环境资源研究院",
            "西北研究院",
            "寒旱所",
            "广州能源所",
            "南京土壤所",
            "遗传发育所",
            "武汉分院",
            "北京分院",
            "沈阳分院",
            "长春分院",
            "上海分院",
            "南京分院",
            "广州分院",
            "成都分院",
            "昆明分院",
            "西安分院",
            "兰州分院",
            "国科大",
            "国家天文台",
            "上海天文台",
            "紫金山天文台",
            "云南天文台",
            # the academy's own bureaus and its Hefei institutes, named without 中科院
            "科技促进发展局",
            "科发局",
            "院地合作局",
            "院地局",
            "前沿科学与教育局",
            "重大科技任务局",
            "合肥物质科学研究院",
            "合肥研究院",
            "吐鲁番沙漠植物园",
        )
    ),
    ("深圳市", "深圳市"),
    # 深圳's districts
    *(
        (district, "深圳市")
        for district in (
            "福田区",
            "罗湖区",
            "南山区",
            "盐田区",
            "宝安区",
            "龙岗区",
            "龙华区",
            "坪山区",
            "光明区",
            "大鹏新区",
        )
    ),
    ("深圳", "深圳市"),
    ("新疆理化技术研究所", "中国科学院"),
    ("新疆生地所", "中国科学院"),
    ("新疆生态所", "中国科学院"),
    ("新疆理化所", "中国科学院"),
    ("新疆生态与地理研究所", "中国科学院"),
    ("新疆天文台", "中国科学院"),
    ("生地所", "中国科学院"),
    ("理化所", "中国科学院"),
    # Units of the 科技部 that reports name without it.
    *(
        (unit, "科学技术部")
        for unit in (
            "国家科技基础条件平台中心",
            "中国科学技术交流中心",
            "中国农村技术开发中心",
            "中国生物技术发展中心",
            "中国21世纪议程管理中心",
            "国家遥感中心",
            "火炬高技术产业开发中心",
            "科技部火炬中心",
            "国家科技风险开发事业中心",
            "中国科学技术信息研究所",
            "中国科学技术发展战略研究院",
            "高技术研究发展中心",
            "科技日报社",
        )
    ),
    ("师市", "新疆生产建设兵团"),
    ("农垦科学院", "新疆生产建设兵团"),
    # Cities of the 兵团 (师市合一).
    *(
        (city, "新疆生产建设兵团")
        for city in (
            "石河子",
            "阿拉尔",
            "五家渠",
            "图木舒克",
            "北屯",
            "铁门关",
            "双河市",
            "可克达拉",
            "昆玉",
            "胡杨河",
            "新星市",
            "白杨市",
        )
    ),
    ("新疆", "新疆维吾尔自治区"),
    *(
        (place, "新疆维吾尔自治区")
        for place in (
            "乌鲁木齐",
            "克拉玛依",
            "吐鲁番",
            "哈密",
            "昌吉",
            "博尔塔拉",
            "博州",
            "巴音郭楞",
            "巴州",
            "阿克苏",
            "克孜勒苏",
            "克州",
            "喀什",
            "和田",
            "伊犁",
            "塔城",
            "阿勒泰",
            "地委",
            "行署",
            # cities, counties and districts (the ambiguous ones only with their 市/县/区)
            "独山子",
            "白碱滩",
            "乌尔禾",
            "达坂城",
            "米东区",
            "天山区",
            "沙依巴克",
            "水磨沟",
            "头屯河",
            "高昌区",
            "鄯善",
            "托克逊",
            "伊州区",
            "巴里坤",
            "伊吾",
            "阜康",
            "呼图壁",
            "玛纳斯",
            "奇台",
            "吉木萨尔",
            "木垒",
            "博乐",
            "阿拉山口",
            "精河县",
            "温泉县",
            "库尔勒",
            "轮台",
            "尉犁",
            "若羌",
            "且末",
            "焉耆",
            "和静县",
            "和硕县",
            "博湖",
            "库车",
            "温宿",
            "沙雅",
            "新和县",
            "拜城",
            "乌什",
            "阿瓦提",
            "柯坪",
            "阿图什",
            "阿克陶",
            "阿合奇",
            "乌恰",
            "疏附",
            "疏勒",
            "英吉沙",
            "泽普",
            "莎车",
            "叶城",
            "麦盖提",
            "岳普湖",
            "伽师",
            "巴楚县",
            "塔什库尔干",
            "塔县",
            "墨玉",
            "皮山",
            "洛浦",
            "策勒",
            "于田县",
            "民丰县",
            "和安县",
            "和康县",
            "伊宁",
            "奎屯",
            "霍尔果斯",
            "察布查尔",
            "霍城",
            "巩留",
            "新源县",
            "昭苏",
            "特克斯",
            "尼勒克",
            "乌苏市",
            "沙湾市",
            "沙湾县",
            "额敏",
            "托里县",
            "裕民",
            "和布克赛尔",
            "布尔津",
            "富蕴",
            "福海县",
            "哈巴河",
            "青河县",
            "吉木乃",
        )
    ),
)
_DIVISION = (
    r"(?:第[一二三四五六七八九十]{1,3}|[一二三四五六七八九十]{2,3})师"
    r"|(?<![第\u4e00-\u9fa5])[一二三四五六七八九十]师(?=师长|副师长|政委|党委|总|科技|石河子|阿拉尔|五家渠|[\u4e00-\u9fa5]{2,4}市)"
    r"|农[一二三四五六七八九十]{1,3}师"
    r"|(?<![\d\u4e00-\u9fa5])\d{1,3}团(?=党委|团长|副团长|政委|场|将|要|与|和|、|，|,|$)"
)
"""A division of the 兵团 (第十二师, 第八师石河子市, 八师师长)."""
_OTHER_REGIONS = ("内蒙古", "广西壮族", "广西", "西藏", "宁夏回族", "宁夏")
"""The other autonomous regions: their 自治区 is not Xinjiang's (内蒙古自治区副主席)."""
PROVINCES = (
    "北京",
    "天津",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "重庆",
)
"""The provinces and municipalities that are none of the parties, by their short names."""
_BARE_ORGAN = r"(?:(?<![\u4e00-\u9fa5])|(?<=中共)|(?<=地区))"
"""Where a bare 地委 or 行署 stands for Xinjiang's: alone, not after another place's name (中共毕节
地委 is Guizhou's; 阿克苏地委 has been matched as 阿克苏 already)."""
_PARTY_RE = re.compile(
    "|".join(
        [
            *(
                ("".join(f"(?<!{r})" for r in _OTHER_REGIONS) if p == "自治区" else "")
                + (_BARE_ORGAN if p in ("地委", "行署") else "")
                + ("(?<!中)" if p == "国科大" else "")  # (中国科大 is the 中国科学技术大学, a university)
                + re.escape(p)
                + ("(?!门)" if p.endswith("科技部") else "")  # (两地科技部门: science departments)
                for p, _ in PARTY_PATTERNS
            ),
            _DIVISION,
        ]
    )
)
_PARTY_OF = dict(PARTY_PATTERNS)
_WEAK_MENTIONS = frozenset(
    p for p, party in PARTY_PATTERNS[PARTY_PATTERNS.index(("新疆", "新疆维吾尔自治区")) :]
)
"""Mentions that name a place rather than an organisation (新疆, 乌鲁木齐, 喀什 …): in a post they
count only when the post names no organisation (中科院新疆分院院长 is the 中科院's)."""


def _party_named(mention: str) -> str:
    """The party of a matched mention."""
    return _PARTY_OF.get(mention) or "新疆生产建设兵团"


PARTY_ORDER = ("新疆维吾尔自治区", "新疆生产建设兵团", "科学技术部", "中国科学院", "深圳市")

_MEMBERSHIP_RE = re.compile(r"(?:党委|党组|省委|市委|区委|地委|州委|县委)(?:常委|委员|成员|副书记)$|常委$")
"""A seat on a body's committee (自治区党委常委, 自治区党委副书记): it yields to a post of another
party held with it (自治区党委副书记、兵团政委 is the 兵团's)."""
_BARE_DEPARTMENT_RE = re.compile(
    r"^(?:(?:科技|科学技术|教育|财政|工信|工业和信息化|农业农村|农业|商务|人社|人力资源和社会保障|自然资源"
    r"|生态环境|住建|住房和城乡建设|交通运输|水利|文旅|文化和旅游|卫健|卫生健康|民政|司法|外事|林业和草原|林草)厅"
    r"|发改委|发展和改革委员会|科协|工信委|经信委)"
)
"""A provincial department named without its province (科技厅副厅长): whose it is, only the report's
context tells (see :func:`home_party`)."""


_BODIES = r"大学|(?<!科)学院|公司|集团|医院"
"""Bodies named after a place that are not the place's government (石河子大学, 克拉玛依…公司)."""
_NON_PARTY_BODY_RE = re.compile(_BODIES + r"|校区|学校|企业|学会|商会|(?<!科学技术)协会")
"""Bodies that belong to none of the parties even when named after a party's place (新疆地理学会;
the 自治区's 科学技术协会 is its own)."""
_AID_COMMAND = r"(?<![^、，,\s])(?!深圳)[\u4e00-\u9fa5]{2}(?:省|市)?(?:对口支援|援)[\u4e00-\u9fa5]{1,8}?(?:前方)?(?:指挥部|前指|工作队)"
ABROAD = (
    r"香港|澳门|台湾|特别行政区|特区|驻华|联合国|欧盟|欧洲|美国|英国|法国|德国|俄罗斯|日本|韩国|意大利|西班牙|葡萄牙"
    r"|荷兰|比利时|瑞士|瑞典|挪威|芬兰|丹麦|冰岛|爱尔兰|奥地利|波兰|捷克|匈牙利|希腊|土耳其|以色列|埃及|南非"
    r"|尼日利亚|肯尼亚|埃塞俄比亚|印度|巴基斯坦|孟加拉|斯里兰卡|尼泊尔|泰国|越南|老挝|柬埔寨|缅甸|马来西亚|新加坡"
    r"|菲律宾|(?<!内)蒙古国|哈萨克斯坦|吉尔吉斯|塔吉克斯坦|乌兹别克斯坦|土库曼斯坦|阿富汗|伊朗|伊拉克|沙特|阿联酋"
    r"|卡塔尔|科威特|加拿大|墨西哥|巴西|阿根廷|智利|秘鲁|厄瓜多尔|哥伦比亚|委内瑞拉|澳大利亚|新西兰|白俄罗斯|乌克兰"
    r"|塞尔维亚|罗马尼亚|保加利亚|克罗地亚|斯洛文尼亚|斯洛伐克|阿尔及利亚|摩洛哥|突尼斯|坦桑尼亚|乌干达|塞内加尔"
    r"|阿塞拜疆|格鲁吉亚|亚美尼亚"
)
"""Hong Kong, Macao, Taiwan and other countries: a post there is none of the parties' (南非科技部
副总司长, 香港特区政府…局长)."""
_ABROAD_RE = re.compile(ABROAD)
_OTHER_PLACE_RE = re.compile(
    r"[\u4e00-\u9fa5]{2,3}省|^(?![副常])[\u4e00-\u9fa5]{2,3}市(?!长)|(?:"
    + "|".join(_OTHER_REGIONS)
    + r")自治区|"
    + _AID_COMMAND
    + "|"
    + ABROAD
)
"""A province, or a city opening a post (天津市科协副主席), or another province's aid command in
Xinjiang (浙江省援疆指挥部, 江苏援疆克州前指, 上海援克前方指挥部), or a place abroad, that is none of
the parties'."""


_CAS_NAMES = ("中国科学院", "中科院", "国科大")
"""Names of the CAS whose universities and schools are the CAS's own (中国科学院大学)."""
_NATIONAL_BODY_RE = re.compile(
    r"中国农业科学院|中国农科院|中国工程院|中国社会科学院|中国科协|工业和信息化部|工信部|农业农村部|教育部|国家发展改革委|国家发改委"
    r"|自然资源部|生态环境部|水利部|商务部|外交部|中组部|国家[\u4e00-\u9fa5]{2,8}?总局"
)
"""National bodies other than the 科技部 and the 中国科学院: a post in one of them is no party's."""
_HONOUR_RE = re.compile(r"(?:中国科学院|中科院|中国工程院|两院)?(?:外籍)?院士")
"""An academician's title alone is an honour; 中国科学院地质与地球物理研究所院士 also names where
the academician works."""


_PLACING_XINJIANG_RE = re.compile(
    r"新疆(?=(?:生产建设)?兵团|第?[一二三四五六七八九十]{1,3}师|农[一二三四五六七八九十]{1,3}师)"
)
"""新疆 before a 兵团 unit (新疆兵团第八师, 新疆五师副师长) only says where the unit is: no mention
of the 自治区."""
_SECONDEE = r"(?:援疆|援藏|援青|援滇|挂职)干部"
"""Where a secondee comes from (吉林省援疆干部、地区科技局副局长): no post of its own."""


def party_of(text: str) -> str | None:
    """The party mentioned in a title or organisation name.

    Posts are read in the order given, the first one naming a party winning, as the post a report
    names first is the one the person holds at the meeting (新疆科技厅副厅长、科技部农村科技司
    副巡视员 on secondment is the 自治区's); a post in a department named without its province
    (科技厅副厅长、…) leaves the party to the context. Committee seats give way to a post of
    another party, and 兵团 posts held ex officio by the 自治区's party secretary (兵团党委第一书记,
    第一政委) do not count when another role names a party: 自治区党委书记、兵团党委第一书记、
    第一政委 is the 自治区's, while 自治区党委副书记、兵团政委 is the 兵团's. A first post in
    another province, a national body other than the 科技部 and the CAS, a university or a company
    belongs to no party (湖南省科技厅…、阿勒泰地委副书记; 石河子大学校长)."""
    text = _PLACING_XINJIANG_RE.sub("", text)  # (新疆五师副师长)
    segments = [
        s
        for s in re.split(r"[、，,]", text)
        if not _HONOUR_RE.fullmatch(s)
        and not re.search(_SECONDEE + "$", s)  # (吉林省援疆干部、地区科技局副局长)
    ]
    # 中国科学院院士 is an honour, not a post: an academician may work anywhere.
    ex_officio = [s for s in segments if re.search(r"第一书记|第一政委", s)]
    posts = [s for s in segments if s not in ex_officio] or segments
    seats = [s for s in posts if _MEMBERSHIP_RE.search(s)]
    # (自治区教育厅党组副书记、副厅长、喀什大学党委书记: the bare post after a first seat is held in
    # the seat's own body, so the seat's body decides)
    if len(posts) > 1 and posts[0] in seats and re.fullmatch(r"(?:常务)?副?" + TITLE_RE, posts[1]):
        named = [m.group(0) for m in _PARTY_RE.finditer(posts[0])]
        strong = [m for m in named if m not in _WEAK_MENTIONS]
        if named and not re.search(_AID_COMMAND, posts[0]) and not _NON_PARTY_BODY_RE.search(posts[0]):
            return _party_named((strong or named)[0])
    for segment in [*(s for s in posts if s not in seats), *seats]:
        # (江苏援疆克州前指: the command of another province, named with the place it serves;
        # 策勒站副站长: a field station named after the county it stands in)
        station = re.fullmatch(r"[\u4e00-\u9fa5]{2,4}站(?:副)?站长", segment)
        found = [] if re.search(_AID_COMMAND, segment) or station else list(_PARTY_RE.finditer(segment))
        if found and _ABROAD_RE.search(segment[: found[0].start()]):
            return None  # 南非科技部副总司长
        mentions = [m.group(0) for m in found]
        strong = [m for m in mentions if m not in _WEAK_MENTIONS]
        if mentions:
            # 石河子大学党委书记, 阿勒泰市绿健生态农业发展公司总经理: a university or a company named
            # after a party's place belongs to no party (the 中国科学院大学 does).
            cas_body = strong and strong[-1] in _CAS_NAMES
            if not cas_body and _NON_PARTY_BODY_RE.search(segment):
                return None
            return _party_named((strong or mentions)[0])
        if (
            _BARE_DEPARTMENT_RE.search(segment)
            or _OTHER_PLACE_RE.search(segment)
            or _NATIONAL_BODY_RE.search(segment)
        ):
            # 湖南省科技厅…、阿勒泰地委副书记: the first post is another province's; but a seat
            # named with its party before it stands (兵团科技局党组成员、科协专职副主席), unless the
            # post is another province's (阿克苏地委副书记、浙江省援疆指挥部党委书记: a secondee)
            for seat in (
                x
                for x in seats
                if posts.index(x) < posts.index(segment) and not _OTHER_PLACE_RE.search(segment)
            ):
                named = [m.group(0) for m in _PARTY_RE.finditer(seat)]
                if named and not _OTHER_PLACE_RE.search(seat):
                    return _party_named(named[0])
            return None
    return None


_REGIONS = frozenset(
    {"喀什", "和田", "阿克苏", "伊犁", "塔城", "阿勒泰", "巴州", "克州", "博州", "昌吉", "新疆"}
)
"""Xinjiang's prefectures (地区, 州): a meeting held there has no 市 of its own to speak of."""


_CITY_ORGAN_RE = re.compile(r"([\u4e00-\u9fa5]{2})市(?:委|人民政府|政府|领导|长)")


def another_city(text: str) -> bool:
    """Whether the report speaks for a city that is no party's: one whose organs it names (赣州市委,
    汕尾市委书记), or the city 深圳's people came to (深圳市副市长…赴我市). Its bare 市 posts are
    that city's, not 深圳's; so are those of a side that goes to 深圳 (赴深圳) or is named with it as
    two cities (深圳河源两市)."""
    import jieba.posseg

    if re.search(r"深圳特区报|深圳新闻网|深圳商报|深圳晚报|晶报|读特|深圳卫视|深圳市人民政府", text[:300]):
        return False  # 深圳's own paper: its bare 市 is 深圳 (市委书记孟凡利与江门市委书记…会谈)
    if re.search(
        r"深圳[^。]{0,40}?(?:赴|来|到)我市|(?:市委书记|市长|市领导)[^，,。]{0,12}?(?:赴|前往)深圳|深圳[\u4e00-\u9fa5]{2}两市"
        r"|来(?![深喀乌和阿克伊哈吐昌博塔巴石])[\u4e00-\u9fa5](?:调研|考察|访问|交流)的深圳",
        text,
    ):
        return True  # (市委书记张文率队前往深圳…; 深圳河源两市; …与来汕调研的深圳市委常委…)
    for match in _CITY_ORGAN_RE.finditer(text):
        city = match.group(1)
        tags = jieba.posseg.lcut(city, HMM=False)
        # (吐鲁番市委: 鲁番 is the end of a party's city, not a city of its own)
        around = text[max(0, match.start() - 3) : match.end()]
        if len(tags) == 1 and tags[0].flag == "ns" and party_of(around) is None:
            return True
    return False


def home_party(title: str, parties: list[str], place: str | None, other_city: bool = False) -> str | None:
    """The party of a title that names its organisation without the place it belongs to, from the
    report's context: a bare province department (科技厅厅长) in a report on Xinjiang is the
    自治区's; a bare city post (市领导, 副市长, 市科技局局长) is the city's where the meeting is
    held (深圳 for 深圳, the 自治区 for 乌鲁木齐), and no party's in a report that speaks for a
    city of no party (``other_city``, see :func:`another_city`)."""
    title = re.sub(r"^[^、，,]*" + _SECONDEE + "[、，,]", "", title)
    if _BARE_DEPARTMENT_RE.search(title) and "新疆维吾尔自治区" in parties:
        return "新疆维吾尔自治区"
    if (
        re.match(r"(?:[\u4e00-\u9fa5]{2})?[\u4e00-\u9fa5]{1,4}(?<!研究|事务|派出)所(?!长)", title)
        and "中国科学院" in parties
        and not (
            _OTHER_PLACE_RE.search(title)
            or _NATIONAL_BODY_RE.search(title)
            or _NON_PARTY_BODY_RE.search(title)
        )
    ):
        return "中国科学院"  # 成都生物所科技处处长, 高能所…: an institute's short name, in a report the CAS is in
    if re.match(r"(?:我所|所)?(?:常务)?(?:副?所长|所党委|所领导)|我所", title) and "中国科学院" in parties:
        return "中国科学院"  # 副所长刘中民 in a report of a CAS institute's meeting
    if (
        re.search(r"实验室|研究站|观测站|植物园|研究中心|^[\u4e00-\u9fa5]{2,4}站(?:副)?站长$", title)
        and not _NON_PARTY_BODY_RE.search(title)
        and not _NATIONAL_BODY_RE.search(title)  # 中国农业科学院西部农业研究中心
        and "院士" not in title
        and "中国科学院" in parties
    ):
        return "中国科学院"  # the labs and field stations shown on a visit to a CAS institute
    if re.fullmatch(r"(?:党组成员、)?副?部长", title) and "科学技术部" in parties:
        return "科学技术部"  # 李萌副部长 in a report the 科技部 is in
    if re.match(r"[\u4e00-\u9fa5]{2,8}(?<!财政|律政|政务)司(?!令)", title) and "科学技术部" in parties:
        return "科学技术部"  # 基础研究司副巡视员: a ministry's department, in a report the 科技部 is in
    if re.match(r"副?师长|师党委", title) and "新疆生产建设兵团" in parties:
        return "新疆生产建设兵团"
    title = title.removeprefix("常务")  # 常务副县长
    if re.match(r"(?:市(?!场)|副?市长|州|副?州长|地委|行署|地区|县|副?县长|区委|副?区长)", title):
        xinjiang_only = re.match(r"州|副?州长|地委|行署|地区|县|副?县长", title)
        region = place and re.sub(r"(?:地区|市)$", "", place) in _REGIONS
        if other_city and re.match(r"市|副?市长", title):
            return None  # 市领导 in a 赣州 paper's report of a meeting in 深圳
        if re.match(r"市|副?市长", title) and "深圳市" in parties and (not place or region):
            return "深圳市"  # 市领导 of a 深圳 delegation, also when it is in 喀什
        local = party_of(place) if place else None
        if local == "深圳市" and xinjiang_only:
            local = None  # 深圳 has no 州 (州委书记 of 甘孜 at talks in 深圳)
        if local:
            return local
        if place and not xinjiang_only:
            return None  # 市科技局局长 at a meeting in 鞍山 is 鞍山's
        # 深圳 has districts but no 州, 地委 or 县: those are Xinjiang's. A bare 市 or 区 post with
        # no place known may be anyone's (市科技局局长 where the visitors from 沙湾 went, 区委书记
        # of a 杭州 district receiving a 兵团 delegation).
        if "新疆维吾尔自治区" in parties and xinjiang_only:
            return "新疆维吾尔自治区"
    return None


_UNIT_RE = re.compile(r"[\u4e00-\u9fa5]{2,12}?(?:局|司|委员会|办公室|中心|研究所|研究院|处|厅|署)")
_GENERIC_UNIT_RE = re.compile(
    r"(?:科技|科学技术|科技创新|科创|发展和?改革|发改|财政|教育|商务|人社|工信|工业和信息化|农业农村|自然资源"
    r"|生态环境|卫生健康|外事|人事|组织|宣传|统战)(?:局|厅|委员会|处|办公室)|办公室|办公厅"
)
"""Departments every place has (科技局, 发展改革委员会, 办公室): a bare one says nothing of whose it is."""


def party_of_unit(title: str, text: str) -> str | None:
    """The party of a title whose organisation the report names in full elsewhere: 发展规划局副局长
    after 赴中国科学院发展规划局座谈 is the CAS's, 高新司司长 after 科技部高新司 the 科技部's.

    Only an organisation of four characters or more (three for a ministry's 司) that is not a
    department every place has (:data:`_GENERIC_UNIT_RE`), and only when every full mention of it
    follows the same party and none follows another province or city."""
    unit_match = _UNIT_RE.match(title)
    if unit_match is None:
        return None
    unit = unit_match.group(0)
    if len(unit) < (3 if unit.endswith("司") else 4) or _GENERIC_UNIT_RE.fullmatch(unit):
        return None
    found: set[str] = set()
    for full in re.finditer(re.escape(unit), text):
        head = text[max(0, full.start() - 12) : full.start()]
        mention = [m for m in _PARTY_RE.finditer(head) if m.end() == len(head)]
        if mention:
            found.add(_party_named(mention[-1].group(0)))
        elif re.search(r"[省市县州]$", head) or _OTHER_PLACE_RE.search(head[-6:]):
            return None  # 四川省发展规划局 too: whose the bare one is, the text does not say
    return found.pop() if len(found) == 1 else None


def find_parties(text: str, elsewhere: bool | None = None) -> list[str]:
    """The parties mentioned in the text, in canonical order (``elsewhere``: see
    :func:`party_mentions`).

    The four top-level parties of 四方合作 (自治区, 科学技术部, 中国科学院, 深圳市) are reported as
    such, and 新疆生产建设兵团 is kept as a distinct unit next to them (兵团/师市 mentions map to it,
    not to the 自治区), so a four-party report yields the four parties plus 兵团 when it is named.
    """
    found = {_party_named(m.group(0)) for m in party_mentions(text, elsewhere)}
    return [p for p in PARTY_ORDER if p in found]


_BODY_AFTER_RE = re.compile(r"(?:(?!与|及)[\u4e00-\u9fa5]){0,6}?(?:" + _BODIES + ")")
"""A body named after a party's place (石河子大学); not across 与/及 (阿合奇县与塔里木大学 is two sides)."""


def another_region(text: str) -> bool:
    """Whether the report is about another autonomous region and not Xinjiang (科技部与广西部区会商:
    its bare 自治区 is 广西's)."""
    return bool(re.search("|".join(_OTHER_REGIONS), text)) and not re.search(
        r"新疆|维吾尔|乌鲁木齐|喀什|兵团|伊犁|阿克苏|和田|昌吉|克拉玛依|哈密|吐鲁番", text
    )


def party_mentions(text: str, elsewhere: bool | None = None) -> list[re.Match[str]]:
    """Mentions of the parties, leaving out an honour (中国科学院院士), those that only name a body of no party after a
    party's place (石河子大学, 新疆大学, 克拉玛依…公司; the 中国科学院大学 is CAS's) and, in a report
    about another autonomous region, its bare 自治区. ``elsewhere`` is :func:`another_region` of
    the whole report when ``text`` is only a part of it (one sentence of a 广西 report that names
    no place still has 广西's 自治区); by default it is judged on ``text`` itself."""
    if elsewhere is None:
        elsewhere = another_region(text)
    return [
        m
        for m in _PARTY_RE.finditer(text)
        if (m.group(0) in _CAS_NAMES or not _BODY_AFTER_RE.match(text, m.end()))
        and not (elsewhere and m.group(0) == "自治区")
        and not text.startswith("院士", m.end())  # 中国科学院院士 is an honour, not the CAS taking part
        and not (m.group(0) == "新疆" and _PLACING_XINJIANG_RE.match(text, m.start()))  # (新疆兵团第八师)
    ]
