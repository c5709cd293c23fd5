"""Every create, change and status move leaves a history record with the acting user."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sifang.core.testing import party
from sifang.projects import services
from sifang.projects.models import Stage, Status
from sifang.taxonomy.models import Programme

pytestmark = pytest.mark.django_db


def test_audit_trail_of_everything(users, org_xj, org_cas, org_sz):
    from simple_history.utils import get_history_manager_for_model  # noqa: F401

    m = users["member_xj"]
    p = services.project_create(
        m,
        lead=org_xj,
        partners=[org_cas],
        title="审计项目",
        stage=Stage.BASIC_RESEARCH,
        programme=Programme.objects.first(),
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 12, 31),
    )
    f = services.funding_add(m, project=p, party=party("XJ"), source="local", planned="10")
    services.funding_record_spending(m, funding=f, spent="5")
    services.funding_adjust(users["officer_xj"], funding=f, planned="20", reason="追加")
    ms = services.milestone_create(m, project=p, title="节点", due_date=dt.date(2025, 6, 1))
    services.milestone_update(m, milestone=ms, completed_on=dt.date(2025, 5, 30))
    o = services.outcome_create(m, project=p, kind="paper", title="论文", achieved_on=dt.date(2025, 5, 1))
    services.outcome_update(m, outcome=o, title="论文（修订）")
    a = services.attachment_add(m, outcome=o, upload=SimpleUploadedFile("x.pdf", b"%PDF-1.4 test"))
    c = services.contract_create(
        users["admin"],
        title="合同",
        project=p,
        transferor=org_cas,
        transferee=org_xj,
        form="licence",
        value="3",
        signed_on=dt.date(2025, 7, 1),
    )
    services.contract_update(users["admin"], contract=c, value="4")
    services.project_update(m, project=p, title="审计项目（改）")
    services.project_transition(users["officer_xj"], project=p, to=Status.APPROVED, comment="同意")

    # Without a request the middleware cannot set history_user: set it like the middleware would.
    assert p.history.filter(history_type="+").exists()
    assert p.history.filter(status=Status.APPROVED).exists()
    assert p.history.filter(title="审计项目（改）").exists()
    assert [h.spent for h in f.history.order_by("history_date")][-2:] == [5, 5]
    assert f.history.filter(planned=20).exists()
    assert f.adjustments.get().history.count() == 1
    assert ms.history.count() == 2 and o.history.count() == 2 and c.history.count() == 2
    assert a.history.count() == 1
    assert p.transitions.last().history.count() == 1


def test_history_user_recorded_through_requests(client, users, org_xj, org_cas):
    from django.urls import reverse

    p = services.project_create(
        users["member_xj"],
        lead=org_xj,
        partners=[org_cas],
        title="页面审计",
        stage=Stage.BASIC_RESEARCH,
        programme=Programme.objects.first(),
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 12, 31),
    )
    client.force_login(users["officer_xj"])
    client.post(
        reverse("projects:project_transition", args=[p.pk]), {"to": "approved", "comment": "同意立项"}
    )
    latest = p.history.latest()
    assert latest.history_user == users["officer_xj"] and latest.status == Status.APPROVED
    assert latest.history_change_reason == "同意立项"
