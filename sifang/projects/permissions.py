"""Who may see and change joint projects, their funding, milestones, outcomes and contracts.

Visibility (enforced in the selectors' querysets):
  * the office (admin) sees every project;
  * members of the lead or of a partner organisation see it;
  * officers of an involved party see it — a party is involved when it (or one of its units) is
    the lead's or a partner's party, or has a funding line on the project;
  * every signed-in user sees it once it has been approved (立项): statuses 立项, 执行中, 验收,
    结题, and 终止 when the project had been approved before it was terminated.
Anonymous users see nothing.

Changes (edit the project, add funding lines, milestones, outcomes, evidence): members of the
lead organisation, officers of an involved party, the office. Partner members only read.

Workflow moves:
  * 申报 → 立项 and 立项 → 执行中: an officer of a funding party — a party with planned funding on
    the project, or the lead's party (officers act for their party's units too);
  * 执行中 → 验收: members of the lead organisation;
  * 验收 → 结题: the office;
  * any open status → 终止: the office.
The office does not approve on a party's behalf.

Technology-transfer contracts: a contract of a project is visible with the project; a contract
without a project is visible to the office, members of the transferor or transferee, officers of
their parties, and to every user of the mechanism (with a party). Changes: the office, officers of
the transferor's or transferee's party, members of either organisation."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from sifang.accounts.permissions import (
    can_act_for,
    is_authenticated,
    is_member,
    is_office,
    is_officer,
    party_scope_q,
)

from .models import APPROVED_STATUSES, Project, Status, TransferContract


def _party_in_scope(user: Any, party: Any) -> bool:
    return party is not None and (party.id == user.party_id or party.parent_id == user.party_id)


def involved_q(user: Any, prefix: str = "") -> Q:
    """Projects whose parties involve the officer ``user``."""
    return (
        party_scope_q(user, f"{prefix}lead__party")
        | Q(
            **{f"{prefix}pk__in": Project.objects.filter(party_scope_q(user, "partners__party")).values("pk")}
        )
        | Q(
            **{f"{prefix}pk__in": Project.objects.filter(party_scope_q(user, "fundings__party")).values("pk")}
        )
    )


def visible_q(user: Any, prefix: str = "") -> Q:
    if not is_authenticated(user):
        return Q(pk__in=[])
    if is_office(user):
        return Q()
    shown = Q(**{f"{prefix}status__in": APPROVED_STATUSES}) | Q(
        **{f"{prefix}status": Status.TERMINATED, f"{prefix}approved_at__isnull": False}
    )
    if is_officer(user):
        shown |= involved_q(user, prefix)
    if is_member(user):
        shown |= Q(**{f"{prefix}lead": user.organisation_id}) | Q(
            **{f"{prefix}pk__in": Project.objects.filter(partners=user.organisation_id).values("pk")}
        )
    return shown


def changeable_q(user: Any) -> Q:
    if is_office(user):
        return Q()
    if is_officer(user):
        return involved_q(user)
    if is_member(user):
        return Q(lead=user.organisation_id)
    return Q(pk__in=[])


def involved_parties(project: Project) -> list[Any]:
    parties = [project.lead.party]
    if project.pk:
        parties += [o.party for o in project.partners.select_related("party")]
        parties += [f.party for f in project.fundings.select_related("party")]
    return parties


def funding_parties(project: Project) -> list[Any]:
    """The lead's party and every party with planned funding on the project."""
    parties = [project.lead.party]
    if project.pk:
        parties += [f.party for f in project.fundings.filter(planned__gt=0).select_related("party")]
    return parties


def can_view_project(user: Any, project: Project) -> bool:
    if not is_authenticated(user):
        return False
    if is_office(user) or project.status in APPROVED_STATUSES:
        return True
    if project.status == Status.TERMINATED and project.approved_at is not None:
        return True
    if is_officer(user):
        return any(_party_in_scope(user, p) for p in involved_parties(project))
    if is_member(user):
        return (
            project.lead_id == user.organisation_id
            or project.partners.filter(pk=user.organisation_id).exists()
        )
    return False


def can_create_project(user: Any, *, lead: Any) -> bool:
    """The lead's members, the officer of the lead's party, the office."""
    return can_act_for(user, organisation_id=lead.pk, party=lead.party)


def can_change_project(user: Any, project: Project) -> bool:
    if is_office(user):
        return True
    if is_officer(user):
        return any(_party_in_scope(user, p) for p in involved_parties(project))
    if is_member(user):
        return project.lead_id == user.organisation_id
    return False


def can_transition_project(user: Any, project: Project, to: str) -> bool:
    """May ``user`` move ``project`` to ``to`` (ignoring whether the workflow allows it now)?"""
    if not is_authenticated(user):
        return False
    if to in (Status.APPROVED, Status.IN_PROGRESS):
        return is_officer(user) and any(_party_in_scope(user, p) for p in funding_parties(project))
    if to == Status.ACCEPTANCE:
        return is_member(user) and project.lead_id == user.organisation_id
    if to in (Status.COMPLETED, Status.TERMINATED):
        return is_office(user)
    return False


def can_adjust_funding(user: Any, funding: Any) -> bool:
    """Raise or lower a plan: the office or an officer of the funding line's party."""
    return is_office(user) or (is_officer(user) and _party_in_scope(user, funding.party))


# Technology-transfer contracts ------------------------------------------------------------


def contract_visible_q(user: Any) -> Q:
    if not is_authenticated(user):
        return Q(pk__in=[])
    if is_office(user):
        return Q()
    with_project = Q(project__isnull=False) & visible_q(user, "project__")
    without = Q(project__isnull=True)
    if not user.party_id:
        without &= contract_changeable_q(user)
    return with_project | without


def contract_changeable_q(user: Any) -> Q:
    if is_office(user):
        return Q()
    if is_officer(user):
        return party_scope_q(user, "transferor__party") | party_scope_q(user, "transferee__party")
    if is_member(user):
        return Q(transferor=user.organisation_id) | Q(transferee=user.organisation_id)
    return Q(pk__in=[])


def can_create_contract(user: Any) -> bool:
    return is_authenticated(user) and (is_office(user) or is_officer(user) or is_member(user))


def can_change_contract(user: Any, contract: TransferContract) -> bool:
    for org in (contract.transferor, contract.transferee):
        if org is not None and can_act_for(user, organisation_id=org.pk, party=org.party):
            return True
    return False
