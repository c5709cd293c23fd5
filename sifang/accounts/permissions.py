"""Role predicates shared by every app: who is the office, which parties and organisations a user
acts for. Apps build their own ``can_<verb>_<entity>`` on these and their selectors use the
``*_scope_q`` helpers so that permissions are enforced in queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from .models import Role


def is_authenticated(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def is_office(user: Any) -> bool:
    return is_authenticated(user) and (user.role == Role.ADMIN or user.is_superuser)


def is_officer(user: Any) -> bool:
    return is_authenticated(user) and user.role == Role.OFFICER and user.party_id is not None


def is_member(user: Any) -> bool:
    return is_authenticated(user) and user.role == Role.MEMBER and user.organisation_id is not None


def top_party_id(user: Any) -> int | None:
    if not is_authenticated(user) or not user.party_id:
        return None
    return user.party.parent_id or user.party_id


def party_scope_q(user: Any, field: str = "party") -> Q:
    """Rows whose ``field`` (a Party FK) is the officer's party or one of its units."""
    return Q(**{field: user.party_id}) | Q(**{f"{field}__parent": user.party_id})


def same_top_party_q(user: Any, field: str = "party") -> Q:
    """Rows whose party belongs to the same top-level party as the user."""
    top = top_party_id(user)
    if top is None:
        return Q(pk__in=[])
    return Q(**{field: top}) | Q(**{f"{field}__parent": top})


def owns_scope_q(user: Any, org_field: str = "organisation", party_field: str = "party") -> Q:
    """Rows the user may change: all for the office, the party's for an officer, the
    organisation's for a member, none otherwise."""
    if is_office(user):
        return Q()
    if is_officer(user):
        return party_scope_q(user, party_field)
    if is_member(user):
        return Q(**{org_field: user.organisation_id})
    return Q(pk__in=[])


def can_act_for(user: Any, *, organisation_id: int | None, party: Any) -> bool:
    """May ``user`` change records of this organisation / party?"""
    if is_office(user):
        return True
    if is_officer(user) and party is not None:
        return party.id == user.party_id or party.parent_id == user.party_id
    if is_member(user):
        return organisation_id is not None and organisation_id == user.organisation_id
    return False
