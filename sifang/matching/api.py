"""/api/v1/matching/: ranked counterparts with reasons, feedback, batch runs."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from sifang.core.errors import NotFound

from . import selectors, services
from .models import RejectReason, Verdict

router = Router(tags=["matching"])


class MatchOut(Schema):
    id: int
    title: str
    organisation: str
    party: str
    rank: int
    score: float
    reasons: list[dict[str, Any]]


class ExpertOut(Schema):
    id: int
    name: str
    title: str
    organisation: str
    rank: int
    score: float
    reasons: list[dict[str, Any]]


class FeedbackIn(Schema):
    demand_id: int
    offering_id: int
    verdict: Verdict
    reason: RejectReason | None = None
    note: str = ""


class FeedbackOut(Schema):
    demand_id: int
    offering_id: int
    verdict: str
    reason: str
    note: str


class NegotiationIn(Schema):
    demand_id: int
    offering_id: int


class RunOut(Schema):
    id: int
    state: str
    total: int
    done: int
    percent: int


def _rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "id": r["obj"].pk,
            "title": r["obj"].title,
            "organisation": r["obj"].organisation.name,
            "party": r["obj"].party.code,
            "rank": r["rank"],
            "score": r["score"],
            "reasons": r["reasons"],
        }
        for r in rows
    ]


@router.get("/demands/{pk}/offerings", response=list[MatchOut], operation_id="matching_offerings_for_demand")
def offerings_for_demand(request: HttpRequest, pk: int, top: int = 10) -> Any:
    return _rows(selectors.match_list_for_demand(user=request.user, demand_id=pk, top=min(max(top, 1), 50)))


@router.get("/offerings/{pk}/demands", response=list[MatchOut], operation_id="matching_demands_for_offering")
def demands_for_offering(request: HttpRequest, pk: int, top: int = 10) -> Any:
    return _rows(
        selectors.match_list_for_offering(user=request.user, offering_id=pk, top=min(max(top, 1), 50))
    )


@router.get("/demands/{pk}/experts", response=list[ExpertOut], operation_id="matching_experts_for_demand")
def experts_for_demand(request: HttpRequest, pk: int, top: int = 5) -> Any:
    rows = selectors.expert_list_for_demand(user=request.user, demand_id=pk, top=min(max(top, 1), 50))
    return [
        {
            "id": r["obj"].pk,
            "name": r["obj"].name,
            "title": r["obj"].title,
            "organisation": r["obj"].organisation.name,
            "rank": r["rank"],
            "score": r["score"],
            "reasons": r["reasons"],
        }
        for r in rows
    ]


@router.post("/feedback", response=FeedbackOut, operation_id="matching_feedback")
def feedback(request: HttpRequest, data: FeedbackIn) -> Any:
    return services.feedback_record(
        request.user,
        demand_id=data.demand_id,
        offering_id=data.offering_id,
        verdict=data.verdict,
        reason=data.reason or "",
        note=data.note,
    )


@router.post("/negotiations", response={200: dict}, operation_id="matching_negotiate")
def negotiate(request: HttpRequest, data: NegotiationIn) -> Any:
    demand = services.match_start_negotiation(
        request.user, demand_id=data.demand_id, offering_id=data.offering_id
    )
    return {"demand_id": demand.pk, "status": demand.status}


@router.post("/runs", response={202: RunOut}, operation_id="matching_run_start")
def run_start(request: HttpRequest) -> Any:
    run = services.match_run_start(request.user)
    return Status(202, run)


@router.get("/runs/{pk}", response=RunOut, operation_id="matching_run_get")
def run_get(request: HttpRequest, pk: int) -> Any:
    run = selectors.match_run_get(run_id=pk)
    if run is None:
        raise NotFound()
    return run
