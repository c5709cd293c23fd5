"""Domain errors raised by services and mapped by views and the API onto HTTP answers.

Validation problems use Django's ``ValidationError`` (field → messages), permission problems
Django's ``PermissionDenied``; a missing *or forbidden* record is ``NotFound`` so that existence
never leaks (views need no try/except for it). ``Conflict`` is a clash with other data (a double booking, a duplicate).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError  # noqa: F401  (re-exported)
from django.http import Http404


class NotFound(Http404):
    """The record does not exist or the actor may not see it. Being an ``Http404``, it becomes a
    404 page wherever a view lets it through; the API maps it to a JSON 404."""


class Conflict(Exception):
    """The change clashes with existing data."""

    def __init__(self, message: str, *, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}


def error_messages(exc: ValidationError) -> dict[str, list[str]]:
    """Field → messages for a ValidationError ("__all__" for non-field errors)."""
    if hasattr(exc, "error_dict"):
        return {
            field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()
        }
    return {"__all__": [str(m) for m in exc.messages]}
