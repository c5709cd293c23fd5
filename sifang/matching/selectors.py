"""Reads: the best counterparts of a record for an actor, with reasons; stored results; feedback."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from sifang.accounts.permissions import is_office
from sifang.market.models import MATCHABLE_STATUSES, Demand, Offering
from sifang.market.permissions import can_change_listing, visible_q
from sifang.market.selectors import demand_get, offering_get
from sifang.people.models import Person

from .documents import demand_doc, offering_doc
from .live import live_index
from .models import MatchFeedback, MatchResult, MatchRun


def _allowed(model: type[Demand] | type[Offering], user: Any) -> set[str] | None:
    """Ids of matchable records ``user`` may open (None: everything indexed)."""
    if is_office(user):
        return None
    ids = model.objects.filter(visible_q(user), status__in=MATCHABLE_STATUSES).values_list("pk", flat=True)
    return {str(i) for i in ids}


def _terms(reasons: list[dict[str, Any]]) -> list[str]:
    for r in reasons:
        if r.get("kind") == "terms":
            return [t for t in r.get("terms", []) if t]
    return []


def _hydrate(model: Any, user: Any, matches: list[Any]) -> list[dict[str, Any]]:
    """The matched records the user may open, in rank order, with score, reasons and terms."""
    ids = [int(m.id) for m in matches]
    if model is Person:
        qs = model.objects.filter(pk__in=ids).select_related("organisation", "organisation__party")
    else:
        qs = model.objects.filter(visible_q(user), pk__in=ids).select_related(
            "organisation", "party", "party__parent", "region"
        )
    objs = {o.pk: o for o in qs}
    out = []
    for rank, m in enumerate((m for m in matches if int(m.id) in objs), start=1):
        out.append(
            {
                "rank": rank,
                "obj": objs[int(m.id)],
                "score": round(float(m.score), 4),
                "reasons": m.reasons,
                "terms": _terms(m.reasons),
            }
        )
    return out


def match_list_for_demand(*, user: Any, demand_id: int, top: int = 10) -> list[dict[str, Any]]:
    demand = demand_get(user=user, pk=demand_id)
    matches = live_index("offerings").search(demand_doc(demand), top=top, allowed=_allowed(Offering, user))
    rows = _hydrate(Offering, user, matches)
    feedback = {
        f.offering_id: f
        for f in MatchFeedback.objects.filter(demand=demand, user=user, offering__in=[r["obj"] for r in rows])
    }
    for r in rows:
        r["feedback"] = feedback.get(r["obj"].pk)
    return rows


def match_list_for_offering(*, user: Any, offering_id: int, top: int = 10) -> list[dict[str, Any]]:
    offering = offering_get(user=user, pk=offering_id)
    matches = live_index("demands").search(offering_doc(offering), top=top, allowed=_allowed(Demand, user))
    return _hydrate(Demand, user, matches)


def expert_list_for_demand(*, user: Any, demand_id: int, top: int = 5) -> list[dict[str, Any]]:
    demand = demand_get(user=user, pk=demand_id)
    return _hydrate(Person, user, live_index("people").search(demand_doc(demand), top=top))


def stored_matches_for_demand(*, user: Any, demand_id: int) -> QuerySet[MatchResult]:
    demand = demand_get(user=user, pk=demand_id)
    visible = Offering.objects.filter(visible_q(user)).values("pk")
    return (
        MatchResult.objects.filter(demand=demand, offering__in=visible)
        .select_related("offering")
        .order_by("rank")
    )


def feedback_summary_for_offering(*, user: Any, offering_id: int) -> dict[str, Any] | None:
    """Aggregated feedback on an offering, for its owners only (who said what, never shown)."""
    offering = offering_get(user=user, pk=offering_id)
    if not can_change_listing(user, offering):
        return None
    rows = MatchFeedback.objects.filter(offering=offering).values("verdict", "reason").annotate(n=Count("id"))
    verdicts: dict[str, int] = {}
    reasons: dict[str, int] = {}
    for r in rows:
        verdicts[r["verdict"]] = verdicts.get(r["verdict"], 0) + r["n"]
        if r["reason"]:
            reasons[r["reason"]] = reasons.get(r["reason"], 0) + r["n"]
    return {"verdicts": verdicts, "reasons": reasons, "total": sum(verdicts.values())}


def feedback_for_export(*, user: Any) -> QuerySet[MatchFeedback]:
    qs = MatchFeedback.objects.select_related("demand", "offering", "user").order_by("id")
    if is_office(user):
        return qs
    return qs.filter(user=user)


def match_run_get(*, run_id: int) -> MatchRun | None:
    return MatchRun.objects.filter(pk=run_id).first()


def match_run_latest() -> MatchRun | None:
    return MatchRun.objects.order_by("-created_at").first()
