"""The HTTP API contract: /api/v1/instruments, …/{id}/bookings, …/{id}/availability."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sifang.accounts.services import token_create
from sifang.instruments.models import Booking

from .factories import InstrumentFactory, at, next_weekday

pytestmark = pytest.mark.django_db

DAY = next_weekday(3)


def auth(user):
    _token, raw = token_create(None, user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post_booking(client, user, instrument_id, start, end, **extra):
    body = {"start": start, "end": end, "purpose": "SEM imaging", **extra}
    return client.post(
        f"/api/v1/instruments/{instrument_id}/bookings",
        data=json.dumps(body),
        content_type="application/json",
        **auth(user),
    )


def iso(day, hhmm, offset="+08:00"):
    return f"{day.isoformat()}T{hhmm}:00{offset}"


def test_paths_resolve_exactly_without_slash_redirects(client, users, instrument):
    r = client.get("/api/v1/instruments", **auth(users["viewer"]))
    assert r.status_code == 200
    assert r.json()["count"] == 1 and r.json()["items"][0]["id"] == instrument.pk
    r = post_booking(client, users["member_xj"], instrument.pk, iso(DAY, "10:00"), iso(DAY, "11:00"))
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "confirmed" and body["start"].startswith(f"{DAY.isoformat()}T10:00:00+08:00")


def test_conflict_answers_409_with_range_and_next_free(client, users, instrument):
    assert (
        post_booking(
            client, users["member_xj"], instrument.pk, iso(DAY, "10:00"), iso(DAY, "12:00")
        ).status_code
        == 201
    )
    r = post_booking(client, users["viewer"], instrument.pk, iso(DAY, "11:00"), iso(DAY, "12:00"))
    assert r.status_code == 409
    body = r.json()
    assert "10:00–12:00" in body["detail"] and "member_xj" not in body["detail"]
    assert body["conflict"]["start"].startswith(f"{DAY.isoformat()}T10:00:00+08:00")
    assert body["conflict"]["end"].startswith(f"{DAY.isoformat()}T12:00:00+08:00")
    assert len(body["next_free"]) == 3 and body["next_free"][0]["start"].startswith(
        f"{DAY.isoformat()}T12:00"
    )
    assert Booking.objects.count() == 1


def test_xinjiang_display_zone(client, users, instrument):
    user = users["member_xj"]
    user.display_timezone = "Asia/Urumqi"
    user.save()
    r = post_booking(client, user, instrument.pk, iso(DAY, "08:00", "+06:00"), iso(DAY, "09:00", "+06:00"))
    assert r.status_code == 201
    assert r.json()["start"].endswith("+06:00")
    b = Booking.objects.get()
    assert b.start == at(DAY, "10:00")


@pytest.mark.parametrize(
    ("start", "end", "fragment"),
    [
        (f"{DAY.isoformat()}T10:00:00", f"{DAY.isoformat()}T11:00:00", "no time zone"),
        ("tomorrow at ten", "later", "not an ISO 8601 time"),
        (iso(DAY, "11:00"), iso(DAY, "10:00"), "must end after it starts"),
        (iso(DAY, "06:00"), iso(DAY, "07:00"), "opening hours"),
        (iso(DAY, "10:00"), iso(DAY, "10:10"), "too short"),
        (iso(DAY, "09:00"), iso(DAY, "17:00"), "too long"),
        (iso(DAY - dt.timedelta(days=14), "10:00"), iso(DAY - dt.timedelta(days=14), "11:00"), "past"),
    ],
)
def test_bad_input_answers_400_and_stores_nothing(client, users, instrument, start, end, fragment):
    r = post_booking(client, users["member_xj"], instrument.pk, start, end)
    assert r.status_code == 400, r.content
    assert fragment in json.dumps(r.json(), ensure_ascii=False)
    assert Booking.objects.count() == 0


def test_retired_instrument_400_and_unauthorised_user_403(client, users, instrument):
    instrument.status = "retired"
    instrument.save()
    r = post_booking(client, users["member_xj"], instrument.pk, iso(DAY, "10:00"), iso(DAY, "11:00"))
    assert r.status_code == 400 and "retired" in r.json()["errors"]["__all__"][0]
    trained = InstrumentFactory(requires_training=True)
    r = post_booking(client, users["member_xj"], trained.pk, iso(DAY, "10:00"), iso(DAY, "11:00"))
    assert r.status_code == 403 and "training" in r.json()["detail"]
    r = post_booking(
        client,
        users["member_xj"],
        trained.pk,
        iso(DAY, "10:00"),
        iso(DAY, "11:00"),
        user_id=users["viewer"].pk,
    )
    assert r.status_code == 403
    assert Booking.objects.count() == 0


def test_anonymous_gets_401_and_missing_instrument_404(client, users):
    assert client.get("/api/v1/instruments").status_code == 401
    r = client.post("/api/v1/instruments/1/bookings", data="{}", content_type="application/json")
    assert r.status_code == 401
    assert client.get("/api/v1/instruments/99999/availability", **auth(users["viewer"])).status_code == 404
    r = post_booking(client, users["viewer"], 99999, iso(DAY, "10:00"), iso(DAY, "11:00"))
    assert r.status_code == 404


def test_availability_lists_free_slots(client, users, instrument):
    post_booking(client, users["member_xj"], instrument.pk, iso(DAY, "10:00"), iso(DAY, "12:00"))
    r = client.get(
        f"/api/v1/instruments/{instrument.pk}/availability",
        {"from": iso(DAY, "00:00"), "to": iso(DAY + dt.timedelta(days=1), "00:00")},
        **auth(users["viewer"]),
    )
    assert r.status_code == 200
    free = [(s["start"][11:16], s["end"][11:16]) for s in r.json()["free"]]
    assert free == [("09:00", "10:00"), ("12:00", "18:00")]
    r = client.get(
        f"/api/v1/instruments/{instrument.pk}/availability",
        {"from": iso(DAY, "00:00")[:19]},
        **auth(users["viewer"]),
    )
    assert r.status_code == 400


def test_platforms_and_metrics(client, users, instrument):
    r = client.get("/api/v1/instruments/platforms", {"party": "CAS"}, **auth(users["viewer"]))
    assert r.status_code == 200 and r.json()["items"][0]["id"] == instrument.platform_id
    assert (
        client.get("/api/v1/instruments/platforms", {"party": "SZ"}, **auth(users["viewer"])).json()["count"]
        == 0
    )
    r = client.get("/api/v1/instruments/metrics", {"by": "platform"}, **auth(users["viewer"]))
    assert r.status_code == 200 and r.json() == []


def test_openapi_contract_has_the_paths(client, users):
    schema = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/instruments",
        "/api/v1/instruments/{instrument_id}/bookings",
        "/api/v1/instruments/{instrument_id}/availability",
    ):
        assert path in schema["paths"], path
    assert "post" in schema["paths"]["/api/v1/instruments/{instrument_id}/bookings"]


def test_messages_are_translated_to_chinese(client, users, instrument):
    from django.utils import translation

    with translation.override("zh-hans"):
        r = client.post(
            f"/api/v1/instruments/{instrument.pk}/bookings",
            data=json.dumps({"start": iso(DAY, "06:00"), "end": iso(DAY, "07:00")}),
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="zh-hans",
            **auth(users["member_xj"]),
        )
    assert r.status_code == 400
    assert "开放时间" in json.dumps(r.json(), ensure_ascii=False)


def act(client, user, booking_id, action, **body):
    return client.post(
        f"/api/v1/instruments/bookings/{booking_id}/{action}",
        data=json.dumps(body),
        content_type="application/json",
        **auth(user),
    )


def test_approval_through_the_api(client, users, instrument, staff):
    instrument.requires_approval = True
    instrument.save()
    r = post_booking(client, users["member_xj"], instrument.pk, iso(DAY, "10:00"), iso(DAY, "11:00"))
    assert r.status_code == 201 and r.json()["status"] == "requested"
    booking_id = r.json()["id"]
    # Waiting for the staff's decision, not the booker's.
    pending = client.get("/api/v1/instruments/approvals", **auth(staff)).json()
    assert [b["id"] for b in pending["items"]] == [booking_id]
    assert client.get("/api/v1/instruments/approvals", **auth(users["member_xj"])).json()["count"] == 0
    r = act(client, users["member_xj"], booking_id, "approve")
    assert r.status_code == 403
    r = act(client, staff, booking_id, "decline")
    assert r.status_code == 400 and "why" in json.dumps(r.json())
    assert Booking.objects.get(pk=booking_id).status == "requested"
    r = act(client, staff, booking_id, "approve", note="Bring your own samples.")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "approved"
    booking = Booking.objects.get(pk=booking_id)
    assert booking.decided_by == staff and booking.decision_note == "Bring your own samples."
    # A step not allowed from the current status changes nothing.
    assert act(client, staff, booking_id, "approve").status_code == 400
    r = act(client, users["member_xj"], booking_id, "confirm")
    assert r.status_code == 200 and r.json()["status"] == "confirmed"
    r = client.get(f"/api/v1/instruments/bookings/{booking_id}", **auth(users["member_xj"]))
    assert r.status_code == 200 and r.json()["status"] == "confirmed"


def test_cancel_through_the_api_and_what_others_see(client, users, instrument):
    r = post_booking(client, users["member_xj"], instrument.pk, iso(DAY, "10:00"), iso(DAY, "11:00"))
    booking_id = r.json()["id"]
    # A viewer outside the host organisation may not cancel it.
    assert act(client, users["viewer"], booking_id, "cancel").status_code in (403, 404)
    mine = client.get("/api/v1/instruments/bookings", {"mine": True}, **auth(users["member_xj"])).json()
    assert [b["id"] for b in mine["items"]] == [booking_id]
    r = act(client, users["member_xj"], booking_id, "cancel", note="Sample not ready.")
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert Booking.objects.get(pk=booking_id).decision_note == "Sample not ready."


def test_unknown_action_and_missing_booking(client, users, instrument):
    r = post_booking(client, users["member_xj"], instrument.pk, iso(DAY, "10:00"), iso(DAY, "11:00"))
    booking_id = r.json()["id"]
    r = act(client, users["member_xj"], booking_id, "teleport")
    assert r.status_code == 400 and "teleport" in json.dumps(r.json(), ensure_ascii=False)
    assert act(client, users["member_xj"], 999999, "cancel").status_code == 404
    assert client.get("/api/v1/instruments/bookings/999999", **auth(users["member_xj"])).status_code == 404
    assert Booking.objects.get(pk=booking_id).status == "confirmed"
