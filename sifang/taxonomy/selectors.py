"""Reads of the taxonomy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce

from .models import Cluster, ClusterScheme, Field, Party, Region


def party_list(*, top_level_only: bool = False) -> QuerySet[Party]:
    qs = Party.objects.filter(is_active=True).select_related("parent")
    return qs.filter(parent__isnull=True) if top_level_only else qs


def cluster_list(*, on: dt.date | None = None) -> QuerySet[Cluster]:
    """Clusters of the lists valid on ``on`` (all lists when None)."""
    qs = Cluster.objects.select_related("scheme")
    if on is None:
        return qs
    schemes = ClusterScheme.objects.filter(
        Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )
    return qs.filter(scheme__in=schemes).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )


def cluster_current(cluster: Cluster, *, on: dt.date | None = None) -> list[Cluster]:
    """The clusters of the list valid on ``on`` that an (older) tag reports under."""
    on = on or dt.date.today()
    if cluster.scheme.is_valid_on(on):
        return [cluster]
    return [c for c in cluster.maps_to.select_related("scheme") if c.scheme.is_valid_on(on)]


def field_list() -> QuerySet[Field]:
    return Field.objects.all()


def region_list() -> QuerySet[Region]:
    return Region.objects.all()


def count_by_top_party(qs: QuerySet[Any], path: str, *, key: str = "code") -> dict[Any, int]:
    """Rows of ``qs`` counted by the top-level party of the party at ``path`` (``"party"``,
    ``"project__lead__party"``…): a unit such as 新疆生产建设兵团 (XJ-BT) counts for its party (XJ).
    ``key`` is ``"code"`` or ``"id"`` of that party. One grouped query."""
    top = Coalesce(f"{path}__parent__{key}", f"{path}__{key}")
    rows = qs.annotate(top_party=top).values("top_party").annotate(n=Count("pk", distinct=True)).order_by()
    return {r["top_party"]: r["n"] for r in rows}
