from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sifang.core.text import search_document
from sifang.taxonomy.models import Cluster, Field

from .models import Organisation
from .permissions import can_change_organisation, can_create_organisation

EDITABLE = {"name", "kind", "party", "region", "address", "credit_code", "description", "website"}


def _set_tags(org: Organisation, clusters: Iterable[Any] | None, fields: Iterable[Any] | None) -> None:
    for attr, model, values in (("clusters", Cluster, clusters), ("fields", Field, fields)):
        if values is None:
            continue
        ids = [v.pk if hasattr(v, "pk") else int(v) for v in values]
        found = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
        if len(found) != len(set(ids)):
            raise ValidationError({attr: _("Unknown value in %(f)s.") % {"f": attr}})
        getattr(org, attr).set(ids)


def _check_unique(org: Organisation) -> None:
    if (
        org.credit_code
        and Organisation.objects.filter(credit_code=org.credit_code).exclude(pk=org.pk).exists()
    ):
        raise ValidationError({"credit_code": _("An organisation with this credit code already exists.")})


@transaction.atomic
def organisation_create(
    actor: Any, *, clusters: Iterable[Any] | None = None, fields: Iterable[Any] | None = None, **data: Any
) -> Organisation:
    unknown = set(data) - EDITABLE
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    org = Organisation(**data)
    if not can_create_organisation(actor, party=org.party if org.party_id else None):
        raise PermissionDenied(_("You may not add organisations to this party."))
    org.clean()
    _check_unique(org)
    org.search_tokens = search_document(org.name, org.description, org.address)
    org.full_clean()
    org.save()
    _set_tags(org, clusters, fields)
    return org


@transaction.atomic
def organisation_update(
    org: Organisation,
    actor: Any,
    *,
    clusters: Iterable[Any] | None = None,
    fields: Iterable[Any] | None = None,
    **data: Any,
) -> Organisation:
    if not can_change_organisation(actor, org):
        raise PermissionDenied(_("You may not change this organisation."))
    unknown = set(data) - EDITABLE
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for key, value in data.items():
        setattr(org, key, value)
    if "party" in data and not can_change_organisation(actor, org):
        raise PermissionDenied(_("You may not move this organisation to another party."))
    org.clean()
    _check_unique(org)
    org.search_tokens = search_document(org.name, org.description, org.address)
    org.full_clean()
    org.save()
    _set_tags(org, clusters, fields)
    return org
