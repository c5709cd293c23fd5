"""Booking rules, approval, training, no-show release, usage and fees."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from sifang.core.errors import Conflict
from sifang.core.testing import UserFactory
from sifang.instruments import selectors, services
from sifang.instruments.models import Booking, BookingNotice, Instrument, UserCategory

from .factories import SH, BookingFactory, InstrumentFactory, at, next_weekday

pytestmark = pytest.mark.django_db

DAY = next_weekday(3)  # a Monday at least three days ahead
NOW = at(DAY - dt.timedelta(days=3), "12:00")


def book(actor, instrument, start="10:00", end="11:00", day=DAY, **kw):
    return services.booking_create(
        actor, instrument=instrument, start=at(day, start), end=at(day, end), now=NOW, **kw
    )


def test_booking_without_approval_is_confirmed_and_stores_utc(users, instrument):
    b = book(users["member_xj"], instrument)
    assert b.status == Booking.Status.CONFIRMED
    assert b.user_category == UserCategory.MECHANISM
    b.refresh_from_db()
    assert b.start == at(DAY, "10:00") and b.start.utcoffset() == dt.timedelta(0)
    assert b.organisation_id == users["member_xj"].organisation_id


def test_user_category_by_organisation_and_party(users, instrument, org_cas):
    assert book(users["member_cas"], instrument, "09:00", "10:00").user_category == UserCategory.OWN
    assert book(users["outsider"], instrument, "10:00", "11:00").user_category == UserCategory.EXTERNAL


@pytest.mark.parametrize(
    ("start", "end", "day_offset", "message"),
    [
        ("07:00", "08:00", 0, "outside the opening hours"),
        ("17:30", "18:30", 0, "outside the opening hours"),
        ("10:00", "10:00", 0, "must end after it starts"),
        ("11:00", "10:00", 0, "must end after it starts"),
        ("10:00", "10:15", 0, "too short"),
        ("09:00", "13:30", 0, "too long"),
        ("10:10", "11:10", 0, "grid"),
        ("10:00", "11:00", 5, "outside the opening hours"),  # Saturday: closed
    ],
)
def test_slot_rules_refuse_and_store_nothing(users, instrument, start, end, day_offset, message):
    with pytest.raises(ValidationError) as exc:
        book(users["member_xj"], instrument, start, end, day=DAY + dt.timedelta(days=day_offset))
    assert message in str(exc.value)
    assert Booking.objects.count() == 0


def test_past_lead_time_and_horizon_are_refused(users, instrument):
    past = NOW - dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="past"):
        services.booking_create(
            users["member_xj"], instrument=instrument, start=past, end=past + dt.timedelta(hours=1), now=NOW
        )
    soon = at(NOW.date() + dt.timedelta(days=0), "12:30")
    with pytest.raises(ValidationError, match="ahead"):
        services.booking_create(
            users["member_xj"], instrument=instrument, start=soon, end=soon + dt.timedelta(hours=1), now=NOW
        )
    far = at(next_weekday(70, today=NOW.date()), "10:00")
    with pytest.raises(ValidationError, match="at most 60 days"):
        services.booking_create(
            users["member_xj"], instrument=instrument, start=far, end=far + dt.timedelta(hours=1), now=NOW
        )
    assert Booking.objects.count() == 0


def test_naive_times_are_refused(users, instrument):
    naive = dt.datetime.combine(DAY, dt.time(10, 0))
    with pytest.raises(ValidationError, match="time zone"):
        services.booking_create(
            users["member_xj"], instrument=instrument, start=naive, end=naive + dt.timedelta(hours=1), now=NOW
        )


def test_holiday_is_refused(users, instrument):
    instrument.holidays = [DAY.isoformat()]
    instrument.save()
    with pytest.raises(ValidationError, match="holiday"):
        book(users["member_xj"], instrument)


def test_opening_hours_use_the_instrument_time_zone(users, instrument):
    instrument.timezone = "Asia/Urumqi"  # 09:00–18:00 Xinjiang time = 11:00–20:00 Beijing time
    instrument.save()
    with pytest.raises(ValidationError, match="opening hours"):
        book(users["member_xj"], instrument, "10:00", "11:00")
    assert book(users["member_xj"], instrument, "19:00", "20:00").pk


@pytest.mark.parametrize(("status", "message"), [("retired", "retired"), ("maintenance", "maintenance")])
def test_unavailable_instrument_is_refused(users, instrument, status, message):
    instrument.status = status
    instrument.save()
    with pytest.raises(ValidationError, match=message):
        book(users["member_xj"], instrument)


def test_overlap_is_refused_with_range_and_next_free_slots(users, instrument):
    book(users["member_xj"], instrument, "10:00", "12:00")
    with pytest.raises(Conflict) as exc:
        book(users["viewer"], instrument, "11:00", "12:00")
    err = exc.value
    assert "10:00–12:00" in err.message
    assert "member_xj" not in err.message  # another user may not see who booked
    assert "booker" not in err.detail["conflict"]
    assert err.detail["conflict"]["start"].startswith(f"{DAY.isoformat()}T10:00:00+08:00")
    assert [s["start"][11:16] for s in err.detail["next_free"]] == ["12:00", "13:00", "14:00"]
    assert Booking.objects.count() == 1


def test_conflict_names_the_booker_for_staff(users, instrument, staff):
    book(users["member_xj"], instrument, "10:00", "12:00")
    with pytest.raises(Conflict) as exc:
        book(staff, instrument, "11:00", "12:00")
    assert "member_xj" in exc.value.message
    assert exc.value.detail["conflict"]["booker"] == "member_xj"


def test_adjacent_and_cancelled_bookings_do_not_block(users, instrument):
    first = book(users["member_xj"], instrument, "10:00", "11:00")
    book(users["member_cas"], instrument, "11:00", "12:00")  # half-open ranges touch
    services.booking_cancel(users["member_xj"], booking=first)
    assert book(users["member_cas"], instrument, "10:00", "11:00").pk


def test_next_free_skips_closed_days_and_holidays(users, instrument):
    instrument.holidays = [(DAY + dt.timedelta(days=1)).isoformat()]
    instrument.max_slot_minutes = 540
    instrument.save()
    book(users["member_xj"], instrument, "09:00", "18:00")
    slots = selectors.next_free_slots(
        instrument, after=at(DAY, "09:00"), duration=dt.timedelta(hours=9), now=NOW
    )
    assert [s.astimezone(SH).date() for s, _ in slots] == [DAY + dt.timedelta(days=d) for d in (2, 3, 4)]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only"
)
def test_database_refuses_overlap_even_without_the_service(users, instrument):
    BookingFactory(
        instrument=instrument, user=users["member_xj"], start=at(DAY, "10:00"), end=at(DAY, "12:00")
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(
            instrument=instrument, user=users["member_cas"], start=at(DAY, "11:00"), end=at(DAY, "13:00")
        )
    # inactive bookings may overlap
    BookingFactory(
        instrument=instrument,
        user=users["member_cas"],
        start=at(DAY, "11:00"),
        end=at(DAY, "13:00"),
        status="cancelled",
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only"
)
def test_constraint_violation_in_a_race_becomes_a_conflict(users, instrument, monkeypatch):
    """When a concurrent booking commits between the check and the insert (simulated by a
    check that sees nothing), the exclusion constraint's error becomes a Conflict."""
    book(users["member_xj"], instrument, "10:00", "12:00")
    real = services._find_conflict
    calls: list[int] = []

    def blind_first(*args):
        calls.append(1)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(services, "_find_conflict", blind_first)
    with pytest.raises(Conflict) as exc:
        book(users["viewer"], instrument, "11:00", "12:00")
    assert "10:00–12:00" in exc.value.message
    assert len(calls) == 2  # the insert was tried and refused by the database
    assert Booking.objects.count() == 1


def test_database_refuses_end_before_start(users, instrument):
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(
            instrument=instrument, user=users["member_xj"], start=at(DAY, "12:00"), end=at(DAY, "11:00")
        )


# Who may book --------------------------------------------------------------------------------------


def test_audience_mechanism_refuses_external_users(users, instrument):
    instrument.audience = Instrument.Audience.MECHANISM
    instrument.save()
    with pytest.raises(PermissionDenied, match="parties of the mechanism"):
        book(users["outsider"], instrument)
    assert book(users["viewer"], instrument).pk


def test_audience_own_organisation(users, instrument):
    instrument.audience = Instrument.Audience.OWN_ORGANISATION
    instrument.save()
    with pytest.raises(PermissionDenied, match="Only users of"):
        book(users["member_xj"], instrument)
    assert book(users["member_cas"], instrument).pk


def test_training_required_grant_and_revoke(users, instrument, staff):
    instrument.requires_training = True
    instrument.save()
    member = users["member_xj"]
    with pytest.raises(PermissionDenied, match="training"):
        book(member, instrument)
    with pytest.raises(PermissionDenied):
        services.training_grant(users["member_xj"], instrument=instrument, user=member)
    record = services.training_grant(staff, instrument=instrument, user=member, note="培训合格")
    assert book(member, instrument).pk
    services.training_revoke(staff, record=record)
    with pytest.raises(PermissionDenied, match="training"):
        book(member, instrument, "14:00", "15:00")


def test_expired_training_does_not_count(users, instrument, staff):
    instrument.requires_training = True
    instrument.save()
    services.training_grant(
        staff, instrument=instrument, user=users["member_xj"], valid_until=DAY - dt.timedelta(days=1)
    )
    with pytest.raises(PermissionDenied, match="training"):
        book(users["member_xj"], instrument)


def test_staff_books_on_behalf_and_user_is_told(users, instrument, staff):
    instrument.requires_approval = True
    instrument.save()
    b = book(staff, instrument, user=users["member_xj"])
    assert b.user == users["member_xj"] and b.created_by == staff
    assert b.status == Booking.Status.CONFIRMED  # an approver's own booking needs no approval
    assert BookingNotice.objects.filter(recipient=users["member_xj"], kind="booked_for_you").exists()
    with pytest.raises(PermissionDenied, match="on behalf"):
        book(users["member_xj"], instrument, "14:00", "15:00", user=users["viewer"])


# Approval ------------------------------------------------------------------------------------------


def test_request_approve_flow_notifies_both_sides(users, instrument, staff):
    instrument.requires_approval = True
    instrument.save()
    requester = users["member_xj"]
    requester.email = "req@example.org"
    requester.save()
    with django_capture_on_commit():
        b = book(requester, instrument)
    assert b.status == Booking.Status.REQUESTED
    assert BookingNotice.objects.filter(recipient=staff, kind="requested").exists()
    assert list(selectors.booking_list_pending_for_approver(user=staff)) == [b]
    assert list(selectors.booking_list_pending_for_approver(user=users["admin"])) == [b]
    assert list(selectors.booking_list_pending_for_approver(user=users["member_cas"])) == []
    with pytest.raises(PermissionDenied):
        services.booking_decide(users["member_cas"], booking=b, approve=True)
    mail.outbox.clear()
    with django_capture_on_commit():
        services.booking_decide(staff, booking=b, approve=True, note="请提前10分钟到场")
    b.refresh_from_db()
    assert b.status == Booking.Status.APPROVED and b.decided_by == staff
    notice = BookingNotice.objects.get(recipient=requester, kind="approved")
    assert "请提前10分钟到场" in notice.message
    assert mail.outbox and mail.outbox[0].to == ["req@example.org"]
    services.booking_confirm(requester, booking=b)
    b.refresh_from_db()
    assert b.status == Booking.Status.CONFIRMED


def test_pending_request_blocks_the_slot(users, instrument):
    instrument.requires_approval = True
    instrument.save()
    book(users["member_xj"], instrument)
    with pytest.raises(Conflict):
        book(users["member_cas"], instrument)


def test_decline_needs_a_note_and_frees_the_slot(users, instrument, staff):
    instrument.requires_approval = True
    instrument.save()
    b = book(users["member_xj"], instrument)
    with pytest.raises(ValidationError, match="why"):
        services.booking_decide(staff, booking=b, approve=False)
    services.booking_decide(staff, booking=b, approve=False, note="仪器当日校准")
    b.refresh_from_db()
    assert b.status == Booking.Status.REJECTED
    assert "仪器当日校准" in BookingNotice.objects.get(recipient=users["member_xj"], kind="rejected").message
    with pytest.raises(ValidationError):
        services.booking_decide(staff, booking=b, approve=True)
    assert book(users["member_cas"], instrument).pk


def test_only_booker_or_staff_may_cancel(users, instrument, staff):
    b = book(users["member_xj"], instrument)
    with pytest.raises(PermissionDenied):
        services.booking_cancel(users["viewer"], booking=b)
    services.booking_cancel(staff, booking=b, reason="停电")
    assert BookingNotice.objects.filter(recipient=users["member_xj"], kind="cancelled").exists()


# No-shows, usage and fees -------------------------------------------------------------------------


def test_no_show_release_after_grace(users, instrument):
    b = book(users["member_xj"], instrument)
    checked = book(users["member_cas"], instrument, "11:00", "12:00")
    services.booking_check_in(users["member_cas"], booking=checked, now=at(DAY, "11:05"))
    assert services.booking_release_no_shows(now=at(DAY, "10:14")) == 0
    assert services.booking_release_no_shows(now=at(DAY, "11:20")) == 1
    b.refresh_from_db()
    checked.refresh_from_db()
    assert b.status == Booking.Status.NO_SHOW and checked.status == Booking.Status.CONFIRMED
    assert BookingNotice.objects.filter(recipient=users["member_xj"], kind="no_show").exists()
    assert book(users["viewer"], instrument, "14:00", "15:00").pk


def test_periodic_task_calls_the_service(users, instrument):
    from sifang.instruments import tasks

    assert tasks.release_no_shows.call_local() == 0


def test_check_in_window(users, instrument):
    b = book(users["member_xj"], instrument)
    with pytest.raises(ValidationError, match="30 minutes"):
        services.booking_check_in(users["member_xj"], booking=b, now=at(DAY, "09:00"))
    services.booking_check_in(users["member_xj"], booking=b, now=at(DAY, "09:45"))


@pytest.mark.parametrize(
    ("who", "expected_fee"),
    [("member_cas", Decimal("150.00")), ("member_xj", Decimal("300.00")), ("outsider", Decimal("600.00"))],
)
def test_complete_records_hours_and_fee_by_category(users, instrument, staff, who, expected_fee):
    b = book(users[who], instrument, "10:00", "11:30")
    with pytest.raises(ValidationError, match="checked-in"):
        services.booking_complete(staff, booking=b, now=at(DAY, "12:00"))
    services.booking_check_in(users[who], booking=b, now=at(DAY, "10:00"))
    with pytest.raises(PermissionDenied):
        services.booking_complete(users["viewer"], booking=b, now=at(DAY, "12:00"))
    done = services.booking_complete(staff, booking=b, now=at(DAY, "12:00"))
    assert done.hours_used == Decimal("1.50") and done.fee == expected_fee


def _completed(user, instrument, day, start, end, hours=None):
    b = services.booking_create(user, instrument=instrument, start=at(day, start), end=at(day, end), now=NOW)
    services.booking_check_in(user, booking=b, now=at(day, start))
    admin = UserFactory(role="admin", is_staff=True)
    return services.booking_complete(admin, booking=b, hours_used=hours, now=at(day, end))


def test_statements_and_sharing_metrics(users, instrument):
    _completed(users["member_cas"], instrument, DAY, "09:00", "11:00")  # own: 2 h, 200
    _completed(users["member_xj"], instrument, DAY, "11:00", "12:00")  # mechanism: 1 h, 200
    _completed(users["outsider"], instrument, DAY, "14:00", "15:00")  # external: 1 h, 400
    rows = selectors.statement_rows(user=users["admin"], month=DAY, group_by="organisation")
    assert sum(r["amount"] for r in rows) == Decimal("800.00")
    # a member sees only their organisation's usage and that of instruments they manage
    rows_xj = selectors.statement_rows(user=users["member_xj"], month=DAY)
    assert [(r["group"], r["amount"]) for r in rows_xj] == [("新疆测试企业有限公司", Decimal("200.00"))]
    metrics = selectors.sharing_metrics(user=users["viewer"], by="instrument")
    assert metrics[0]["effective_hours"] == Decimal("4.00")
    assert metrics[0]["external_hours"] == Decimal("2.00")
    assert metrics[0]["share_rate"] == Decimal("0.5000")
    assert metrics[0]["income"] == Decimal("800.00")
    by_party = selectors.sharing_metrics(user=users["viewer"], by="party")
    assert by_party[0]["key"] == "CAS"
    assert selectors.sharing_metrics(user=None) == []


def test_platform_create_permissions(users, org_xj, org_cas):
    p = services.platform_create(
        users["member_xj"], host=org_xj, name="棉花育种联合实验室", partners=[users["officer_cas"].party]
    )
    assert p.region_id == org_xj.region_id and list(p.partners.all()) == [users["officer_cas"].party]
    with pytest.raises(PermissionDenied):
        services.platform_create(users["member_xj"], host=org_cas, name="不是我的")
    with pytest.raises(PermissionDenied):
        services.platform_create(users["viewer"], host=org_cas, name="观众")
    inst = services.instrument_create(
        users["officer_xj"], platform=p, name="液相色谱仪", fee_external=Decimal("300")
    )
    with pytest.raises(ValidationError):
        services.instrument_update(
            users["officer_xj"], instrument=inst, min_slot_minutes=120, max_slot_minutes=60
        )
    with pytest.raises(ValidationError):
        services.instrument_update(
            users["officer_xj"], instrument=inst, opening_hours={"mon": [["18:00", "09:00"]]}
        )
    assert selectors.platform_list(user=users["viewer"], q="棉花").get() == p
    assert selectors.platform_list(user=users["viewer"], party="CAS").get() == p
    assert not selectors.platform_list(user=None).exists()


def test_instrument_factory_defaults_are_bookable(instrument):
    assert instrument.windows_for(DAY) and isinstance(InstrumentFactory._meta.model(), Instrument)


class django_capture_on_commit:  # noqa: N801
    """Run on_commit callbacks at the end of the block (tests run inside a transaction)."""

    def __enter__(self):
        from django.test import TestCase

        self._cm = TestCase.captureOnCommitCallbacks(execute=True)
        return self._cm.__enter__()

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)
