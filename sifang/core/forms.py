"""Helpers shared by the apps' forms and views."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from .errors import error_messages


def apply_service_errors(form: Any, exc: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on ``form``: each message beside its field (``aliases``
    maps service argument names onto form field names), the rest above the form."""
    aliases = {"fields": "fields_", **(aliases or {})}
    for field, msgs in error_messages(exc).items():
        alias = aliases.get(field)
        target = alias if alias in form.fields else (field if field in form.fields else None)
        for m in msgs:
            form.add_error(target, m)
