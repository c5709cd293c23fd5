"""Reads of demands and offerings, always limited to what the actor may see."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Q, QuerySet

from sifang.core.errors import NotFound
from sifang.core.search import search_q

from .models import Demand, Offering
from .permissions import visible_q

L = TypeVar("L", Demand, Offering)


def _base(model: type[L], user: Any) -> QuerySet[L]:
    return (
        model.objects.filter(visible_q(user))
        .select_related("organisation", "party", "party__parent", "region", "recommending_unit")
        .prefetch_related("clusters", "fields")
    )


def listing_list(
    model: type[L],
    *,
    user: Any,
    q: str = "",
    party: str | None = None,
    cluster: int | None = None,
    field: int | None = None,
    region: int | None = None,
    status: str | None = None,
    organisation: int | None = None,
    kind: str | None = None,
) -> QuerySet[L]:
    qs = _base(model, user)
    if q.strip():
        qs = qs.filter(search_q(q))
    if party:
        qs = qs.filter(Q(party__code=party) | Q(party__parent__code=party))
    if cluster:
        qs = qs.filter(clusters=cluster)
    if field:
        qs = qs.filter(fields=field)
    if region:
        qs = qs.filter(region=region)
    if status:
        qs = qs.filter(status=status)
    if organisation:
        qs = qs.filter(organisation=organisation)
    if kind and model is Offering:
        qs = qs.filter(**{"kind": kind})
    return qs.distinct() if (cluster or field) else qs


def demand_list(*, user: Any, **filters: Any) -> QuerySet[Demand]:
    return listing_list(Demand, user=user, **filters)


def offering_list(*, user: Any, **filters: Any) -> QuerySet[Offering]:
    return listing_list(Offering, user=user, **filters)


def listing_get(model: type[L], *, user: Any, pk: int) -> L:
    obj = _base(model, user).filter(pk=pk).first()
    if obj is None:
        raise NotFound(model._meta.verbose_name)
    return obj


def demand_get(*, user: Any, pk: int) -> Demand:
    return listing_get(Demand, user=user, pk=pk)


def offering_get(*, user: Any, pk: int) -> Offering:
    return listing_get(Offering, user=user, pk=pk)
