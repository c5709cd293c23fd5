from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (url name, label); entries whose app is not installed yet are skipped.
NAV = [
    ("market:demand_list", _("Demands")),
    ("market:offering_list", _("Offerings")),
    ("organisations:organisation_list", _("Organisations")),
    ("people:person_list", _("People")),
    ("projects:project_list", _("Projects")),
    ("instruments:platform_list", _("Platforms")),
    ("talent:exchange_list", _("Talent exchange")),
    ("meetings:meeting_list", _("Meetings")),
    ("meetings:board", _("Supervision")),
    ("dashboards:overview", _("Dashboard")),
]


def site(request: HttpRequest) -> dict[str, Any]:
    nav = []
    for name, label in NAV:
        try:
            nav.append({"url": reverse(name), "label": label, "name": name})
        except NoReverseMatch:
            continue
    return {"nav_items": nav, "site_name": _("Sifang cooperation platform")}
