from __future__ import annotations

from typing import Any

from sifang.accounts.permissions import can_act_for, is_authenticated, is_office, is_officer

from .models import Organisation


def can_view_organisation(user: Any, org: Organisation) -> bool:
    return is_authenticated(user)


def can_change_organisation(user: Any, org: Organisation) -> bool:
    return can_act_for(user, organisation_id=org.pk, party=org.party)


def can_create_organisation(user: Any, *, party: Any) -> bool:
    if is_office(user):
        return True
    return (
        is_officer(user)
        and party is not None
        and (party.id == user.party_id or party.parent_id == user.party_id)
    )
