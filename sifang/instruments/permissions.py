"""Who may see, manage, book and approve platforms and instruments.

- Platforms and instruments are open to every signed-in user (they are shared resources).
- A platform (and its instruments) is managed by the office, the officers of the host's party
  and the members of the host organisation.
- Approvers of an instrument: its responsible staff and the office. They, and the managers,
  grant training, book on behalf of users and see the names of all bookers.
- Who may book is the instrument's rule (anyone / parties of the mechanism / host organisation),
  plus a current training record when the instrument requires one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sifang.accounts.permissions import (
    can_act_for,
    is_authenticated,
    is_member,
    is_office,
    is_officer,
    party_scope_q,
    top_party_id,
)

from .models import Booking, Instrument, Platform, TrainingRecord, UserCategory


def can_view_platform(user: Any, platform: Platform | None = None) -> bool:
    return is_authenticated(user)


def can_create_platform(user: Any) -> bool:
    return is_office(user) or is_officer(user) or is_member(user)


def can_manage_platform(user: Any, platform: Platform) -> bool:
    host = platform.host
    return can_act_for(user, organisation_id=host.pk, party=host.party)


def can_manage_instrument(user: Any, instrument: Instrument) -> bool:
    return can_manage_platform(user, instrument.platform)


def is_responsible(user: Any, instrument: Instrument) -> bool:
    if not is_authenticated(user):
        return False
    return instrument.responsible.filter(pk=user.pk).exists()


def can_approve_booking(user: Any, instrument: Instrument) -> bool:
    """The office and the instrument's responsible staff decide on requests."""
    return is_office(user) or is_responsible(user, instrument)


def can_staff_instrument(user: Any, instrument: Instrument) -> bool:
    """Approvers and managers: grant training, book for others, record usage, see bookers."""
    return can_approve_booking(user, instrument) or can_manage_instrument(user, instrument)


def can_see_booker(user: Any, booking: Booking) -> bool:
    if not is_authenticated(user):
        return False
    return booking.user_id == user.pk or can_staff_instrument(user, booking.instrument)


def managed_instruments_q(user: Any, prefix: str = "") -> Q:
    """Instruments ``user`` manages or is responsible for (``prefix`` e.g. "instrument__")."""
    if not is_authenticated(user):
        return Q(pk__in=[])
    if is_office(user):
        return Q()
    q = Q(**{f"{prefix}responsible": user.pk})
    if is_officer(user):
        q |= party_scope_q(user, f"{prefix}platform__host__party")
    if is_member(user):
        q |= Q(**{f"{prefix}platform__host": user.organisation_id})
    return q


def booking_visible_q(user: Any) -> Q:
    """Bookings with details: one's own, and those of instruments one staffs or manages."""
    if not is_authenticated(user):
        return Q(pk__in=[])
    if is_office(user):
        return Q()
    return (
        Q(user=user.pk)
        | Q(created_by=user.pk)
        | Q(instrument__in=Instrument.objects.filter(managed_instruments_q(user)))
    )


def user_category(user: Any, instrument: Instrument) -> str:
    """Fee category of a user for an instrument: host organisation, mechanism party or external."""
    if user.organisation_id and user.organisation_id == instrument.platform.host_id:
        return UserCategory.OWN
    if top_party_id(user) is not None:
        return UserCategory.MECHANISM
    return UserCategory.EXTERNAL


def has_training(user: Any, instrument: Instrument, *, on: dt.date | None = None) -> bool:
    day = on or timezone.localdate()
    return TrainingRecord.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        instrument=instrument,
        user=user,
        revoked_at__isnull=True,
    ).exists()


def booking_refusal(user: Any, instrument: Instrument, *, on: dt.date | None = None) -> str | None:
    """Why ``user`` may not book ``instrument`` (None when they may)."""
    if not is_authenticated(user):
        return _("Sign in to book instruments.")
    audience = instrument.audience
    if audience == Instrument.Audience.MECHANISM and top_party_id(user) is None:
        return _("Only users of the parties of the mechanism may book this instrument.")
    if (
        audience == Instrument.Audience.OWN_ORGANISATION
        and user.organisation_id != instrument.platform.host_id
    ):
        return _("Only users of %(host)s may book this instrument.") % {"host": instrument.platform.host}
    if instrument.requires_training and not has_training(user, instrument, on=on):
        return _("This instrument requires a training record; ask its staff to train and authorise you.")
    return None


def can_book_instrument(user: Any, instrument: Instrument) -> bool:
    return booking_refusal(user, instrument) is None
