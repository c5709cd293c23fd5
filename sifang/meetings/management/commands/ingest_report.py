"""``sifang ingest-report FILE [--format json|text] [--year YYYY] [--save-draft --user NAME]``.

Printing is delegated to the engine's own CLI so that the JSON is exactly its contract;
``--save-draft`` also stores an unconfirmed draft for review in the web interface."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from sifang.accounts.models import Role, User
from sifang.core.errors import error_messages


class Command(BaseCommand):
    help = "Turn a meeting report into a structured draft (prints it; --save-draft stores it for review)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="report file (.txt or .html)")
        parser.add_argument("--format", choices=("json", "text"), default="text")
        parser.add_argument(
            "--year", type=int, default=None, help="year of the meeting when the report omits it"
        )
        parser.add_argument("--save-draft", action="store_true", help="store an unconfirmed draft for review")
        parser.add_argument(
            "--user", default=None, help="user name the draft is saved for (default: the first administrator)"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        from sifang.ingest.cli import ingest_main

        argv = [opts["file"], "--format", opts["format"]]
        if opts["year"]:
            argv += ["--year", str(opts["year"])]
        # The engine prints to sys.stdout; route it through this command's stdout.
        real_stdout = sys.stdout
        sys.stdout = self.stdout
        try:
            code = ingest_main(argv)
        finally:
            sys.stdout = real_stdout
        if code:
            sys.exit(code)
        if opts["save_draft"]:
            self._save(opts)

    def _save(self, opts: dict[str, Any]) -> None:
        from sifang.meetings.services import draft_create

        if opts["user"]:
            actor = User.objects.filter(username=opts["user"]).first()
        else:
            actor = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("id").first()
        if actor is None:
            raise CommandError("No such user; pass --user with an administrator or officer.")
        path = Path(opts["file"])
        try:
            draft = draft_create(actor, data=path.read_bytes(), filename=path.name, year_hint=opts["year"])
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(m for ms in error_messages(exc).values() for m in ms)) from exc
        self.stderr.write(f"draft {draft.pk} saved ({draft.get_status_display()})")
