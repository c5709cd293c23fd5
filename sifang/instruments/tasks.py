"""Background jobs of the instruments app; they only call services."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import services


@db_periodic_task(crontab(minute="*"))
def release_no_shows() -> int:
    """Every minute: release bookings not checked in within their grace time."""
    return services.booking_release_no_shows()
