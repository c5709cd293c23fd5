"""Print the demo accounts, one per role, for `make run`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sifang.accounts.models import User
from sifang.demo.loader import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "List the demo users and their password."

    def handle(self, *args: Any, **opts: Any) -> None:
        names = [u[0] for u in DEMO_USERS]
        present = {
            u.username: u
            for u in User.objects.filter(username__in=names).select_related("party", "organisation")
        }
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for name in names:
            u = present.get(name)
            if u:
                where = u.organisation or u.party or "—"
                self.stdout.write(f"  {name:<12} {u.get_role_display():<16} {where}")
        self.stdout.write("Open http://127.0.0.1:8000/ and log in with one of them.")
