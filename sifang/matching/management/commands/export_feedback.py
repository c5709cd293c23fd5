"""`sifang export-feedback [--format jsonl|csv] [--out FILE]`: match feedback as evaluation data."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sifang.matching import selectors


def feedback_rows(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "demand_id": f.demand_id,
            "offering_id": f.offering_id,
            "verdict": f.verdict,
            "reason": f.reason,
            "note": f.note,
            "rank": f.rank,
            "score": f.score,
            "user": f.user.username,
            "updated_at": f.updated_at.isoformat(),
        }
        for f in selectors.feedback_for_export(user=user)
    ]


class Command(BaseCommand):
    help = "Export match feedback (interested / contacted / not relevant + reason) as evaluation data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
        parser.add_argument("--out", default="-")

    def handle(self, *args: Any, **opts: Any) -> None:
        from sifang.accounts.models import Role, User

        office = User(role=Role.ADMIN, is_active=True)
        rows = feedback_rows(office)
        if opts["out"] == "-":
            self._write(sys.stdout, rows, opts["format"])
        else:
            with open(opts["out"], "w", encoding="utf-8", newline="") as fh:
                self._write(fh, rows, opts["format"])

    @staticmethod
    def _write(fh: Any, rows: list[dict[str, Any]], fmt: str) -> None:
        if fmt == "jsonl":
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else ["demand_id"])
            writer.writeheader()
            writer.writerows(rows)
