from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sifang.accounts.permissions import is_member, is_office, is_officer, party_scope_q
from sifang.core.forms import apply_service_errors
from sifang.organisations.models import Organisation

from . import selectors, services
from .forms import PersonFilterForm, PersonForm
from .permissions import can_change_person


def _orgs_for(user: Any) -> Any:
    qs = Organisation.objects.all()
    if is_office(user):
        return qs
    if is_officer(user):
        return qs.filter(party_scope_q(user))
    return qs.filter(pk=user.organisation_id) if is_member(user) else qs.none()


def _get(user: Any, pk: int) -> Any:
    return selectors.person_get(user=user, pk=pk)


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    form = PersonFilterForm(request.GET or None)
    qs = selectors.person_list(user=request.user, **form.filters())
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    rows = [{"p": p, "contact": selectors.person_contact(user=request.user, person=p)} for p in page]
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "people/person_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "params": params.urlencode(),
            "can_create": _orgs_for(request.user).exists(),
        },
    )


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get(request.user, pk)
    return render(
        request,
        "people/person_detail.html",
        {
            "obj": person,
            "contact": selectors.person_contact(user=request.user, person=person),
            "can_change": can_change_person(request.user, person),
            "history": person.history.select_related("history_user")[:20],
        },
    )


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    orgs = _orgs_for(request.user)
    if not orgs.exists():
        raise PermissionDenied
    form = PersonForm(
        request.POST or None, organisations=orgs, initial={"organisation": request.user.organisation_id}
    )
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(request.user, **form.service_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Person saved."))
            return redirect("people:person_detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "obj": None})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get(request.user, pk)
    if not can_change_person(request.user, person):
        raise PermissionDenied
    form = PersonForm(request.POST or None, instance=person, organisations=_orgs_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person, request.user, **form.service_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("people:person_detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "obj": person})
