"""The structured draft produced from a report, and the ``ingest_bytes`` entry point."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .decode import bytes_to_text
from .errors import IngestError
from .extract import (
    MEETING_WORDS,
    Commitment,
    Person,
    Speaker,
    find_attendees,
    find_commitments,
    find_meeting,
    find_parties,
    find_programmes,
    find_speakers,
    parties_present,
)
from .normalise import NormalisedText, normalise

CONTRACT_KEYS = (
    "meeting",
    "parties",
    "attendees",
    "speakers",
    "commitments",
    "programmes",
    "normalised_text",
    "changes",
)
_MEETING_HINT_RE = re.compile(
    "|".join(
        [
            *MEETING_WORDS,
            "会商",
            "联席会",
            "召开",
            "举行",
            "举办",
            "出席",
            "签约",
            "签字仪式",
            "致辞",
            "会见",
            "座谈",
            "来访",
            "一行",
            "调研",
            "考察",
        ]
    )
)
_EVENT_RE = re.compile(r"签署|签订|奠基|揭牌|调研|考察|座谈|会谈|会见|访问|来访|交流活动")
"""What a reported event without a named meeting is: a signing, a visit, talks."""
_SALUTATION_RE = re.compile(r"^(?:尊敬的|各有关|各位|各[\u4e00-\u9fa5]{1,12}(?:单位|部门|成员)[：:])")
"""A letter or notice opens by addressing its readers (尊敬的各位成员单位：, 各有关单位：)."""
_DOCUMENT_RE = re.compile(
    r"^\s*[\u4e00-\u9fa5]{1,12}[〔［\[]\d{4}[〕］\]]\s*\d{1,4}\s*号\s*$|现将有关事项通知如下|特此通知"
    r"|^\s*[一二三四五六七八九十]、(?:参会|会议|活动|报名)?(?:时间|地点)\s*$",
    re.M,
)
"""A line that is an official document's number (科协办函调字〔2016〕208号), a notice's formula, or
a plan's heading (一、参会时间 / 二、参会地点): a notice or a plan (a report may cite a document's
number inside a sentence, but it has no such headings)."""
_PRESS_RE = re.compile(r"新闻发布会|媒体见面会|记者见面会|记者会|新闻通气会|吹风会")
"""A press event (国新办举行新闻发布会; 科博会媒体见面会): officials answer the press, no parties meet."""
_PRESS_HELD_RE = re.compile(
    r"(?:举行|召开|举办)了?[^。；;！!]{0,80}?(?P<press>[\u4e00-\u9fa5]{0,4}(?:" + _PRESS_RE.pattern + "))"
)
"""The sentence that holds a press event, for a report in which no meeting name was found."""


def _held_pattern(name: str) -> re.Pattern[str]:
    """A sentence that says the meeting ``name`` was held (召开的…name, name…举行)."""
    quoted = re.escape(name)
    return re.compile(
        r"(?:召开|举行|举办)的?[^。；;]{0,40}" + quoted + "|" + quoted + r"[^。；;]{0,12}(?:召开|举行|举办)"
    )


_NOTICE_TITLE_RE = re.compile(r"(?:通知|公告|通告|公示|函|办法|方案|指南|规定|细则)[”\"」》]?$")
"""A first line that names a notice or a rule (关于报送科技援疆工作总结的通知): such a text may
name a meeting it prepares, but it reports none."""


@dataclass
class Draft:
    """A structured draft of a cooperation-meeting report, ready for human review.

    ``to_json()`` gives exactly the ``ingest-report --format json`` contract; the other fields
    (``original_text``, ``uncertain``, ``warnings``, ``empty``, ``encoding``, ``was_html``,
    ``reworded``) are review information kept out of that contract.
    """

    meeting: dict
    parties: list[str]
    attendees: list[Person]
    speakers: list[Speaker]
    commitments: list[Commitment]
    programmes: list[str]
    normalised: NormalisedText
    original_text: str = ""
    encoding: str = "utf-8"
    was_html: bool = False
    warnings: list[str] = field(default_factory=list)
    empty: bool = False

    @property
    def normalised_text(self) -> str:
        """The normalised report text."""
        return self.normalised.text

    @property
    def uncertain(self) -> list[dict]:
        """Spots the normaliser left as they were because it was unsure."""
        return self.normalised.uncertain

    @property
    def reworded(self) -> bool:
        """Whether the text looked machine-reworded."""
        return self.normalised.reworded

    def to_dict(self) -> dict:
        """The JSON contract as a dictionary (exactly the contract keys)."""
        return {
            "meeting": {k: self.meeting.get(k) for k in ("name", "date", "place")},
            "parties": list(self.parties),
            "attendees": [{"name": p.name, "title": p.title, "party": p.party} for p in self.attendees],
            "speakers": [
                {"name": s.name, "party": s.party, "statements": list(s.statements)} for s in self.speakers
            ],
            "commitments": [
                {"party": c.party, "action": c.action, "field": c.field} for c in self.commitments
            ],
            "programmes": list(self.programmes),
            "normalised_text": self.normalised.text,
            "changes": self.normalised.changes_as_dicts(),
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The ``--format json`` output."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_text(self) -> str:
        """A readable summary for people."""
        m = self.meeting
        lines = [
            f"会议 Meeting: {m.get('name') or '—'}",
            f"日期 Date: {m.get('date') or '—'}    地点 Place: {m.get('place') or '—'}",
            f"参与方 Parties: {'、'.join(self.parties) or '—'}",
            "出席 Attendees:",
        ]
        lines += [f"  - {p.name}（{p.title}）[{p.party or '?'}]" for p in self.attendees]
        lines.append("讲话 Speakers:")
        for s in self.speakers:
            lines.append(f"  - {s.name} [{s.party or '?'}]: {len(s.statements)} statement(s)")
            lines += [f"      · {st[:80]}" for st in s.statements[:3]]
        lines.append("承诺 Commitments:")
        lines += [
            f"  - [{c.party or '?'}] {c.action[:90]}" + (f"（{c.field}）" if c.field else "")
            for c in self.commitments
        ]
        lines.append(f"计划 Programmes: {'、'.join(self.programmes) or '—'}")
        lines.append(
            f"规范化 Normalisation: {len(self.normalised.changes)} change(s), "
            f"{len(self.normalised.uncertain)} uncertain, reworded={self.normalised.reworded}"
        )
        lines += [f"警告 Warning: {w}" for w in self.warnings]
        return "\n".join(lines)


MAX_TEXT_CHARS = 100_000
"""Longest text taken as one report. News reports of meetings run to a few thousand characters;
the engine reads about 10,000 characters a second, so this bound keeps an upload within a web
request's time (gunicorn's default timeout is 30 s) instead of failing it midway."""


def ingest_text(text: str, *, year_hint: int | None = None) -> Draft:
    """Build a draft from already decoded text."""
    if not text.strip():
        raise IngestError("empty", "文件为空，没有可导入的内容。", "The file is empty: nothing to ingest.")
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(
            "too_long",
            f"报道正文过长（{len(text)} 字，上限 {MAX_TEXT_CHARS} 字）：请只导入会议报道本身。",
            f"The report text is too long ({len(text)} characters; the limit is {MAX_TEXT_CHARS}):"
            " ingest the meeting report itself.",
        )
    norm = normalise(text)
    clean = norm.text
    meeting = find_meeting(clean, year_hint)
    mentioned = find_parties(clean)
    attendees = find_attendees(clean, mentioned, meeting.get("place"))
    heading = next((line.strip() for line in clean.splitlines() if line.strip()), "")
    notice = (
        bool(_NOTICE_TITLE_RE.search(heading) or _SALUTATION_RE.match(heading)) and not attendees
    ) or bool(_DOCUMENT_RE.search(clean[:800]))
    # 塔县和中科院西北院于18日签署战略合作协议; 调研组11月15至16日赴广州调研: a dated event
    # between a party and a partner is a meeting even when no one is named.
    event = bool(meeting["date"]) and bool(_EVENT_RE.search(clean[:400])) and bool(find_parties(clean[:400]))
    hint = _MEETING_HINT_RE.search(clean) or event
    # (…在市政府新闻发布厅举行了关于《若干意见》的政策吹风会: a press event with no name found)
    if meeting["name"] is None:
        held = _PRESS_HELD_RE.search(clean[:600])
        press = held.group("press").split("的")[-1] if held else None
    else:
        press = meeting["name"] if _PRESS_RE.search(meeting["name"]) else None
    if press:
        raise IngestError(
            "not_meeting",
            f"这篇报道写的是新闻发布会（{press}），不是合作会议。",
            f"This report is about a press event ({press}), not a cooperation meeting.",
        )
    # (an overview article naming 新疆工作会议 in passing: no one, no date, no place, and the name
    # never said to be held; 日前召开的…推进会 is still a meeting)
    nothing_held = (
        not attendees
        and not meeting["date"]
        and not meeting["place"]
        and not (meeting["name"] and _held_pattern(meeting["name"]).search(clean))
    )
    if not hint or (meeting["name"] is None and not attendees and not event) or nothing_held or notice:
        raise IngestError(
            "not_meeting",
            "这篇报道不是合作会议的报道（未找到会议名称、时间或出席人员）。",
            "This report is not about a cooperation meeting (no meeting name, date or attendees found).",
        )
    speakers = find_speakers(clean, attendees)
    commitments = find_commitments(speakers, clean, mentioned)
    parties = parties_present(clean, attendees)
    warnings: list[str] = []
    if meeting["date"] and meeting["date"].startswith("--"):
        warnings.append("报道未给出年份 / the report gives no year: pass year_hint")
    if not attendees:
        warnings.append("未找到出席人员 / no attendees found")
    draft = Draft(
        meeting=meeting,
        parties=parties,
        attendees=attendees,
        speakers=speakers,
        commitments=commitments,
        programmes=find_programmes(clean),
        normalised=norm,
        original_text=text,
        warnings=warnings,
    )
    return draft


def ingest_bytes(data: bytes, *, filename: str | None = None, year_hint: int | None = None) -> Draft:
    """Decode, normalise and extract a report file into a :class:`Draft`.

    Raises :class:`IngestError` for empty, undecodable or non-meeting input.
    """
    text, encoding, was_html = bytes_to_text(data)
    draft = ingest_text(text, year_hint=year_hint)
    draft.encoding = encoding
    draft.was_html = was_html
    return draft
