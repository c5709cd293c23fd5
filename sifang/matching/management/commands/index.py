"""`sifang index rebuild [--collection C]`, `sifang index compact`, `sifang index status`."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sifang.matching import live


class Command(BaseCommand):
    help = "Manage the matching index: rebuild from the database, compact pending changes, show status."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild", "compact", "status"])
        parser.add_argument("--collection", choices=live.COLLECTIONS, action="append")
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args: Any, **opts: Any) -> None:
        collections = opts["collection"] or list(live.COLLECTIONS)
        if opts["action"] == "status":
            for row in live.status():
                self.stdout.write(
                    f"{row['collection']:<10} {row['documents']:>8} docs  pending {row['pending']:>5}  version {row['version']}"
                )
            return
        for c in collections:
            start = time.perf_counter()
            state = (
                live.index_rebuild(c, workers=opts["workers"])
                if opts["action"] == "rebuild"
                else live.index_compact(c)
            )
            took = time.perf_counter() - start
            if state is None:
                self.stdout.write(f"{c}: nothing pending")
            else:
                self.stdout.write(f"{c}: {state.documents} documents, version {state.version} ({took:.1f} s)")
