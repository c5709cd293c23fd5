from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from sifang.meetings.models import TaskStatus

from .factories import MeetingFactory, TaskFactory

TZ = ZoneInfo("Asia/Shanghai")


def at(y: int, m: int, d: int, h: int = 9) -> dt.datetime:
    return dt.datetime(y, m, d, h, tzinfo=TZ)


@pytest.fixture
def meeting(db):
    return MeetingFactory(name="四方合作工作推进会", date=dt.date(2023, 7, 22))


@pytest.fixture
def task(meeting, org_xj):
    """A task led by XJ, owned by org_xj (member_xj's organisation), due 2024-07-22."""
    return TaskFactory(
        meeting=meeting, owner_organisation=org_xj, deadline=dt.date(2024, 7, 22), status=TaskStatus.ASSIGNED
    )


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages are asserted in English (pages still render in the default language)."""
    from django.utils import translation

    with translation.override("en"):
        yield
