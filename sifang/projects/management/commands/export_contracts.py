"""sifang export-contracts --format csv|xlsx --out FILE [--user USERNAME]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sifang.projects.selectors import contract_list
from sifang.talent.cli_support import add_export_arguments, export_user
from sifang.talent.exports import write_table

HEADERS = [
    "id",
    "title",
    "project",
    "transferor",
    "transferor_party",
    "transferee",
    "transferee_party",
    "form",
    "value",
    "signed_on",
    "region",
]


class Command(BaseCommand):
    help = "Export technology-transfer contracts visible to the user (the office by default) as CSV or Excel."

    def add_arguments(self, parser: CommandParser) -> None:
        add_export_arguments(parser)

    def handle(self, *args: Any, **opts: Any) -> None:
        user = export_user(opts["user"])

        def rows() -> Any:
            for c in contract_list(user=user).iterator(chunk_size=500):
                yield [
                    c.pk,
                    c.title,
                    c.project.title if c.project else "",
                    c.transferor.name,
                    c.transferor.party.code,
                    c.transferee.name,
                    c.transferee.party.code,
                    c.get_form_display(),
                    c.value,
                    c.signed_on,
                    c.region.name if c.region else "",
                ]

        n = write_table(headers=HEADERS, rows=rows(), fmt=opts["format"], out=opts["out"])
        self.stdout.write(f"{n} contracts written to {opts['out']}")
