"""Pages of platforms, instruments, bookings, approvals, statements and sharing metrics.

Thin function views: parse with a form, call one service or selector, render. Times are shown
in the user's display time zone (Beijing or Xinjiang time)."""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections.abc import Callable
from decimal import Decimal
from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sifang.accounts.services import token_authenticate
from sifang.core.errors import Conflict, error_messages
from sifang.core.forms import apply_service_errors

from . import ics, selectors, services
from .forms import (
    BookingForm,
    CompleteForm,
    DecisionForm,
    InstrumentForm,
    MetricsForm,
    PlatformFilterForm,
    PlatformForm,
    StatementForm,
    TrainingForm,
)
from .models import Booking, TrainingRecord
from .permissions import (
    can_create_platform,
    can_manage_instrument,
    can_manage_platform,
    can_see_booker,
    can_staff_instrument,
)

PER_PAGE = 20


def user_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Login required; times shown in the user's display zone (NotFound is itself a 404)."""

    @login_required
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with timezone.override(ZoneInfo(request.user.display_timezone or "Asia/Shanghai")):
            return view(request, *args, **kwargs)

    return wrapped


def _tz(request: HttpRequest) -> ZoneInfo:
    return ZoneInfo(request.user.display_timezone or "Asia/Shanghai")


def _page(request: HttpRequest, qs: Any) -> Any:
    return Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))


# Platforms --------------------------------------------------------------------------------------


@user_view
def platform_list(request: HttpRequest) -> HttpResponse:
    form = PlatformFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        d = form.cleaned_data
        filters = {
            "q": d["q"] or "",
            "party": d["party"] or None,
            "kind": d["kind"] or None,
            "cluster": d["cluster"].pk if d["cluster"] else None,
        }
    page = _page(request, selectors.platform_list(user=request.user, **filters))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "instruments/platform_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_create": can_create_platform(request.user),
        },
    )


@user_view
def platform_detail(request: HttpRequest, pk: int) -> HttpResponse:
    platform = selectors.platform_get(user=request.user, pk=pk)
    instruments = selectors.instrument_list(user=request.user, platform=platform.pk)
    return render(
        request,
        "instruments/platform_detail.html",
        {
            "platform": platform,
            "instruments": instruments,
            "can_manage": can_manage_platform(request.user, platform),
            "history": _history(platform),
        },
    )


def _history(obj: Any) -> list[dict[str, Any]]:
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[:20])
    out = []
    for i, rec in enumerate(records):
        older = records[i + 1] if i + 1 < len(records) else None
        changes = []
        if older is not None:
            changes = [f"{c.field}: {c.old} → {c.new}" for c in rec.diff_against(older).changes]
        out.append({"record": rec, "changes": changes})
    return out


@user_view
def platform_create(request: HttpRequest) -> HttpResponse:
    if not can_create_platform(request.user):
        raise PermissionDenied
    form = PlatformForm(request.POST or None, initial={"host": request.user.organisation_id})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            platform = services.platform_create(
                request.user,
                host=data.pop("host"),
                name=data.pop("name"),
                partners=data.pop("partners"),
                clusters=data.pop("clusters"),
                fields=data.pop("fields"),
                **data,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("host", str(exc))
        else:
            messages.success(request, _("Platform registered."))
            return redirect("instruments:platform_detail", pk=platform.pk)
    return render(request, "instruments/platform_form.html", {"form": form})


@user_view
def platform_edit(request: HttpRequest, pk: int) -> HttpResponse:
    platform = selectors.platform_get(user=request.user, pk=pk)
    if not can_manage_platform(request.user, platform):
        raise PermissionDenied
    form = PlatformForm(request.POST or None, initial=PlatformForm.initial_for(platform))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.platform_update(
                request.user,
                platform=platform,
                partners=data.pop("partners"),
                clusters=data.pop("clusters"),
                fields=data.pop("fields"),
                **data,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("host", str(exc))
        else:
            messages.success(request, _("Platform saved."))
            return redirect("instruments:platform_detail", pk=platform.pk)
    return render(request, "instruments/platform_form.html", {"form": form, "platform": platform})


# Instruments ------------------------------------------------------------------------------------


@user_view
def instrument_create(request: HttpRequest, platform_pk: int) -> HttpResponse:
    platform = selectors.platform_get(user=request.user, pk=platform_pk)
    if not can_manage_platform(request.user, platform):
        raise PermissionDenied
    form = InstrumentForm(request.POST or None, initial=InstrumentForm.initial_for(None))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            inst = services.instrument_create(
                request.user,
                platform=platform,
                name=data.pop("name"),
                responsible=data.pop("responsible"),
                **data,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Instrument added."))
            return redirect("instruments:instrument_detail", pk=inst.pk)
    return render(request, "instruments/instrument_form.html", {"form": form, "platform": platform})


@user_view
def instrument_edit(request: HttpRequest, pk: int) -> HttpResponse:
    inst = selectors.instrument_get(user=request.user, pk=pk)
    if not can_manage_instrument(request.user, inst):
        raise PermissionDenied
    form = InstrumentForm(request.POST or None, initial=InstrumentForm.initial_for(inst))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.instrument_update(
                request.user, instrument=inst, responsible=data.pop("responsible"), **data
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Instrument saved."))
            return redirect("instruments:instrument_detail", pk=inst.pk)
    return render(
        request,
        "instruments/instrument_form.html",
        {"form": form, "platform": inst.platform, "instrument": inst},
    )


def _instrument_context(
    request: HttpRequest, inst: Any, form: BookingForm | None = None, **extra: Any
) -> dict[str, Any]:
    staff = can_staff_instrument(request.user, inst)
    return {
        "instrument": inst,
        "form": form or BookingForm(staff=staff),
        "staff": staff,
        "can_manage": can_manage_instrument(request.user, inst),
        "trainings": selectors.training_list_for_instrument(user=request.user, instrument=inst)[:50],
        "training_form": TrainingForm() if staff else None,
        "my_bookings": selectors.booking_list(user=request.user, instrument=inst.pk, mine=True)[:10],
        "history": _history(inst),
        "weekdays": [
            (d, inst.opening_hours.get(d, [])) for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        ],
        **extra,
    }


@user_view
def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inst = selectors.instrument_get(user=request.user, pk=pk)
    return render(request, "instruments/instrument_detail.html", _instrument_context(request, inst))


@user_view
def instrument_book(request: HttpRequest, pk: int) -> HttpResponse:
    inst = selectors.instrument_get(user=request.user, pk=pk)
    if request.method != "POST":
        return redirect("instruments:instrument_detail", pk=pk)
    staff = can_staff_instrument(request.user, inst)
    form = BookingForm(request.POST, staff=staff)
    status, extra = 400, {}
    if form.is_valid():
        start, end = form.span(_tz(request))
        try:
            booking = services.booking_create(
                request.user,
                instrument=inst,
                start=start,
                end=end,
                purpose=form.cleaned_data["purpose"],
                user=form.cleaned_data.get("on_behalf_of"),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("You may not book this instrument."))
            status = 403
        except Conflict as exc:
            form.add_error(None, exc.message)
            status = 409
            extra["next_free"] = [
                (dt.datetime.fromisoformat(s["start"]), dt.datetime.fromisoformat(s["end"]))
                for s in exc.detail.get("next_free", [])
            ]
        else:
            if booking.status == Booking.Status.REQUESTED:
                messages.success(request, _("Request sent: the instrument's staff will decide."))
            else:
                messages.success(request, _("Booked."))
            return redirect("instruments:booking_detail", pk=booking.pk)
    return render(
        request,
        "instruments/instrument_detail.html",
        _instrument_context(request, inst, form, **extra),
        status=status,
    )


def _week_start(request: HttpRequest, tz: ZoneInfo) -> dt.date:
    try:
        day = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.now().astimezone(tz).date()
    return day - dt.timedelta(days=day.weekday())


@user_view
def instrument_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    inst = selectors.instrument_get(user=request.user, pk=pk)
    tz = _tz(request)
    week = _week_start(request, tz)
    days = selectors.week_calendar(user=request.user, instrument=inst, week_start=week, tz=tz)
    return render(
        request,
        "instruments/instrument_calendar.html",
        {
            "instrument": inst,
            "days": days,
            "week": week,
            "prev_week": week - dt.timedelta(days=7),
            "next_week": week + dt.timedelta(days=7),
            "tz_name": str(tz),
        },
    )


def token_or_login(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like :func:`user_view`, but a calendar client, which has no session, may instead send one of
    the user's API tokens as ``?token=…`` (``sifang token create``; revoke it to end the feed).
    A wrong or revoked token is a 403, not a login page the client cannot use."""

    inner = user_view(view)

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raw = request.GET.get("token", "")
        if raw and not request.user.is_authenticated:
            user = token_authenticate(raw)
            if user is None:
                return HttpResponseForbidden(_("This calendar token is not valid (revoked or mistyped)."))
            request.user = user
        return inner(request, *args, **kwargs)

    return wrapped


@token_or_login
def instrument_ics(request: HttpRequest, pk: int) -> HttpResponse:
    inst = selectors.instrument_get(user=request.user, pk=pk)
    now = timezone.now()
    bookings = selectors.ics_bookings(
        instrument=inst, start=now - dt.timedelta(days=30), end=now + dt.timedelta(days=inst.horizon_days)
    )
    events = [
        (b, (b.user.get_full_name() or b.user.username) if can_see_booker(request.user, b) else _("Booked"))
        for b in bookings
    ]
    body = ics.calendar(
        name=str(inst), uid_domain=request.get_host().split(":")[0] or "sifang", events=events, now=now
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="instrument-{inst.pk}.ics"'
    return response


@user_view
@require_POST
def training_grant(request: HttpRequest, pk: int) -> HttpResponse:
    inst = selectors.instrument_get(user=request.user, pk=pk)
    form = TrainingForm(request.POST)
    if form.is_valid():
        try:
            services.training_grant(request.user, instrument=inst, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, "; ".join(m for ms in error_messages(exc).values() for m in ms))
        else:
            messages.success(request, _("Training record granted."))
    else:
        messages.error(request, _("Choose a user."))
    return redirect("instruments:instrument_detail", pk=pk)


@user_view
@require_POST
def training_revoke(request: HttpRequest, pk: int, record_pk: int) -> HttpResponse:
    inst = selectors.instrument_get(user=request.user, pk=pk)
    record = TrainingRecord.objects.filter(pk=record_pk, instrument=inst).select_related("instrument").first()
    if record is None:
        raise Http404
    services.training_revoke(request.user, record=record)
    messages.success(request, _("Training record revoked."))
    return redirect("instruments:instrument_detail", pk=pk)


# Bookings ---------------------------------------------------------------------------------------


@user_view
def booking_list(request: HttpRequest) -> HttpResponse:
    mine = request.GET.get("all") != "1"
    status = request.GET.get("status") or None
    page = _page(request, selectors.booking_list(user=request.user, mine=mine, status=status))
    return render(
        request,
        "instruments/booking_list.html",
        {
            "page": page,
            "mine": mine,
            "status": status,
            "statuses": Booking.Status.choices,
        },
    )


@user_view
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = selectors.booking_get(user=request.user, pk=pk)
    staff = can_staff_instrument(request.user, booking.instrument)
    return render(
        request,
        "instruments/booking_detail.html",
        {
            "booking": booking,
            "staff": staff,
            "can_decide": selectors.can_decide(request.user, booking),
            "is_booker": booking.user_id == request.user.pk,
            "decision_form": DecisionForm(),
            "complete_form": CompleteForm(),
            "history": _history(booking),
        },
    )


@user_view
@require_POST
def booking_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    booking = selectors.booking_get(user=request.user, pk=pk)
    if action not in services.BOOKING_ACTIONS:
        raise Http404
    form = CompleteForm(request.POST)
    try:
        services.booking_step(
            request.user,
            booking=booking,
            action=action,
            note=request.POST.get("note", ""),
            hours_used=form.cleaned_data.get("hours_used")
            if action == "complete" and form.is_valid()
            else None,
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(m for ms in error_messages(exc).values() for m in ms))
    else:
        messages.success(request, _("Done."))
    nxt = request.POST.get("next", "")
    if nxt == "approvals":
        return redirect("instruments:approvals")
    return redirect("instruments:booking_detail", pk=pk)


@user_view
def approvals(request: HttpRequest) -> HttpResponse:
    pending = selectors.booking_list_pending_for_approver(user=request.user)
    return render(
        request,
        "instruments/approvals.html",
        {"page": _page(request, pending), "decision_form": DecisionForm()},
    )


@user_view
def notices(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        for n in selectors.notice_list(user=request.user, unread_only=True):
            services.notice_mark_read(request.user, notice_id=n.pk)
        return redirect("instruments:notices")
    return render(
        request,
        "instruments/notices.html",
        {"page": _page(request, selectors.notice_list(user=request.user))},
    )


# Statements and sharing metrics -----------------------------------------------------------------


@user_view
def statements(request: HttpRequest) -> HttpResponse:
    form = StatementForm(request.GET or None)
    month, group = dt.date.today().replace(day=1), "organisation"
    if form.is_valid():
        month, group = form.cleaned_data["month"], form.cleaned_data["group"] or "organisation"
    rows = selectors.statement_rows(user=request.user, month=month, group_by=group, tz=_tz(request))
    fmt = request.GET.get("format")
    if fmt in {"csv", "xlsx"}:
        return _export(rows, month, fmt)
    totals = {
        "uses": sum(r["uses"] for r in rows),
        "hours": sum((r["hours"] for r in rows), Decimal("0")),
        "amount": sum((r["amount"] for r in rows), Decimal("0")),
    }
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "instruments/statements.html",
        {
            "form": form,
            "rows": rows,
            "totals": totals,
            "month": month,
            "query": query.urlencode(),
        },
    )


EXPORT_HEADER = ("group", "instrument", "user category", "uses", "hours", "amount (yuan)")


def _export(rows: list[dict[str, Any]], month: dt.date, fmt: str) -> HttpResponse:
    name = f"statement-{month:%Y-%m}"
    header = [_("Group"), _("Instrument"), _("User category"), _("Uses"), _("Hours"), _("Amount (yuan)")]
    values = [
        [str(r["group"]), r["instrument"], str(r["category"]), r["uses"], r["hours"], r["amount"]]
        for r in rows
    ]
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a BOM
        writer = csv.writer(response)
        writer.writerow(header)
        writer.writerows(values)
        return response
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = f"{month:%Y-%m}"
    ws.append([str(h) for h in header])
    for row in values:
        ws.append(row)
    for cell in ws["F"][1:]:
        cell.number_format = "#,##0.00"
    buf = BytesIO()
    wb.save(buf)
    response = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@user_view
def sharing(request: HttpRequest) -> HttpResponse:
    form = MetricsForm(request.GET or None)
    by, date_from, date_to = "instrument", None, None
    if form.is_valid():
        by = form.cleaned_data["by"] or "instrument"
        date_from, date_to = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    rows = selectors.sharing_metrics(user=request.user, by=by, date_from=date_from, date_to=date_to)
    for r in rows:
        r["share_percent"] = (r["share_rate"] * 100).quantize(Decimal("0.1"))
    return render(request, "instruments/sharing.html", {"form": form, "rows": rows, "by": by})
