"""Changes to talent exchanges. Keyword-only, actor first, atomic; history by simple_history.

One person cannot be in two exchanges that overlap in time: the check runs under a row lock on
the person (``select_for_update``), so two concurrent requests cannot both pass it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sifang.core.errors import Conflict
from sifang.core.history import set_change_reason
from sifang.core.text import search_document
from sifang.people.models import Person

from .models import Exchange
from .permissions import can_change_exchange, can_create_exchange

EDITABLE = {
    "kind",
    "person",
    "from_organisation",
    "to_organisation",
    "start_date",
    "end_date",
    "programme",
    "results",
}


def _refresh_search(obj: Exchange) -> None:
    obj.search_tokens = search_document(
        obj.person.name if obj.person_id else "",
        obj.from_organisation.name if obj.from_organisation_id else "",
        obj.to_organisation.name if obj.to_organisation_id else "",
        obj.get_kind_display() if obj.kind else "",
        obj.results,
    )


def _check_overlap(obj: Exchange) -> None:
    """Lock the person, then refuse if another exchange of the same person overlaps ``obj``."""
    Person.objects.select_for_update().filter(pk=obj.person_id).first()
    clash = (
        Exchange.objects.filter(
            person=obj.person_id, start_date__lte=obj.end_date, end_date__gte=obj.start_date
        )
        .exclude(pk=obj.pk)
        .order_by("start_date")
        .first()
    )
    if clash is not None:
        raise Conflict(
            _("%(person)s is already in an exchange from %(start)s to %(end)s that overlaps these dates.")
            % {"person": obj.person.name, "start": clash.start_date, "end": clash.end_date},
            detail={"conflicting_exchange": clash.pk},
        )


def _save(obj: Exchange) -> Exchange:
    obj.full_clean(exclude=["search_tokens"])
    _check_overlap(obj)
    _refresh_search(obj)
    obj.save()
    return obj


@transaction.atomic
def exchange_create(actor: Any, **data: Any) -> Exchange:
    if not can_create_exchange(actor):
        raise PermissionDenied(_("You may not record talent exchanges."))
    unknown = set(data) - EDITABLE
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    obj = Exchange(created_by=actor, **data)
    if obj.from_organisation_id and obj.to_organisation_id and not can_change_exchange(actor, obj):
        raise PermissionDenied(_("You may only record exchanges from or to your own organisation or party."))
    set_change_reason(obj, "create")
    return _save(obj)


@transaction.atomic
def exchange_update(actor: Any, *, exchange: Exchange, **data: Any) -> Exchange:
    obj = Exchange.objects.select_for_update().get(pk=exchange.pk)
    if not can_change_exchange(actor, obj):
        raise PermissionDenied(_("You may only change exchanges from or to your own organisation or party."))
    unknown = set(data) - EDITABLE
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for key, value in data.items():
        setattr(obj, key, value)
    if not can_change_exchange(actor, obj):
        raise PermissionDenied(_("You may only record exchanges from or to your own organisation or party."))
    return _save(obj)


@transaction.atomic
def exchange_delete(actor: Any, *, exchange: Exchange) -> None:
    obj = Exchange.objects.select_for_update().get(pk=exchange.pk)
    if not can_change_exchange(actor, obj):
        raise PermissionDenied(_("You may only change exchanges from or to your own organisation or party."))
    obj.delete()
