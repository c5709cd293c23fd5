"""Turn demands, offerings and people into the engine's documents (plain dicts)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet

from sifang.market.models import MATCHABLE_STATUSES, Demand, Offering
from sifang.people.models import Person
from sifang.taxonomy.models import Cluster, Field

BATCH = 1000


def _top_party(party: Any) -> str:
    return party.parent.code if party.parent_id else party.code


def _listing_doc(obj: Demand | Offering, trl: int | None) -> dict[str, Any]:
    clusters = list(obj.clusters.all())
    fields = list(obj.fields.all())
    return {
        "id": str(obj.pk),
        "title": obj.title,
        "text": obj.description,
        "keywords": obj.keywords,
        "cluster": clusters[0].name if clusters else "",
        "field": fields[0].name if fields else "",
        "party": _top_party(obj.party),
        "region": obj.region.name if obj.region_id else "",
        "trl": trl,
        "form": list(obj.cooperation_forms or []),
        "posted": obj.published_at.date().isoformat() if obj.published_at else "",
        "status": "open",
    }


def demand_doc(d: Demand) -> dict[str, Any]:
    return _listing_doc(d, d.min_trl)


def offering_doc(o: Offering) -> dict[str, Any]:
    return _listing_doc(o, o.trl)


def person_doc(p: Person) -> dict[str, Any]:
    fields = [f.name for f in p.fields.all()]
    offerings = [o.title for o in p.offerings.all()]
    return {
        "id": str(p.pk),
        "title": f"{p.name} {p.title} {' '.join(fields)}",
        "text": "。".join([p.expertise, *offerings]),
        "keywords": " ".join(fields),
        "field": fields[0] if fields else "",
        "party": _top_party(p.organisation.party),
        "region": p.organisation.region.name if p.organisation.region_id else "",
        "status": "open",
    }


def _listings(model: type[Demand] | type[Offering]) -> QuerySet[Any]:
    return (
        model.objects.filter(status__in=MATCHABLE_STATUSES)
        .select_related("party", "party__parent", "region")
        .prefetch_related(
            Prefetch("clusters", queryset=Cluster.objects.order_by("id")),
            Prefetch("fields", queryset=Field.objects.order_by("id")),
        )
        .order_by("pk")
    )


def indexable(collection: str) -> QuerySet[Any]:
    if collection == "demands":
        return _listings(Demand)
    if collection == "offerings":
        return _listings(Offering)
    return (
        Person.objects.filter(kind__in=["expert", "talent"])
        .select_related("organisation__party__parent", "organisation__region")
        .prefetch_related(Prefetch("fields", queryset=Field.objects.order_by("id")), "offerings")
        .order_by("pk")
    )


def to_doc(collection: str, obj: Any) -> dict[str, Any]:
    return {"demands": demand_doc, "offerings": offering_doc, "people": person_doc}[collection](obj)


def iter_docs(collection: str, ids: Iterable[int] | None = None) -> Iterator[dict[str, Any]]:
    qs = indexable(collection)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    last = 0
    while True:
        chunk = list(qs.filter(pk__gt=last)[:BATCH])
        if not chunk:
            return
        for obj in chunk:
            yield to_doc(collection, obj)
        last = chunk[-1].pk
