"""Pages of joint projects, outcomes and contracts. Thin: parse with a form, call one service or
selector, render. Missing or forbidden records are 404."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sifang.core.errors import Conflict, NotFound
from sifang.market.models import Demand, Offering
from sifang.market.selectors import demand_get, offering_get
from sifang.organisations.models import Organisation

from . import forms, selectors, services
from .models import TRANSITIONS, Status
from .permissions import can_adjust_funding, can_change_project, can_transition_project


def _page(request: HttpRequest, qs: Any) -> Any:
    return Paginator(qs, 20).get_page(request.GET.get("page"))


def _querystring(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# Projects --------------------------------------------------------------------------------------


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    form = forms.ProjectFilterForm(request.GET or None)
    filters = form.filters() if form.is_valid() else {}
    page = _page(request, selectors.project_list(user=request.user, **filters))
    return render(
        request,
        "projects/project_list.html",
        {
            "form": form,
            "page": page,
            "qs": _querystring(request),
            "overdue_by_party": selectors.overdue_counts_by_party(user=request.user),
        },
    )


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get(user=request.user, pk=pk)
    user = request.user
    fundings = list(selectors.project_fundings(project=project))
    for f in fundings:
        f.can_adjust = can_adjust_funding(user, f)
    transitions = [
        {"to": to, "label": Status(to).label, "danger": to == Status.TERMINATED}
        for to in TRANSITIONS[project.status]
        if can_transition_project(user, project, to)
    ]
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "can_change": can_change_project(user, project) and project.is_open,
            "can_add_outcome": can_change_project(user, project),
            "fundings": fundings,
            "totals": selectors.project_funding_totals(project=project),
            "milestones": selectors.project_milestones(project=project),
            "outcomes": selectors.project_outcomes(project=project),
            "contracts": selectors.contract_list(user=user, project=project.pk),
            "transitions": project.transitions.select_related("actor"),
            "allowed_transitions": transitions,
            "history": selectors.project_history(project=project),
            "today": timezone.localdate(),
        },
    )


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    form = forms.ProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            project = services.project_create(request.user, **data)
        except ValidationError as exc:
            forms.add_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Project submitted."))
            return redirect("projects:project_detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "title": _("Submit a joint project")})


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_change(user=request.user, pk=pk)
    initial = {
        "partners": list(project.partners.all()),
        "clusters": list(project.clusters.all()),
        "fields": list(project.fields.all()),
    }
    form = forms.ProjectForm(request.POST or None, instance=project, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            services.project_update(request.user, project=project, **data)
        except ValidationError as exc:
            forms.add_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Project saved."))
            return redirect("projects:project_detail", pk=project.pk)
    return render(
        request, "projects/project_form.html", {"form": form, "project": project, "title": _("Edit project")}
    )


@login_required
@require_POST
def project_transition(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get(user=request.user, pk=pk)
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown status."))
        return redirect("projects:project_detail", pk=pk)
    try:
        services.project_transition(
            request.user, project=project, to=form.cleaned_data["to"], comment=form.cleaned_data["comment"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You may not do this."))
    else:
        messages.success(request, _("Project is now “%(s)s”.") % {"s": Status(form.cleaned_data["to"]).label})
    return redirect("projects:project_detail", pk=pk)


@login_required
def project_new_from_match(request: HttpRequest) -> HttpResponse:
    """A prefilled project form for a demand–offering match (``?demand=ID&offering=ID``)."""
    try:
        demand = demand_get(user=request.user, pk=int(request.GET.get("demand", "0")))
        offering = offering_get(user=request.user, pk=int(request.GET.get("offering", "0")))
    except (NotFound, ValueError) as exc:
        raise Http404(_("Demand or offering not found.")) from exc
    initial = _match_initial(demand, offering)
    form = forms.ProjectForm(request.POST or None, initial=initial)
    form.fields["lead"].queryset = Organisation.objects.filter(pk=demand.organisation_id)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        data.pop("lead")
        partners = [p for p in data.pop("partners") if p.pk != offering.organisation_id]
        try:
            project = services.project_create_from_match(
                request.user, demand=demand, offering=offering, partners=partners, **data
            )
        except ValidationError as exc:
            forms.add_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Project submitted."))
            return redirect("projects:project_detail", pk=project.pk)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "title": _("New project from a match"), "demand": demand, "offering": offering},
    )


def _match_initial(demand: Demand, offering: Offering) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "title": demand.title,
        "description": "\n\n".join(t for t in (demand.description, offering.description) if t),
        "lead": demand.organisation_id,
        "partners": [offering.organisation_id],
        "region": demand.region_id,
        "clusters": list({c.pk for c in demand.clusters.all()} | {c.pk for c in offering.clusters.all()}),
        "fields": list({f.pk for f in demand.fields.all()} | {f.pk for f in offering.fields.all()}),
        "start_date": today,
        "end_date": today.replace(year=today.year + 2)
        if not (today.month == 2 and today.day == 29)
        else today + dt.timedelta(days=730),
    }


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    """Overdue milestones, optionally of one lead organisation (``?organisation=ID``) or party
    (``?party=CODE``)."""
    org = None
    org_id = request.GET.get("organisation", "")
    if org_id.isdigit():
        org = Organisation.objects.filter(pk=int(org_id)).first()
        if org is None:
            raise Http404(_("Organisation not found."))
    party = request.GET.get("party") or None
    qs = selectors.milestones_overdue(user=request.user, organisation=org, party=party)
    return render(
        request,
        "projects/overdue.html",
        {
            "page": _page(request, qs),
            "organisation": org,
            "party": party,
            "qs": _querystring(request),
            "today": timezone.localdate(),
        },
    )


# Funding ----------------------------------------------------------------------------------------


def _simple_form(
    request: HttpRequest,
    *,
    form: Any,
    title: str,
    back: str,
    call: Callable[[dict], Any],
    done: str,
    multipart: bool = False,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            forms.add_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("You may not do this."))
        except Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, done)
            return redirect(back)
    return render(
        request,
        "projects/simple_form.html",
        {"form": form, "title": title, "back": back, "multipart": multipart},
    )


@login_required
def funding_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_change(user=request.user, pk=pk)
    return _simple_form(
        request,
        form=forms.FundingForm(request.POST or None),
        title=_("Add funding — %(p)s") % {"p": project.title},
        back=project_url(project.pk),
        call=lambda d: services.funding_add(request.user, project=project, **d),
        done=_("Funding line added."),
    )


@login_required
def funding_spend(request: HttpRequest, pk: int) -> HttpResponse:
    funding = selectors.funding_get(user=request.user, pk=pk)
    return _simple_form(
        request,
        form=forms.SpendingForm(request.POST or None, initial={"spent": funding.spent}),
        title=_("Record spending — %(f)s (plan %(p)s)") % {"f": funding, "p": funding.planned},
        back=project_url(funding.project_id),
        call=lambda d: services.funding_record_spending(request.user, funding=funding, spent=d["spent"]),
        done=_("Spending recorded."),
    )


@login_required
def funding_adjust(request: HttpRequest, pk: int) -> HttpResponse:
    funding = selectors.funding_get(user=request.user, pk=pk)
    return _simple_form(
        request,
        form=forms.AdjustmentForm(request.POST or None, initial={"planned": funding.planned}),
        title=_("Adjust plan — %(f)s") % {"f": funding},
        back=project_url(funding.project_id),
        call=lambda d: services.funding_adjust(
            request.user, funding=funding, planned=d["planned"], reason=d["reason"]
        ),
        done=_("Plan adjusted."),
    )


def project_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("projects:project_detail", args=[pk])


# Milestones and outcomes -----------------------------------------------------------------------


@login_required
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_change(user=request.user, pk=pk)
    return _simple_form(
        request,
        form=forms.MilestoneForm(request.POST or None),
        title=_("Add milestone — %(p)s") % {"p": project.title},
        back=project_url(project.pk),
        call=lambda d: services.milestone_create(request.user, project=project, **d),
        done=_("Milestone added."),
    )


@login_required
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    m = selectors.milestone_get(user=request.user, pk=pk)
    initial = {k: getattr(m, k) for k in ("title", "due_date", "deliverables", "completed_on")}
    return _simple_form(
        request,
        form=forms.MilestoneForm(request.POST or None, initial=initial),
        title=_("Edit milestone — %(m)s") % {"m": m.title},
        back=project_url(m.project_id),
        call=lambda d: services.milestone_update(request.user, milestone=m, **d),
        done=_("Milestone saved."),
    )


@login_required
def milestone_upload(request: HttpRequest, pk: int) -> HttpResponse:
    m = selectors.milestone_get(user=request.user, pk=pk)
    return _simple_form(
        request,
        form=forms.UploadForm(request.POST or None, request.FILES or None),
        title=_("Upload evidence — %(m)s") % {"m": m.title},
        back=project_url(m.project_id),
        call=lambda d: services.attachment_add(request.user, milestone=m, upload=d["file"]),
        done=_("File uploaded."),
        multipart=True,
    )


@login_required
def outcome_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_change(user=request.user, pk=pk)
    return _simple_form(
        request,
        form=forms.OutcomeForm(request.POST or None),
        title=_("Add outcome — %(p)s") % {"p": project.title},
        back=project_url(project.pk),
        call=lambda d: services.outcome_create(request.user, project=project, **d),
        done=_("Outcome added."),
    )


@login_required
def outcome_edit(request: HttpRequest, pk: int) -> HttpResponse:
    o = selectors.outcome_get(user=request.user, pk=pk)
    initial = {
        k: getattr(o, k) for k in ("kind", "title", "number", "achieved_on", "quantity", "description")
    }
    return _simple_form(
        request,
        form=forms.OutcomeForm(request.POST or None, initial=initial),
        title=_("Edit outcome — %(o)s") % {"o": o.title},
        back=project_url(o.project_id),
        call=lambda d: services.outcome_update(request.user, outcome=o, **d),
        done=_("Outcome saved."),
    )


@login_required
def outcome_upload(request: HttpRequest, pk: int) -> HttpResponse:
    o = selectors.outcome_get(user=request.user, pk=pk)
    return _simple_form(
        request,
        form=forms.UploadForm(request.POST or None, request.FILES or None),
        title=_("Upload attachment — %(o)s") % {"o": o.title},
        back=project_url(o.project_id),
        call=lambda d: services.attachment_add(request.user, outcome=o, upload=d["file"]),
        done=_("File uploaded."),
        multipart=True,
    )


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Serve a stored file to a user who may see its record; never a public URL."""
    att = selectors.attachment_get(user=request.user, pk=pk)
    try:
        fh = att.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("The file is missing from storage.")) from exc
    response = FileResponse(fh, as_attachment=True, filename=att.original_name, content_type=att.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# Contracts --------------------------------------------------------------------------------------


@login_required
def contract_list(request: HttpRequest) -> HttpResponse:
    form = forms.ContractFilterForm(request.GET or None)
    filters = form.filters() if form.is_valid() else {}
    page = _page(request, selectors.contract_list(user=request.user, **filters))
    return render(
        request, "projects/contract_list.html", {"form": form, "page": page, "qs": _querystring(request)}
    )


@login_required
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from .permissions import can_change_contract

    c = selectors.contract_get(user=request.user, pk=pk)
    return render(
        request,
        "projects/contract_detail.html",
        {
            "contract": c,
            "can_change": can_change_contract(request.user, c),
            "history": selectors.contract_history(contract=c),
        },
    )


@login_required
def contract_create(request: HttpRequest) -> HttpResponse:
    from django.urls import reverse

    projects = selectors.project_list(user=request.user).filter(selectors.changeable_q(request.user))
    initial = {}
    if request.GET.get("project", "").isdigit():
        initial["project"] = int(request.GET["project"])
    form = forms.ContractEditForm(request.POST or None, projects=projects, initial=initial)
    created: dict[str, Any] = {}

    def call(d: dict) -> None:
        created["obj"] = services.contract_create(request.user, **d)

    response = _simple_form(
        request,
        form=form,
        title=_("Record a technology-transfer contract"),
        back=reverse("projects:contract_list"),
        call=call,
        done=_("Contract recorded."),
    )
    if "obj" in created:
        return redirect("projects:contract_detail", pk=created["obj"].pk)
    return response


@login_required
def contract_edit(request: HttpRequest, pk: int) -> HttpResponse:
    from django.urls import reverse

    c = selectors.contract_get_for_change(user=request.user, pk=pk)
    projects = selectors.project_list(user=request.user)
    initial = {
        k: getattr(c, k)
        for k in ("title", "project", "transferor", "transferee", "form", "value", "signed_on", "region")
    }
    return _simple_form(
        request,
        form=forms.ContractEditForm(request.POST or None, projects=projects, initial=initial),
        title=_("Edit contract — %(c)s") % {"c": c.title},
        back=reverse("projects:contract_detail", args=[c.pk]),
        call=lambda d: services.contract_update(request.user, contract=c, **d),
        done=_("Contract saved."),
    )
