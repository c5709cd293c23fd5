"""Reads of platforms, instruments and bookings, limited to what the actor may see; free slots,
week calendars, monthly statements and the sharing metrics (有效工作机时, 对外服务机时, 共享率)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Case, Count, DecimalField, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifang.accounts.permissions import is_authenticated, is_office, is_officer, party_scope_q
from sifang.core.errors import NotFound
from sifang.core.search import search_q

from . import slots
from .models import (
    ACTIVE_STATUSES,
    Booking,
    BookingNotice,
    Instrument,
    Platform,
    TrainingRecord,
    UserCategory,
)
from .permissions import booking_visible_q, can_approve_booking, can_see_booker, managed_instruments_q

ZERO = Decimal("0")
CENT = Decimal("0.01")


def _money(value: object) -> Decimal:
    """Sums come back as Decimal on PostgreSQL and as numbers on SQLite: two decimals always."""
    return Decimal(str(value or 0)).quantize(CENT)


# Platforms and instruments ----------------------------------------------------------------------


def _nothing_unless_signed_in(user: Any) -> Q:
    return Q() if is_authenticated(user) else Q(pk__in=[])


def platform_list(
    *,
    user: Any,
    q: str = "",
    party: str | None = None,
    cluster: int | None = None,
    kind: str | None = None,
    region: int | None = None,
) -> QuerySet[Platform]:
    qs = (
        Platform.objects.filter(_nothing_unless_signed_in(user))
        .select_related("host", "host__party", "region")
        .prefetch_related("partners", "clusters")
        .annotate(
            instrument_count=Count(
                "instruments", filter=~Q(instruments__status=Instrument.Status.RETIRED), distinct=True
            )
        )
        .order_by("name", "id")
    )
    if q.strip():
        qs = qs.filter(search_q(q))
    if party:
        qs = qs.filter(
            Q(host__party__code=party)
            | Q(host__party__parent__code=party)
            | Q(partners__code=party)
            | Q(partners__parent__code=party)
        )
    if cluster:
        qs = qs.filter(clusters=cluster)
    if kind:
        qs = qs.filter(kind=kind)
    if region:
        qs = qs.filter(region=region)
    return qs.distinct() if (party or cluster) else qs


def platform_get(*, user: Any, pk: int) -> Platform:
    obj = platform_list(user=user).filter(pk=pk).first()
    if obj is None:
        raise NotFound(_("No such platform."))
    return obj


def instrument_list(
    *,
    user: Any,
    q: str = "",
    platform: int | None = None,
    status: str | None = None,
    category: str | None = None,
    party: str | None = None,
) -> QuerySet[Instrument]:
    qs = (
        Instrument.objects.filter(_nothing_unless_signed_in(user))
        .select_related("platform", "platform__host", "platform__host__party")
        .prefetch_related("responsible")
    )
    if q.strip():
        qs = qs.filter(search_q(q))
    if platform:
        qs = qs.filter(platform=platform)
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if party:
        qs = qs.filter(Q(platform__host__party__code=party) | Q(platform__host__party__parent__code=party))
    return qs


def instrument_get(*, user: Any, pk: int) -> Instrument:
    obj = instrument_list(user=user).filter(pk=pk).first()
    if obj is None:
        raise NotFound(_("No such instrument."))
    return obj


def instrument_list_managed(*, user: Any) -> QuerySet[Instrument]:
    return instrument_list(user=user).filter(managed_instruments_q(user)).distinct()


def training_list_for_instrument(*, user: Any, instrument: Instrument) -> QuerySet[TrainingRecord]:
    from .permissions import can_staff_instrument

    qs = TrainingRecord.objects.filter(instrument=instrument).select_related(
        "user", "granted_by", "revoked_by"
    )
    if can_staff_instrument(user, instrument):
        return qs
    return qs.filter(user=user.pk) if is_authenticated(user) else qs.none()


# Bookings ---------------------------------------------------------------------------------------


def _bookings() -> QuerySet[Booking]:
    return Booking.objects.select_related(
        "instrument",
        "instrument__platform",
        "instrument__platform__host",
        "user",
        "organisation",
        "party",
        "decided_by",
    )


def booking_list(
    *, user: Any, instrument: int | None = None, status: str | None = None, mine: bool = False
) -> QuerySet[Booking]:
    qs = _bookings().filter(booking_visible_q(user))
    if mine:
        qs = qs.filter(user=user.pk)
    if instrument:
        qs = qs.filter(instrument=instrument)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-start", "-id")


def booking_get(*, user: Any, pk: int) -> Booking:
    obj = _bookings().filter(booking_visible_q(user)).filter(pk=pk).first()
    if obj is None:
        raise NotFound(_("No such booking."))
    return obj


def booking_list_pending_for_approver(*, user: Any) -> QuerySet[Booking]:
    """Requests awaiting a decision that ``user`` may take (responsible staff or the office)."""
    if not is_authenticated(user):
        return Booking.objects.none()
    qs = _bookings().filter(status=Booking.Status.REQUESTED)
    if not is_office(user):
        qs = qs.filter(instrument__responsible=user.pk)
    return qs.order_by("start", "id")


def notice_list(*, user: Any, unread_only: bool = False) -> QuerySet[BookingNotice]:
    if not is_authenticated(user):
        return BookingNotice.objects.none()
    qs = BookingNotice.objects.filter(recipient=user.pk).select_related("booking", "booking__instrument")
    return qs.filter(read_at__isnull=True) if unread_only else qs


def active_bookings_between(
    instrument: Instrument, start: dt.datetime, end: dt.datetime
) -> QuerySet[Booking]:
    return Booking.objects.filter(
        instrument=instrument, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start
    ).order_by("start")


# Free slots -------------------------------------------------------------------------------------


def bookable_range(
    instrument: Instrument, *, now: dt.datetime | None = None
) -> tuple[dt.datetime, dt.datetime]:
    """[earliest start allowed by the lead time, latest end allowed by the horizon)."""
    now = now or timezone.now()
    return now + dt.timedelta(minutes=instrument.lead_time_minutes), now + dt.timedelta(
        days=instrument.horizon_days
    )


def free_intervals(
    instrument: Instrument, *, start: dt.datetime, end: dt.datetime, now: dt.datetime | None = None
) -> list[slots.Interval]:
    """Bookable free time in [start, end): opening hours minus holidays, active bookings, the
    lead time and the horizon; starts rounded up to the slot grid; pieces shorter than the
    shortest booking left out. Nothing when the instrument is not available."""
    if instrument.status != Instrument.Status.AVAILABLE:
        return []
    earliest, latest = bookable_range(instrument, now=now)
    start, end = max(start, earliest), min(end, latest)
    if start >= end:
        return []
    busy = [(b.start, b.end) for b in active_bookings_between(instrument, start, end)]
    out = []
    shortest = dt.timedelta(minutes=instrument.min_slot_minutes)
    for s, e in slots.subtract(slots.open_intervals(instrument, start, end), busy):
        s = slots.ceil_to_grid(instrument, s)
        if e - s >= shortest:
            out.append((s, e))
    return out


def next_free_slots(
    instrument: Instrument,
    *,
    after: dt.datetime,
    duration: dt.timedelta,
    count: int = 3,
    now: dt.datetime | None = None,
) -> list[slots.Interval]:
    """The first ``count`` free slots of ``duration`` from ``after`` on (within the horizon)."""
    out: list[slots.Interval] = []
    if duration <= dt.timedelta(0):
        return out
    _earliest, latest = bookable_range(instrument, now=now)
    cursor = after
    while cursor < latest and len(out) < count:
        chunk_end = min(cursor + dt.timedelta(days=14), latest)
        for s, e in free_intervals(instrument, start=cursor, end=chunk_end, now=now):
            while s + duration <= e and len(out) < count:
                out.append((s, s + duration))
                s = s + duration
        cursor = chunk_end
    return out


# Week calendar ----------------------------------------------------------------------------------


@dataclass
class Segment:
    start: dt.datetime
    end: dt.datetime
    free: bool
    booking: Booking | None = None
    label: str = ""
    mine: bool = False
    kind: str = "free"  # free, taken, mine, past, unavailable

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass
class Day:
    date: dt.date
    holiday: bool
    segments: list[Segment] = field(default_factory=list)


def week_calendar(
    *, user: Any, instrument: Instrument, week_start: dt.date, tz: ZoneInfo, now: dt.datetime | None = None
) -> list[Day]:
    """Seven days from ``week_start`` (in ``tz``): the opening windows split into free and taken
    segments. Bookers' names only where the user may see them."""
    now = now or timezone.now()
    start = dt.datetime.combine(week_start, dt.time(0, 0), tzinfo=tz)
    end = start + dt.timedelta(days=7)
    taken = (*ACTIVE_STATUSES, Booking.Status.COMPLETED)
    bookings = list(
        Booking.objects.filter(instrument=instrument, status__in=taken, start__lt=end, end__gt=start)
        .select_related("user")
        .order_by("start")
    )
    days: list[Day] = []
    for i in range(7):
        day = week_start + dt.timedelta(days=i)
        d_start = dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz)
        d_end = d_start + dt.timedelta(days=1)
        windows = slots.open_intervals(instrument, d_start, d_end)
        entry = Day(date=day, holiday=day.isoformat() in {str(h) for h in instrument.holidays or []})
        day_bookings = [b for b in bookings if b.start < d_end and b.end > d_start]
        free = slots.subtract(windows, [(b.start, b.end) for b in day_bookings])
        for s, e in free:
            if e <= now:
                entry.segments.append(Segment(start=s, end=e, free=False, label=_("past"), kind="past"))
                continue
            if s < now:  # the part of today already gone
                entry.segments.append(Segment(start=s, end=now, free=False, label=_("past"), kind="past"))
                s = now
            if instrument.status != Instrument.Status.AVAILABLE:
                entry.segments.append(
                    Segment(
                        start=s, end=e, free=False, label=instrument.get_status_display(), kind="unavailable"
                    )
                )
            else:
                entry.segments.append(Segment(start=s, end=e, free=True))
        for b in day_bookings:
            visible = can_see_booker(user, b)
            label = (b.user.get_full_name() or b.user.username) if visible else _("Booked")
            mine = b.user_id == getattr(user, "pk", None)
            entry.segments.append(
                Segment(
                    start=max(b.start, d_start),
                    end=min(b.end, d_end),
                    free=False,
                    booking=b if visible else None,
                    label=label,
                    mine=mine,
                    kind="mine" if mine else "taken",
                )
            )
        entry.segments.sort(key=lambda s: s.start)
        days.append(entry)
    return days


def ics_bookings(*, instrument: Instrument, start: dt.datetime, end: dt.datetime) -> QuerySet[Booking]:
    return active_bookings_between(instrument, start, end).select_related("user")


# Statements and sharing metrics -----------------------------------------------------------------


def usage_visible_q(user: Any) -> Q:
    """Completed bookings whose cost a user may see: the office all; an officer those booked by
    or hosted within the party; a member their organisation's (as user or as host); staff those
    of their instruments; everyone their own."""
    if not is_authenticated(user):
        return Q(pk__in=[])
    if is_office(user):
        return Q()
    q = Q(user=user.pk) | Q(instrument__in=Instrument.objects.filter(managed_instruments_q(user)))
    if is_officer(user):
        q |= party_scope_q(user, "party")
    if user.organisation_id:
        q |= Q(organisation=user.organisation_id)
    return q


def _month_range(month: dt.date, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    first = month.replace(day=1)
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    return dt.datetime.combine(first, dt.time(0, 0), tzinfo=tz), dt.datetime.combine(
        nxt, dt.time(0, 0), tzinfo=tz
    )


STATEMENT_GROUPS = {
    "organisation": ("organisation__name", gettext_lazy("Organisation")),
    "party": ("party__name", gettext_lazy("Party")),
    "platform": ("instrument__platform__name", gettext_lazy("Platform")),
}


def usage_list(*, user: Any, month: dt.date, tz: ZoneInfo | None = None) -> QuerySet[Booking]:
    """Completed bookings of a month (by start, in ``tz``) that the user may see."""
    start, end = _month_range(month, tz or ZoneInfo("Asia/Shanghai"))
    return (
        _bookings()
        .filter(usage_visible_q(user), status=Booking.Status.COMPLETED, start__gte=start, start__lt=end)
        .order_by("organisation__name", "start", "id")
    )


def statement_rows(
    *, user: Any, month: dt.date, group_by: str = "organisation", tz: ZoneInfo | None = None
) -> list[dict[str, Any]]:
    """The monthly statement for cost sharing: per group (organisation, party or platform) and
    instrument, the number of uses, hours and fees, totalled by the database."""
    key = STATEMENT_GROUPS.get(group_by, STATEMENT_GROUPS["organisation"])[0]
    rows = (
        usage_list(user=user, month=month, tz=tz)
        .order_by()
        .values(key, "instrument__name", "user_category")
        .annotate(
            uses=Count("id"),
            hours=Coalesce(Sum("hours_used"), Value(ZERO), output_field=DecimalField()),
            amount=Coalesce(Sum("fee"), Value(ZERO), output_field=DecimalField()),
        )
        .order_by(key, "instrument__name", "user_category")
    )
    return [
        {
            "group": r[key] or _("(none)"),
            "instrument": r["instrument__name"],
            "category": UserCategory(r["user_category"]).label,
            "uses": r["uses"],
            "hours": _money(r["hours"]),
            "amount": _money(r["amount"]),
        }
        for r in rows
    ]


METRIC_KEYS = {
    "instrument": ("instrument_id", "instrument__name"),
    "platform": ("instrument__platform_id", "instrument__platform__name"),
    "party": ("instrument__platform__host__party__code", "instrument__platform__host__party__name"),
}


def sharing_metrics(
    *, user: Any, by: str = "instrument", date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[dict[str, Any]]:
    """有效工作机时 (effective hours of completed uses), 对外服务机时 (hours for users outside the
    host organisation), 共享率 (external / effective) and 服务收入 (fees), per instrument,
    platform or host party, over completed bookings that started in [date_from, date_to]
    (Beijing dates). Aggregated figures are open to every signed-in user."""
    if not is_authenticated(user):
        return []
    key_id, key_name = METRIC_KEYS.get(by, METRIC_KEYS["instrument"])
    tz = ZoneInfo("Asia/Shanghai")
    qs = Booking.objects.filter(status=Booking.Status.COMPLETED)
    if date_from:
        qs = qs.filter(start__gte=dt.datetime.combine(date_from, dt.time(0, 0), tzinfo=tz))
    if date_to:
        qs = qs.filter(
            start__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(0, 0), tzinfo=tz)
        )
    hours = Coalesce(F("hours_used"), Value(ZERO), output_field=DecimalField())
    rows = (
        qs.order_by()
        .values(key_id, key_name)
        .annotate(
            uses=Count("id"),
            effective=Coalesce(Sum(hours), Value(ZERO), output_field=DecimalField()),
            external=Coalesce(
                Sum(
                    Case(
                        When(~Q(user_category=UserCategory.OWN), then=hours),
                        default=Value(ZERO),
                        output_field=DecimalField(),
                    )
                ),
                Value(ZERO),
                output_field=DecimalField(),
            ),
            income=Coalesce(Sum("fee"), Value(ZERO), output_field=DecimalField()),
        )
        .order_by(key_name)
    )
    out = []
    for r in rows:
        effective, external = _money(r["effective"]), _money(r["external"])
        rate = (external / effective).quantize(Decimal("0.0001")) if effective else ZERO
        out.append(
            {
                "key": r[key_id],
                "name": r[key_name],
                "uses": r["uses"],
                "effective_hours": effective,
                "external_hours": external,
                "share_rate": rate,
                "income": _money(r["income"]),
            }
        )
    return out


def can_decide(user: Any, booking: Booking) -> bool:
    return booking.status == Booking.Status.REQUESTED and can_approve_booking(user, booking.instrument)
