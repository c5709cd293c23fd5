"""Shared parts of the export commands: who runs them (the office unless --user)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser

from sifang.accounts.models import Role

from .exports import FORMATS


def add_export_arguments(parser: CommandParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="csv")
    parser.add_argument("--out", required=True, help="file to write")
    parser.add_argument("--user", default=None, help="export as this user (default: the liaison office)")


def export_user(username: str | None) -> Any:
    User = get_user_model()
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {username!r}")
        return user
    user = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("pk").first()
    if user is None:
        user = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if user is None:
        raise CommandError("no office (admin) user exists; pass --user USERNAME")
    return user
