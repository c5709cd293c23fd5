from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

register = template.Library()

KIND_LABELS = {
    "terms": gettext_noop("Shared key terms"),
    "text": gettext_noop("Text similarity"),
    "cluster": gettext_noop("Cluster match"),
    "field": gettext_noop("Field match"),
    "party": gettext_noop("Party complementarity"),
    "trl": gettext_noop("Maturity fit"),
    "form": gettext_noop("Cooperation form"),
    "region": gettext_noop("Region"),
    "recency": gettext_noop("Recency"),
}


@register.filter
def highlight(text: str, terms: list[str]) -> SafeString:
    """Escape ``text`` and wrap every shared term in <mark>."""
    safe = escape(text or "")
    words = sorted({escape(t) for t in terms or [] if t and len(t.strip()) > 0}, key=len, reverse=True)
    if not words:
        return mark_safe(safe)  # noqa: S308 - escaped above
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", safe))  # noqa: S308


@register.filter
def reason_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


@register.filter
def reason_value(reason: dict[str, Any]) -> str:
    value = reason.get("terms") or reason.get("value")
    if isinstance(value, dict):
        return " → ".join(str(v) for v in value.values())
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value or "")


@register.filter
def percent(share: float) -> str:
    return f"{100 * float(share or 0):.0f}%"


@register.filter
def snippet(text: str, length: int = 160) -> str:
    text = text or ""
    return text if len(text) <= length else text[:length] + "…"


@register.inclusion_tag("matching/_panel.html", takes_context=True)
def demand_match_panel(context: dict[str, Any], demand: Any, top: int = 5) -> dict[str, Any]:
    from sifang.matching.selectors import match_list_for_demand

    request = context["request"]
    rows = match_list_for_demand(user=request.user, demand_id=demand.pk, top=top)
    return {"rows": rows, "demand": demand, "request": request}


@register.inclusion_tag("matching/_offering_panel.html", takes_context=True)
def offering_match_panel(context: dict[str, Any], offering: Any, top: int = 5) -> dict[str, Any]:
    from sifang.matching.selectors import match_list_for_offering

    request = context["request"]
    rows = match_list_for_offering(user=request.user, offering_id=offering.pk, top=top)
    return {"rows": rows, "offering": offering}
