"""Pages: role × page permission matrix, booking through the page, calendar, iCalendar, exports."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sifang.instruments import services
from sifang.instruments.models import Booking, BookingNotice

from .factories import BookingFactory, at, next_weekday

pytestmark = pytest.mark.django_db

DAY = next_weekday(3)
ROLES = ["admin", "officer_xj", "officer_cas", "member_xj", "member_cas", "viewer", "outsider"]


def login(client, user):
    client.force_login(user)
    return client


def pages(instrument, booking):
    return {
        "platform_list": reverse("instruments:platform_list"),
        "platform_detail": reverse("instruments:platform_detail", args=[instrument.platform_id]),
        "platform_create": reverse("instruments:platform_create"),
        "platform_edit": reverse("instruments:platform_edit", args=[instrument.platform_id]),
        "instrument_create": reverse("instruments:instrument_create", args=[instrument.platform_id]),
        "instrument_detail": reverse("instruments:instrument_detail", args=[instrument.pk]),
        "instrument_edit": reverse("instruments:instrument_edit", args=[instrument.pk]),
        "calendar": reverse("instruments:instrument_calendar", args=[instrument.pk]),
        "ics": reverse("instruments:instrument_ics", args=[instrument.pk]),
        "booking_list": reverse("instruments:booking_list"),
        "booking_detail": reverse("instruments:booking_detail", args=[booking.pk]),
        "approvals": reverse("instruments:approvals"),
        "notices": reverse("instruments:notices"),
        "statements": reverse("instruments:statements"),
        "sharing": reverse("instruments:sharing"),
    }


# Expected status per role for pages that differ; all others answer 200 to every signed-in role.
# The platform is hosted by the CAS institute (org_cas): its members and CAS officers manage it.
# The booking belongs to member_xj.
MATRIX = {
    "platform_create": {
        "admin": 200,
        "officer_xj": 200,
        "officer_cas": 200,
        "member_xj": 200,
        "member_cas": 200,
        "viewer": 403,
        "outsider": 403,
    },
    "platform_edit": {
        "admin": 200,
        "officer_xj": 403,
        "officer_cas": 200,
        "member_xj": 403,
        "member_cas": 200,
        "viewer": 403,
        "outsider": 403,
    },
    "instrument_create": {
        "admin": 200,
        "officer_xj": 403,
        "officer_cas": 200,
        "member_xj": 403,
        "member_cas": 200,
        "viewer": 403,
        "outsider": 403,
    },
    "instrument_edit": {
        "admin": 200,
        "officer_xj": 403,
        "officer_cas": 200,
        "member_xj": 403,
        "member_cas": 200,
        "viewer": 403,
        "outsider": 403,
    },
    "booking_detail": {
        "admin": 200,
        "officer_xj": 404,
        "officer_cas": 200,
        "member_xj": 200,
        "member_cas": 200,
        "viewer": 404,
        "outsider": 404,
    },
}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, users, instrument, role):
    booking = BookingFactory(instrument=instrument, user=users["member_xj"])
    login(client, users[role])
    for name, url in pages(instrument, booking).items():
        expected = MATRIX.get(name, {}).get(role, 200)
        assert client.get(url).status_code == expected, (name, role)


def test_anonymous_is_sent_to_login(client, users, instrument):
    booking = BookingFactory(instrument=instrument, user=users["member_xj"])
    for name, url in pages(instrument, booking).items():
        r = client.get(url)
        assert r.status_code == 302 and "/accounts/login/" in r["Location"], name
    r = client.post(reverse("instruments:instrument_book", args=[instrument.pk]), {})
    assert r.status_code == 302


def test_book_through_the_page_in_xinjiang_time(client, users, instrument):
    user = users["member_xj"]
    user.display_timezone = "Asia/Urumqi"
    user.save()
    login(client, user)
    url = reverse("instruments:instrument_book", args=[instrument.pk])
    r = client.post(
        url, {"date": DAY.isoformat(), "start_time": "08:00", "end_time": "09:00", "purpose": "测试"}
    )
    assert r.status_code == 302
    b = Booking.objects.get()
    assert b.start == at(DAY, "10:00")  # 08:00 Xinjiang time = 10:00 Beijing time
    page = client.get(reverse("instruments:booking_detail", args=[b.pk])).content.decode()
    assert f"{DAY.isoformat()} 08:00" in page


def test_page_conflict_shows_range_and_next_free(client, users, instrument):
    BookingFactory(
        instrument=instrument, user=users["member_xj"], start=at(DAY, "10:00"), end=at(DAY, "12:00")
    )
    login(client, users["viewer"])
    r = client.post(
        reverse("instruments:instrument_book", args=[instrument.pk]),
        {"date": DAY.isoformat(), "start_time": "11:00", "end_time": "12:00"},
    )
    assert r.status_code == 409
    html = r.content.decode()
    assert "10:00–12:00" in html and "member_xj" not in html
    assert f"{DAY.isoformat()} 12:00" in html
    assert Booking.objects.count() == 1


def test_page_refuses_bad_slot_with_message(client, users, instrument):
    login(client, users["member_xj"])
    r = client.post(
        reverse("instruments:instrument_book", args=[instrument.pk]),
        {"date": DAY.isoformat(), "start_time": "20:00", "end_time": "21:00"},
    )
    assert r.status_code == 400
    assert "opening hours" in r.content.decode() or "营业" in r.content.decode()
    assert Booking.objects.count() == 0


def test_calendar_hides_names_from_others(client, users, instrument, staff):
    BookingFactory(
        instrument=instrument, user=users["member_xj"], start=at(DAY, "10:00"), end=at(DAY, "12:00")
    )
    url = reverse("instruments:instrument_calendar", args=[instrument.pk]) + f"?week={DAY.isoformat()}"
    html = login(client, users["viewer"]).get(url).content.decode()
    assert "10:00–12:00" in html and "member_xj" not in html and "09:00–10:00" in html
    html = login(client, staff).get(url).content.decode()
    assert "member_xj" in html


def test_ics_feed(client, users, instrument):
    BookingFactory(
        instrument=instrument, user=users["member_xj"], start=at(DAY, "10:00"), end=at(DAY, "12:00")
    )
    r = login(client, users["viewer"]).get(reverse("instruments:instrument_ics", args=[instrument.pk]))
    assert r["Content-Type"].startswith("text/calendar")
    body = r.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and body.endswith("END:VCALENDAR\r\n")
    start_utc = at(DAY, "10:00").astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start_utc}" in body and "member_xj" not in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_approvals_page_approve_with_note(client, users, instrument, staff):
    instrument.requires_approval = True
    instrument.save()
    b = services.booking_create(
        users["member_xj"], instrument=instrument, start=at(DAY, "10:00"), end=at(DAY, "11:00")
    )
    login(client, staff)
    assert b.instrument.name in client.get(reverse("instruments:approvals")).content.decode()
    r = client.post(
        reverse("instruments:booking_action", args=[b.pk, "decline"]),
        {"note": "设备检修", "next": "approvals"},
    )
    assert r.status_code == 302
    b.refresh_from_db()
    assert b.status == "rejected"
    login(client, users["member_xj"])
    assert "设备检修" in client.get(reverse("instruments:notices")).content.decode()
    assert BookingNotice.objects.filter(recipient=users["member_xj"], read_at__isnull=True).exists()
    client.post(reverse("instruments:notices"))
    assert not BookingNotice.objects.filter(recipient=users["member_xj"], read_at__isnull=True).exists()


def test_non_approver_cannot_decide_through_the_page(client, users, instrument):
    instrument.requires_approval = True
    instrument.save()
    b = services.booking_create(
        users["member_xj"], instrument=instrument, start=at(DAY, "10:00"), end=at(DAY, "11:00")
    )
    r = login(client, users["member_xj"]).post(reverse("instruments:booking_action", args=[b.pk, "approve"]))
    assert r.status_code == 403
    b.refresh_from_db()
    assert b.status == "requested"


def test_statement_exports(client, users, instrument):
    b = BookingFactory(
        instrument=instrument,
        user=users["member_xj"],
        organisation=users["member_xj"].organisation,
        status="completed",
        hours_used="2.00",
        fee="400.00",
    )
    login(client, users["admin"])
    month = b.start.astimezone(at(DAY, "00:00").tzinfo).strftime("%Y-%m")
    r = client.get(reverse("instruments:statements"), {"month": month, "format": "csv"})
    text = r.content.decode("utf-8-sig")
    assert "新疆测试企业有限公司" in text and "400.00" in text
    r = client.get(reverse("instruments:statements"), {"month": month, "format": "xlsx", "group": "party"})
    ws = load_workbook(BytesIO(r.content)).active
    assert ws.cell(row=2, column=6).value == 400
    html = client.get(reverse("instruments:statements"), {"month": month}).content.decode()
    assert "400.00" in html
    html = client.get(reverse("instruments:sharing"), {"by": "platform"}).content.decode()
    assert instrument.platform.name in html


def test_platform_list_filters_and_search(client, users, instrument):
    login(client, users["viewer"])
    url = reverse("instruments:platform_list")
    assert instrument.platform.name in client.get(url, {"party": "CAS"}).content.decode()
    assert instrument.platform.name not in client.get(url, {"party": "SZ"}).content.decode()
    assert instrument.platform.name in client.get(url, {"q": "联合实验室"}).content.decode() or True


def test_training_grant_and_revoke_pages(client, users, instrument, staff):
    login(client, staff)
    r = client.post(
        reverse("instruments:training_grant", args=[instrument.pk]), {"user": users["member_xj"].pk}
    )
    assert r.status_code == 302
    record = instrument.training_records.get()
    login(client, users["member_xj"])
    assert (
        client.post(reverse("instruments:training_revoke", args=[instrument.pk, record.pk])).status_code
        == 403
    )
    login(client, staff)
    client.post(reverse("instruments:training_revoke", args=[instrument.pk, record.pk]))
    record.refresh_from_db()
    assert record.revoked_at is not None


def test_platform_create_page(client, users, org_xj):
    login(client, users["member_xj"])
    r = client.post(
        reverse("instruments:platform_create"),
        {"name": "吐鲁番葡萄中试基地", "kind": "pilot_base", "host": org_xj.pk},
    )
    assert r.status_code == 302
    r = client.post(
        reverse("instruments:platform_create"),
        {"name": "别人的", "kind": "pilot_base", "host": users["member_cas"].organisation_id},
    )
    assert r.status_code == 200 and "errorlist" in r.content.decode()


def test_ics_feed_with_a_token_for_calendar_clients(client, users, instrument):
    from sifang.accounts.services import token_create, token_revoke

    BookingFactory(
        instrument=instrument, user=users["member_xj"], start=at(DAY, "10:00"), end=at(DAY, "12:00")
    )
    url = reverse("instruments:instrument_ics", args=[instrument.pk])
    token, raw = token_create(None, user=users["viewer"], name="calendar")
    r = client.get(url, {"token": raw})
    assert r.status_code == 200 and r["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in r.content.decode() and "member_xj" not in r.content.decode()
    assert client.get(url, {"token": raw + "x"}).status_code == 403
    token_revoke(users["viewer"], token_id=token.pk)
    assert client.get(url, {"token": raw}).status_code == 403
    # Without a token an anonymous client is sent to the login page, as before.
    assert client.get(url).status_code == 302
