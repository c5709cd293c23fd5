"""sifang export-exchanges --format csv|xlsx --out FILE [--user USERNAME]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sifang.talent.cli_support import add_export_arguments, export_user
from sifang.talent.exports import write_table
from sifang.talent.selectors import exchange_list, exchange_person_contact

HEADERS = [
    "id",
    "kind",
    "person",
    "phone",
    "email",
    "from_organisation",
    "from_party",
    "to_organisation",
    "to_party",
    "start_date",
    "end_date",
    "programme",
    "results",
]


class Command(BaseCommand):
    help = "Export talent exchanges visible to the user (the office by default) as CSV or Excel."

    def add_arguments(self, parser: CommandParser) -> None:
        add_export_arguments(parser)

    def handle(self, *args: Any, **opts: Any) -> None:
        user = export_user(opts["user"])

        def rows() -> Any:
            for e in exchange_list(user=user).iterator(chunk_size=500):
                contact = exchange_person_contact(user=user, exchange=e)
                yield [
                    e.pk,
                    e.get_kind_display(),
                    e.person.name,
                    contact["phone"],
                    contact["email"],
                    e.from_organisation.name,
                    e.from_organisation.party.code,
                    e.to_organisation.name,
                    e.to_organisation.party.code,
                    e.start_date,
                    e.end_date,
                    e.programme.name if e.programme else "",
                    e.results,
                ]

        n = write_table(headers=HEADERS, rows=rows(), fmt=opts["format"], out=opts["out"])
        self.stdout.write(f"{n} exchanges written to {opts['out']}")
