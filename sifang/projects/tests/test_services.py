from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sifang.core.testing import DemandFactory, OfferingFactory, OrganisationFactory, party
from sifang.market.models import Status as ListingStatus
from sifang.projects import selectors, services
from sifang.projects.models import (
    Funding,
    FundingAdjustment,
    Milestone,
    Outcome,
    OutcomeKind,
    Project,
    ProjectTransition,
    Stage,
    Status,
    validate_patent_number,
)
from sifang.taxonomy.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return Programme.objects.get(name="揭榜挂帅")


@pytest.fixture
def project(users, org_xj, org_cas, programme):
    return services.project_create(
        users["member_xj"],
        lead=org_xj,
        partners=[org_cas],
        title="南疆棉花机采联合攻关",
        stage=Stage.DEVELOPMENT,
        programme=programme,
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )


def _create(actor, lead, partners, programme, **kw):
    data = {
        "title": "测试项目",
        "stage": Stage.BASIC_RESEARCH,
        "programme": programme,
        "start_date": dt.date(2025, 1, 1),
        "end_date": dt.date(2025, 12, 31),
    }
    data.update(kw)
    return services.project_create(actor, lead=lead, partners=partners, **data)


# Creation -------------------------------------------------------------------------------------


def test_member_submits_project_with_transition_recorded(project, users):
    assert project.status == Status.APPLIED
    t = project.transitions.get()
    assert (t.from_status, t.to_status, t.actor) == ("", Status.APPLIED, users["member_xj"])
    assert project.history.filter(history_type="+").count() == 1


def test_partners_from_one_party_only_are_refused(users, org_xj, org_xj2, programme):
    # 兵团 is a unit of Xinjiang: still one party.
    with pytest.raises(ValidationError) as exc:
        _create(users["member_xj"], org_xj, [org_xj2], programme)
    assert "partners" in exc.value.message_dict
    assert Project.objects.count() == 0


def test_dates_out_of_order_are_refused(users, org_xj, org_cas, programme):
    with pytest.raises(ValidationError) as exc:
        _create(
            users["member_xj"],
            org_xj,
            [org_cas],
            programme,
            start_date=dt.date(2025, 5, 1),
            end_date=dt.date(2025, 1, 1),
        )
    assert "end_date" in exc.value.message_dict
    assert Project.objects.count() == 0


def test_member_may_not_submit_for_another_organisation(users, org_cas, org_sz, programme):
    with pytest.raises(PermissionDenied):
        _create(users["member_xj"], org_cas, [org_sz], programme)


def test_create_is_all_or_nothing_with_bad_milestone(users, org_xj, org_cas, programme):
    with pytest.raises(ValidationError):
        _create(
            users["member_xj"],
            org_xj,
            [org_cas],
            programme,
            fundings=[{"party": party("XJ"), "source": "local", "planned": "100"}],
            milestones=[{"title": "越界", "due_date": dt.date(2030, 1, 1)}],
        )
    assert Project.objects.count() == 0
    assert Funding.objects.count() == 0
    assert ProjectTransition.objects.count() == 0


# Workflow -------------------------------------------------------------------------------------

ROLES = ["admin", "officer_xj", "officer_cas", "member_xj", "member_cas", "viewer", "outsider"]
#: to-status → roles allowed (project led by org_xj, partner org_cas, no CAS funding)
ALLOWED = {
    Status.APPROVED: {"officer_xj"},
    Status.IN_PROGRESS: {"officer_xj"},
    Status.ACCEPTANCE: {"member_xj"},
    Status.COMPLETED: {"admin"},
    Status.TERMINATED: {"admin"},
}
PATH = {
    Status.APPROVED: Status.APPLIED,
    Status.IN_PROGRESS: Status.APPROVED,
    Status.ACCEPTANCE: Status.IN_PROGRESS,
    Status.COMPLETED: Status.ACCEPTANCE,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("to", list(PATH))
def test_each_transition_only_by_its_role(project, users, role, to):
    Project.objects.filter(pk=project.pk).update(status=PATH[to])
    project.refresh_from_db()
    if role in ALLOWED[to]:
        services.project_transition(users[role], project=project, to=to, comment="ok")
        project.refresh_from_db()
        assert project.status == to
        t = project.transitions.last()
        assert (t.from_status, t.to_status, t.actor, t.comment) == (PATH[to], to, users[role], "ok")
    else:
        with pytest.raises(PermissionDenied):
            services.project_transition(users[role], project=project, to=to)
        project.refresh_from_db()
        assert project.status == PATH[to]
        assert project.transitions.count() == 1


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("start", [Status.APPLIED, Status.APPROVED, Status.IN_PROGRESS, Status.ACCEPTANCE])
def test_terminate_from_any_open_state_only_by_office(project, users, role, start):
    Project.objects.filter(pk=project.pk).update(status=start)
    if role == "admin":
        services.project_transition(users[role], project=project, to=Status.TERMINATED, comment="经费未落实")
        project.refresh_from_db()
        assert project.status == Status.TERMINATED
    else:
        with pytest.raises(PermissionDenied):
            services.project_transition(users[role], project=project, to=Status.TERMINATED, comment="x")


def test_terminate_needs_a_reason(project, users):
    with pytest.raises(ValidationError):
        services.project_transition(users["admin"], project=project, to=Status.TERMINATED)


@pytest.mark.parametrize("start", [Status.COMPLETED, Status.TERMINATED])
def test_closed_projects_do_not_move(project, users, start):
    Project.objects.filter(pk=project.pk).update(status=start)
    with pytest.raises(ValidationError):
        services.project_transition(users["admin"], project=project, to=Status.TERMINATED, comment="x")


def test_skipping_a_step_is_refused(project, users):
    with pytest.raises(ValidationError) as exc:
        services.project_transition(users["officer_xj"], project=project, to=Status.IN_PROGRESS)
    assert "to" in exc.value.message_dict


def test_officer_of_a_party_with_planned_funding_may_approve(project, users):
    with pytest.raises(PermissionDenied):
        services.project_transition(users["officer_cas"], project=project, to=Status.APPROVED)
    services.funding_add(
        users["member_xj"], project=project, party=party("CAS-XJ"), source="central", planned="50"
    )
    services.project_transition(users["officer_cas"], project=project, to=Status.APPROVED)
    project.refresh_from_db()
    assert project.status == Status.APPROVED and project.approved_at is not None


def test_full_workflow_is_in_history(project, users):
    services.project_transition(users["officer_xj"], project=project, to=Status.APPROVED)
    services.project_transition(users["officer_xj"], project=project, to=Status.IN_PROGRESS)
    services.project_transition(users["member_xj"], project=project, to=Status.ACCEPTANCE)
    services.project_transition(users["admin"], project=project, to=Status.COMPLETED, comment="验收通过")
    assert [t.to_status for t in project.transitions.all()] == [
        Status.APPLIED,
        Status.APPROVED,
        Status.IN_PROGRESS,
        Status.ACCEPTANCE,
        Status.COMPLETED,
    ]
    statuses = [h.status for h in project.history.order_by("history_date", "history_id")]
    assert statuses[-4:] == [Status.APPROVED, Status.IN_PROGRESS, Status.ACCEPTANCE, Status.COMPLETED]
    rows = selectors.project_history(project=project)
    assert rows[0]["changes"] and rows[0]["reason"] == "验收通过"


# Funding --------------------------------------------------------------------------------------


def test_spending_within_plan_and_adjustment(project, users):
    f = services.funding_add(
        users["member_xj"], project=project, party=party("XJ"), source="local", planned="100.00"
    )
    services.funding_record_spending(users["member_xj"], funding=f, spent="80")
    with pytest.raises(ValidationError) as exc:
        services.funding_record_spending(users["member_xj"], funding=f, spent="120")
    assert "spent" in exc.value.message_dict
    f.refresh_from_db()
    assert f.spent == Decimal("80.00")
    # Members may not raise the plan; the party officer may, with a reason.
    with pytest.raises(PermissionDenied):
        services.funding_adjust(users["member_xj"], funding=f, planned="150", reason="扩大试验")
    with pytest.raises(ValidationError):
        services.funding_adjust(users["officer_xj"], funding=f, planned="150", reason=" ")
    adj = services.funding_adjust(users["officer_xj"], funding=f, planned="150", reason="扩大试验规模")
    assert (adj.previous_planned, adj.new_planned, adj.actor) == (
        Decimal("100.00"),
        Decimal("150.00"),
        users["officer_xj"],
    )
    services.funding_record_spending(users["member_xj"], funding=f, spent="120")
    f.refresh_from_db()
    assert (f.planned, f.spent) == (Decimal("150.00"), Decimal("120.00"))
    assert f.history.count() == 4
    with pytest.raises(ValidationError):
        services.funding_adjust(users["officer_xj"], funding=f, planned="100", reason="压缩")  # below spent


@pytest.mark.parametrize("bad", ["-1", "abc", "", "NaN", None, True])
def test_bad_amounts_are_refused(project, users, bad):
    with pytest.raises(ValidationError) as exc:
        services.funding_add(
            users["member_xj"], project=project, party=party("XJ"), source="local", planned=bad
        )
    assert "planned" in exc.value.message_dict
    assert Funding.objects.count() == 0


def test_db_refuses_spending_over_plan(project):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Funding.objects.create(project=project, party=party("XJ"), source="local", planned=1, spent=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Funding.objects.create(project=project, party=party("XJ"), source="social", planned=-1, spent=0)


def test_partner_member_may_not_add_funding(project, users):
    with pytest.raises(PermissionDenied):
        services.funding_add(
            users["member_cas"], project=project, party=party("CAS"), source="central", planned="1"
        )


# Milestones -----------------------------------------------------------------------------------


def test_milestone_outside_dates_refused(project, users):
    with pytest.raises(ValidationError) as exc:
        services.milestone_create(
            users["member_xj"], project=project, title="过早", due_date=dt.date(2024, 12, 31)
        )
    assert "due_date" in exc.value.message_dict
    assert Milestone.objects.count() == 0


def test_project_dates_may_not_leave_milestones_outside(project, users):
    services.milestone_create(
        users["member_xj"], project=project, title="中期", due_date=dt.date(2026, 6, 30)
    )
    with pytest.raises(ValidationError):
        services.project_update(users["member_xj"], project=project, end_date=dt.date(2026, 1, 1))


def test_overdue_milestones(project, users, org_xj):
    services.milestone_create(users["member_xj"], project=project, title="样机", due_date=dt.date(2025, 3, 1))
    done = services.milestone_create(
        users["member_xj"],
        project=project,
        title="方案",
        due_date=dt.date(2025, 2, 1),
        completed_on=dt.date(2025, 2, 1),
    )
    today = dt.date(2025, 6, 1)
    # Not yet approved: nothing runs, nothing is overdue.
    assert not selectors.milestones_overdue_for_organisation(org_xj, today=today).exists()
    services.project_transition(users["officer_xj"], project=project, to=Status.APPROVED)
    overdue = list(selectors.milestones_overdue_for_organisation(org_xj, today=today))
    assert [m.title for m in overdue] == ["样机"]
    assert done not in overdue
    assert selectors.overdue_counts_by_party(today=today) == [{"party": "XJ", "n": 1}]
    assert list(selectors.project_list(user=users["viewer"], overdue=True, today=today)) == [project]


# From a match ----------------------------------------------------------------------------------


def test_project_from_match(users, org_xj, org_cas, programme):
    demand = DemandFactory(organisation=org_xj, party=org_xj.party, status=ListingStatus.NEGOTIATING)
    offering = OfferingFactory(organisation=org_cas, party=org_cas.party)
    p = services.project_create_from_match(
        users["member_xj"],
        demand=demand,
        offering=offering,
        stage=Stage.DEMONSTRATION,
        programme=programme,
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 12, 31),
    )
    assert p.lead == org_xj and list(p.partners.all()) == [org_cas]
    assert (p.demand, p.offering, p.title) == (demand, offering, demand.title)


def test_project_from_match_needs_negotiation(users, org_xj, org_cas, programme):
    demand = DemandFactory(organisation=org_xj, party=org_xj.party, status=ListingStatus.PUBLISHED)
    offering = OfferingFactory(organisation=org_cas, party=org_cas.party)
    with pytest.raises(ValidationError) as exc:
        services.project_create_from_match(
            users["member_xj"],
            demand=demand,
            offering=offering,
            stage=Stage.DEMONSTRATION,
            programme=programme,
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2025, 12, 31),
        )
    assert "demand" in exc.value.message_dict


def test_project_from_match_needs_visibility(users, org_xj, org_cas, programme):
    demand = DemandFactory(organisation=org_xj, party=org_xj.party, status=ListingStatus.NEGOTIATING)
    offering = OfferingFactory(organisation=org_cas, party=org_cas.party, status=ListingStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        services.project_create_from_match(
            users["member_xj"],
            demand=demand,
            offering=offering,
            stage=Stage.DEMONSTRATION,
            programme=programme,
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2025, 12, 31),
        )


# Outcomes and contracts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "2017200012851",
        "201720001285.X",
        "ZL201720001285.X",
        "CN105123456A",
        "CN209876543U",
        "zl 201720001285.x",
    ],
)
def test_patent_numbers_accepted(number):
    validate_patent_number(number.replace(" ", "").upper())


@pytest.mark.parametrize("number", ["12345", "CN12A", "ZL2017.X", "US1234567B2", "201720001285.XX"])
def test_patent_numbers_refused(number):
    with pytest.raises(ValidationError):
        validate_patent_number(number)


def test_outcome_patent_number_checked(project, users):
    with pytest.raises(ValidationError) as exc:
        services.outcome_create(
            users["member_xj"],
            project=project,
            kind=OutcomeKind.PATENT,
            title="采棉头",
            number="12-34",
            achieved_on=dt.date(2025, 5, 1),
        )
    assert "number" in exc.value.message_dict
    o = services.outcome_create(
        users["member_xj"],
        project=project,
        kind=OutcomeKind.PATENT,
        title="采棉头",
        number="zl201720001285.x",
        achieved_on=dt.date(2025, 5, 1),
    )
    assert o.number == "ZL201720001285.X"


def test_totals_roll_up(project, users, org_xj, org_sz):
    services.project_transition(users["officer_xj"], project=project, to=Status.APPROVED)
    services.outcome_create(
        users["member_xj"],
        project=project,
        kind=OutcomeKind.PAPER,
        title="论文",
        achieved_on=dt.date(2025, 5, 1),
    )
    services.outcome_create(
        users["member_xj"],
        project=project,
        kind=OutcomeKind.TALENTS,
        title="培养",
        quantity=12,
        achieved_on=dt.date(2026, 5, 1),
    )
    by_year = selectors.outcome_totals(user=users["viewer"], by="year")
    assert {(r["key"], r["kind"], r["n"], r["quantity"]) for r in by_year} == {
        (2025, "paper", 1, 1),
        (2026, "talents", 1, 12),
    }
    by_party = selectors.outcome_totals(user=users["viewer"], by="party")
    assert {r["key"] for r in by_party} == {"XJ"}
    services.contract_create(
        users["admin"],
        title="转让",
        transferor=org_sz,
        transferee=org_xj,
        form="transfer",
        value="300.5",
        signed_on=dt.date(2025, 8, 1),
    )
    services.contract_create(
        users["admin"],
        title="许可",
        project=project,
        transferor=org_sz,
        transferee=org_xj,
        form="licence",
        value="100",
        signed_on=dt.date(2026, 8, 1),
    )
    rows = selectors.contract_totals(user=users["admin"], by="party")
    assert rows == [{"key": "XJ", "label": "XJ", "n": 2, "value": Decimal("400.50")}]
    rows = selectors.contract_totals(user=users["admin"], by="year")
    assert [(r["key"], r["n"]) for r in rows] == [(2025, 1), (2026, 1)]


def test_contract_bad_input(users, org_xj, org_sz):
    with pytest.raises(ValidationError):
        services.contract_create(
            users["admin"],
            title="x",
            transferor=org_sz,
            transferee=org_xj,
            form="transfer",
            value="-3",
            signed_on=dt.date(2025, 1, 1),
        )
    with pytest.raises(ValidationError):
        services.contract_create(
            users["admin"],
            title="x",
            transferor=org_sz,
            transferee=org_sz,
            form="transfer",
            value="3",
            signed_on=dt.date(2025, 1, 1),
        )
    with pytest.raises(PermissionDenied):
        services.contract_create(
            users["member_cas"],
            title="x",
            transferor=org_sz,
            transferee=org_xj,
            form="transfer",
            value="3",
            signed_on=dt.date(2025, 1, 1),
        )


# Visibility ----------------------------------------------------------------------------------


VISIBLE_APPLIED = {
    "admin": True,
    "officer_xj": True,
    "officer_cas": True,
    "member_xj": True,
    "member_cas": True,
    "viewer": False,
    "outsider": False,
}


@pytest.mark.parametrize("role", ROLES)
def test_visibility_of_applied_and_approved(project, users, role):
    seen = selectors.project_list(user=users[role]).filter(pk=project.pk).exists()
    assert seen == VISIBLE_APPLIED[role]
    services.project_transition(users["officer_xj"], project=project, to=Status.APPROVED)
    assert selectors.project_list(user=users[role]).filter(pk=project.pk).exists()


def test_outsider_officer_not_involved_cannot_see_applied(project):
    from sifang.accounts.models import Role
    from sifang.core.testing import UserFactory

    officer_sz = UserFactory(role=Role.OFFICER, party=party("SZ"))
    assert not selectors.project_list(user=officer_sz).filter(pk=project.pk).exists()
    assert Outcome.objects.count() == 0
    assert FundingAdjustment.objects.count() == 0
    assert OrganisationFactory  # imported for other tests


def test_offering_side_may_create_from_match_but_not_a_third_party(users, org_xj, org_cas, org_sz, programme):
    from sifang.accounts.models import Role
    from sifang.core.testing import UserFactory

    demand = DemandFactory(organisation=org_xj, party=org_xj.party, status=ListingStatus.NEGOTIATING)
    offering = OfferingFactory(organisation=org_cas, party=org_cas.party)
    kw = {
        "stage": Stage.DEMONSTRATION,
        "programme": programme,
        "start_date": dt.date(2025, 1, 1),
        "end_date": dt.date(2025, 12, 31),
    }
    member_sz = UserFactory(role=Role.MEMBER, organisation=org_sz, party=org_sz.party)
    with pytest.raises(PermissionDenied):
        services.project_create_from_match(member_sz, demand=demand, offering=offering, **kw)
    p = services.project_create_from_match(users["member_cas"], demand=demand, offering=offering, **kw)
    assert p.lead == org_xj
