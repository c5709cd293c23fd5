"""sifang export-projects --format csv|xlsx --out FILE [--user USERNAME]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sifang.projects.selectors import project_funding_totals, project_list
from sifang.talent.cli_support import add_export_arguments, export_user
from sifang.talent.exports import write_table

HEADERS = [
    "id",
    "title",
    "status",
    "stage",
    "programme",
    "lead",
    "lead_party",
    "partners",
    "start_date",
    "end_date",
    "planned",
    "spent",
    "overdue_milestones",
]


class Command(BaseCommand):
    help = "Export joint projects visible to the user (the office by default) as CSV or Excel."

    def add_arguments(self, parser: CommandParser) -> None:
        add_export_arguments(parser)

    def handle(self, *args: Any, **opts: Any) -> None:
        user = export_user(opts["user"])

        def rows() -> Any:
            for p in project_list(user=user):
                totals = project_funding_totals(project=p)
                yield [
                    p.pk,
                    p.title,
                    p.get_status_display(),
                    p.get_stage_display(),
                    p.programme.name,
                    p.lead.name,
                    p.lead.party.code,
                    "; ".join(o.name for o in p.partners.all()),
                    p.start_date,
                    p.end_date,
                    totals["planned"],
                    totals["spent"],
                    "yes" if p.has_overdue else "",
                ]

        n = write_table(headers=HEADERS, rows=rows(), fmt=opts["format"], out=opts["out"])
        self.stdout.write(f"{n} projects written to {opts['out']}")
