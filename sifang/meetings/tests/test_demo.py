from __future__ import annotations

import datetime as dt
import random

from sifang.meetings import demo, selectors
from sifang.meetings.models import ExtensionRequest, Meeting, ProgressUpdate, ReminderLog, Task, TaskStatus


def test_demo_loads_meetings_with_tasks_in_every_state(users, org_xj, org_cas, org_sz):
    lines: list[str] = []
    demo.load(rng=random.Random(7), log=lines.append)
    assert set(Meeting.objects.values_list("date", flat=True)) == {
        dt.date(2023, 7, 22),
        dt.date(2024, 10, 13),
    }
    assert Meeting.objects.get(date=dt.date(2023, 7, 22)).place == "乌鲁木齐"
    assert set(Task.objects.values_list("status", flat=True)) == set(TaskStatus.values)
    assert ExtensionRequest.objects.filter(status="approved").count() == 2
    assert ProgressUpdate.objects.exists() and ReminderLog.objects.exists()
    lights = {t.light for t in selectors.task_list(user=users["admin"])}
    assert {"red", "yellow", "green", "none"} <= lights
    parent = Task.objects.filter(children__isnull=False).distinct().get()
    assert selectors.task_progress(parent) == 35
    demo.load(rng=random.Random(7), log=lines.append)  # idempotent
    assert Meeting.objects.count() == 2
    assert any("skipped" in line for line in lines)
