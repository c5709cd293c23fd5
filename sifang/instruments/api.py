"""HTTP API of platforms and instruments, mounted at ``/api/v1/instruments`` (no trailing slash).

- ``GET  /api/v1/instruments`` instruments (filters ``q``, ``platform``, ``status``, ``party``)
- ``GET  /api/v1/instruments/{id}`` one instrument with its booking rules
- ``POST /api/v1/instruments/{id}/bookings`` book: 201 booking; 409 ``{"detail", "conflict":
  {"start", "end"}, "next_free": [{"start", "end"}, …]}``; 400 a rule broken; 403 who may not book
- ``GET  /api/v1/instruments/{id}/availability?from=…&to=…`` free slots
- ``GET  /api/v1/instruments/platforms`` platforms (filters ``q``, ``party``, ``cluster``, ``kind``)
- ``GET  /api/v1/instruments/metrics?by=instrument|platform|party`` sharing metrics
- ``GET  /api/v1/instruments/bookings`` the caller's visible bookings (filters ``status``, ``mine``)
- ``GET  /api/v1/instruments/bookings/{id}`` one booking
- ``POST /api/v1/instruments/bookings/{id}/{action}`` ``approve`` | ``decline`` (``note`` required)
  | ``cancel`` | ``confirm`` | ``check_in`` | ``complete`` (``hours_used``, default the booked
  time): 200 booking; 400 the step is not allowed from the current status; 403 not yours to take
- ``GET  /api/v1/instruments/approvals`` requests awaiting the caller's decision

Times are ISO 8601 and must carry an offset (``+08:00``, ``+06:00`` or ``Z``): a time without one
is refused with 400 instead of being guessed. Answers give times in the user's display zone."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from sifang.accounts.models import User

from . import selectors, services
from .models import Booking
from .permissions import can_see_booker
from .schemas import (
    AvailabilityOut,
    BookingActionIn,
    BookingIn,
    BookingOut,
    ConflictOut,
    ErrorOut,
    InstrumentOut,
    MetricOut,
    PlatformOut,
    SlotOut,
)

router = Router(tags=["instruments"])
ROUTERS = [("/v1/instruments", router)]

MAX_AVAILABILITY_DAYS = 31


def parse_aware(value: str, field: str) -> dt.datetime:
    """An ISO 8601 time with an offset; anything else is a 400 naming the field."""
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise ValidationError({field: _("“%(value)s” is not an ISO 8601 time.") % {"value": value}}) from None
    if timezone.is_naive(moment):
        raise ValidationError(
            {
                field: _(
                    "“%(value)s” has no time zone: add an offset such as +08:00 (Beijing) or +06:00 (Xinjiang)."
                )
                % {"value": value}
            }
        )
    return moment


def _tz(user: Any) -> ZoneInfo:
    return ZoneInfo(getattr(user, "display_timezone", None) or "Asia/Shanghai")


def _booking_out(user: Any, b: Booking) -> dict[str, Any]:
    tz = _tz(user)
    return {
        "id": b.pk,
        "instrument_id": b.instrument_id,
        "start": timezone.localtime(b.start, tz),
        "end": timezone.localtime(b.end, tz),
        "status": b.status,
        "purpose": b.purpose,
        "user_category": b.user_category,
        "booker": (b.user.get_full_name() or b.user.username) if can_see_booker(user, b) else None,
    }


@router.get("/bookings", response=list[BookingOut], operation_id="instruments_my_bookings")
@paginate
def my_bookings(request: HttpRequest, status: str | None = None, mine: bool = False) -> Any:
    qs = selectors.booking_list(user=request.user, status=status, mine=mine)
    return [_booking_out(request.user, b) for b in qs]


@router.get("/approvals", response=list[BookingOut], operation_id="instruments_approvals")
@paginate
def approvals(request: HttpRequest) -> Any:
    return [
        _booking_out(request.user, b) for b in selectors.booking_list_pending_for_approver(user=request.user)
    ]


@router.get(
    "/bookings/{booking_id}",
    response={200: BookingOut, 404: ErrorOut},
    operation_id="instruments_booking_get",
)
def booking_get(request: HttpRequest, booking_id: int) -> Any:
    return _booking_out(request.user, selectors.booking_get(user=request.user, pk=booking_id))


@router.post(
    "/bookings/{booking_id}/{action}",
    response={200: BookingOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    operation_id="instruments_booking_action",
)
def booking_action(request: HttpRequest, booking_id: int, action: str, payload: BookingActionIn) -> Any:
    """Take one step of a booking's life; the same rules and notices as the pages."""
    services.check_booking_action(action)
    booking = selectors.booking_get(user=request.user, pk=booking_id)
    booking = services.booking_step(
        request.user, booking=booking, action=action, note=payload.note, hours_used=payload.hours_used
    )
    return _booking_out(request.user, booking)


@router.get("/platforms", response=list[PlatformOut], operation_id="instruments_platform_list")
@paginate
def platform_list(
    request: HttpRequest,
    q: str = "",
    party: str | None = None,
    cluster: int | None = None,
    kind: str | None = None,
) -> Any:
    qs = selectors.platform_list(user=request.user, q=q, party=party, cluster=cluster, kind=kind)
    return qs


@router.get("/metrics", response=list[MetricOut], operation_id="instruments_metrics")
def metrics(
    request: HttpRequest,
    by: str = "instrument",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> Any:
    return selectors.sharing_metrics(user=request.user, by=by, date_from=date_from, date_to=date_to)


@router.get("", response=list[InstrumentOut], operation_id="instruments_list")
@paginate
def instrument_list(
    request: HttpRequest,
    q: str = "",
    platform: int | None = None,
    status: str | None = None,
    party: str | None = None,
) -> Any:
    qs = selectors.instrument_list(user=request.user, q=q, platform=platform, status=status, party=party)
    return qs


@router.get("/{instrument_id}", response=InstrumentOut, operation_id="instruments_get")
def instrument_get(request: HttpRequest, instrument_id: int) -> Any:
    return selectors.instrument_get(user=request.user, pk=instrument_id)


@router.post(
    "/{instrument_id}/bookings",
    response={201: BookingOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ConflictOut},
    operation_id="instruments_book",
)
def booking_create(request: HttpRequest, instrument_id: int, payload: BookingIn) -> Any:
    start, end = parse_aware(payload.start, "start"), parse_aware(payload.end, "end")
    instrument = selectors.instrument_get(user=request.user, pk=instrument_id)
    on_behalf = None
    if payload.user_id is not None and payload.user_id != request.user.pk:
        on_behalf = User.objects.filter(pk=payload.user_id, is_active=True).first()
        if on_behalf is None:
            raise ValidationError({"user_id": _("No such user.")})
    booking = services.booking_create(
        request.user, instrument=instrument, start=start, end=end, purpose=payload.purpose, user=on_behalf
    )
    return Status(201, _booking_out(request.user, booking))


@router.get(
    "/{instrument_id}/availability", response=AvailabilityOut, operation_id="instruments_availability"
)
def availability(
    request: HttpRequest,
    instrument_id: int,
    from_: str | None = Query(None, alias="from"),
    to: str | None = None,
) -> Any:
    instrument = selectors.instrument_get(user=request.user, pk=instrument_id)
    start = parse_aware(from_, "from") if from_ else timezone.now()
    end = parse_aware(to, "to") if to else start + dt.timedelta(days=7)
    if end <= start:
        raise ValidationError({"to": _("“to” must be after “from”.")})
    if end - start > dt.timedelta(days=MAX_AVAILABILITY_DAYS):
        raise ValidationError(
            {"to": _("Ask for at most %(days)d days at a time.") % {"days": MAX_AVAILABILITY_DAYS}}
        )
    tz = _tz(request.user)
    free = selectors.free_intervals(instrument, start=start, end=end)
    return {
        "instrument_id": instrument.pk,
        "timezone": str(tz),
        "free": [SlotOut(start=timezone.localtime(s, tz), end=timezone.localtime(e, tz)) for s, e in free],
    }


@router.get("/{instrument_id}/bookings", response=list[BookingOut], operation_id="instruments_booking_list")
@paginate
def booking_list(request: HttpRequest, instrument_id: int, status: str | None = None) -> Any:
    instrument = selectors.instrument_get(user=request.user, pk=instrument_id)
    qs = selectors.booking_list(user=request.user, instrument=instrument.pk, status=status)
    return [_booking_out(request.user, b) for b in qs]
