"""Aggregates for the home page and dashboards. The database aggregates; nothing per-row is
returned, so these counts may be shown to anyone."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from sifang.market.models import VISIBLE_STATUSES, Demand, Offering
from sifang.organisations.models import Organisation
from sifang.people.models import Person
from sifang.taxonomy.models import Cluster, Party
from sifang.taxonomy.selectors import count_by_top_party


def _by_party(model: Any, **filters: Any) -> dict[int, int]:
    return count_by_top_party(model.objects.filter(**filters), "party", key="id")


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
    clusters: list[dict[str, Any]] = [
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


def _year_q(model: Any, year: int | None) -> Any:
    qs = model.objects.filter(status__in=VISIBLE_STATUSES)
    return qs.filter(published_at__year=year) if year else qs


def listing_by_party_status(*, year: int | None = None) -> list[dict[str, Any]]:
    """Demands and offerings per top-level party and status (units folded into their party)."""
    parties = {p.id: p for p in Party.objects.all()}
    table: dict[int, dict[str, Any]] = {}
    for model, key in ((Demand, "demands"), (Offering, "offerings")):
        qs = model.objects.all()
        if year:
            qs = qs.filter(published_at__year=year)
        for row in qs.values("party_id", "status").annotate(n=Count("id")):
            party = parties[row["party_id"]]
            top = party.parent_id or party.id
            entry = table.setdefault(top, {"party": parties[top], "demands": {}, "offerings": {}})
            entry[key][row["status"]] = entry[key].get(row["status"], 0) + row["n"]
    return [table[k] for k in sorted(table, key=lambda i: parties[i].order)]


def listing_by_cluster(*, year: int | None = None, current: bool = False) -> list[dict[str, Any]]:
    """Counts per cluster tag; with ``current`` old tags (八大) are reported under today's list (十大)."""
    import datetime as dt

    from sifang.taxonomy.selectors import cluster_current

    counts: dict[int, dict[str, int]] = {}
    for model, key in ((Demand, "demands"), (Offering, "offerings")):
        for cid, n in (
            _year_q(model, year).values_list("clusters").annotate(n=Count("id")).values_list("clusters", "n")
        ):
            if cid is None:
                continue
            counts.setdefault(cid, {"demands": 0, "offerings": 0})[key] += n
    clusters = {c.id: c for c in Cluster.objects.select_related("scheme").filter(id__in=counts)}
    if current:
        mapped: dict[int, dict[str, int]] = {}
        today = dt.date.today()
        for cid, c in counts.items():
            targets = cluster_current(clusters[cid], on=today) or [clusters[cid]]
            for t in targets:
                clusters.setdefault(t.id, t)
                slot = mapped.setdefault(t.id, {"demands": 0, "offerings": 0})
                slot["demands"] += c["demands"]
                slot["offerings"] += c["offerings"]
        counts = mapped
    rows: list[dict[str, Any]] = [{"cluster": clusters[cid], **c} for cid, c in counts.items()]
    rows.sort(key=lambda r: (r["cluster"].scheme.code, -(r["demands"] + r["offerings"])))
    return rows


def listing_by_region(*, year: int | None = None) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for model, key in ((Demand, "demands"), (Offering, "offerings")):
        for name, kind, n in (
            _year_q(model, year)
            .values_list("region__name", "region__kind")
            .annotate(n=Count("id"))
            .values_list("region__name", "region__kind", "n")
        ):
            slot = rows.setdefault(
                name or "—", {"region": name or "—", "kind": kind or "", "demands": 0, "offerings": 0}
            )
            slot[key] += n
    return sorted(rows.values(), key=lambda r: -(r["demands"] + r["offerings"]))


def listing_by_year() -> list[dict[str, Any]]:
    from django.db.models.functions import ExtractYear

    rows: dict[int, dict[str, Any]] = {}
    for model, key in ((Demand, "demands"), (Offering, "offerings")):
        qs = model.objects.filter(published_at__isnull=False).annotate(y=ExtractYear("published_at"))
        for y, n in qs.values_list("y").annotate(n=Count("id")).values_list("y", "n"):
            rows.setdefault(y, {"year": y, "demands": 0, "offerings": 0})[key] += n
    return [rows[y] for y in sorted(rows)]


def cooperation_by_party(*, user: Any) -> list[dict[str, Any]]:
    """Per top-level party: transfer contracts (count, value), project outcomes, talent exchanges
    received, instrument hours and sharing, overdue milestones — each read through its app's
    selectors, so the user's visibility applies."""
    from sifang.instruments.selectors import sharing_metrics
    from sifang.projects.selectors import contract_totals, outcome_totals, overdue_counts_by_party
    from sifang.talent.selectors import exchange_counts

    parties = list(Party.objects.filter(parent__isnull=True, is_active=True))
    rows: dict[str, dict[str, Any]] = {
        p.code: {
            "party": p,
            "contracts": 0,
            "contract_value": 0,
            "outcomes": 0,
            "exchanges": 0,
            "effective_hours": 0,
            "external_hours": 0,
            "overdue": 0,
        }
        for p in parties
    }
    by_id = {
        p.id: p.parent.code if p.parent is not None else p.code
        for p in Party.objects.select_related("parent")
    }

    def slot(code: Any) -> dict[str, Any] | None:
        return rows.get(str(code)) if code is not None else None

    for r in contract_totals(user=user, by="party"):
        if (s := slot(r["key"])) is not None:
            s["contracts"] += r["n"]
            s["contract_value"] += r["value"] or 0
    for r in outcome_totals(user=user, by="party"):
        if (s := slot(r["key"])) is not None:
            s["outcomes"] += r["n"]
    for r in exchange_counts(user=user, by="party"):
        if (s := slot(r["key"])) is not None:
            s["exchanges"] += r["n"]
    for r in sharing_metrics(user=user, by="party"):
        code = by_id.get(r["key"], r["key"]) if isinstance(r["key"], int) else r["key"]
        if (s := slot(code)) is not None:
            s["effective_hours"] += r["effective_hours"]
            s["external_hours"] += r["external_hours"]
    for r in overdue_counts_by_party(user=user):
        if (s := slot(r["party"])) is not None:
            s["overdue"] += r["n"]
    out = [rows[p.code] for p in parties]
    for r in out:
        r["share_rate"] = (
            round(100 * r["external_hours"] / r["effective_hours"]) if r["effective_hours"] else 0
        )
    return out
