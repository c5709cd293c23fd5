from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from sifang.accounts.permissions import is_authenticated
from sifang.core.errors import NotFound
from sifang.core.search import search_q
from sifang.core.validators import mask_email, mask_id_number, mask_phone

from .models import Person
from .permissions import can_view_personal_data


def person_list(
    *,
    user: Any,
    q: str = "",
    party: str | None = None,
    kind: str | None = None,
    field: int | None = None,
    organisation: int | None = None,
) -> QuerySet[Person]:
    if not is_authenticated(user):
        return Person.objects.none()
    qs = Person.objects.select_related(
        "organisation", "organisation__party", "organisation__party__parent"
    ).prefetch_related("fields")
    if q.strip():
        qs = qs.filter(search_q(q))
    if party:
        qs = qs.filter(Q(organisation__party__code=party) | Q(organisation__party__parent__code=party))
    if kind:
        qs = qs.filter(kind=kind)
    if field:
        qs = qs.filter(fields=field).distinct()
    if organisation:
        qs = qs.filter(organisation=organisation)
    return qs


def person_get(*, user: Any, pk: int) -> Person:
    obj = person_list(user=user).filter(pk=pk).first()
    if obj is None:
        raise NotFound(Person._meta.verbose_name)
    return obj


def person_contact(*, user: Any, person: Person) -> dict[str, str]:
    """Contact data as ``user`` may see it: in clear or masked (138****5678)."""
    if can_view_personal_data(user, person):
        return {"phone": person.phone, "email": person.email, "id_number": person.id_number, "masked": ""}
    return {
        "phone": mask_phone(person.phone),
        "email": mask_email(person.email),
        "id_number": mask_id_number(person.id_number),
        "masked": "1",
    }
