"""Aggregates for the home page and dashboards. The database aggregates; nothing per-row is
returned, so these counts may be shown to anyone."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from sifang.market.models import VISIBLE_STATUSES, Demand, Offering
from sifang.organisations.models import Organisation
from sifang.people.models import Person
from sifang.taxonomy.models import Cluster, Party


def _by_party(model: Any, **filters: Any) -> dict[int, int]:
    rows = model.objects.filter(**filters).values("party_id", "party__parent_id").annotate(n=Count("id"))
    out: dict[int, int] = {}
    for r in rows:
        top = r["party__parent_id"] or r["party_id"]
        out[top] = out.get(top, 0) + r["n"]
    return out


def home_counts() -> dict[str, Any]:
    parties = list(Party.objects.filter(parent__isnull=True, is_active=True))
    demands = _by_party(Demand, status__in=VISIBLE_STATUSES)
    offerings = _by_party(Offering, status__in=VISIBLE_STATUSES)
    orgs = _by_party(Organisation)
    party_rows = [
        {
            "party": p,
            "demands": demands.get(p.id, 0),
            "offerings": offerings.get(p.id, 0),
            "organisations": orgs.get(p.id, 0),
        }
        for p in parties
    ]
    d_by_cluster = dict(
        Demand.objects.filter(status__in=VISIBLE_STATUSES)
        .values_list("clusters")
        .annotate(n=Count("id"))
        .values_list("clusters", "n")
    )
    o_by_cluster = dict(
        Offering.objects.filter(status__in=VISIBLE_STATUSES)
        .values_list("clusters")
        .annotate(n=Count("id"))
        .values_list("clusters", "n")
    )
    clusters = [
        {"cluster": c, "demands": d_by_cluster.get(c.id, 0), "offerings": o_by_cluster.get(c.id, 0)}
        for c in Cluster.objects.select_related("scheme").filter(id__in=set(d_by_cluster) | set(o_by_cluster))
    ]
    clusters.sort(key=lambda r: -(r["demands"] + r["offerings"]))
    top = max([r["demands"] + r["offerings"] for r in clusters] or [1])
    for r in clusters:
        r["pct"] = round(100 * (r["demands"] + r["offerings"]) / top)
    return {
        "party_rows": party_rows,
        "cluster_rows": clusters[:16],
        "totals": {
            "demands": sum(demands.values()),
            "offerings": sum(offerings.values()),
            "organisations": Organisation.objects.count(),
            "people": Person.objects.count(),
        },
    }
