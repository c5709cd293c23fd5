from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sifang.core.text import search_document
from sifang.taxonomy.models import Field

from .models import Person
from .permissions import can_change_person

EDITABLE = {"name", "kind", "organisation", "title", "expertise", "phone", "email", "id_number"}


def _set_fields(person: Person, fields: Iterable[Any] | None) -> None:
    if fields is None:
        return
    ids = [f.pk if hasattr(f, "pk") else int(f) for f in fields]
    if Field.objects.filter(pk__in=ids).count() != len(set(ids)):
        raise ValidationError({"fields": _("Unknown technology field.")})
    person.fields.set(ids)


def _index(person: Person) -> None:
    person.search_tokens = search_document(
        person.name, person.title, person.expertise, person.organisation.name
    )


@transaction.atomic
def person_create(actor: Any, *, fields: Iterable[Any] | None = None, **data: Any) -> Person:
    unknown = set(data) - EDITABLE
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    person = Person(**data)
    if not person.organisation_id or not can_change_person(actor, person):
        raise PermissionDenied(_("You may only add people to your own organisation."))
    _index(person)
    person.full_clean()
    person.save()
    _set_fields(person, fields)
    return person


@transaction.atomic
def person_update(person: Person, actor: Any, *, fields: Iterable[Any] | None = None, **data: Any) -> Person:
    if not can_change_person(actor, person):
        raise PermissionDenied(_("You may not change this person."))
    unknown = set(data) - EDITABLE
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for key, value in data.items():
        setattr(person, key, value)
    if not can_change_person(actor, person):
        raise PermissionDenied(_("You may only move people within your own scope."))
    _index(person)
    person.full_clean()
    person.save()
    _set_fields(person, fields)
    return person
