"""Reads of talent exchanges, limited to what the actor may see."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from sifang.core.errors import NotFound
from sifang.core.search import search_q
from sifang.people.selectors import person_contact
from sifang.taxonomy.selectors import count_by_top_party

from .history import history_rows
from .models import Exchange, ExchangeKind
from .permissions import changeable_q, visible_q


def exchange_list(
    *,
    user: Any,
    q: str = "",
    kind: str | None = None,
    party: str | None = None,
    year: int | None = None,
    programme: int | None = None,
    organisation: int | None = None,
    person: int | None = None,
) -> QuerySet[Exchange]:
    qs = Exchange.objects.filter(visible_q(user)).select_related(
        "person",
        "person__organisation",
        "person__organisation__party",
        "from_organisation",
        "from_organisation__party",
        "to_organisation",
        "to_organisation__party",
        "programme",
    )
    if q.strip():
        qs = qs.filter(search_q(q))
    if kind:
        qs = qs.filter(kind=kind)
    if party:
        qs = qs.filter(
            Q(from_organisation__party__code=party)
            | Q(from_organisation__party__parent__code=party)
            | Q(to_organisation__party__code=party)
            | Q(to_organisation__party__parent__code=party)
        )
    if year:
        qs = qs.filter(start_date__lte=dt.date(year, 12, 31), end_date__gte=dt.date(year, 1, 1))
    if programme:
        qs = qs.filter(programme=programme)
    if organisation:
        qs = qs.filter(Q(from_organisation=organisation) | Q(to_organisation=organisation))
    if person:
        qs = qs.filter(person=person)
    return qs


def exchange_get(*, user: Any, pk: int) -> Exchange:
    obj = exchange_list(user=user).filter(pk=pk).first()
    if obj is None:
        raise NotFound(Exchange._meta.verbose_name)
    return obj


def exchange_get_for_change(*, user: Any, pk: int) -> Exchange:
    obj = exchange_list(user=user).filter(changeable_q(user)).filter(pk=pk).first()
    if obj is None:
        raise NotFound(Exchange._meta.verbose_name)
    return obj


def exchange_person_contact(*, user: Any, exchange: Exchange) -> dict[str, str]:
    """The person's contact data, masked unless ``user`` may see it in clear."""
    return person_contact(user=user, person=exchange.person)


def exchange_counts(*, user: Any, by: str = "party", side: str = "to") -> list[dict[str, Any]]:
    """Counts of visible exchanges grouped by ``party`` (top-level party of the ``side``
    organisation: ``from`` or ``to``), ``kind`` or ``year`` (of the start date). Rows:
    ``{"key": …, "n": …}``, ordered by key."""
    qs = Exchange.objects.filter(visible_q(user))
    prefix = "to_organisation" if side == "to" else "from_organisation"
    if by == "party":
        totals = count_by_top_party(qs, f"{prefix}__party")
        return [{"key": k, "n": v} for k, v in sorted(totals.items())]
    if by == "kind":
        rows = qs.values("kind").annotate(n=Count("id")).order_by("kind")
        return [{"key": r["kind"], "label": str(ExchangeKind(r["kind"]).label), "n": r["n"]} for r in rows]
    if by == "year":
        years = qs.annotate(y=ExtractYear("start_date")).values("y").annotate(n=Count("id")).order_by("y")
        return [{"key": r["y"], "n": r["n"]} for r in years]
    raise ValueError(f"unknown grouping {by!r}")


def exchange_history(*, exchange: Exchange) -> list[dict[str, Any]]:
    return history_rows(exchange)
