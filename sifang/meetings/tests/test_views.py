from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from sifang.core.testing import party
from sifang.meetings import services
from sifang.meetings.models import IngestDraft, Meeting, Notification, Task, TaskStatus

from .conftest import at
from .factories import TaskFactory

SAMPLE = Path(__file__).parent / "data" / "report_2023_07_22.txt"
ROLES = ["admin", "officer_xj", "officer_cas", "member_xj", "member_cas", "viewer", "outsider"]


def client_for(users, role):
    c = Client()
    if role != "anonymous":
        c.force_login(users[role])
    return c


@pytest.fixture
def world(users, task, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    doc = services.document_upload(
        users["admin"], meeting=task.meeting, file=SimpleUploadedFile("纪要.pdf", b"%PDF-1.4")
    )
    draft = IngestDraft.objects.create(
        filename="r.txt", extracted={"meeting": {}}, created_by=users["officer_xj"]
    )
    return {"task": task, "meeting": task.meeting, "doc": doc, "draft": draft}


# Page → roles that get 200 (others: 403 or 404; anonymous: 302 to login)
IN_MECHANISM = {"admin", "officer_xj", "officer_cas", "member_xj", "member_cas", "viewer"}
PAGES = {
    "meeting_list": ("/meetings/", set(ROLES)),  # outsiders get an empty list
    "meeting_detail": ("/meetings/{m}/", IN_MECHANISM),
    "meeting_create": ("/meetings/new/", {"admin", "officer_xj", "officer_cas"}),
    "meeting_edit": ("/meetings/{m}/edit/", {"admin", "officer_xj"}),  # host party XJ
    "task_create": ("/meetings/{m}/tasks/new/", {"admin"}),
    "task_list": ("/meetings/tasks/", set(ROLES)),
    "task_detail": ("/meetings/tasks/{t}/", IN_MECHANISM),
    "task_split": ("/meetings/tasks/{t}/split/", {"admin", "officer_xj", "member_xj"}),
    "document": ("/meetings/{m}/documents/{d}/", IN_MECHANISM),
    "board": ("/meetings/board/", set(ROLES)),
    "ledger_csv": ("/meetings/board/ledger.csv", IN_MECHANISM),
    "ledger_xlsx": ("/meetings/board/ledger.xlsx", IN_MECHANISM),
    "notifications": ("/meetings/notifications/", set(ROLES)),
    "ingest": ("/meetings/ingest/", {"admin", "officer_xj", "officer_cas"}),
    "draft_review": ("/meetings/ingest/{dr}/", {"admin", "officer_xj"}),  # the uploader and the office
}


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_page_permission_matrix(users, world, page, role):
    url, allowed = PAGES[page]
    url = url.format(m=world["meeting"].pk, t=world["task"].pk, d=world["doc"].pk, dr=world["draft"].pk)
    response = client_for(users, role).get(url)
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in allowed:
        assert response.status_code == 200, (page, role)
    else:
        assert response.status_code in (403, 404), (page, role, response.status_code)


@pytest.mark.parametrize(
    "role,action,expected",
    [
        ("member_xj", "acknowledge", TaskStatus.ACKNOWLEDGED),
        ("officer_xj", "acknowledge", TaskStatus.ACKNOWLEDGED),
        ("officer_cas", "acknowledge", TaskStatus.ASSIGNED),
        ("admin", "acknowledge", TaskStatus.ASSIGNED),
        ("admin", "cancel", TaskStatus.ASSIGNED),  # a reason is required
        ("member_xj", "cancel", TaskStatus.ASSIGNED),
    ],
)
def test_step_post(users, world, role, action, expected):
    t = world["task"]
    response = client_for(users, role).post(f"/meetings/tasks/{t.pk}/step/", {"action": action})
    assert response.status_code in (302, 403)
    assert Task.objects.get(pk=t.pk).status == expected


def test_step_outsider_gets_404(users, world):
    t = world["task"]
    assert (
        client_for(users, "outsider")
        .post(f"/meetings/tasks/{t.pk}/step/", {"action": "acknowledge"})
        .status_code
        == 404
    )


def test_progress_extension_and_decision_through_pages(users, world):
    t = world["task"]
    member = client_for(users, "member_xj")
    member.post(f"/meetings/tasks/{t.pk}/step/", {"action": "acknowledge"})
    r = member.post(
        f"/meetings/tasks/{t.pk}/progress/",
        {
            "percent": 30,
            "text": "完成可研",
            "evidence": "可研报告",
            "evidence_file": SimpleUploadedFile("证明.pdf", b"%PDF"),
        },
    )
    assert r.status_code == 302
    update = t.updates.get()
    assert update.percent == 30 and update.evidence_file
    assert client_for(users, "viewer").get(f"/meetings/updates/{update.pk}/evidence/").status_code == 200
    assert client_for(users, "outsider").get(f"/meetings/updates/{update.pk}/evidence/").status_code == 404
    far = (dt.date.today() + dt.timedelta(days=3650)).isoformat()
    t.deadline = dt.date.today() + dt.timedelta(days=30)
    t.save()
    member.post(f"/meetings/tasks/{t.pk}/extension/", {"new_deadline": far, "reasons": "设备延迟"})
    ext = t.extensions.get()
    assert (
        client_for(users, "officer_xj")
        .post(f"/meetings/extensions/{ext.pk}/decide/", {"approve": "1"})
        .status_code
        == 403
    )
    client_for(users, "admin").post(
        f"/meetings/extensions/{ext.pk}/decide/", {"approve": "1", "comment": "同意"}
    )
    assert Task.objects.get(pk=t.pk).deadline.isoformat() == far
    page = client_for(users, "member_xj").get(f"/meetings/tasks/{t.pk}/")
    assert "设备延迟" in page.content.decode()


def test_board_shows_lights_and_overdue_first(users, meeting):
    TaskFactory(meeting=meeting, title="逾期任务", deadline=dt.date.today() - dt.timedelta(days=5))
    TaskFactory(meeting=meeting, title="正常任务", deadline=dt.date.today() + dt.timedelta(days=100))
    TaskFactory(meeting=meeting, title="临期任务", deadline=dt.date.today() + dt.timedelta(days=2))
    html = client_for(users, "viewer").get("/meetings/board/").content.decode()
    assert html.index("逾期任务") < html.index("临期任务") < html.index("正常任务")
    assert "light-red" in html and "light-yellow" in html and "light-green" in html


def test_ledger_exports(users, meeting):
    TaskFactory(
        meeting=meeting,
        title="逾期任务",
        deadline=dt.date.today() - dt.timedelta(days=5),
        lead_party=party("CAS"),
    )
    TaskFactory(meeting=meeting, title="正常任务", deadline=dt.date.today() + dt.timedelta(days=100))
    c = client_for(users, "officer_xj")
    response = c.get("/meetings/board/ledger.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3 and rows[1][4] == "逾期任务" and rows[1][15] == "5"
    response = c.get("/meetings/board/ledger.xlsx?party=CAS")
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.max_row == 2 and ws.cell(row=2, column=5).value == "逾期任务"


def test_notifications_page_and_count(users, task):
    services.reminders_send(now=at(2024, 7, 23))
    c = client_for(users, "member_xj")
    html = c.get("/meetings/notifications/").content.decode()
    assert task.title in html and 'id="unread-count">1<' in html
    c.post("/meetings/notifications/")
    assert not Notification.objects.filter(user=users["member_xj"], read_at__isnull=True).exists()


def test_create_meeting_and_task_pages(users):
    c = client_for(users, "admin")
    r = c.post(
        "/meetings/new/",
        {
            "name": "专题会",
            "kind": "topic",
            "date": "2025-03-01",
            "place": "喀什",
            "parties": [party("SZ").pk],
        },
    )
    m = Meeting.objects.get(name="专题会")
    assert r.status_code == 302
    r = c.post(
        f"/meetings/{m.pk}/tasks/new/",
        {
            "title": "建设喀什科创中心",
            "lead_party": party("SZ").pk,
            "deadline": "2026-03-01",
            "contributing_parties": [party("XJ").pk],
        },
    )
    assert r.status_code == 302
    t = m.tasks.get()
    assert t.steps.get().action == "assign"


def test_document_upload_rejects_bad_type(users, meeting, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = client_for(users, "admin")
    c.post(f"/meetings/{meeting.pk}/documents/", {"file": SimpleUploadedFile("x.exe", b"MZ")})
    assert meeting.documents.count() == 0
    c.post(f"/meetings/{meeting.pk}/documents/", {"file": SimpleUploadedFile("x.pdf", b"%PDF")})
    assert meeting.documents.count() == 1


# ------------------------------------------------------------------------------ ingestion pages


def test_upload_review_confirm(users):
    c = client_for(users, "officer_xj")
    r = c.post(
        "/meetings/ingest/", {"file": SimpleUploadedFile("report.txt", SAMPLE.read_bytes()), "year": ""}
    )
    draft = IngestDraft.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/meetings/ingest/{draft.pk}/")
    assert Meeting.objects.count() == 0
    html = c.get(r["Location"]).content.decode()
    assert "<del>新疆尔自治区</del><ins>新疆维吾尔自治区</ins>" in html
    assert 'class="unsure"' in html
    assert "--07-22" in html  # the date lacks a year: the reviewer must add it
    n_att = len(draft.extracted["attendees"])
    n_com = len(draft.extracted["commitments"])
    data = {
        "m-name": draft.extracted["meeting"]["name"],
        "m-date": "--07-22",
        "m-place": "乌鲁木齐",
        "m-kind": "progress",
        "m-parties": ["新疆维吾尔自治区", "科学技术部"],
        "att-TOTAL_FORMS": n_att,
        "att-INITIAL_FORMS": n_att,
        "att-MIN_NUM_FORMS": 0,
        "att-MAX_NUM_FORMS": 1000,
        "com-TOTAL_FORMS": n_com,
        "com-INITIAL_FORMS": n_com,
        "com-MIN_NUM_FORMS": 0,
        "com-MAX_NUM_FORMS": 1000,
    }
    for i, a in enumerate(draft.extracted["attendees"]):
        data.update(
            {
                f"att-{i}-name": a["name"],
                f"att-{i}-title": a["title"],
                f"att-{i}-party": "XJ-BT" if a["party"] == "新疆生产建设兵团" else a["party"],
            }
        )
    for i, cm in enumerate(draft.extracted["commitments"]):
        data.update(
            {
                f"com-{i}-party": cm["party"],
                f"com-{i}-action": cm["action"],
                f"com-{i}-field": cm["field"] or "",
            }
        )
    data["com-0-DELETE"] = "on"
    r = c.post(f"/meetings/ingest/{draft.pk}/", data)
    assert r.status_code == 200 and "year" in r.content.decode().lower() or "年" in r.content.decode()
    assert Meeting.objects.count() == 0
    data["m-date"] = "2023-07-22"
    r = c.post(f"/meetings/ingest/{draft.pk}/", data)
    assert r.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.tasks.count() == n_com - 1
    assert meeting.attendances.count() == n_att
    assert IngestDraft.objects.get().status == IngestDraft.Status.CONFIRMED


@pytest.mark.parametrize(
    "name,content",
    [("empty.txt", b""), ("weather.txt", "今天天气很好，我们去公园散步。".encode()), ("x.pdf", b"%PDF-1.4")],
)
def test_upload_bad_files_show_a_message(users, name, content):
    r = client_for(users, "admin").post("/meetings/ingest/", {"file": SimpleUploadedFile(name, content)})
    assert r.status_code == 200
    assert 'class="errorlist' in r.content.decode()
    assert IngestDraft.objects.count() == 0
