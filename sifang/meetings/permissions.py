"""Who may see meetings and tasks and who may take each supervision step.

Everyone inside the mechanism (the office and every user with a party) sees meetings, tasks and
the board; people outside see nothing. The owner side of a task — officers of its lead party and
members of its owner organisation — acknowledges, updates and reports; officers of contributing
parties may add progress updates; the liaison office closes, returns reports, decides extensions,
urges and cancels. The office does not act for the owner side (separation of duties)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from sifang.accounts.permissions import is_authenticated, is_member, is_office, is_officer, top_party_id

from .models import Meeting, Task


def in_mechanism(user: Any) -> bool:
    return is_office(user) or (is_authenticated(user) and top_party_id(user) is not None)


def visible_meeting_q(user: Any) -> Q:
    return Q() if in_mechanism(user) else Q(pk__in=[])


def visible_task_q(user: Any) -> Q:
    return Q() if in_mechanism(user) else Q(pk__in=[])


def can_view_meeting(user: Any, meeting: Meeting) -> bool:
    return in_mechanism(user)


def can_create_meeting(user: Any) -> bool:
    return is_office(user) or is_officer(user)


def can_change_meeting(user: Any, meeting: Meeting) -> bool:
    if is_office(user):
        return True
    if not is_officer(user):
        return False
    party = meeting.host_party
    if party is not None and user.party_id in {party.id, party.parent_id}:
        return True
    return meeting.created_by_id == user.id


def can_upload_document(user: Any, meeting: Meeting) -> bool:
    return can_change_meeting(user, meeting)


def can_create_task(user: Any) -> bool:
    return is_office(user)


def _officer_of(user: Any, party: Any) -> bool:
    return is_officer(user) and party is not None and user.party_id in {party.id, party.parent_id}


def is_task_owner(user: Any, task: Task) -> bool:
    """Officers of the lead party (or of the party the lead unit belongs to) and members of the
    owner organisation."""
    if _officer_of(user, task.lead_party):
        return True
    return (
        is_member(user)
        and task.owner_organisation_id is not None
        and task.owner_organisation_id == user.organisation_id
    )


def can_acknowledge_task(user: Any, task: Task) -> bool:
    return is_task_owner(user, task)


def can_update_task(user: Any, task: Task) -> bool:
    if is_task_owner(user, task):
        return True
    return any(_officer_of(user, p) for p in task.contributing_parties.all())


def can_report_task(user: Any, task: Task) -> bool:
    return is_task_owner(user, task)


def can_request_extension(user: Any, task: Task) -> bool:
    return is_task_owner(user, task)


def can_split_task(user: Any, task: Task) -> bool:
    return is_office(user) or is_task_owner(user, task)


def can_supervise_task(user: Any, task: Task | None = None) -> bool:
    """Close, return, decide extensions, urge, cancel: the liaison office."""
    return is_office(user)


def can_ingest_report(user: Any) -> bool:
    return is_office(user) or is_officer(user)


def visible_draft_q(user: Any) -> Q:
    if is_office(user):
        return Q()
    if is_officer(user):
        return Q(created_by=user.pk)
    return Q(pk__in=[])


def can_export_ledger(user: Any) -> bool:
    return in_mechanism(user)
