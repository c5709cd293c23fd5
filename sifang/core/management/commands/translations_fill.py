"""Fill empty msgstrs of the foundation's zh_Hans catalogue from sifang/core/i18n/zh_hans.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

from sifang.core.i18n.zh_hans import ZH, ZH_PLURAL


class Command(BaseCommand):
    help = "Fill missing Chinese translations of the foundation catalogue and list what is still missing."

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(settings.BASE_DIR) / "sifang" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(path))
        missing = []
        for entry in po:
            if entry.msgid_plural:
                if entry.msgid in ZH_PLURAL:
                    entry.msgstr_plural = {0: ZH_PLURAL[entry.msgid]}
                else:
                    missing.append(entry.msgid)
            elif entry.msgid in ZH:
                entry.msgstr = ZH[entry.msgid]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = None
            else:
                if "fuzzy" in entry.flags:  # a guess from a similar message: never ship it
                    entry.flags.remove("fuzzy")
                    entry.msgstr = ""
                    entry.previous_msgid = None
                if not entry.msgstr:
                    missing.append(entry.msgid)
        po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
        po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        po.save()
        for m in missing:
            self.stdout.write(f"missing: {m}")
