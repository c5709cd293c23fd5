"""``{% load projects_tags %}{% overdue_milestones organisation %}`` — for the organisation page."""

from __future__ import annotations

from typing import Any

from django import template

from sifang.projects.selectors import milestones_overdue_for_organisation

register = template.Library()


@register.inclusion_tag("projects/_overdue_for_organisation.html", takes_context=True)
def overdue_milestones(context: Any, organisation: Any, limit: int = 10) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    qs = milestones_overdue_for_organisation(organisation, user=user) if user is not None else []
    return {"organisation": organisation, "milestones": list(qs[:limit])}
