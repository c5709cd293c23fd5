"""Factories and time helpers for the instruments tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory

from sifang.core.testing import OrganisationFactory, party
from sifang.instruments.models import Booking, Instrument, Platform, UserCategory

SH = ZoneInfo("Asia/Shanghai")


def next_weekday(days_ahead: int = 2, weekday: int = 0, *, today: dt.date | None = None) -> dt.date:
    """The first ``weekday`` (0 = Monday) at least ``days_ahead`` days after today (Beijing)."""
    day = (today or dt.datetime.now(SH).date()) + dt.timedelta(days=days_ahead)
    while day.weekday() != weekday:
        day += dt.timedelta(days=1)
    return day


def at(day: dt.date, hhmm: str, tz: ZoneInfo = SH) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(hhmm), tzinfo=tz)


class PlatformFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Platform
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"新疆联合实验室{n}")
    kind = Platform.Kind.JOINT_LAB
    host = factory.SubFactory(
        OrganisationFactory,
        party=factory.LazyFunction(lambda: party("CAS")),
        kind="institute",
        credit_code=None,
    )
    address = "乌鲁木齐市北京南路"


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument
        skip_postgeneration_save = True

    platform = factory.SubFactory(PlatformFactory)
    name = factory.Sequence(lambda n: f"场发射扫描电镜{n}")
    model_number = "SU8020"
    location = "A201"
    min_slot_minutes = 30
    max_slot_minutes = 240
    slot_step_minutes = 30
    lead_time_minutes = 60
    horizon_days = 60
    fee_own = Decimal("100.00")
    fee_mechanism = Decimal("200.00")
    fee_external = Decimal("400.00")


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    instrument = factory.SubFactory(InstrumentFactory)
    user = None
    start = factory.LazyFunction(lambda: at(next_weekday(), "10:00"))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=1))
    status = Booking.Status.CONFIRMED
    user_category = UserCategory.MECHANISM
