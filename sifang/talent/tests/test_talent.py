from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from sifang.core.errors import Conflict
from sifang.core.testing import PersonFactory
from sifang.talent import selectors, services
from sifang.talent.models import Exchange, ExchangeKind

pytestmark = pytest.mark.django_db
ROLES = ["admin", "officer_xj", "officer_cas", "member_xj", "member_cas", "viewer", "outsider"]


@pytest.fixture
def person(org_cas):
    return PersonFactory(organisation=org_cas, name="李研究员", phone="13912345678", email="li@example.org")


@pytest.fixture
def exchange(users, person, org_cas, org_xj):
    return services.exchange_create(
        users["member_cas"],
        kind=ExchangeKind.SECONDMENT,
        person=person,
        from_organisation=org_cas,
        to_organisation=org_xj,
        start_date=dt.date(2025, 3, 1),
        end_date=dt.date(2025, 8, 31),
    )


def _ex(actor, person, frm, to, start, end, kind=ExchangeKind.VISITING):
    return services.exchange_create(
        actor,
        kind=kind,
        person=person,
        from_organisation=frm,
        to_organisation=to,
        start_date=start,
        end_date=end,
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ((2025, 8, 31), (2025, 12, 1)),
        ((2025, 1, 1), (2025, 3, 1)),
        ((2025, 4, 1), (2025, 5, 1)),
        ((2024, 1, 1), (2026, 1, 1)),
    ],
)
def test_overlapping_exchange_refused(users, exchange, person, org_cas, org_sz, start, end):
    with pytest.raises(Conflict) as exc:
        _ex(users["admin"], person, org_cas, org_sz, dt.date(*start), dt.date(*end))
    assert exc.value.detail["conflicting_exchange"] == exchange.pk
    assert Exchange.objects.count() == 1


def test_adjacent_exchange_allowed_and_update_checks_overlap(users, exchange, person, org_cas, org_sz):
    nxt = _ex(users["admin"], person, org_cas, org_sz, dt.date(2025, 9, 1), dt.date(2025, 12, 31))
    with pytest.raises(Conflict):
        services.exchange_update(users["admin"], exchange=nxt, start_date=dt.date(2025, 8, 1))
    nxt.refresh_from_db()
    assert nxt.start_date == dt.date(2025, 9, 1)


def test_overlap_check_locks_the_person(users, person, org_cas, org_xj, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        _ex(users["admin"], person, org_cas, org_xj, dt.date(2025, 1, 1), dt.date(2025, 2, 1))
    lock = [q["sql"] for q in ctx.captured_queries if "people_person" in q["sql"]]
    assert lock, "the person row is read before the overlap check"
    if connection.features.has_select_for_update:
        assert any("FOR UPDATE" in sql for sql in lock)


def test_bad_dates_and_same_organisation(users, person, org_cas, org_xj):
    with pytest.raises(ValidationError) as exc:
        _ex(users["admin"], person, org_cas, org_xj, dt.date(2025, 5, 1), dt.date(2025, 1, 1))
    assert "end_date" in exc.value.message_dict
    with pytest.raises(ValidationError):
        _ex(users["admin"], person, org_cas, org_cas, dt.date(2025, 1, 1), dt.date(2025, 2, 1))
    assert Exchange.objects.count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_create_permission_matrix(users, person, org_cas, org_xj, role):
    allowed = role in {"admin", "officer_xj", "officer_cas", "member_xj", "member_cas"}
    if allowed:
        _ex(users[role], person, org_cas, org_xj, dt.date(2025, 1, 1), dt.date(2025, 2, 1))
    else:
        with pytest.raises(PermissionDenied):
            _ex(users[role], person, org_cas, org_xj, dt.date(2025, 1, 1), dt.date(2025, 2, 1))


def test_member_of_other_organisation_may_not_record(users, person, org_sz, org_xj2):
    with pytest.raises(PermissionDenied):
        _ex(users["member_cas"], person, org_sz, org_xj2, dt.date(2025, 1, 1), dt.date(2025, 2, 1))


def test_counts(users, exchange, person, org_cas, org_sz):
    _ex(
        users["admin"],
        person,
        org_cas,
        org_sz,
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
        kind=ExchangeKind.TRAINING,
    )
    u = users["admin"]
    assert selectors.exchange_counts(user=u, by="party") == [{"key": "SZ", "n": 1}, {"key": "XJ", "n": 1}]
    assert selectors.exchange_counts(user=u, by="party", side="from") == [{"key": "CAS", "n": 2}]
    assert [(r["key"], r["n"]) for r in selectors.exchange_counts(user=u, by="kind")] == [
        ("secondment", 1),
        ("training", 1),
    ]
    assert selectors.exchange_counts(user=u, by="year") == [{"key": 2025, "n": 1}, {"key": 2026, "n": 1}]
    assert selectors.exchange_counts(user=users["outsider"], by="kind") == []


PAGE_VISIBLE = {"admin", "officer_xj", "officer_cas", "member_xj", "member_cas", "viewer"}
PAGE_EDIT = {"admin", "officer_xj", "officer_cas", "member_xj", "member_cas"}


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_page_matrix(client, users, exchange, role):
    if role != "anonymous":
        client.force_login(users[role])
    for name, args, allowed in [
        ("talent:exchange_list", [], set(ROLES)),
        ("talent:exchange_create", [], set(ROLES)),
        ("talent:exchange_detail", [exchange.pk], PAGE_VISIBLE),
        ("talent:exchange_edit", [exchange.pk], PAGE_EDIT),
    ]:
        r = client.get(reverse(name, args=args))
        if role == "anonymous":
            assert r.status_code == 302 and "/accounts/login" in r["Location"]
        else:
            assert r.status_code == (200 if role in allowed else 404), (role, name)


def test_personal_data_masked(client, users, exchange):
    client.force_login(users["viewer"])
    html = client.get(reverse("talent:exchange_detail", args=[exchange.pk])).content.decode()
    assert "13912345678" not in html and "139****5678" in html
    client.force_login(users["member_cas"])
    html = client.get(reverse("talent:exchange_detail", args=[exchange.pk])).content.decode()
    assert "13912345678" in html


def test_form_shows_overlap_and_history(client, users, exchange, person, org_cas, org_sz):
    client.force_login(users["admin"])
    r = client.post(
        reverse("talent:exchange_create"),
        {
            "kind": "training",
            "person": person.pk,
            "from_organisation": org_cas.pk,
            "to_organisation": org_sz.pk,
            "start_date": "2025-05-01",
            "end_date": "2025-06-01",
        },
    )
    assert r.status_code == 200 and "errorlist" in r.content.decode()
    services.exchange_update(users["admin"], exchange=exchange, results="完成挂职")
    html = client.get(reverse("talent:exchange_detail", args=[exchange.pk])).content.decode()
    assert "完成挂职" in html and exchange.history.count() == 2


def test_api(client, users, exchange, person, org_cas, org_sz):
    assert client.get("/api/v1/talent/exchanges/").status_code == 401
    client.force_login(users["viewer"])
    item = client.get("/api/v1/talent/exchanges/").json()["items"][0]
    assert item["phone"] == "139****5678"
    r = client.post(
        "/api/v1/talent/exchanges/",
        content_type="application/json",
        data=json.dumps(
            {
                "kind": "training",
                "person_id": person.pk,
                "from_organisation_id": org_cas.pk,
                "to_organisation_id": org_sz.pk,
                "start_date": "2026-01-01",
                "end_date": "2026-02-01",
            }
        ),
    )
    assert r.status_code == 403
    client.force_login(users["admin"])
    r = client.post(
        "/api/v1/talent/exchanges/",
        content_type="application/json",
        data=json.dumps(
            {
                "kind": "training",
                "person_id": person.pk,
                "from_organisation_id": org_cas.pk,
                "to_organisation_id": org_sz.pk,
                "start_date": "2025-05-01",
                "end_date": "2025-06-01",
            }
        ),
    )
    assert r.status_code == 409 and r.json()["conflicting_exchange"] == exchange.pk
    r = client.patch(
        f"/api/v1/talent/exchanges/{exchange.pk}/",
        content_type="application/json",
        data=json.dumps({"results": "ok"}),
    )
    assert r.status_code == 200 and r.json()["results"] == "ok"
    assert client.get("/api/v1/talent/exchanges/counts/?by=kind").json() == [{"key": "secondment", "n": 1}]


def test_export_exchanges(tmp_path, users, exchange):
    out = tmp_path / "e.csv"
    call_command("export_exchanges", "--format", "csv", "--out", str(out), "--user", users["viewer"].username)
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[1][2] == "李研究员" and rows[1][3] == "139****5678"
