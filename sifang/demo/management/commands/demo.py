"""`sifang demo`: fill an empty database with deterministic demo data."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sifang.demo.loader import load_demo
from sifang.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Fill an empty database with the demo data (parties, organisations, people, demands, offerings, …)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="do nothing when data is already there")

    def handle(self, *args: Any, **opts: Any) -> None:
        if Organisation.objects.exists():
            if opts["if_empty"]:
                self.stdout.write("demo data already present: nothing to do")
                return
            raise CommandError("the database is not empty: demo data goes into an empty database only")
        load_demo(log=lambda m: self.stdout.write(m))
        self.stdout.write(self.style.SUCCESS("demo data loaded"))
