from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from sifang.core.testing import OrganisationFactory, PersonFactory, party
from sifang.meetings import selectors, services
from sifang.meetings.models import Attendance, IngestDraft, Meeting, Task, TaskStatus
from sifang.organisations.models import Organisation
from sifang.people.models import Person

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "report_2023_07_22.txt"


def hand_draft(**over):
    """What the engine returns for a report, written by hand (the contract's shape)."""
    data = {
        "meeting": {"name": "四方合作工作推进会", "date": "2023-07-22", "place": "乌鲁木齐"},
        "parties": ["新疆维吾尔自治区", "科学技术部", "中国科学院", "深圳市"],
        "attendees": [
            {"name": "马兴瑞", "title": "自治区党委书记", "party": "新疆维吾尔自治区"},
            {"name": "王志刚", "title": "科学技术部党组书记、部长", "party": "科学技术部"},
            {"name": "李邑飞", "title": "兵团政委", "party": "新疆生产建设兵团"},
        ],
        "speakers": [],
        "commitments": [
            {"party": "中国科学院", "action": "支持组织建设高水平科技创新平台", "field": None},
            {"party": "深圳市", "action": "在可再生能源、数字能源等领域深度合作", "field": "新能源"},
        ],
        "programmes": [],
        "normalised_text": "新疆维吾尔自治区……",
        "changes": [{"from": "新疆尔自治区", "to": "新疆维吾尔自治区", "offset": 0}],
    }
    data.update(over)
    return data


@pytest.fixture
def draft(users):
    d = hand_draft()
    return IngestDraft.objects.create(
        filename="r.txt",
        original_text="新疆尔自治区……",
        normalised_text=d["normalised_text"],
        changes=d["changes"],
        extracted=d,
        created_by=users["officer_xj"],
    )


def test_confirm_creates_meeting_people_and_tasks(users, draft):
    existing = PersonFactory(
        name="王志刚", organisation=OrganisationFactory(party=party("MOST"), kind="agency", credit_code=None)
    )
    n_people = Person.objects.count()
    meeting = services.draft_confirm(users["officer_xj"], draft=draft, data=hand_draft())
    assert meeting.date == dt.date(2023, 7, 22) and meeting.place == "乌鲁木齐"
    assert {p.code for p in meeting.parties.all()} >= {"XJ", "MOST", "CAS", "SZ", "XJ-BT"}
    atts = {
        a.person.name: a for a in meeting.attendances.select_related("person__organisation__party", "party")
    }
    assert atts["王志刚"].person == existing  # matched, not duplicated
    assert atts["王志刚"].title == "科学技术部党组书记、部长"
    assert Person.objects.count() == n_people + 2
    assert atts["马兴瑞"].person.organisation.party.code == "XJ"
    assert atts["马兴瑞"].person.organisation.kind == Organisation.Kind.AGENCY
    assert atts["李邑飞"].party.code == "XJ-BT"
    tasks = list(meeting.tasks.order_by("id"))
    assert [(t.lead_party.code, t.deadline, t.status) for t in tasks] == [
        ("CAS", dt.date(2024, 7, 22), TaskStatus.ASSIGNED),
        ("SZ", dt.date(2024, 7, 22), TaskStatus.ASSIGNED),
    ]
    assert tasks[1].field.name == "新能源"
    assert tasks[0].steps.get().action == "assign"
    draft.refresh_from_db()
    assert draft.status == IngestDraft.Status.CONFIRMED and draft.meeting == meeting
    # on the board
    board = selectors.board_data(user=users["viewer"], day=dt.date(2024, 7, 20))
    assert {t.pk for t in board.tasks} == {t.pk for t in tasks}
    assert {t.light for t in board.tasks} == {"yellow"}


def test_confirm_twice_does_not_duplicate_people(users, draft):
    services.draft_confirm(users["admin"], draft=draft, data=hand_draft())
    second = IngestDraft.objects.create(extracted=hand_draft(), created_by=users["admin"])
    n = Person.objects.count()
    m2 = services.draft_confirm(
        users["admin"],
        draft=second,
        data=hand_draft(meeting={"name": "第二次", "date": "2024-10-13", "place": "乌鲁木齐"}),
    )
    assert Person.objects.count() == n
    assert Organisation.objects.filter(name="新疆维吾尔自治区", kind="agency").count() == 1
    assert m2.attendances.count() == 3
    with pytest.raises(ValidationError):
        services.draft_confirm(users["admin"], draft=second, data=hand_draft())  # already confirmed


def test_confirm_is_atomic(users, draft):
    before = (
        Meeting.objects.count(),
        Task.objects.count(),
        Person.objects.count(),
        Attendance.objects.count(),
    )
    bad = hand_draft(
        commitments=[{"party": "中国科学院", "action": "ok"}, {"party": "火星", "action": "bad"}]
    )
    with pytest.raises(ValidationError):
        services.draft_confirm(users["officer_xj"], draft=draft, data=bad)
    after = (
        Meeting.objects.count(),
        Task.objects.count(),
        Person.objects.count(),
        Attendance.objects.count(),
    )
    assert before == after
    draft.refresh_from_db()
    assert draft.status == IngestDraft.Status.PENDING


def test_confirm_needs_full_date_and_deadline_override(users, draft):
    with pytest.raises(ValidationError) as exc:
        services.draft_confirm(
            users["admin"],
            draft=draft,
            data=hand_draft(meeting={"name": "x", "date": "--07-22", "place": ""}),
        )
    assert "year" in str(exc.value)
    data = hand_draft(
        commitments=[{"party": "CAS", "action": "建设平台", "field": None, "deadline": "2023-12-31"}]
    )
    m = services.draft_confirm(users["admin"], draft=draft, data=data)
    assert m.tasks.get().deadline == dt.date(2023, 12, 31)


def test_confirm_permissions(users, draft):
    for role in ("member_xj", "viewer", "outsider", "officer_cas"):  # officer_cas did not upload it
        with pytest.raises(PermissionDenied):
            services.draft_confirm(users[role], draft=draft, data=hand_draft())


def test_attendee_without_party_must_match_or_be_given_a_party(users, draft):
    data = hand_draft(attendees=[{"name": "无名氏", "title": "", "party": None}])
    with pytest.raises(ValidationError):
        services.draft_confirm(users["admin"], draft=draft, data=data)
    PersonFactory(name="无名氏")
    m = services.draft_confirm(users["admin"], draft=draft, data=data)
    assert m.attendances.get().person.name == "无名氏"


# --------------------------------------------------------------------------- with the engine


def test_sample_report_gives_a_draft_then_a_meeting_on_the_board(users):
    draft = services.draft_create(
        users["officer_xj"], data=SAMPLE.read_bytes(), filename=SAMPLE.name, year_hint=2023
    )
    assert draft.status == IngestDraft.Status.PENDING
    assert draft.extracted["meeting"]["date"] == "2023-07-22"
    assert draft.extracted["meeting"]["place"] == "乌鲁木齐"
    assert any(c["to"] == "新疆维吾尔自治区" for c in draft.changes)
    assert "三亿体育" in draft.original_text and draft.normalised_text
    assert Meeting.objects.count() == 0 and Task.objects.count() == 0  # nothing else written
    meeting = services.draft_confirm(users["officer_xj"], draft=draft, data=draft.extracted)
    assert meeting.attendances.filter(person__name="马兴瑞").exists()
    assert meeting.tasks.count() == len(draft.extracted["commitments"]) > 0
    assert {t.lead_party.code for t in meeting.tasks.all()} >= {"XJ", "CAS"}
    assert (
        len(selectors.board_data(user=users["admin"], day=dt.date(2024, 1, 1)).tasks) == meeting.tasks.count()
    )


def test_sample_without_year_needs_the_reviewer(users):
    draft = services.draft_create(users["admin"], data=SAMPLE.read_bytes(), filename="r.txt")
    assert draft.extracted["meeting"]["date"] == "--07-22"
    assert any("year" in w for w in draft.warnings)
    with pytest.raises(ValidationError):
        services.draft_confirm(users["admin"], draft=draft, data=draft.extracted)


@pytest.mark.parametrize(
    "data,filename,message",
    [
        (b"", "a.txt", "empty"),
        (b"   \n", "a.txt", "empty"),
        ("今天天气很好，我们去公园散步。".encode(), "a.txt", "not about a cooperation meeting"),
        (b"%PDF-1.4", "a.pdf", ".txt"),
        (
            "四方合作推进会召开。".encode() * 12_000,
            "long.txt",
            "too long (120000 characters; the limit is 100000)",
        ),
    ],
)
def test_bad_reports_are_refused_with_a_clear_message(users, data, filename, message):
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.draft_create(users["admin"], data=data, filename=filename)
    assert message in str(exc.value)
    assert IngestDraft.objects.count() == 0


def test_non_utf8_report_is_decoded(users):
    text = SAMPLE.read_text(encoding="utf-8")
    draft = services.draft_create(
        users["admin"], data=text.encode("gb18030"), filename="r.txt", year_hint=2023
    )
    assert draft.extracted["meeting"]["place"] == "乌鲁木齐"


def test_html_report(users):
    html = "<html><body><p>7月22日，四方合作推进会在乌鲁木齐召开。</p></body></html>".encode()
    draft = services.draft_create(users["admin"], data=html, filename="r.html", year_hint=2023)
    assert draft.extracted["meeting"]["date"] == "2023-07-22"
    assert "<p>" not in draft.normalised_text


def test_draft_create_permission(users):
    for role in ("member_xj", "viewer", "outsider"):
        with pytest.raises(PermissionDenied):
            services.draft_create(users[role], data=SAMPLE.read_bytes(), filename="r.txt")


def test_command_prints_contract_json(capsys):
    call_command("ingest_report", str(SAMPLE), "--format", "json", "--year", "2023")
    out = json.loads(capsys.readouterr().out)
    assert list(out) == [
        "meeting",
        "parties",
        "attendees",
        "speakers",
        "commitments",
        "programmes",
        "normalised_text",
        "changes",
    ]
    assert out["meeting"]["date"] == "2023-07-22"


def test_command_text_summary_and_save_draft(users, capsys):
    call_command("ingest_report", str(SAMPLE), "--save-draft", "--user", "admin1")
    out = capsys.readouterr().out
    assert "乌鲁木齐" in out
    draft = IngestDraft.objects.get()
    assert draft.status == IngestDraft.Status.PENDING and draft.created_by == users["admin"]
    assert Meeting.objects.count() == 0


def test_command_reports_bad_file(tmp_path):
    empty = tmp_path / "e.txt"
    empty.write_bytes(b"")
    with pytest.raises(SystemExit) as exc:
        call_command("ingest_report", str(empty))
    assert exc.value.code == 1
