"""Who may see and change talent exchanges.

Visibility: the office and every signed-in user of the mechanism (a user with a party) see all
exchanges — personal data of the person stays masked unless ``people`` allows it
(``sifang.people.selectors.person_contact``). Users without a party see none. Changes: the office,
the officer of the sending or receiving organisation's party, members of either organisation."""

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

from .models import Exchange


def visible_q(user: Any) -> Q:
    if not is_authenticated(user):
        return Q(pk__in=[])
    if is_office(user) or user.party_id:
        return Q()
    if is_member(user):
        return Q(from_organisation=user.organisation_id) | Q(to_organisation=user.organisation_id)
    return Q(pk__in=[])


def changeable_q(user: Any) -> Q:
    if is_office(user):
        return Q()
    if is_officer(user):
        return party_scope_q(user, "from_organisation__party") | party_scope_q(user, "to_organisation__party")
    if is_member(user):
        return Q(from_organisation=user.organisation_id) | Q(to_organisation=user.organisation_id)
    return Q(pk__in=[])


def can_create_exchange(user: Any) -> bool:
    return is_authenticated(user) and (is_office(user) or is_officer(user) or is_member(user))


def can_change_exchange(user: Any, exchange: Exchange) -> bool:
    for org in (exchange.from_organisation, exchange.to_organisation):
        if org is not None and can_act_for(user, organisation_id=org.pk, party=org.party):
            return True
    return False


def can_view_exchange(user: Any, exchange: Exchange) -> bool:
    if not is_authenticated(user):
        return False
    return is_office(user) or bool(user.party_id) or can_change_exchange(user, exchange)
