from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sifang.accounts.permissions import is_office, is_officer
from sifang.core.forms import apply_service_errors
from sifang.market import selectors as market_selectors
from sifang.people import selectors as people_selectors
from sifang.taxonomy.models import Party

from . import selectors, services
from .forms import OrganisationFilterForm, OrganisationForm
from .permissions import can_change_organisation, can_create_organisation


def _parties_for(user: Any) -> Any:
    qs = Party.objects.all()
    if is_office(user):
        return qs
    if is_officer(user):
        return qs.filter(Q(pk=user.party_id) | Q(parent=user.party_id))
    return qs.none()


def _get(user: Any, pk: int) -> Any:
    return selectors.organisation_get(user=user, pk=pk)


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    qs = selectors.organisation_list(user=request.user, **form.filters())
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    can_create = is_office(request.user) or is_officer(request.user)
    return render(
        request,
        "organisations/organisation_list.html",
        {"form": form, "page": page, "params": params.urlencode(), "can_create": can_create},
    )


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = _get(request.user, pk)
    context = {
        "obj": org,
        "can_change": can_change_organisation(request.user, org),
        "demands": market_selectors.demand_list(user=request.user, organisation=org.pk)[:20],
        "offerings": market_selectors.offering_list(user=request.user, organisation=org.pk)[:20],
        "people": people_selectors.person_list(user=request.user, organisation=org.pk)[:50],
        "history": org.history.select_related("history_user")[:20],
    }
    return render(request, "organisations/organisation_detail.html", context)


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    parties = _parties_for(request.user)
    if not parties.exists() or not can_create_organisation(request.user, party=parties.first()):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, parties=parties)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organisation_create(request.user, **form.service_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Organisation saved."))
            return redirect("organisations:organisation_detail", pk=org.pk)
    return render(request, "organisations/organisation_form.html", {"form": form, "obj": None})


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = _get(request.user, pk)
    if not can_change_organisation(request.user, org):
        raise PermissionDenied
    parties = _parties_for(request.user)
    form = OrganisationForm(
        request.POST or None,
        instance=org,
        parties=parties if parties.exists() else Party.objects.filter(pk=org.party_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(org, request.user, **form.service_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("organisations:organisation_detail", pk=org.pk)
    return render(request, "organisations/organisation_form.html", {"form": form, "obj": org})
