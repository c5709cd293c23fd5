from __future__ import annotations

from typing import Any

from sifang.accounts.permissions import can_act_for, is_authenticated

from .models import Person


def can_view_person(user: Any, person: Person) -> bool:
    return is_authenticated(user)


def can_change_person(user: Any, person: Person) -> bool:
    return can_act_for(user, organisation_id=person.organisation_id, party=person.organisation.party)


def can_view_personal_data(user: Any, person: Person) -> bool:
    """Phone, e-mail and ID number in clear: the office, the officer of the person's party and
    members of the person's own organisation."""
    return can_change_person(user, person)
