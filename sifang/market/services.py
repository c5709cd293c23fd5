"""Changes to demands and offerings: create, update, move along the workflow.

Every function takes the acting user first, checks permission, validates with ``full_clean``,
and runs in one transaction; history is recorded by django-simple-history."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sifang.core.text import search_document
from sifang.organisations.models import Organisation
from sifang.taxonomy.models import Cluster, Field

from . import signals
from .models import TRANSITIONS, Demand, Offering, Status
from .permissions import can_change_listing, can_create_listing

L = TypeVar("L", Demand, Offering)

EDITABLE = {
    "title",
    "description",
    "keywords",
    "recommending_unit",
    "region",
    "cooperation_forms",
    "amount",
    "deadline",
    "visibility",
    "min_trl",
    "kind",
    "trl",
    "maturity",
    "ip_status",
    "patent_numbers",
    "expert",
}


def _refresh_search(obj: Demand | Offering) -> None:
    obj.search_tokens = search_document(obj.title, obj.keywords, obj.description)


def _set_m2m(obj: Demand | Offering, clusters: Iterable[Any] | None, fields: Iterable[Any] | None) -> None:
    if clusters is not None:
        ids = [c.pk if isinstance(c, Cluster) else int(c) for c in clusters]
        found = set(Cluster.objects.filter(pk__in=ids).values_list("pk", flat=True))
        missing = [i for i in ids if i not in found]
        if missing:
            raise ValidationError(
                {"clusters": _("Unknown cluster: %(ids)s") % {"ids": ", ".join(map(str, missing))}}
            )
        obj.clusters.set(ids)
    if fields is not None:
        ids = [f.pk if isinstance(f, Field) else int(f) for f in fields]
        found = set(Field.objects.filter(pk__in=ids).values_list("pk", flat=True))
        missing = [i for i in ids if i not in found]
        if missing:
            raise ValidationError(
                {"fields": _("Unknown field: %(ids)s") % {"ids": ", ".join(map(str, missing))}}
            )
        obj.fields.set(ids)


@transaction.atomic
def listing_create(
    model: type[L],
    actor: Any,
    *,
    organisation: Organisation,
    title: str,
    clusters: Iterable[Any] | None = None,
    fields: Iterable[Any] | None = None,
    **data: Any,
) -> L:
    if not can_create_listing(actor):
        raise PermissionDenied(_("You may not post demands or offerings."))
    obj = model(organisation=organisation, party=organisation.party, title=title, created_by=actor)
    if not can_change_listing(actor, obj):
        raise PermissionDenied(_("You may only post for your own organisation."))
    unknown = set(data) - EDITABLE
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for key, value in data.items():
        setattr(obj, key, value)
    if obj.region_id is None and organisation.region_id:
        obj.region_id = organisation.region_id
    obj.status = Status.DRAFT
    _refresh_search(obj)
    obj.full_clean()
    obj.save()
    _set_m2m(obj, clusters, fields)
    signals.listing_changed.send(sender=model, instance=obj, created=True)
    return obj


@transaction.atomic
def listing_update(
    obj: L,
    actor: Any,
    *,
    clusters: Iterable[Any] | None = None,
    fields: Iterable[Any] | None = None,
    **data: Any,
) -> L:
    if not can_change_listing(actor, obj):
        raise PermissionDenied(_("You may only change records of your own organisation."))
    unknown = set(data) - EDITABLE - {"organisation"}
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if "organisation" in data:
        org = data.pop("organisation")
        if org.pk != obj.organisation_id:
            obj.organisation = org
            obj.party = org.party
            if not can_change_listing(actor, obj):
                raise PermissionDenied(_("You may only post for your own organisation."))
    for key, value in data.items():
        setattr(obj, key, value)
    _refresh_search(obj)
    obj.full_clean()
    obj.save()
    _set_m2m(obj, clusters, fields)
    signals.listing_changed.send(sender=type(obj), instance=obj, created=False)
    return obj


@transaction.atomic
def listing_transition(obj: L, actor: Any, *, to: str) -> L:
    """Move ``obj`` to status ``to`` if the workflow allows it."""
    locked = type(obj).objects.select_for_update().get(pk=obj.pk)
    if not can_change_listing(actor, locked):
        raise PermissionDenied(_("You may only change records of your own organisation."))
    if to not in Status.values:
        raise ValidationError({"status": _("Unknown status: %(s)s") % {"s": to}})
    if to not in TRANSITIONS[locked.status]:
        raise ValidationError(
            {
                "status": _("A record that is “%(from)s” cannot become “%(to)s”.")
                % {"from": Status(locked.status).label, "to": Status(to).label}
            }
        )
    locked.status = to
    if to == Status.PUBLISHED and locked.published_at is None:
        locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at", "updated_at"])
    signals.listing_changed.send(sender=type(locked), instance=locked, created=False)
    obj.status, obj.published_at = locked.status, locked.published_at
    return locked


def demand_create(actor: Any, **kwargs: Any) -> Demand:
    return listing_create(Demand, actor, **kwargs)


def offering_create(actor: Any, **kwargs: Any) -> Offering:
    return listing_create(Offering, actor, **kwargs)


def demand_publish(demand: Demand, actor: Any) -> Demand:
    return listing_transition(demand, actor, to=Status.PUBLISHED)


def offering_publish(offering: Offering, actor: Any) -> Offering:
    return listing_transition(offering, actor, to=Status.PUBLISHED)
