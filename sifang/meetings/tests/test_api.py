from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sifang.accounts.services import token_create
from sifang.meetings.models import IngestDraft, Meeting, TaskStatus

from .factories import TaskFactory

SAMPLE = Path(__file__).parent / "data" / "report_2023_07_22.txt"
ROLES = ["admin", "officer_xj", "officer_cas", "member_xj", "member_cas", "viewer", "outsider"]
BASE = "/api/v1/meetings"


def client_for(users, role):
    c = Client()
    if role != "anonymous":
        c.force_login(users[role])
    return c


IN_MECHANISM = {"admin", "officer_xj", "officer_cas", "member_xj", "member_cas", "viewer"}


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
@pytest.mark.parametrize("path", ["/", "/tasks/", "/board/", "/{m}/", "/tasks/{t}/"])
def test_read_matrix(users, task, role, path):
    response = client_for(users, role).get(BASE + path.format(m=task.meeting_id, t=task.pk))
    if role == "anonymous":
        assert response.status_code == 401
    elif "{" in path and role not in IN_MECHANISM:
        assert response.status_code == 404
    else:
        assert response.status_code == 200


@pytest.mark.parametrize(
    "role,action,status",
    [
        ("member_xj", "acknowledge", 200),
        ("officer_xj", "acknowledge", 200),
        ("officer_cas", "acknowledge", 403),
        ("viewer", "acknowledge", 403),
        ("admin", "acknowledge", 403),
        ("outsider", "acknowledge", 404),
        ("anonymous", "acknowledge", 401),
        ("admin", "close", 400),  # not reported yet
        ("admin", "cancel", 200),
        ("member_xj", "cancel", 403),
        ("admin", "urge", 400),  # not overdue
    ],
)
def test_step_matrix(users, task, role, action, status):
    task.deadline = dt.date.today() + dt.timedelta(days=60)
    task.save()
    response = client_for(users, role).post(
        f"{BASE}/tasks/{task.pk}/steps/",
        {"action": action, "comment": "理由"},
        content_type="application/json",
    )
    assert response.status_code == status, response.content


def test_task_list_has_light_and_days_overdue(users, meeting):
    TaskFactory(meeting=meeting, title="逾期", deadline=dt.date.today() - dt.timedelta(days=3))
    TaskFactory(meeting=meeting, title="正常", deadline=dt.date.today() + dt.timedelta(days=300))
    items = client_for(users, "viewer").get(f"{BASE}/tasks/").json()["items"]
    assert [(i["title"], i["light"], i["days_overdue"]) for i in items] == [
        ("逾期", "red", 3),
        ("正常", "green", 0),
    ]


def test_progress_and_extension_via_api_with_token(users, task):
    _t, raw = token_create(users["member_xj"], user=users["member_xj"], name="t")
    h = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    task.deadline = dt.date.today() + dt.timedelta(days=10)
    task.save()
    c = Client()
    assert (
        c.post(
            f"{BASE}/tasks/{task.pk}/steps/", {"action": "acknowledge"}, content_type="application/json", **h
        ).status_code
        == 200
    )
    r = c.post(
        f"{BASE}/tasks/{task.pk}/progress/",
        {"percent": 60, "text": "完成主体"},
        content_type="application/json",
        **h,
    )
    assert r.status_code == 201 and r.json()["percent"] == 60
    bad = c.post(
        f"{BASE}/tasks/{task.pk}/progress/",
        {"percent": 160, "text": "x"},
        content_type="application/json",
        **h,
    )
    assert bad.status_code == 400
    new = (dt.date.today() + dt.timedelta(days=100)).isoformat()
    r = c.post(
        f"{BASE}/tasks/{task.pk}/steps/",
        {"action": "request_extension", "new_deadline": new, "reasons": "原因"},
        content_type="application/json",
        **h,
    )
    assert r.status_code == 200 and r.json()["steps"][-1]["action"] == "request_extension"
    ext = task.extensions.get()
    assert (
        client_for(users, "officer_xj")
        .post(f"{BASE}/extensions/{ext.pk}/decision/", {"approve": True}, content_type="application/json")
        .status_code
        == 403
    )
    r = client_for(users, "admin").post(
        f"{BASE}/extensions/{ext.pk}/decision/", {"approve": True}, content_type="application/json"
    )
    assert (
        r.status_code == 200 and r.json()["deadline"] == new and r.json()["status"] == TaskStatus.IN_PROGRESS
    )


def test_board_api(users, task):
    data = client_for(users, "admin").get(f"{BASE}/board/").json()
    assert data["totals"]["total"] == 1 and data["by_party"][0]["key"] == "XJ"


def test_ingest_json_then_confirm(users):
    c = client_for(users, "officer_xj")
    r = c.post(
        f"{BASE}/ingest/",
        {"text": SAMPLE.read_text(encoding="utf-8"), "year": 2023},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    draft = r.json()
    assert draft["extracted"]["meeting"]["date"] == "2023-07-22" and draft["status"] == "pending"
    assert Meeting.objects.count() == 0
    assert (
        client_for(users, "officer_cas")
        .post(f"{BASE}/ingest/{draft['id']}/confirm/", draft["extracted"], content_type="application/json")
        .status_code
        == 404
    )
    r = c.post(f"{BASE}/ingest/{draft['id']}/confirm/", draft["extracted"], content_type="application/json")
    assert r.status_code == 201, r.content
    assert r.json()["date"] == "2023-07-22" and len(r.json()["attendees"]) == len(
        draft["extracted"]["attendees"]
    )
    again = c.post(
        f"{BASE}/ingest/{draft['id']}/confirm/", draft["extracted"], content_type="application/json"
    )
    assert again.status_code == 400


def test_ingest_multipart_and_errors(users):
    c = client_for(users, "admin")
    r = c.post(
        f"{BASE}/ingest/upload/", {"file": SimpleUploadedFile("r.txt", SAMPLE.read_bytes()), "year": "2023"}
    )
    assert r.status_code == 201 and IngestDraft.objects.count() == 1
    r = c.post(f"{BASE}/ingest/upload/", {"file": SimpleUploadedFile("r.txt", b"")})
    assert r.status_code == 400 and "errors" in r.json()
    r = c.post(f"{BASE}/ingest/", {"text": "今天天气很好。"}, content_type="application/json")
    assert r.status_code == 400
    assert (
        client_for(users, "member_xj")
        .post(f"{BASE}/ingest/", {"text": "x"}, content_type="application/json")
        .status_code
        == 403
    )
    assert Client().post(f"{BASE}/ingest/", {"text": "x"}, content_type="application/json").status_code == 401


def test_openapi_lists_meetings_operations(users):
    spec = client_for(users, "admin").get("/api/v1/openapi.json").json()
    ops = {
        op["operationId"]
        for p in spec["paths"].values()
        for op in p.values()
        if isinstance(op, dict) and "operationId" in op
    }
    assert {
        "meetings_list",
        "meetings_get",
        "meetings_task_list",
        "meetings_task_get",
        "meetings_task_step",
        "meetings_progress_add",
        "meetings_board",
        "meetings_ingest",
        "meetings_ingest_upload",
        "meetings_draft_get",
        "meetings_draft_confirm",
        "meetings_extension_decide",
    } <= ops
    assert json.dumps(spec)  # serialisable
