"""Pages for demands and offerings: thin views over the market services and selectors."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sifang.accounts.permissions import is_office, is_officer, party_scope_q
from sifang.core.errors import error_messages
from sifang.core.forms import apply_service_errors
from sifang.organisations.models import Organisation

from . import selectors, services
from .forms import DemandForm, ListingFilterForm, OfferingForm
from .models import Demand, Offering, Status
from .permissions import can_change_listing, can_create_listing

KINDS: dict[str, dict[str, Any]] = {
    "demand": {"model": Demand, "form": DemandForm},
    "offering": {"model": Offering, "form": OfferingForm},
}


def _kind(kind: str) -> dict[str, Any]:
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


def _orgs_for(user: Any) -> Any:
    qs = Organisation.objects.select_related("party")
    if is_office(user):
        return qs
    if is_officer(user):
        return qs.filter(party_scope_q(user))
    return qs.filter(pk=user.organisation_id)


def _get(kind: str, user: Any, pk: int) -> Any:
    return selectors.listing_get(_kind(kind)["model"], user=user, pk=pk)


@login_required
def listing_list(request: HttpRequest, kind: str) -> HttpResponse:
    model = _kind(kind)["model"]
    form = ListingFilterForm(request.GET or None)
    qs = selectors.listing_list(model, user=request.user, **form.filters())
    if request.GET.get("mine") and request.user.organisation_id:
        qs = qs.filter(organisation=request.user.organisation_id)
    if request.GET.get("export") == "csv":
        return _export_csv(kind, qs)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "market/listing_list.html",
        {
            "kind": kind,
            "model_meta": model._meta,
            "form": form,
            "page": page,
            "params": params.urlencode(),
            "can_create": can_create_listing(request.user),
        },
    )


def _export_csv(kind: str, qs: Any) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}s.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        ["id", _("Title"), _("Organisation"), _("Party"), _("Region"), _("Status"), _("Amount (10,000 yuan)")]
    )
    for obj in qs.iterator(chunk_size=500) if not qs._prefetch_related_lookups else qs:
        writer.writerow(
            [
                obj.pk,
                obj.title,
                obj.organisation.name,
                obj.party.name,
                obj.region.name if obj.region else "",
                obj.get_status_display(),
                obj.amount or "",
            ]
        )
    return response


@login_required
def listing_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = _get(kind, request.user, pk)
    history = list(obj.history.select_related("history_user")[:20])
    changes = []
    for new, old in zip(history, history[1:], strict=False):
        delta = new.diff_against(old)
        changes.append({"record": new, "fields": [c.field for c in delta.changes]})
    if history:
        changes.append({"record": history[-1], "fields": []})
    context = {
        "kind": kind,
        "obj": obj,
        "can_change": can_change_listing(request.user, obj),
        "transitions": [(s, Status(s).label) for s in obj.allowed_transitions()],
        "history": changes,
    }
    return render(request, "market/listing_detail.html", context)


@login_required
def listing_create(request: HttpRequest, kind: str) -> HttpResponse:
    spec = _kind(kind)
    if not can_create_listing(request.user):
        raise PermissionDenied
    orgs = _orgs_for(request.user)
    form = spec["form"](
        request.POST or None, organisations=orgs, initial={"organisation": request.user.organisation_id}
    )
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            obj = services.listing_create(spec["model"], request.user, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Saved as a draft. Publish it when it is ready."))
            return redirect(f"market:{kind}_detail", pk=obj.pk)
    return render(request, "market/listing_form.html", {"form": form, "kind": kind, "obj": None})


@login_required
def listing_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    spec = _kind(kind)
    obj = _get(kind, request.user, pk)
    if not can_change_listing(request.user, obj):
        raise PermissionDenied
    form = spec["form"](request.POST or None, instance=obj, organisations=_orgs_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.listing_update(obj, request.user, **form.service_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(f"market:{kind}_detail", pk=obj.pk)
    return render(request, "market/listing_form.html", {"form": form, "kind": kind, "obj": obj})


@login_required
@require_POST
def listing_transition(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = _get(kind, request.user, pk)
    try:
        services.listing_transition(obj, request.user, to=request.POST.get("to", ""))
    except ValidationError as exc:
        for msgs in error_messages(exc).values():
            for m in msgs:
                messages.error(request, m)
    else:
        messages.success(request, _("Status changed to “%(s)s”.") % {"s": obj.get_status_display()})
    return redirect(f"market:{kind}_detail", pk=obj.pk)
