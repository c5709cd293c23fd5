"""Factories for meetings and tasks."""

from __future__ import annotations

import datetime as dt

import factory

from sifang.core.testing import party
from sifang.meetings.models import Meeting, Task, TaskStatus


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"四方合作推进会{n}")
    kind = Meeting.Kind.PROGRESS
    date = dt.date(2023, 7, 22)
    place = "乌鲁木齐"
    host_party = factory.LazyFunction(lambda: party("XJ"))


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"共建新能源联合实验室{n}")
    lead_party = factory.LazyFunction(lambda: party("XJ"))
    deadline = dt.date(2024, 7, 22)
    status = TaskStatus.ASSIGNED
