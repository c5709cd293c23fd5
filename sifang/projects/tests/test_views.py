from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sifang.core.testing import party
from sifang.projects import services
from sifang.projects.models import Attachment, Milestone, Outcome, Project, Stage, Status
from sifang.taxonomy.models import Programme

pytestmark = pytest.mark.django_db
ROLES = ["admin", "officer_xj", "officer_cas", "member_xj", "member_cas", "viewer", "outsider"]
PDF = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.fixture
def project(users, org_xj, org_cas):
    p = services.project_create(
        users["member_xj"],
        lead=org_xj,
        partners=[org_cas],
        title="南疆棉花机采联合攻关",
        stage=Stage.DEVELOPMENT,
        programme=Programme.objects.get(name="揭榜挂帅"),
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2027, 12, 31),
    )
    services.milestone_create(users["member_xj"], project=p, title="样机", due_date=dt.date(2025, 3, 1))
    return p


def _client(client, users, role):
    if role != "anonymous":
        client.force_login(users[role])
    return client


# Pages: role × page --------------------------------------------------------------------------

#: (url name, uses project pk, roles allowed while the project is 申报)
PAGES = [
    ("projects:project_list", False, set(ROLES)),
    ("projects:project_create", False, set(ROLES)),
    ("projects:overdue", False, set(ROLES)),
    ("projects:contract_list", False, set(ROLES)),
    ("projects:project_detail", True, {"admin", "officer_xj", "officer_cas", "member_xj", "member_cas"}),
    ("projects:project_edit", True, {"admin", "officer_xj", "officer_cas", "member_xj"}),
    ("projects:funding_add", True, {"admin", "officer_xj", "officer_cas", "member_xj"}),
    ("projects:milestone_add", True, {"admin", "officer_xj", "officer_cas", "member_xj"}),
    ("projects:outcome_add", True, {"admin", "officer_xj", "officer_cas", "member_xj"}),
]


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
@pytest.mark.parametrize(("name", "with_pk", "allowed"), PAGES)
def test_page_matrix(client, users, project, role, name, with_pk, allowed):
    url = reverse(name, args=[project.pk] if with_pk else [])
    response = _client(client, users, role).get(url)
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login" in response["Location"]
    else:
        assert response.status_code == (200 if role in allowed else 404), (role, name)


def test_list_search_filter_and_overdue_flag(client, users, project):
    services.project_transition(users["officer_xj"], project=project, to=Status.APPROVED)
    c = _client(client, users, "viewer")
    r = c.get(reverse("projects:project_list"), {"q": "棉花", "party": "XJ", "status": "approved"})
    assert "南疆棉花机采联合攻关" in r.content.decode()
    r = c.get(reverse("projects:project_list"), {"status": "completed"})
    assert "南疆棉花机采联合攻关" not in r.content.decode()
    r = c.get(reverse("projects:project_list"), {"overdue": "on"})
    assert "南疆棉花机采联合攻关" in r.content.decode()
    r = c.get(reverse("projects:overdue"), {"organisation": project.lead_id})
    assert "样机" in r.content.decode()
    r = c.get(reverse("projects:project_detail", args=[project.pk]))
    assert "light-red" in r.content.decode()


def test_transition_buttons_through_the_browser(client, users, project):
    url = reverse("projects:project_transition", args=[project.pk])
    _client(client, users, "member_xj").post(url, {"to": "approved", "comment": "x"})
    project.refresh_from_db()
    assert project.status == Status.APPLIED  # wrong role: refused, nothing changed
    client.force_login(users["officer_xj"])
    detail = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert 'value="approved"' in detail
    client.post(url, {"to": "approved", "comment": "同意立项"})
    client.post(url, {"to": "in_progress"})
    client.force_login(users["member_xj"])
    client.post(url, {"to": "acceptance"})
    client.force_login(users["admin"])
    client.post(url, {"to": "completed", "comment": "验收通过"})
    project.refresh_from_db()
    assert project.status == Status.COMPLETED
    page = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert "同意立项" in page and "验收通过" in page


def test_create_form_shows_errors_beside_fields(client, users, org_xj, org_xj2):
    client.force_login(users["member_xj"])
    r = client.post(
        reverse("projects:project_create"),
        {
            "title": "同方项目",
            "lead": org_xj.pk,
            "partners": [org_xj2.pk],
            "stage": "basic",
            "programme": Programme.objects.first().pk,
            "start_date": "2025-05-01",
            "end_date": "2025-01-01",
        },
    )
    assert r.status_code == 200
    assert "id_end_date-errors" in r.content.decode()
    r = client.post(
        reverse("projects:project_create"),
        {
            "title": "同方项目",
            "lead": org_xj.pk,
            "partners": [org_xj2.pk],
            "stage": "basic",
            "programme": Programme.objects.first().pk,
            "start_date": "2025-01-01",
            "end_date": "2025-05-01",
        },
    )
    assert "id_partners-errors" in r.content.decode()
    assert not Project.objects.filter(title="同方项目").exists()


def test_funding_forms(client, users, project):
    client.force_login(users["member_xj"])
    r = client.post(
        reverse("projects:funding_add", args=[project.pk]),
        {"party": party("XJ").pk, "source": "local", "planned": "-5", "spent": "0"},
    )
    assert r.status_code == 200 and "id_planned-errors" in r.content.decode()
    r = client.post(
        reverse("projects:funding_add", args=[project.pk]),
        {"party": party("XJ").pk, "source": "local", "planned": "abc", "spent": "0"},
    )
    assert "id_planned-errors" in r.content.decode()
    client.post(
        reverse("projects:funding_add", args=[project.pk]),
        {"party": party("XJ").pk, "source": "local", "planned": "100", "spent": "0"},
    )
    f = project.fundings.get()
    r = client.post(reverse("projects:funding_spend", args=[f.pk]), {"spent": "150"})
    assert "id_spent-errors" in r.content.decode()
    f.refresh_from_db()
    assert f.spent == 0


def test_milestone_form_outside_dates(client, users, project):
    client.force_login(users["member_xj"])
    r = client.post(
        reverse("projects:milestone_add", args=[project.pk]), {"title": "x", "due_date": "2030-01-01"}
    )
    assert "id_due_date-errors" in r.content.decode()
    assert Milestone.objects.count() == 1


# Files -------------------------------------------------------------------------------------


def test_upload_and_permission_checked_download(client, users, project):
    m = project.milestones.get()
    client.force_login(users["member_xj"])
    r = client.post(
        reverse("projects:milestone_upload", args=[m.pk]),
        {"file": SimpleUploadedFile("中期报告.pdf", PDF, content_type="application/pdf")},
    )
    assert r.status_code == 302
    att = Attachment.objects.get()
    assert att.original_name == "中期报告.pdf" and "中期报告" not in att.file.name
    url = reverse("projects:attachment_download", args=[att.pk])
    assert url.startswith("/projects/files/")
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    for role, code in [("member_cas", 200), ("viewer", 404), ("outsider", 404)]:
        client.force_login(users[role])
        assert client.get(url).status_code == code, role
    client.logout()
    assert client.get(url).status_code == 302
    # once approved every signed-in user may see the record, and so the file
    services.project_transition(users["officer_xj"], project=project, to=Status.APPROVED)
    client.force_login(users["viewer"])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("evil.exe", b"MZ\x90\x00", "not accepted"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "does not match"),
        ("fake.png", PDF, "does not match"),
        ("fake.docx", b"PK\x03\x04 broken zip", "does not match"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_forbidden_files_are_refused(client, users, project, name, content, message, settings):
    settings.LANGUAGE_CODE = "en"
    m = project.milestones.get()
    client.force_login(users["member_xj"])
    r = client.post(
        reverse("projects:milestone_upload", args=[m.pk]),
        {"file": SimpleUploadedFile(name, content)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert r.status_code == 200
    assert Attachment.objects.count() == 0
    assert "id_file-errors" in r.content.decode() or message == "empty"


def test_file_too_large_is_refused(users, project, settings):
    from django.core.exceptions import ValidationError

    settings.SIFANG_UPLOAD_MAX_BYTES = 100
    m = project.milestones.get()
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(
            users["member_xj"], milestone=m, upload=SimpleUploadedFile("big.pdf", PDF + b"x" * 200)
        )
    assert "file" in exc.value.message_dict
    assert Attachment.objects.count() == 0


def test_good_types_accepted(users, project):
    m = project.milestones.get()
    o = services.outcome_create(
        users["member_xj"], project=project, kind="paper", title="论文", achieved_on=dt.date(2025, 6, 1)
    )
    services.attachment_add(users["member_xj"], milestone=m, upload=SimpleUploadedFile("photo.png", PNG))
    services.attachment_add(users["member_xj"], outcome=o, upload=SimpleUploadedFile("report.docx", _docx()))
    assert Attachment.objects.count() == 2
    assert Outcome.objects.get().files.count() == 1


def test_partner_member_may_not_upload(users, project):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.attachment_add(
            users["member_cas"], milestone=project.milestones.get(), upload=SimpleUploadedFile("a.pdf", PDF)
        )


def test_history_shown_on_detail(client, users, project):
    services.project_update(users["member_xj"], project=project, title="南疆棉花机采联合攻关（二期）")
    client.force_login(users["member_xj"])
    html = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert "南疆棉花机采联合攻关（二期）" in html and "history" in html


def test_new_from_match_page_is_prefilled(client, users, org_xj, org_cas):
    from sifang.core.testing import DemandFactory, OfferingFactory
    from sifang.market.models import Status as LS

    d = DemandFactory(
        organisation=org_xj, party=org_xj.party, status=LS.NEGOTIATING, title="采棉机智能化需求"
    )
    o = OfferingFactory(organisation=org_cas, party=org_cas.party)
    client.force_login(users["member_xj"])
    url = reverse("projects:project_new_from_match") + f"?demand={d.pk}&offering={o.pk}"
    r = client.get(url)
    assert r.status_code == 200 and "采棉机智能化需求" in r.content.decode()
    r = client.post(
        url,
        {
            "title": "采棉机智能化需求",
            "lead": org_xj.pk,
            "partners": [org_cas.pk],
            "stage": "development",
            "programme": Programme.objects.first().pk,
            "start_date": "2025-01-01",
            "end_date": "2026-01-01",
        },
    )
    assert r.status_code == 302
    p = Project.objects.get()
    assert (p.demand, p.offering) == (d, o)


def test_edit_outcome_contract_pages(client, users, project, org_xj, org_sz):
    client.force_login(users["member_xj"])
    r = client.post(
        reverse("projects:project_edit", args=[project.pk]),
        {
            "title": "南疆棉花机采联合攻关（二期）",
            "partners": list(project.partners.values_list("pk", flat=True)),
            "stage": "development",
            "programme": project.programme_id,
            "start_date": "2025-01-01",
            "end_date": "2027-12-31",
        },
    )
    assert r.status_code == 302
    project.refresh_from_db()
    assert project.title.endswith("（二期）")
    r = client.post(
        reverse("projects:outcome_add", args=[project.pk]),
        {"kind": "patent", "title": "采棉头", "number": "12-3", "achieved_on": "2025-05-01", "quantity": 1},
    )
    assert "id_number-errors" in r.content.decode()
    r = client.post(
        reverse("projects:outcome_add", args=[project.pk]),
        {
            "kind": "patent",
            "title": "采棉头",
            "number": "CN209876543U",
            "achieved_on": "2025-05-01",
            "quantity": 1,
        },
    )
    assert r.status_code == 302 and project.outcomes.count() == 1
    client.force_login(users["admin"])
    r = client.post(
        reverse("projects:contract_create"),
        {
            "title": "无项目合同",
            "transferor": org_sz.pk,
            "transferee": org_xj.pk,
            "form": "licence",
            "value": "12",
            "signed_on": "2025-04-01",
        },
    )
    assert r.status_code == 302
    r = client.get(r["Location"])
    assert "无项目合同" in r.content.decode()
