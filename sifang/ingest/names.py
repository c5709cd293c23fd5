"""Person names and official titles (shared by normalisation and extraction)."""

from __future__ import annotations

import re
from functools import lru_cache

SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝哈"
)
RARE_SURNAMES = set(
    "阴仝芮揭蔺亓郜宿郗粟蹇谈计伏戈燕冼铁勾逯訾闻居衡步满弘匡寿禄阙殳沃蔚越夔隆厍晁阚鞠巢蒯荆竺"
    "权盖益桓晋楚鄢钦归帅缑亢况佴伯墨谯笪言福扈郦湛储茅鄂花摆鹿代信冀富索危才"
)
"""Rarer 百家姓 surnames that officials in these reports do bear (阴和俊); too common as ordinary
characters to look for names by them, so they count only right after a title (科技部部长阴和俊)."""
_TITLED_SURNAMES = SURNAMES | RARE_SURNAMES

TITLE_WORDS = (
    "党组书记",
    "党委书记",
    "副书记",
    "书记",
    "副部长",
    "部长",
    "副主席",
    "主席",
    "副院长",
    "院长",
    "副市长",
    "市长",
    "副政委",
    "政委",
    "司令员",
    "副主任",
    "主任",
    "副局长",
    "局长",
    "副厅长",
    "厅长",
    "秘书长",
    "党组成员",
    "党构成员",
    "副总指挥",
    "总指挥",
    "指挥长",
    "副所长",
    "所长",
    "副校长",
    "校长",
    "董事长",
    "总经理",
    "副会长",
    "会长",
    "副省长",
    "省长",
    "州长",
    "区长",
    "县长",
    "常委",
    "巡视员",
    "副司长",
    "司长",
    "处长",
    "科长",
    "乡长",
    "镇长",
    "旗长",
    "组长",
    "总工程师",
    "总监",
    "场长",
    "领队",
    "大使",
    "董事",
    "研究员",
    "教授",
    "院士",
    "专员",
    "委员",
    "领导",
    "率领",
    "负责人",
    "承担人",
    "副秘书长",
    "师长",
    "分院院长",
    "调研员",
    "总裁",
    "理事长",
    "台长",
    "馆长",
    "总经济师",
    "首席科学家",
    "总编辑",
    "站长",
    "总农艺师",
    "团长",
    "行政长官",
    "业务主管",
)

COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "令狐",
    "夏侯",
    "端木",
    "独孤",
    "南宫",
    "呼延",
    "申屠",
    "相里",
    "闻人",
    "澹台",
    "公冶",
    "宗政",
    "濮阳",
    "淳于",
    "轩辕",
    "钟离",
    "万俟",
    "司空",
)
"""Two-character surnames (科技部副部长相里斌, 副巡视员欧阳春光): their names run to four characters.
Those that are also ordinary words (东方, 第五, 百里) are left out."""
_NAME_CORE = (
    r"(?:[\u4e00-\u9fa5]{1,7}·[\u4e00-\u9fa5]{1,6}(?:·[\u4e00-\u9fa5]{1,6})?|(?:"
    + "|".join(COMPOUND_SURNAMES)
    + r")[\u4e00-\u9fa5]{1,2}|[\u4e00-\u9fa5]{2,3})"
)
STOP_WORDS = (
    "出席|主持|主办|参加|插手|列席|等|和|及|在|正在|代表|讲话|谈话|致辞|作|指出|表示|显露"
    "|强调|夸大|介绍|先容|说|宣布|分别|阔别|一行|同志|同道|带队|率队|出任"
)
"""Words that end a name: what follows a name in a report (a verb, 同志, 等, a conjunction)."""
NAME_STOP = r"(?=[，,、；;。：:\s（(]|" + STOP_WORDS + r"|$)"
TITLE_RE = "(?:" + "|".join(sorted(TITLE_WORDS, key=len, reverse=True)) + ")"
_STOP_WORD_RE = re.compile(STOP_WORDS)
TITLED_NAME_RE = re.compile(TITLE_RE + "(" + _NAME_CORE + ")" + NAME_STOP)
DOT_NAME_RE = re.compile(r"[\u4e00-\u9fa5]{1,7}·[\u4e00-\u9fa5]{1,6}(?:·[\u4e00-\u9fa5]{1,6})?")

TRANSLITERATION_CHARS = frozenset(
    "阿艾爱安奥巴拜班包贝比宾波布才查达代丹德迪丁都杜多尔法菲夫盖甘戈格古哈海汗罕合赫胡吉加贾杰金卡开凯"
    "坎肯克库拉来莱兰勒雷力丽利连林琳鲁伦罗洛玛马买麦曼毛梅蒙米敏莫木穆那娜纳乃尼妮努帕派佩皮普齐恰乔切"
    "热日茹萨塞桑沙莎尚舍什斯苏索塔泰坦特提图吐托瓦万维温乌西希夏肖谢辛雪许雅亚耶叶伊依尤于约扎则孜祖"
    "逊不音甫吾牙娃古丽曼江别克拜库尔班玉素里"
)
"""Characters of transliterated (Uyghur, Kazakh, Mongolian …) names: where a lost character is a
middle dot, and what a short name without a dot after a title is made of (副州长阿尔特)."""

_PLACES = {
    "阿克苏",
    "喀什",
    "哈密",
    "伊犁",
    "塔城",
    "和田",
    "巴州",
    "克州",
    "博州",
    "昌吉",
    "阿勒泰",
    "吐鲁番",
}
"""Places a title can precede (主任阿克苏…) that are made of transliteration characters too."""
_NOT_NAMES = {"同志", "同道", "代表", "主持", "出席", "讲话", "会议", "集会", "等人", "一行", "各方", "师市"}


@lru_cache(maxsize=512)
def _simplified(ch: str) -> str:
    """The simplified form of one character (蔣 → 蒋): a repost in simplified characters may keep a
    name's traditional surname, and the name is left as written."""
    from .lexicon import t2s

    return t2s().convert(ch)


ADVERB_MIN_FREQ = 1000


@lru_cache(maxsize=1)
def _adverbs() -> frozenset[str]:
    """Common words jieba's dictionary tags as adverbs (亲自, 曾经, 一直; frequency at least
    ``ADVERB_MIN_FREQ``, so that rare entries that are given names too, 一丁, 一心, stay names)."""
    try:
        import jieba
        import jieba.posseg as pseg
    except ImportError:  # pragma: no cover
        return frozenset()
    from .lexicon import quiet_jieba

    quiet_jieba()
    jieba.dt.check_initialized()
    return frozenset(
        w
        for w, tag in pseg.dt.word_tag_tab.items()
        if tag in ("d", "ad") and jieba.dt.FREQ.get(w, 0) >= ADVERB_MIN_FREQ
    )


def plausible_name(name: str, *, after_title: bool = False) -> bool:
    """Whether ``name`` looks like a Chinese or Uyghur-style personal name (``after_title``: it
    directly follows an official title, so a rarer surname is accepted too)."""
    if "·" in name:
        return 3 <= len(name) <= 16
    if re.search(r"[一二三四五六七八九十]师$", name):
        return False  # 农一师 is a division
    if name.startswith(COMPOUND_SURNAMES) and 3 <= len(name) <= 4:
        return name not in _NOT_NAMES
    if after_title and 2 <= len(name) <= 3 and all(ch in TRANSLITERATION_CHARS for ch in name):
        return name not in _NOT_NAMES and name not in _PLACES
    if name[1:] in {"专家", "领导", "代表", "人员", "干部", "老师", "同志"} or name.endswith("副"):
        return False  # 和专家, 等领导: a common noun after a surname-like character
    if name in _adverbs() or (len(name) == 3 and name[1:] in _adverbs()):
        return False  # 院长曾亲自带队, 曾经: 曾 is the adverb "once" there (任越's 越 alone is a name)
    surnames = _TITLED_SURNAMES if after_title else SURNAMES
    # 农办, 科技处, 代表团: a body's short name is no person's
    return (
        2 <= len(name) <= 3
        and (name[0] in surnames or _simplified(name[0]) in surnames)
        and name not in _NOT_NAMES
        and name[-1] not in "办处局厅委部所院组团队"
    )


@lru_cache(maxsize=64)
def find_names(text: str, *, use_pos: bool = True) -> tuple[str, ...]:
    """Personal names in ``text``: names after a title, names with a middle dot, and (``use_pos``) jieba ``nr`` words."""
    names: list[str] = []
    for match in TITLED_NAME_RE.finditer(text):
        name = match.group(1)
        if plausible_name(name):
            names.append(name)
        # Further names listed after the first one: 张三、李四出席
        tail = text[match.end() : match.end() + 40]
        for extra in re.finditer(r"、(" + _NAME_CORE + ")" + NAME_STOP, tail):
            if extra.start() != 0 and tail[: extra.start()].replace("、", "").strip() != "":
                break
            if plausible_name(extra.group(1)):
                names.append(extra.group(1))
            tail_start = extra.end()
            if tail_start >= len(tail) or tail[tail_start] != "、":
                break
    for match in DOT_NAME_RE.finditer(text):
        start = match.start()
        while start < match.end() and any(text[: start + 1].endswith(t) for t in TITLE_WORDS):
            start += 1
        # The part after the dot stops where a verb or function word begins (买买提表示, 买买提出席).
        dot = text.index("·", start)
        stop = _STOP_WORD_RE.search(text, dot + 2, match.end())
        names.append(text[start : stop.start() if stop else match.end()])
    try:
        import jieba.posseg as pseg

        from .lexicon import quiet_jieba

        quiet_jieba()

        for pair in pseg.lcut(text) if use_pos else []:
            if pair.flag == "nr" and 2 <= len(pair.word) <= 3 and pair.word[0] in SURNAMES:
                names.append(pair.word)
    except ImportError:  # pragma: no cover
        pass
    seen: dict[str, None] = {}
    for name in names:
        seen.setdefault(name, None)
    return tuple(seen)


def name_spans(text: str, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """Every occurrence span of the given names in ``text``."""
    spans: list[tuple[int, int]] = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            spans.append((start, start + len(name)))
            start = text.find(name, start + 1)
    return spans
