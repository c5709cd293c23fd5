from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sifang.accounts.permissions import is_office
from sifang.core.errors import error_messages
from sifang.market.permissions import can_change_listing
from sifang.market.selectors import demand_get, offering_get

from . import selectors, services
from .forms import FeedbackForm
from .management.commands.export_feedback import feedback_rows
from .models import RejectReason, Verdict


def _back(request: HttpRequest, default: str) -> HttpResponse:
    nxt = request.POST.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return redirect(nxt)
    return redirect(default)


@login_required
def demand_matches(request: HttpRequest, pk: int) -> HttpResponse:
    demand = demand_get(user=request.user, pk=pk)
    rows = selectors.match_list_for_demand(user=request.user, demand_id=pk, top=10)
    experts = selectors.expert_list_for_demand(user=request.user, demand_id=pk, top=5)
    return render(
        request,
        "matching/demand_matches.html",
        {
            "demand": demand,
            "rows": rows,
            "experts": experts,
            "can_negotiate": can_change_listing(request.user, demand),
            "verdicts": Verdict.choices,
            "reasons": RejectReason.choices,
        },
    )


@login_required
def offering_matches(request: HttpRequest, pk: int) -> HttpResponse:
    offering = offering_get(user=request.user, pk=pk)
    rows = selectors.match_list_for_offering(user=request.user, offering_id=pk, top=10)
    summary = selectors.feedback_summary_for_offering(user=request.user, offering_id=pk)
    reason_labels = dict(RejectReason.choices)
    verdict_labels = dict(Verdict.choices)
    if summary:
        summary["reason_rows"] = [
            (reason_labels.get(k, k), v) for k, v in sorted(summary["reasons"].items(), key=lambda kv: -kv[1])
        ]
        summary["verdict_rows"] = [(verdict_labels.get(k, k), v) for k, v in summary["verdicts"].items()]
    return render(
        request, "matching/offering_matches.html", {"offering": offering, "rows": rows, "summary": summary}
    )


@login_required
@require_POST
def feedback(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Invalid feedback."))
        return _back(request, "market:demand_list")
    d = form.cleaned_data
    try:
        services.feedback_record(
            request.user,
            demand_id=d["demand"],
            offering_id=d["offering"],
            verdict=d["verdict"],
            reason=d.get("reason") or "",
            note=d.get("note") or "",
        )
    except ValidationError as exc:
        for msgs in error_messages(exc).values():
            for m in msgs:
                messages.error(request, m)
    else:
        messages.success(request, _("Thank you: your feedback was saved."))
    return _back(request, "market:demand_list")


@login_required
@require_POST
def negotiate(request: HttpRequest) -> HttpResponse:
    try:
        demand = services.match_start_negotiation(
            request.user,
            demand_id=int(request.POST.get("demand", 0)),
            offering_id=int(request.POST.get("offering", 0)),
        )
    except ValueError as exc:
        raise Http404 from exc
    except ValidationError as exc:
        for msgs in error_messages(exc).values():
            for m in msgs:
                messages.error(request, m)
        return _back(request, "market:demand_list")
    messages.success(request, _("The demand is now in negotiation with this offering."))
    return redirect("matching:demand_matches", pk=demand.pk)


@login_required
def runs(request: HttpRequest) -> HttpResponse:
    if not is_office(request.user):
        raise PermissionDenied
    if request.method == "POST":
        run = services.match_run_start(request.user)
        messages.success(request, _("Matching of all open demands has started."))
        return redirect(f"{request.path}?run={run.pk}")
    latest = selectors.match_run_latest()
    return render(request, "matching/runs.html", {"run": latest})


@login_required
def run_status(request: HttpRequest, pk: int) -> JsonResponse:
    if not is_office(request.user):
        raise PermissionDenied
    run = selectors.match_run_get(run_id=pk)
    if run is None:
        raise Http404
    return JsonResponse(
        {
            "id": run.pk,
            "state": run.state,
            "total": run.total,
            "done": run.done,
            "percent": run.percent,
            "error": run.error,
        }
    )


@login_required
def feedback_export(request: HttpRequest) -> HttpResponse:
    rows = feedback_rows(request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="match-feedback.csv"'
    response.write("\ufeff")
    writer = csv.DictWriter(
        response, fieldnames=list(rows[0]) if rows else ["demand_id", "offering_id", "verdict", "reason"]
    )
    writer.writeheader()
    writer.writerows(rows)
    return response
