"""Audit helpers around django-simple-history."""

from __future__ import annotations

from django.db import models


def set_change_reason(obj: models.Model, reason: object) -> None:
    """Record why ``obj`` changes: django-simple-history stores ``_change_reason`` with the next
    saved history row (max. 100 characters)."""
    setattr(obj, "_change_reason", str(reason)[:100])  # noqa: B010 - not a declared field of the model
