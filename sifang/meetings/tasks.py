"""Background jobs of the meetings app; each only calls a service."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import reminders_send


@db_periodic_task(crontab(minute="0", hour="*"))
def send_task_reminders() -> dict[str, int]:
    """Every hour: deadline reminders and missed-deadline notices, each sent once."""
    return reminders_send(now=timezone.now())
