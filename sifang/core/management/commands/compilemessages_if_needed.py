"""Compile every django.po under sifang/ into django.mo with polib (no gettext tools needed),
skipping catalogues whose .mo is already newer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile translation catalogues (.po → .mo) where they changed."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        root = Path(settings.BASE_DIR) / "sifang"
        count = 0
        for po_path in root.rglob("locale/*/LC_MESSAGES/django.po"):
            mo_path = po_path.with_suffix(".mo")
            if not opts["force"] and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            count += 1
        if opts["verbosity"] > 1 or count:
            self.stdout.write(f"compiled {count} catalogue(s)")
