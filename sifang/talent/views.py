"""Pages of talent exchanges: list, detail (with history, personal data masked), create, edit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sifang.core.errors import Conflict

from . import forms, selectors, services
from .permissions import can_change_exchange


def _save(request: HttpRequest, form: forms.ExchangeForm, call: Any) -> Any:
    try:
        return call(form.cleaned_data)
    except ValidationError as exc:
        forms.add_errors(form, exc)
    except Conflict as exc:
        form.add_error(None, exc.message)
    except PermissionDenied as exc:
        form.add_error(None, str(exc) or _("You may not do this."))
    return None


@login_required
def exchange_list(request: HttpRequest) -> HttpResponse:
    form = forms.ExchangeFilterForm(request.GET or None)
    filters = form.filters() if form.is_valid() else {}
    page = Paginator(selectors.exchange_list(user=request.user, **filters), 20).get_page(
        request.GET.get("page")
    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "talent/exchange_list.html",
        {
            "form": form,
            "page": page,
            "qs": params.urlencode(),
            "by_kind": selectors.exchange_counts(user=request.user, by="kind"),
            "by_party": selectors.exchange_counts(user=request.user, by="party"),
        },
    )


@login_required
def exchange_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ex = selectors.exchange_get(user=request.user, pk=pk)
    return render(
        request,
        "talent/exchange_detail.html",
        {
            "exchange": ex,
            "contact": selectors.exchange_person_contact(user=request.user, exchange=ex),
            "can_change": can_change_exchange(request.user, ex),
            "history": selectors.exchange_history(exchange=ex),
        },
    )


@login_required
def exchange_create(request: HttpRequest) -> HttpResponse:
    form = forms.ExchangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ex = _save(request, form, lambda d: services.exchange_create(request.user, **d))
        if ex is not None:
            messages.success(request, _("Exchange recorded."))
            return redirect("talent:exchange_detail", pk=ex.pk)
    return render(
        request, "talent/exchange_form.html", {"form": form, "title": _("Record a talent exchange")}
    )


@login_required
def exchange_edit(request: HttpRequest, pk: int) -> HttpResponse:
    ex = selectors.exchange_get_for_change(user=request.user, pk=pk)
    initial = {
        k: getattr(ex, k)
        for k in (
            "kind",
            "person",
            "from_organisation",
            "to_organisation",
            "start_date",
            "end_date",
            "programme",
            "results",
        )
    }
    form = forms.ExchangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, lambda d: services.exchange_update(request.user, exchange=ex, **d))
        if saved is not None:
            messages.success(request, _("Exchange saved."))
            return redirect("talent:exchange_detail", pk=ex.pk)
    return render(
        request, "talent/exchange_form.html", {"form": form, "exchange": ex, "title": _("Edit exchange")}
    )
