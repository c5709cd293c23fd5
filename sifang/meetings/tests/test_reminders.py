from __future__ import annotations

import datetime as dt

import pytest

from sifang.core.testing import party
from sifang.meetings import selectors, services, tasks
from sifang.meetings.models import Notification, ReminderLog, TaskStatus

from .conftest import at
from .factories import TaskFactory


@pytest.fixture
def mailed_users(users):
    for key in ("member_xj", "officer_xj", "admin", "officer_cas"):
        users[key].email = f"{key}@example.org"
        users[key].save()
    return users


def test_due_soon_reminder_sent_once(mailed_users, task, mailoutbox, settings):
    settings.SUPERVISION_REMINDER_DAYS = 7
    assert services.reminders_send(now=at(2024, 7, 1))["due_soon"] == 0  # three weeks ahead: nothing
    counts = services.reminders_send(now=at(2024, 7, 16))
    assert counts["due_soon"] == 1
    assert sorted(m.to[0] for m in mailoutbox) == ["member_xj@example.org", "officer_xj@example.org"]
    assert Notification.objects.filter(task=task, kind="due_soon").count() == 2
    # the job runs every hour: no duplicates
    for hour in range(10, 20):
        services.reminders_send(now=at(2024, 7, 16, hour))
    services.reminders_send(now=at(2024, 7, 20))
    assert len(mailoutbox) == 2
    assert ReminderLog.objects.filter(task=task).count() == 1


def test_overdue_notice_goes_to_owner_and_office_once(mailed_users, task, mailoutbox):
    services.reminders_send(now=at(2024, 7, 23))
    log = ReminderLog.objects.get(task=task, kind="overdue")
    assert log.deadline == dt.date(2024, 7, 22) and log.recipients == 3
    assert {n.user.username for n in Notification.objects.filter(kind="overdue")} == {
        "member_xj",
        "officer_xj",
        "admin1",
    }
    services.reminders_send(now=at(2024, 7, 24))
    services.reminders_send(now=at(2024, 9, 1))
    assert ReminderLog.objects.filter(task=task, kind="overdue").count() == 1
    assert len(mailoutbox) == 3


def test_extension_brings_new_reminders(mailed_users, task):
    services.reminders_send(now=at(2024, 7, 16))
    ext = services.extension_request(
        mailed_users["member_xj"],
        task=task,
        new_deadline=dt.date(2024, 9, 30),
        reasons="设备延迟",
        now=at(2024, 7, 17),
    )
    services.extension_decide(
        mailed_users["admin"], extension=ext, approve=True, comment="同意", now=at(2024, 7, 18)
    )
    services.reminders_send(now=at(2024, 7, 25))  # far from the new deadline: nothing new
    assert ReminderLog.objects.filter(task=task).count() == 1
    services.reminders_send(now=at(2024, 9, 25))
    services.reminders_send(now=at(2024, 10, 1))
    assert set(ReminderLog.objects.filter(task=task).values_list("kind", "deadline")) == {
        ("due_soon", dt.date(2024, 7, 22)),
        ("due_soon", dt.date(2024, 9, 30)),
        ("overdue", dt.date(2024, 9, 30)),
    }


def test_no_reminders_for_finished_or_reported_tasks(users, meeting):
    TaskFactory(meeting=meeting, deadline=dt.date(2024, 7, 1), status=TaskStatus.CLOSED)
    TaskFactory(meeting=meeting, deadline=dt.date(2024, 7, 1), status=TaskStatus.CANCELLED)
    TaskFactory(meeting=meeting, deadline=dt.date(2024, 7, 1), status=TaskStatus.COMPLETION_REPORTED)
    assert services.reminders_send(now=at(2024, 8, 1)) == {"due_soon": 0, "overdue": 0, "skipped": 0}


def test_reminder_to_unit_task_reaches_parent_party_officer(users, meeting):
    t = TaskFactory(meeting=meeting, lead_party=party("XJ-BT"), deadline=dt.date(2024, 7, 20))
    services.reminders_send(now=at(2024, 7, 15))
    assert list(Notification.objects.filter(task=t).values_list("user__username", flat=True)) == [
        "officer_xj"
    ]


def test_scheduled_job_calls_the_service(users, task, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: at(2024, 7, 23))
    result = tasks.send_task_reminders.call_local()
    assert result["overdue"] == 1
    assert ReminderLog.objects.filter(task=task, kind="overdue").exists()
    assert selectors.notification_unread_count(user=users["member_xj"]) == 1
    assert services.notification_mark_read(users["member_xj"]) == 1
    assert selectors.notification_unread_count(user=users["member_xj"]) == 0


def test_scheduled_every_hour():
    from huey import crontab  # noqa: F401

    task_def = tasks.send_task_reminders.task_class()
    assert task_def.validate_datetime(dt.datetime(2024, 7, 23, 5, 0))
    assert not task_def.validate_datetime(dt.datetime(2024, 7, 23, 5, 30))
