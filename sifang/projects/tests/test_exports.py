from __future__ import annotations

import csv
import datetime as dt

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from sifang.projects import services
from sifang.projects.models import Stage
from sifang.taxonomy.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(users, org_xj, org_cas):
    return services.project_create(
        users["member_xj"],
        lead=org_xj,
        partners=[org_cas],
        title="导出测试项目",
        stage=Stage.DEMONSTRATION,
        programme=Programme.objects.first(),
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )


def test_export_projects_csv_as_office_and_as_user(project, tmp_path, users):
    out = tmp_path / "p.csv"
    call_command("export_projects", "--format", "csv", "--out", str(out))
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][0] == "id" and rows[1][1] == "导出测试项目"
    # A viewer may not see an applied project: same rules as the pages.
    call_command("export_projects", "--format", "csv", "--out", str(out), "--user", users["viewer"].username)
    assert len(list(csv.reader(out.open(encoding="utf-8-sig")))) == 1


def test_export_projects_and_contracts_xlsx(project, tmp_path, users, org_xj, org_sz):
    services.contract_create(
        users["admin"],
        title="转让合同",
        transferor=org_sz,
        transferee=org_xj,
        form="transfer",
        value="88",
        signed_on=dt.date(2025, 3, 1),
    )
    out = tmp_path / "p.xlsx"
    call_command("export_projects", "--format", "xlsx", "--out", str(out))
    ws = load_workbook(out).active
    assert ws.cell(2, 2).value == "导出测试项目"
    call_command("export_contracts", "--format", "xlsx", "--out", str(out))
    ws = load_workbook(out).active
    assert ws.cell(2, 2).value == "转让合同" and ws.cell(2, 9).value == 88
