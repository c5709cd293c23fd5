"""Optional: ``meetings_unread`` (the user's unread supervision notifications) for the nav bar.
Wire it by adding ``sifang.meetings.context_processors.unread_notifications`` to the template
context processors."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .selectors import notification_unread_count


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {"meetings_unread": notification_unread_count(user=user) if user is not None else 0}
