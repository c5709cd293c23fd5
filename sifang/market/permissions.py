"""Who may see and change demands and offerings."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from sifang.accounts.permissions import (
    can_act_for,
    is_authenticated,
    is_office,
    owns_scope_q,
    same_top_party_q,
    top_party_id,
)

from .models import VISIBLE_STATUSES, Listing, Visibility


def visible_q(user: Any) -> Q:
    """Listings ``user`` may open: the office sees all; others see what they own (their
    organisation's or, for officers, their party's) plus published records whose visibility
    admits them. Anonymous users see nothing."""
    if not is_authenticated(user):
        return Q(pk__in=[])
    if is_office(user):
        return Q()
    shown = Q(visibility=Visibility.PUBLIC)
    if top_party_id(user) is not None:
        shown |= Q(visibility=Visibility.MECHANISM) | (
            Q(visibility=Visibility.OWN_PARTY) & same_top_party_q(user)
        )
    return owns_scope_q(user) | (Q(status__in=VISIBLE_STATUSES) & shown)


def can_view_listing(user: Any, listing: Listing) -> bool:
    if not is_authenticated(user):
        return False
    if is_office(user) or can_change_listing(user, listing):
        return True
    if listing.status not in VISIBLE_STATUSES:
        return False
    if listing.visibility == Visibility.PUBLIC:
        return True
    top = top_party_id(user)
    if top is None:
        return False
    if listing.visibility == Visibility.MECHANISM:
        return True
    return (listing.party.parent_id or listing.party_id) == top


def can_change_listing(user: Any, listing: Listing) -> bool:
    return can_act_for(user, organisation_id=listing.organisation_id, party=listing.party)


def can_create_listing(user: Any) -> bool:
    return is_authenticated(user) and (is_office(user) or user.role in {"officer", "member"})
