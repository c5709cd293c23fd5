"""API schemas of the instruments app."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema


class PlatformOut(Schema):
    id: int
    name: str
    kind: str
    host: str
    host_id: int
    partners: list[str]
    region: str | None
    address: str
    services: str
    contact_name: str

    @staticmethod
    def resolve_host(obj: Any) -> str:
        return obj.host.name

    @staticmethod
    def resolve_partners(obj: Any) -> list[str]:
        return [p.code for p in obj.partners.all()]

    @staticmethod
    def resolve_region(obj: Any) -> str | None:
        return str(obj.region) if obj.region_id else None


class InstrumentOut(Schema):
    id: int
    name: str
    platform_id: int
    platform: str
    category: str
    model_number: str
    location: str
    status: str
    timezone: str
    opening_hours: dict[str, list[list[str]]]
    holidays: list[str]
    min_slot_minutes: int
    max_slot_minutes: int
    slot_step_minutes: int
    lead_time_minutes: int
    horizon_days: int
    requires_approval: bool
    audience: str
    requires_training: bool
    checkin_grace_minutes: int
    fee_own: Decimal
    fee_mechanism: Decimal
    fee_external: Decimal

    @staticmethod
    def resolve_platform(obj: Any) -> str:
        return obj.platform.name

    @staticmethod
    def resolve_holidays(obj: Any) -> list[str]:
        return [str(h) for h in obj.holidays or []]


class BookingIn(Schema):
    """Times are ISO 8601 with an offset (``2026-12-01T10:00:00+08:00`` or ``…Z``); times without
    an offset are refused with 400 rather than guessed."""

    start: str
    end: str
    purpose: str = ""
    user_id: int | None = None


class BookingActionIn(Schema):
    """``note``: the reason of a decline (required) or cancellation, or a remark on an approval;
    ``hours_used``: for ``complete``, the hours actually used (default: the booked duration)."""

    note: str = ""
    hours_used: Decimal | None = None


class BookingOut(Schema):
    id: int
    instrument_id: int
    start: dt.datetime
    end: dt.datetime
    status: str
    purpose: str
    user_category: str
    booker: str | None = None


class SlotOut(Schema):
    start: dt.datetime
    end: dt.datetime


class AvailabilityOut(Schema):
    instrument_id: int
    timezone: str
    free: list[SlotOut]


class ErrorOut(Schema):
    detail: str


class ConflictOut(Schema):
    detail: str
    conflict: dict[str, str]
    next_free: list[dict[str, str]]


class MetricOut(Schema):
    key: str | int | None
    name: str | None
    uses: int
    effective_hours: Decimal
    external_hours: Decimal
    share_rate: Decimal
    income: Decimal
