from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from sifang.instruments import ics
from sifang.instruments.models import Booking

from .factories import SH


def test_fold_keeps_lines_within_75_octets_and_unfolds_back():
    line = "SUMMARY:" + "场发射扫描电子显微镜，预约；测试" * 8
    folded = ics.fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_escape_special_characters():
    assert ics.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_calendar_event_fields():
    b = Booking(
        pk=7,
        start=dt.datetime(2026, 12, 1, 10, tzinfo=SH),
        end=dt.datetime(2026, 12, 1, 11, tzinfo=SH),
        status="requested",
    )
    body = ics.calendar(
        name="仪器",
        uid_domain="example.org",
        events=[(b, "已预约")],
        now=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
    )
    assert "UID:booking-7@example.org" in body
    assert "DTSTART:20261201T020000Z" in body and "DTEND:20261201T030000Z" in body
    assert "STATUS:TENTATIVE" in body and "DTSTAMP:20261101T000000Z" in body


@pytest.mark.django_db
def test_release_command_runs():
    out = StringIO()
    call_command("release_no_shows", stdout=out)
    assert "released 0" in out.getvalue()
