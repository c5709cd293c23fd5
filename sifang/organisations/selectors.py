from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from sifang.accounts.permissions import is_authenticated
from sifang.core.errors import NotFound
from sifang.core.search import search_q

from .models import Organisation


def organisation_list(
    *,
    user: Any,
    q: str = "",
    party: str | None = None,
    kind: str | None = None,
    cluster: int | None = None,
    region: int | None = None,
    field: int | None = None,
) -> QuerySet[Organisation]:
    if not is_authenticated(user):
        return Organisation.objects.none()
    qs = Organisation.objects.select_related("party", "party__parent", "region").prefetch_related(
        "clusters", "fields"
    )
    if q.strip():
        qs = qs.filter(search_q(q))
    if party:
        qs = qs.filter(Q(party__code=party) | Q(party__parent__code=party))
    if kind:
        qs = qs.filter(kind=kind)
    if cluster:
        qs = qs.filter(clusters=cluster).distinct()
    if field:
        qs = qs.filter(fields=field).distinct()
    if region:
        qs = qs.filter(region=region)
    return qs


def organisation_get(*, user: Any, pk: int) -> Organisation:
    obj = organisation_list(user=user).filter(pk=pk).first()
    if obj is None:
        raise NotFound(Organisation._meta.verbose_name)
    return obj
