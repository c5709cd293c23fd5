"""Reads of the taxonomy."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

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
