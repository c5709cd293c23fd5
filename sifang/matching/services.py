"""Changes: feedback on matches, turning a match into a negotiation, batch runs, index upkeep."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sifang.accounts.permissions import is_office
from sifang.market import services as market_services
from sifang.market.models import MATCHABLE_STATUSES, Demand, Status
from sifang.market.permissions import can_change_listing
from sifang.market.selectors import demand_get, offering_get

from .documents import demand_doc
from .live import live_index, record_change
from .models import MatchFeedback, MatchResult, MatchRun, RejectReason, Verdict

TOP = 10


@transaction.atomic
def feedback_record(
    actor: Any, *, demand_id: int, offering_id: int, verdict: str, reason: str = "", note: str = ""
) -> MatchFeedback:
    demand = demand_get(user=actor, pk=demand_id)
    offering = offering_get(user=actor, pk=offering_id)
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("Unknown verdict.")})
    if verdict == Verdict.NOT_RELEVANT and reason not in RejectReason.values:
        raise ValidationError({"reason": _("Say why the match is not relevant.")})
    if verdict != Verdict.NOT_RELEVANT:
        reason = ""
    if len(note) > 500:
        raise ValidationError({"note": _("The note is too long (500 characters at most).")})
    stored = MatchResult.objects.filter(demand=demand, offering=offering).first()
    fb, _created = MatchFeedback.objects.update_or_create(
        demand=demand,
        offering=offering,
        user=actor,
        defaults={
            "verdict": verdict,
            "reason": reason,
            "note": note,
            "rank": stored.rank if stored else None,
            "score": stored.score if stored else None,
        },
    )
    return fb


@transaction.atomic
def match_start_negotiation(actor: Any, *, demand_id: int, offering_id: int) -> Demand:
    """The demand's owner takes a match into negotiation (洽谈中)."""
    demand = demand_get(user=actor, pk=demand_id)
    offering_get(user=actor, pk=offering_id)
    if not can_change_listing(actor, demand):
        raise PermissionDenied(_("Only the demand's organisation can start a negotiation."))
    if demand.status == Status.PUBLISHED:
        demand = market_services.listing_transition(demand, actor, to=Status.NEGOTIATING)
    elif demand.status != Status.NEGOTIATING:
        raise ValidationError({"status": _("Only a published demand can go into negotiation.")})
    feedback_record(actor, demand_id=demand.pk, offering_id=offering_id, verdict=Verdict.NEGOTIATING)
    return demand


def demand_matches_store(*, demand: Demand) -> int:
    """Compute and store the top matches of one demand (all indexed offerings)."""
    matches = live_index("offerings").search(demand_doc(demand), top=TOP)
    with transaction.atomic():
        MatchResult.objects.filter(demand=demand).delete()
        MatchResult.objects.bulk_create(
            [
                MatchResult(
                    demand=demand, offering_id=int(m.id), rank=i, score=float(m.score), reasons=m.reasons
                )
                for i, m in enumerate(matches, start=1)
            ]
        )
    return len(matches)


def match_run_start(actor: Any) -> MatchRun:
    if not is_office(actor):
        raise PermissionDenied(_("Only the liaison office starts a full matching run."))
    run = MatchRun.objects.create(started_by=actor)
    from .tasks import match_run_task

    transaction.on_commit(lambda: match_run_task(run.pk))
    return run


def match_run_execute(*, run_id: int, progress_every: int = 25) -> MatchRun:
    """Compute the top matches of every open demand, updating the run's progress as it goes."""
    run = MatchRun.objects.get(pk=run_id)
    demand_ids = list(
        Demand.objects.filter(status__in=MATCHABLE_STATUSES).order_by("pk").values_list("pk", flat=True)
    )
    MatchRun.objects.filter(pk=run.pk).update(state=MatchRun.State.RUNNING, total=len(demand_ids), done=0)
    try:
        for n, pk in enumerate(demand_ids, start=1):
            demand = Demand.objects.select_related("party", "party__parent", "region").get(pk=pk)
            demand_matches_store(demand=demand)
            if n % progress_every == 0 or n == len(demand_ids):
                MatchRun.objects.filter(pk=run.pk).update(done=n)
    except Exception as exc:
        MatchRun.objects.filter(pk=run.pk).update(state=MatchRun.State.FAILED, error=str(exc)[:2000])
        raise
    MatchRun.objects.filter(pk=run.pk).update(state=MatchRun.State.DONE, finished_at=timezone.now())
    run.refresh_from_db()
    return run


def listing_indexed(*, collection: str, object_id: int) -> None:
    record_change(collection, object_id)
