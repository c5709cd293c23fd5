"""`sifang token create USERNAME` prints a new API token; `list` and `revoke` manage them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sifang.accounts import selectors, services
from sifang.core.errors import NotFound


class Command(BaseCommand):
    help = "Manage personal API tokens: create USERNAME [--name N] | list USERNAME | revoke TOKEN_ID"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token and print it (shown once)")
        create.add_argument("username")
        create.add_argument("--name", default="cli")
        lst = sub.add_parser("list", help="list a user's tokens")
        lst.add_argument("username")
        revoke = sub.add_parser("revoke", help="revoke a token by id")
        revoke.add_argument("token_id", type=int)

    def handle(self, *args: Any, **opts: Any) -> None:
        action = opts["action"]
        if action == "revoke":
            try:
                token = services.token_revoke(None, token_id=opts["token_id"])
            except NotFound as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"revoked {token.id} {token.prefix}…")
            return
        user = selectors.user_get_by_username(username=opts["username"])
        if user is None:
            raise CommandError(f"no such user: {opts['username']}")
        if action == "create":
            _, raw = services.token_create(None, user=user, name=opts["name"])
            self.stdout.write(raw)
        else:
            for t in selectors.token_list_for_user(user=user):
                state = "revoked" if t.revoked_at else "active"
                self.stdout.write(f"{t.id}\t{t.prefix}…\t{t.name}\t{state}\t{t.created_at:%Y-%m-%d %H:%M}")
