"""Co-built platforms (平台联建), their shared instruments (资源共享), bookings, training records,
usage and fees.

No two active bookings (pending approval, approved or confirmed) of one instrument may overlap:
on PostgreSQL an exclusion constraint guarantees it (see migration 0002), on SQLite the booking
service re-checks inside a write transaction, which SQLite serialises (``transaction_mode=IMMEDIATE``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIMEZONES = [("Asia/Shanghai", _("Beijing time")), ("Asia/Urumqi", _("Xinjiang time"))]


def default_opening_hours() -> dict[str, list[list[str]]]:
    """Monday to Friday 09:00–18:00 (local time of the instrument); closed at weekends."""
    return {day: [["09:00", "18:00"]] for day in WEEKDAYS[:5]}


def _parse_hhmm(value: object) -> dt.time:
    if not isinstance(value, str):
        raise ValueError(value)
    if value == "24:00":
        return dt.time(23, 59, 59, 999999)
    return dt.time.fromisoformat(value)


def validate_opening_hours(value: object) -> None:
    """``{"mon": [["09:00", "12:00"], ["14:00", "18:00"]], ...}``; missing days are closed."""
    if not isinstance(value, dict):
        raise ValidationError(
            _("Opening hours must map weekdays (mon … sun) to lists of [open, close] times.")
        )
    for day, windows in value.items():
        if day not in WEEKDAYS:
            raise ValidationError(
                _("Unknown weekday “%(day)s”: use mon, tue, wed, thu, fri, sat, sun."), params={"day": day}
            )
        if not isinstance(windows, list):
            raise ValidationError(
                _("Opening hours of %(day)s must be a list of [open, close] pairs."), params={"day": day}
            )
        last_close: dt.time | None = None
        for pair in windows:
            try:
                opens, closes = (
                    (_parse_hhmm(pair[0]), _parse_hhmm(pair[1])) if len(pair) == 2 else (None, None)
                )
            except (TypeError, ValueError, KeyError):
                opens = closes = None
            if opens is None or closes is None:
                raise ValidationError(
                    _('Opening hours of %(day)s: each window is ["HH:MM", "HH:MM"].'), params={"day": day}
                )
            if closes <= opens:
                raise ValidationError(
                    _("Opening hours of %(day)s: a window must close after it opens."), params={"day": day}
                )
            if last_close is not None and opens < last_close:
                raise ValidationError(
                    _("Opening hours of %(day)s: windows must be in order and not overlap."),
                    params={"day": day},
                )
            last_close = closes


def validate_holidays(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Holidays must be a list of dates (YYYY-MM-DD)."))
    for item in value:
        try:
            dt.date.fromisoformat(str(item))
        except ValueError:
            raise ValidationError(
                _("“%(value)s” is not a date (YYYY-MM-DD)."), params={"value": item}
            ) from None


class Platform(models.Model):
    """A co-built platform: joint lab, engineering/technology centre, field station, pilot base, park."""

    class Kind(models.TextChoices):
        JOINT_LAB = "joint_lab", _("Co-built laboratory")
        ENGINEERING_CENTRE = "eng_centre", _("Engineering and technology centre")
        FIELD_STATION = "field_station", _("Field station")
        PILOT_BASE = "pilot_base", _("Pilot and demonstration base")
        PARK = "park", _("Co-built park")
        OTHER = "other", _("Other platform")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.JOINT_LAB)
    host = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="hosted_platforms",
        verbose_name=_("host organisation"),
    )
    partners = models.ManyToManyField(
        "taxonomy.Party", blank=True, related_name="+", verbose_name=_("partner parties")
    )
    region = models.ForeignKey(
        "taxonomy.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    clusters = models.ManyToManyField(
        "taxonomy.Cluster", blank=True, related_name="+", verbose_name=_("clusters")
    )
    fields = models.ManyToManyField("taxonomy.Field", blank=True, related_name="+", verbose_name=_("fields"))
    description = models.TextField(_("description"), blank=True)
    services = models.TextField(_("services offered"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    search_tokens = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_tokens"])

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind__in=["joint_lab", "eng_centre", "field_station", "pilot_base", "park", "other"]
                ),
                name="platform_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Instrument(models.Model):
    """A large instrument or facility of a platform, with its booking rules and fees."""

    class Status(models.TextChoices):
        AVAILABLE = "available", _("Available")
        MAINTENANCE = "maintenance", _("Under maintenance")
        RETIRED = "retired", _("Retired")

    class Category(models.TextChoices):
        ANALYTICAL = "analytical", _("Analytical instrument")
        IMAGING = "imaging", _("Microscopy and imaging")
        SPECTROSCOPY = "spectroscopy", _("Spectroscopy")
        COMPUTING = "computing", _("Computing facility")
        TESTING = "testing", _("Testing and measurement")
        FIELD = "field", _("Field facility")
        PILOT_LINE = "pilot_line", _("Pilot line")
        OTHER = "other", _("Other")

    class Audience(models.TextChoices):
        ANYONE = "anyone", _("Any registered user")
        MECHANISM = "mechanism", _("Users of the parties of the mechanism")
        OWN_ORGANISATION = "own_org", _("Users of the host organisation only")

    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="instruments", verbose_name=_("platform")
    )
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.ANALYTICAL
    )
    model_number = models.CharField(_("model"), max_length=120, blank=True)
    specification = models.TextField(_("specification"), blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.AVAILABLE)
    # Booking rules.
    timezone = models.CharField(
        _("time zone of the opening hours"), max_length=40, choices=TIMEZONES, default="Asia/Shanghai"
    )
    opening_hours = models.JSONField(
        _("opening hours"),
        default=default_opening_hours,
        blank=True,
        validators=[validate_opening_hours],
        help_text=_(
            'Per weekday a list of [open, close] times, e.g. {"mon": [["09:00", "18:00"]]}; missing days are closed.'
        ),
    )
    holidays = models.JSONField(
        _("holidays"),
        default=list,
        blank=True,
        validators=[validate_holidays],
        help_text=_("Dates (YYYY-MM-DD) when the instrument is closed."),
    )
    min_slot_minutes = models.PositiveIntegerField(
        _("shortest booking (minutes)"), default=30, validators=[MinValueValidator(5)]
    )
    max_slot_minutes = models.PositiveIntegerField(
        _("longest booking (minutes)"), default=480, validators=[MinValueValidator(5)]
    )
    slot_step_minutes = models.PositiveIntegerField(
        _("slot grid (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
        help_text=_("Bookings start and end on this grid, counted from midnight."),
    )
    lead_time_minutes = models.PositiveIntegerField(
        _("lead time (minutes)"), default=60, help_text=_("How long before its start a booking must be made.")
    )
    horizon_days = models.PositiveIntegerField(
        _("booking horizon (days)"),
        default=90,
        validators=[MinValueValidator(1)],
        help_text=_("How far ahead one may book."),
    )
    requires_approval = models.BooleanField(_("requires approval"), default=False)
    audience = models.CharField(
        _("who may book"), max_length=12, choices=Audience.choices, default=Audience.ANYONE
    )
    requires_training = models.BooleanField(_("requires a training record"), default=False)
    checkin_grace_minutes = models.PositiveIntegerField(
        _("check-in grace (minutes)"),
        default=15,
        help_text=_("A booking not checked in this long after its start is released as a no-show."),
    )
    # Fees per hour, in yuan.
    fee_own = models.DecimalField(
        _("fee per hour, host organisation (yuan)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    fee_mechanism = models.DecimalField(
        _("fee per hour, parties of the mechanism (yuan)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    fee_external = models.DecimalField(
        _("fee per hour, external users (yuan)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="responsible_instruments",
        verbose_name=_("responsible staff"),
    )
    description = models.TextField(_("description"), blank=True)
    search_tokens = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_tokens"])

    class Meta:
        ordering = ["platform__name", "name", "id"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["available", "maintenance", "retired"]),
                name="instrument_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(audience__in=["anyone", "mechanism", "own_org"]), name="instrument_audience_valid"
            ),
            models.CheckConstraint(
                condition=Q(max_slot_minutes__gte=F("min_slot_minutes")), name="instrument_slot_range"
            ),
            models.CheckConstraint(
                condition=Q(fee_own__gte=0, fee_mechanism__gte=0, fee_external__gte=0),
                name="instrument_fees_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.min_slot_minutes and self.max_slot_minutes and self.max_slot_minutes < self.min_slot_minutes:
            raise ValidationError(
                {"max_slot_minutes": _("The longest booking cannot be shorter than the shortest.")}
            )

    def windows_for(self, day: dt.date) -> list[tuple[dt.time, dt.time]]:
        """Opening windows of ``day`` (local time), empty on holidays and closed days."""
        if day.isoformat() in {str(h) for h in (self.holidays or [])}:
            return []
        windows = (self.opening_hours or {}).get(WEEKDAYS[day.weekday()], [])
        return [(_parse_hhmm(a), _parse_hhmm(b)) for a, b in windows]


class UserCategory(models.TextChoices):
    OWN = "own", _("User of the host organisation")
    MECHANISM = "mechanism", _("User from a party of the mechanism")
    EXTERNAL = "external", _("External user")


class Booking(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        CONFIRMED = "confirmed", _("Confirmed")
        COMPLETED = "completed", _("Completed")
        NO_SHOW = "no_show", _("No-show")
        CANCELLED = "cancelled", _("Cancelled")
        REJECTED = "rejected", _("Declined")

    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("instrument")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="instrument_bookings",
        verbose_name=_("booked for"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("booked by"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("user's organisation"),
    )
    party = models.ForeignKey(
        "taxonomy.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("user's party"),
    )
    user_category = models.CharField(_("user category"), max_length=10, choices=UserCategory.choices)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    decision_note = models.TextField(_("decision note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    hours_used = models.DecimalField(_("hours used"), max_digits=8, decimal_places=2, null=True, blank=True)
    fee = models.DecimalField(_("fee (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [models.Index(fields=["instrument", "start"], name="booking_instrument_start")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="booking_end_after_start"),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "requested",
                        "approved",
                        "confirmed",
                        "completed",
                        "no_show",
                        "cancelled",
                        "rejected",
                    ]
                ),
                name="booking_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(hours_used__isnull=True) | Q(hours_used__gte=0), name="booking_hours_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(fee__isnull=True) | Q(fee__gte=0), name="booking_fee_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.start:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def duration_hours(self) -> Decimal:
        return (Decimal((self.end - self.start).total_seconds()) / Decimal(3600)).quantize(Decimal("0.01"))


#: Bookings that hold their slot: no two of one instrument may overlap.
ACTIVE_STATUSES = (Booking.Status.REQUESTED, Booking.Status.APPROVED, Booking.Status.CONFIRMED)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Booking.Status.REQUESTED: (Booking.Status.APPROVED, Booking.Status.REJECTED, Booking.Status.CANCELLED),
    Booking.Status.APPROVED: (Booking.Status.CONFIRMED, Booking.Status.CANCELLED, Booking.Status.NO_SHOW),
    Booking.Status.CONFIRMED: (Booking.Status.COMPLETED, Booking.Status.CANCELLED, Booking.Status.NO_SHOW),
    Booking.Status.COMPLETED: (),
    Booking.Status.NO_SHOW: (),
    Booking.Status.CANCELLED: (),
    Booking.Status.REJECTED: (),
}


class TrainingRecord(models.Model):
    """A user is trained and authorised to use an instrument (until revoked or expired)."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="training_records", verbose_name=_("instrument")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="instrument_trainings",
        verbose_name=_("user"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-granted_at", "-id"]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "user"],
                condition=Q(revoked_at__isnull=True),
                name="training_one_active_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.instrument}"


class BookingNotice(models.Model):
    """A stored notification to a user about one of their bookings (also e-mailed when possible)."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", _("New booking request")
        APPROVED = "approved", _("Booking approved")
        REJECTED = "rejected", _("Booking declined")
        CANCELLED = "cancelled", _("Booking cancelled")
        NO_SHOW = "no_show", _("Released as no-show")
        BOOKED_FOR_YOU = "booked_for_you", _("Booked on your behalf")

    booking = models.ForeignKey(
        Booking, on_delete=models.CASCADE, related_name="notices", verbose_name=_("booking")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="booking_notices",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("booking notice")
        verbose_name_plural = _("booking notices")

    def __str__(self) -> str:
        return self.message[:60]
