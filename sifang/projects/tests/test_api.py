from __future__ import annotations

import datetime as dt
import json

import pytest

from sifang.core.testing import party
from sifang.projects import services
from sifang.projects.models import Project, Stage, Status
from sifang.taxonomy.models import Programme

pytestmark = pytest.mark.django_db
ROLES = ["admin", "officer_xj", "officer_cas", "member_xj", "member_cas", "viewer", "outsider"]
BASE = "/api/v1/projects/"


@pytest.fixture
def project(users, org_xj, org_cas):
    return services.project_create(
        users["member_xj"],
        lead=org_xj,
        partners=[org_cas],
        title="光储充一体化示范",
        stage=Stage.DEMONSTRATION,
        programme=Programme.objects.get(name="科技援疆"),
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )


def _post(client, url, data):
    return client.post(url, data=json.dumps(data, default=str), content_type="application/json")


def test_anonymous_gets_401(client, project):
    assert client.get(BASE).status_code == 401
    assert client.get(f"{BASE}{project.pk}/").status_code == 401
    assert _post(client, f"{BASE}{project.pk}/transition/", {"to": "approved"}).status_code == 401


VISIBLE = {"admin", "officer_xj", "officer_cas", "member_xj", "member_cas"}


@pytest.mark.parametrize("role", ROLES)
def test_list_and_get_matrix(client, users, project, role):
    client.force_login(users[role])
    items = client.get(BASE).json()["items"]
    assert (project.pk in [i["id"] for i in items]) == (role in VISIBLE)
    assert client.get(f"{BASE}{project.pk}/").status_code == (200 if role in VISIBLE else 404)


TRANSITION_ALLOWED = {"approved": {"officer_xj"}}


@pytest.mark.parametrize("role", ROLES)
def test_transition_matrix(client, users, project, role):
    client.force_login(users[role])
    r = _post(client, f"{BASE}{project.pk}/transition/", {"to": "approved", "comment": "同意"})
    expected = 200 if role == "officer_xj" else (403 if role in VISIBLE else 404)
    assert r.status_code == expected, r.content
    project.refresh_from_db()
    assert project.status == (Status.APPROVED if role == "officer_xj" else Status.APPLIED)
    if expected == 200:
        assert r.json()["transitions"][-1]["comment"] == "同意"


@pytest.mark.parametrize("role", ROLES)
def test_create_matrix(client, users, org_xj, org_cas, role):
    client.force_login(users[role])
    payload = {
        "title": "新项目",
        "lead_id": org_xj.pk,
        "partner_ids": [org_cas.pk],
        "stage": "basic",
        "programme_id": Programme.objects.first().pk,
        "start_date": "2025-01-01",
        "end_date": "2025-12-31",
    }
    r = _post(client, BASE, payload)
    assert r.status_code == (201 if role in {"admin", "officer_xj", "member_xj"} else 403), r.content


def test_create_bad_input_is_400(client, users, org_xj, org_xj2):
    client.force_login(users["member_xj"])
    r = _post(
        client,
        BASE,
        {
            "title": "x",
            "lead_id": org_xj.pk,
            "partner_ids": [org_xj2.pk],
            "stage": "basic",
            "programme_id": Programme.objects.first().pk,
            "start_date": "2025-01-01",
            "end_date": "2025-12-31",
        },
    )
    assert r.status_code == 400 and "partners" in r.json()["errors"]
    assert Project.objects.count() == 0


def test_contracts_list(client, users, org_xj, org_sz):
    services.contract_create(
        users["admin"],
        title="许可",
        transferor=org_sz,
        transferee=org_xj,
        form="licence",
        value="12.5",
        signed_on=dt.date(2025, 3, 1),
    )
    client.force_login(users["viewer"])
    items = client.get(f"{BASE}contracts/?without_project=true").json()["items"]
    assert [i["title"] for i in items] == ["许可"]
    client.force_login(users["outsider"])
    assert client.get(f"{BASE}contracts/").json()["items"] == []
    assert party("XJ")


def test_openapi_operation_ids():
    from config.api import api

    schema = api.get_openapi_schema()
    ops = {
        op["operationId"]
        for path, item in schema["paths"].items()
        if path.startswith("/api/v1/projects/")
        for op in item.values()
    }
    assert ops == {
        "projects_list",
        "projects_get",
        "projects_create",
        "projects_create_from_match",
        "projects_transition",
        "projects_contracts_list",
    }


def test_overdue_inclusion_tag(rf, users, project):
    from django.template import Context, Template

    services.milestone_create(
        users["member_xj"], project=project, title="逾期节点", due_date=dt.date(2025, 2, 1)
    )
    services.project_transition(users["officer_xj"], project=project, to=Status.APPROVED)
    request = rf.get("/")
    request.user = users["viewer"]
    html = Template("{% load projects_tags %}{% overdue_milestones org %}").render(
        Context({"request": request, "org": project.lead})
    )
    assert "逾期节点" in html and f"?organisation={project.lead_id}" in html
