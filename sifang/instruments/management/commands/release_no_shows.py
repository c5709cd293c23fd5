"""`sifang release-no-shows`: release bookings not checked in within their grace time (the huey
task does this every minute; this command is for cron-only setups and for checks by hand)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sifang.instruments.services import booking_release_no_shows


class Command(BaseCommand):
    help = "Release approved or confirmed bookings not checked in within their instrument's grace time."

    def handle(self, *args: Any, **opts: Any) -> None:
        self.stdout.write(f"released {booking_release_no_shows()} booking(s)")
