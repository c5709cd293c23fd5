"""Changes to platforms, instruments, training records and bookings.

Every function takes the acting user first, checks permission, validates, and runs in one
transaction. ``booking_create`` is the one place where double bookings are prevented: on
PostgreSQL by the exclusion constraint ``booking_no_overlap`` (its IntegrityError becomes a
``Conflict``), on SQLite by re-checking inside the write transaction, which SQLite serialises
(``transaction_mode=IMMEDIATE``: BEGIN takes the write lock)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sifang.accounts.models import User
from sifang.core.errors import Conflict, NotFound
from sifang.core.history import set_change_reason
from sifang.core.text import search_document
from sifang.organisations.models import Organisation
from sifang.taxonomy.models import Cluster, Field, Party

from . import slots
from .models import (
    ACTIVE_STATUSES,
    TRANSITIONS,
    Booking,
    BookingNotice,
    Instrument,
    Platform,
    TrainingRecord,
    UserCategory,
)
from .permissions import (
    booking_refusal,
    can_approve_booking,
    can_create_platform,
    can_manage_instrument,
    can_manage_platform,
    can_see_booker,
    can_staff_instrument,
    user_category,
)
from .selectors import next_free_slots

logger = logging.getLogger(__name__)

PLATFORM_FIELDS = {
    "kind",
    "region",
    "address",
    "description",
    "services",
    "contact_name",
    "contact_phone",
    "contact_email",
}
INSTRUMENT_FIELDS = {
    "name",
    "category",
    "model_number",
    "specification",
    "location",
    "status",
    "timezone",
    "opening_hours",
    "holidays",
    "min_slot_minutes",
    "max_slot_minutes",
    "slot_step_minutes",
    "lead_time_minutes",
    "horizon_days",
    "requires_approval",
    "audience",
    "requires_training",
    "checkin_grace_minutes",
    "fee_own",
    "fee_mechanism",
    "fee_external",
    "description",
}


def _display_tz(user: Any) -> ZoneInfo:
    return ZoneInfo(getattr(user, "display_timezone", None) or "Asia/Shanghai")


def _fmt(moment: dt.datetime, tz: ZoneInfo) -> str:
    return timezone.localtime(moment, tz).strftime("%Y-%m-%d %H:%M")


def _fmt_range(start: dt.datetime, end: dt.datetime, tz: ZoneInfo) -> str:
    local_start, local_end = timezone.localtime(start, tz), timezone.localtime(end, tz)
    tail = (
        local_end.strftime("%H:%M")
        if local_start.date() == local_end.date()
        else local_end.strftime("%Y-%m-%d %H:%M")
    )
    return f"{local_start:%Y-%m-%d %H:%M}–{tail}"


def _name(user: Any) -> str:
    return user.get_full_name() or user.username


# Platforms and instruments ----------------------------------------------------------------------


def _ids(model: Any, values: Iterable[Any], label: str) -> list[int]:
    ids = [v.pk if hasattr(v, "pk") else int(v) for v in values]
    found = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError({label: _("Unknown: %(ids)s") % {"ids": ", ".join(map(str, missing))}})
    return ids


def _platform_m2m(
    platform: Platform,
    partners: Iterable[Any] | None,
    clusters: Iterable[Any] | None,
    fields: Iterable[Any] | None,
) -> None:
    if partners is not None:
        platform.partners.set(_ids(Party, partners, "partners"))
    if clusters is not None:
        platform.clusters.set(_ids(Cluster, clusters, "clusters"))
    if fields is not None:
        platform.fields.set(_ids(Field, fields, "fields"))


def _platform_search(platform: Platform) -> None:
    platform.search_tokens = search_document(
        platform.name,
        platform.host.name if platform.host_id else "",
        platform.description,
        platform.services,
        platform.address,
    )


@transaction.atomic
def platform_create(
    actor: Any,
    *,
    host: Organisation,
    name: str,
    partners: Iterable[Any] | None = None,
    clusters: Iterable[Any] | None = None,
    fields: Iterable[Any] | None = None,
    **data: Any,
) -> Platform:
    if not can_create_platform(actor):
        raise PermissionDenied(_("You may not register platforms."))
    unknown = set(data) - PLATFORM_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    platform = Platform(host=host, name=name, created_by=actor, **data)
    if not can_manage_platform(actor, platform):
        raise PermissionDenied(_("You may only register platforms hosted by your own organisation or party."))
    if platform.region_id is None and host.region_id:
        platform.region_id = host.region_id
    _platform_search(platform)
    platform.full_clean()
    platform.save()
    _platform_m2m(platform, partners, clusters, fields)
    return platform


@transaction.atomic
def platform_update(
    actor: Any,
    *,
    platform: Platform,
    partners: Iterable[Any] | None = None,
    clusters: Iterable[Any] | None = None,
    fields: Iterable[Any] | None = None,
    **data: Any,
) -> Platform:
    if not can_manage_platform(actor, platform):
        raise PermissionDenied(_("You may only change platforms of your own organisation or party."))
    unknown = set(data) - PLATFORM_FIELDS - {"name", "host"}
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for key, value in data.items():
        setattr(platform, key, value)
    if not can_manage_platform(actor, platform):
        raise PermissionDenied(_("You may only register platforms hosted by your own organisation or party."))
    _platform_search(platform)
    platform.full_clean()
    platform.save()
    _platform_m2m(platform, partners, clusters, fields)
    return platform


def _instrument_search(instrument: Instrument) -> None:
    instrument.search_tokens = search_document(
        instrument.name,
        instrument.model_number,
        instrument.specification,
        instrument.location,
        instrument.description,
        instrument.platform.name,
    )


@transaction.atomic
def instrument_create(
    actor: Any, *, platform: Platform, name: str, responsible: Iterable[Any] | None = None, **data: Any
) -> Instrument:
    if not can_manage_platform(actor, platform):
        raise PermissionDenied(_("You may only add instruments to platforms you manage."))
    unknown = set(data) - INSTRUMENT_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    instrument = Instrument(platform=platform, name=name, **data)
    _instrument_search(instrument)
    instrument.full_clean()
    instrument.save()
    if responsible is not None:
        instrument.responsible.set(_ids(User, responsible, "responsible"))
    return instrument


@transaction.atomic
def instrument_update(
    actor: Any, *, instrument: Instrument, responsible: Iterable[Any] | None = None, **data: Any
) -> Instrument:
    if not can_manage_instrument(actor, instrument):
        raise PermissionDenied(_("You may only change instruments of platforms you manage."))
    unknown = set(data) - INSTRUMENT_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for key, value in data.items():
        setattr(instrument, key, value)
    _instrument_search(instrument)
    instrument.full_clean()
    instrument.save()
    if responsible is not None:
        instrument.responsible.set(_ids(User, responsible, "responsible"))
    return instrument


# Training records -------------------------------------------------------------------------------


@transaction.atomic
def training_grant(
    actor: Any, *, instrument: Instrument, user: Any, valid_until: dt.date | None = None, note: str = ""
) -> TrainingRecord:
    if not can_staff_instrument(actor, instrument):
        raise PermissionDenied(_("Only the instrument's staff may grant training records."))
    existing = (
        TrainingRecord.objects.select_for_update()
        .filter(instrument=instrument, user=user, revoked_at__isnull=True)
        .first()
    )
    if existing is not None:
        existing.valid_until, existing.note, existing.granted_by = valid_until, note, actor
        existing.full_clean()
        existing.save()
        return existing
    record = TrainingRecord(
        instrument=instrument, user=user, granted_by=actor, valid_until=valid_until, note=note
    )
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def training_revoke(actor: Any, *, record: TrainingRecord) -> TrainingRecord:
    if not can_staff_instrument(actor, record.instrument):
        raise PermissionDenied(_("Only the instrument's staff may revoke training records."))
    if record.revoked_at is None:
        record.revoked_at, record.revoked_by = timezone.now(), actor
        record.save(update_fields=["revoked_at", "revoked_by"])
    return record


# Notices ----------------------------------------------------------------------------------------


def _notify(booking: Booking, recipients: Iterable[Any], kind: str, message: str) -> None:
    """Store a notice for each recipient and e-mail those with an address once committed."""
    subject = str(BookingNotice.Kind(kind).label)
    for recipient in {r.pk: r for r in recipients if r is not None}.values():
        BookingNotice.objects.create(booking=booking, recipient=recipient, kind=kind, message=message)
        if recipient.email:
            transaction.on_commit(functools.partial(_send, subject, message, str(recipient.email)))


def _send(subject: str, message: str, address: str) -> None:
    try:
        send_mail(subject, message, settings.DEFAULT_FROM_EMAIL, [address])
    except Exception:  # the stored notice is the record; mail is best effort
        logger.warning("booking notice mail to %s failed", address, exc_info=True)


@transaction.atomic
def notice_mark_read(actor: Any, *, notice_id: int) -> BookingNotice:
    notice = BookingNotice.objects.filter(pk=notice_id, recipient=actor.pk).first()
    if notice is None:
        raise NotFound(_("No such notice."))
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


# Bookings ---------------------------------------------------------------------------------------


def _validate_slot(instrument: Instrument, start: dt.datetime, end: dt.datetime, now: dt.datetime) -> None:
    """Every booking rule except overlap; raises ValidationError naming the rule broken."""
    if start is None or end is None or timezone.is_naive(start) or timezone.is_naive(end):
        raise ValidationError({"start": _("Times need a time zone (an offset such as +08:00).")})
    if instrument.status == Instrument.Status.RETIRED:
        raise ValidationError(_("This instrument is retired and cannot be booked."))
    if instrument.status == Instrument.Status.MAINTENANCE:
        raise ValidationError(_("This instrument is under maintenance and cannot be booked now."))
    if end <= start:
        raise ValidationError({"end": _("The booking must end after it starts.")})
    if start < now:
        raise ValidationError({"start": _("The booking cannot start in the past.")})
    lead = dt.timedelta(minutes=instrument.lead_time_minutes)
    if start < now + lead:
        raise ValidationError(
            {
                "start": _("Bookings must be made at least %(minutes)d minutes ahead.")
                % {"minutes": instrument.lead_time_minutes}
            }
        )
    if end > now + dt.timedelta(days=instrument.horizon_days):
        raise ValidationError(
            {
                "start": _("Bookings may be made at most %(days)d days ahead.")
                % {"days": instrument.horizon_days}
            }
        )
    minutes = (end - start).total_seconds() / 60
    if minutes < instrument.min_slot_minutes:
        raise ValidationError(
            {
                "end": _("The booking is too short: at least %(minutes)d minutes.")
                % {"minutes": instrument.min_slot_minutes}
            }
        )
    if minutes > instrument.max_slot_minutes:
        raise ValidationError(
            {
                "end": _("The booking is too long: at most %(minutes)d minutes.")
                % {"minutes": instrument.max_slot_minutes}
            }
        )
    if not (slots.on_grid(instrument, start) and slots.on_grid(instrument, end)):
        raise ValidationError(
            {
                "start": _(
                    "Bookings start and end on a %(minutes)d-minute grid (e.g. 09:00, 09:%(minutes)02d)."
                )
                % {"minutes": instrument.slot_step_minutes}
            }
        )
    local_day = start.astimezone(slots.zone(instrument)).date()
    if local_day.isoformat() in {str(h) for h in instrument.holidays or []}:
        raise ValidationError(
            {"start": _("The instrument is closed on %(day)s (holiday).") % {"day": local_day.isoformat()}}
        )
    if slots.window_containing(instrument, start, end) is None:
        windows = ", ".join(
            f"{a:%H:%M}–{b:%H:%M}" for a, b in slots.local_windows(instrument, local_day)
        ) or _("closed")
        raise ValidationError(
            {
                "start": _("The booking is outside the opening hours of %(day)s (%(hours)s, %(tz)s).")
                % {"day": local_day.isoformat(), "hours": windows, "tz": instrument.get_timezone_display()}
            }
        )


def _conflict_error(
    actor: Any,
    instrument: Instrument,
    conflict: Booking | None,
    start: dt.datetime,
    end: dt.datetime,
    now: dt.datetime,
) -> Conflict:
    tz = _display_tz(actor)
    free = next_free_slots(instrument, after=start, duration=end - start, now=now)
    detail: dict[str, Any] = {
        "next_free": [
            {"start": timezone.localtime(s, tz).isoformat(), "end": timezone.localtime(e, tz).isoformat()}
            for s, e in free
        ]
    }
    if conflict is None:
        message = _("This time overlaps another booking of %(instrument)s.") % {"instrument": instrument}
        detail["conflict"] = {
            "start": timezone.localtime(start, tz).isoformat(),
            "end": timezone.localtime(end, tz).isoformat(),
        }
    else:
        taken = _fmt_range(conflict.start, conflict.end, tz)
        if can_see_booker(actor, conflict):
            message = _("%(instrument)s is already booked %(range)s by %(name)s.") % {
                "instrument": instrument,
                "range": taken,
                "name": _name(conflict.user),
            }
        else:
            message = _("%(instrument)s is already booked %(range)s.") % {
                "instrument": instrument,
                "range": taken,
            }
        detail["conflict"] = {
            "start": timezone.localtime(conflict.start, tz).isoformat(),
            "end": timezone.localtime(conflict.end, tz).isoformat(),
        }
        if can_see_booker(actor, conflict):
            detail["conflict"]["booker"] = _name(conflict.user)
    if free:
        message += " " + _("Next free: %(slots)s.") % {
            "slots": "; ".join(_fmt_range(s, e, tz) for s, e in free)
        }
    return Conflict(message, detail=detail)


def _is_overlap_violation(exc: IntegrityError) -> bool:
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) == "23P01" or "booking_no_overlap" in str(exc)


def _find_conflict(instrument: Instrument, start: dt.datetime, end: dt.datetime) -> Booking | None:
    return (
        Booking.objects.select_related("user")
        .filter(instrument=instrument, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start)
        .order_by("start")
        .first()
    )


def booking_create(
    actor: Any,
    *,
    instrument: Instrument,
    start: dt.datetime,
    end: dt.datetime,
    purpose: str = "",
    user: Any = None,
    now: dt.datetime | None = None,
) -> Booking:
    """Book ``instrument`` for [start, end) for the actor (or, for the instrument's staff, on
    behalf of ``user``). Raises ValidationError (a rule), PermissionDenied (who) or Conflict
    (the slot is taken; with the conflicting range and the next free slots)."""
    now = now or timezone.now()
    booker = user or actor
    on_behalf = booker.pk != getattr(actor, "pk", None)
    if on_behalf and not can_staff_instrument(actor, instrument):
        raise PermissionDenied(_("Only the instrument's staff may book on behalf of someone else."))
    refusal = booking_refusal(booker, instrument, on=start.date() if start else None)
    if refusal:
        raise PermissionDenied(refusal)
    _validate_slot(instrument, start, end, now)
    purpose = (purpose or "").strip()
    if len(purpose) > 300:
        raise ValidationError({"purpose": _("The purpose is limited to 300 characters.")})
    staff_booking = can_approve_booking(actor, instrument)
    status = (
        Booking.Status.REQUESTED
        if instrument.requires_approval and not staff_booking
        else Booking.Status.CONFIRMED
    )
    booking = Booking(
        instrument=instrument,
        user=booker,
        created_by=actor,
        organisation_id=booker.organisation_id,
        party_id=booker.party_id,
        user_category=user_category(booker, instrument),
        start=start,
        end=end,
        purpose=purpose,
        status=status,
    )
    booking.full_clean()
    conflict: Booking | None = None
    clash = False
    # One write transaction: on SQLite BEGIN IMMEDIATE holds the database's write lock, so the
    # check below and the insert cannot interleave with another booking; on PostgreSQL the
    # exclusion constraint rejects the insert of a concurrent overlapping booking.
    with transaction.atomic():
        conflict = _find_conflict(instrument, start, end)
        if conflict is None:
            try:
                with transaction.atomic():
                    booking.save()
            except IntegrityError as exc:
                if not _is_overlap_violation(exc):
                    raise
                clash = True
                conflict = _find_conflict(instrument, start, end)
            else:
                _after_create(actor, booking, on_behalf=on_behalf)
                return booking
    if conflict is not None or clash:
        raise _conflict_error(actor, instrument, conflict, start, end, now)
    raise AssertionError("unreachable")  # pragma: no cover


def _after_create(actor: Any, booking: Booking, *, on_behalf: bool) -> None:
    tz = ZoneInfo("Asia/Shanghai")
    what = _("%(instrument)s, %(range)s (Beijing time)") % {
        "instrument": booking.instrument,
        "range": _fmt_range(booking.start, booking.end, tz),
    }
    if booking.status == Booking.Status.REQUESTED:
        approvers = list(booking.instrument.responsible.all())
        _notify(
            booking,
            approvers,
            BookingNotice.Kind.REQUESTED,
            _("%(name)s asks to book %(what)s.") % {"name": _name(booking.user), "what": what},
        )
    if on_behalf:
        _notify(
            booking,
            [booking.user],
            BookingNotice.Kind.BOOKED_FOR_YOU,
            _("%(name)s booked %(what)s for you.") % {"name": _name(actor), "what": what},
        )


def _lock(booking: Booking) -> Booking:
    locked = (
        Booking.objects.select_for_update()
        .select_related("instrument", "instrument__platform", "user")
        .get(pk=booking.pk)
    )
    return locked


def _move(booking: Booking, to: str) -> None:
    if to not in TRANSITIONS[booking.status]:
        raise ValidationError(
            {
                "status": _("A booking that is “%(from)s” cannot become “%(to)s”.")
                % {"from": Booking.Status(booking.status).label, "to": Booking.Status(to).label}
            }
        )
    booking.status = to


@transaction.atomic
def booking_decide(
    actor: Any, *, booking: Booking, approve: bool, note: str = "", now: dt.datetime | None = None
) -> Booking:
    """Approve or decline a request; the requester is told (stored notice and e-mail)."""
    locked = _lock(booking)
    if not can_approve_booking(actor, locked.instrument):
        raise PermissionDenied(
            _("Only the instrument's responsible staff or the office may decide on requests.")
        )
    note = (note or "").strip()
    if not approve and not note:
        raise ValidationError({"note": _("Say why the request is declined.")})
    _move(locked, Booking.Status.APPROVED if approve else Booking.Status.REJECTED)
    locked.decision_note, locked.decided_by, locked.decided_at = note, actor, now or timezone.now()
    set_change_reason(locked, note[:100])
    locked.save()
    what = _("%(instrument)s, %(range)s (Beijing time)") % {
        "instrument": locked.instrument,
        "range": _fmt_range(locked.start, locked.end, ZoneInfo("Asia/Shanghai")),
    }
    if approve:
        msg = _("Your booking of %(what)s was approved.") % {"what": what}
    else:
        msg = _("Your booking of %(what)s was declined.") % {"what": what}
    if note:
        msg += " " + _("Note: %(note)s") % {"note": note}
    _notify(
        locked, [locked.user], BookingNotice.Kind.APPROVED if approve else BookingNotice.Kind.REJECTED, msg
    )
    booking.refresh_from_db()
    return locked


@transaction.atomic
def booking_confirm(actor: Any, *, booking: Booking) -> Booking:
    """The booker (or staff) confirms an approved booking."""
    locked = _lock(booking)
    if locked.user_id != actor.pk and not can_staff_instrument(actor, locked.instrument):
        raise PermissionDenied(_("Only the booker or the instrument's staff may confirm this booking."))
    _move(locked, Booking.Status.CONFIRMED)
    locked.save()
    return locked


@transaction.atomic
def booking_cancel(actor: Any, *, booking: Booking, reason: str = "") -> Booking:
    locked = _lock(booking)
    staff = can_staff_instrument(actor, locked.instrument)
    if locked.user_id != actor.pk and locked.created_by_id != actor.pk and not staff:
        raise PermissionDenied(_("Only the booker or the instrument's staff may cancel this booking."))
    _move(locked, Booking.Status.CANCELLED)
    locked.decision_note = (reason or "").strip() or locked.decision_note
    locked.save()
    if locked.user_id != actor.pk:
        _notify(
            locked,
            [locked.user],
            BookingNotice.Kind.CANCELLED,
            _(
                "Your booking of %(instrument)s, %(range)s (Beijing time) was cancelled by %(name)s. %(reason)s"
            )
            % {
                "instrument": locked.instrument,
                "range": _fmt_range(locked.start, locked.end, ZoneInfo("Asia/Shanghai")),
                "name": _name(actor),
                "reason": reason,
            },
        )
    return locked


@transaction.atomic
def booking_check_in(actor: Any, *, booking: Booking, now: dt.datetime | None = None) -> Booking:
    """Mark that the user arrived; allowed from 30 minutes before the start until the end."""
    now = now or timezone.now()
    locked = _lock(booking)
    if locked.user_id != actor.pk and not can_staff_instrument(actor, locked.instrument):
        raise PermissionDenied(_("Only the booker or the instrument's staff may check in."))
    if locked.status not in (Booking.Status.APPROVED, Booking.Status.CONFIRMED):
        raise ValidationError(_("Only approved or confirmed bookings can be checked in."))
    if not (locked.start - dt.timedelta(minutes=30) <= now < locked.end):
        raise ValidationError(
            _("Check-in opens 30 minutes before the start and closes at the end of the booking.")
        )
    locked.status = Booking.Status.CONFIRMED
    locked.checked_in_at = now
    locked.save()
    return locked


def fee_for(instrument: Instrument, category: str, hours: Decimal) -> Decimal:
    rate = {
        UserCategory.OWN: instrument.fee_own,
        UserCategory.MECHANISM: instrument.fee_mechanism,
        UserCategory.EXTERNAL: instrument.fee_external,
    }[UserCategory(category)]
    return (Decimal(rate) * Decimal(hours)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def booking_complete(
    actor: Any, *, booking: Booking, hours_used: Decimal | None = None, now: dt.datetime | None = None
) -> Booking:
    """Record the usage of a checked-in booking (hours default to the booked duration) and its fee."""
    now = now or timezone.now()
    locked = _lock(booking)
    if not can_staff_instrument(actor, locked.instrument):
        raise PermissionDenied(_("Only the instrument's staff may record usage."))
    if locked.status != Booking.Status.CONFIRMED or locked.checked_in_at is None:
        raise ValidationError(_("Only confirmed, checked-in bookings can be completed."))
    if now < locked.start:
        raise ValidationError(_("A booking cannot be completed before it starts."))
    hours = locked.duration_hours if hours_used is None else Decimal(hours_used).quantize(Decimal("0.01"))
    if hours <= 0 or hours > Decimal(24 * 7):
        raise ValidationError({"hours_used": _("Hours used must be more than 0.")})
    _move(locked, Booking.Status.COMPLETED)
    locked.hours_used = hours
    locked.fee = fee_for(locked.instrument, locked.user_category, hours)
    locked.completed_at = now
    locked.full_clean()
    locked.save()
    return locked


BOOKING_ACTIONS = ("approve", "decline", "cancel", "confirm", "check_in", "complete")


def booking_step(
    actor: Any, *, booking: Booking, action: str, note: str = "", hours_used: Decimal | None = None
) -> Booking:
    """Take one step of a booking's life named ``action`` (the API and the booking page use this
    one entry): ``note`` is the decision note or the reason of a cancellation, ``hours_used`` the
    usage recorded by ``complete``."""
    check_booking_action(action)
    note = (note or "")[:1000]
    if action in ("approve", "decline"):
        return booking_decide(actor, booking=booking, approve=action == "approve", note=note)
    if action == "cancel":
        return booking_cancel(actor, booking=booking, reason=note[:300])
    if action == "confirm":
        return booking_confirm(actor, booking=booking)
    if action == "check_in":
        return booking_check_in(actor, booking=booking)
    return booking_complete(actor, booking=booking, hours_used=hours_used)


def check_booking_action(action: str) -> None:
    """A 400-style error naming the known steps when ``action`` is not one of them."""
    if action not in BOOKING_ACTIONS:
        raise ValidationError(
            {
                "action": _("Unknown action “%(action)s”.") % {"action": action}
                + " "
                + ", ".join(BOOKING_ACTIONS)
            }
        )


def booking_release_no_shows(*, now: dt.datetime | None = None) -> int:
    """Release approved or confirmed bookings not checked in within their instrument's grace
    time after the start as no-shows (run every minute by a huey task). Returns the count."""
    now = now or timezone.now()
    released = 0
    candidates = Booking.objects.filter(
        status__in=(Booking.Status.APPROVED, Booking.Status.CONFIRMED),
        checked_in_at__isnull=True,
        start__lte=now,
    ).values_list("pk", flat=True)
    for pk in list(candidates[:500]):
        with transaction.atomic():
            booking = (
                Booking.objects.select_for_update()
                .select_related("instrument", "user")
                .filter(
                    pk=pk,
                    status__in=(Booking.Status.APPROVED, Booking.Status.CONFIRMED),
                    checked_in_at__isnull=True,
                )
                .first()
            )
            if booking is None:
                continue
            if booking.start + dt.timedelta(minutes=booking.instrument.checkin_grace_minutes) > now:
                continue
            booking.status = Booking.Status.NO_SHOW
            set_change_reason(booking, "no-show release")
            booking.save()
            _notify(
                booking,
                [booking.user],
                BookingNotice.Kind.NO_SHOW,
                _(
                    "Your booking of %(instrument)s, %(range)s (Beijing time) was not checked in within %(minutes)d minutes and has been released."
                )
                % {
                    "instrument": booking.instrument,
                    "range": _fmt_range(booking.start, booking.end, ZoneInfo("Asia/Shanghai")),
                    "minutes": booking.instrument.checkin_grace_minutes,
                },
            )
            released += 1
    return released
