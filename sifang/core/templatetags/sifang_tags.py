from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def model_verbose(obj: Any) -> str:
    return str(obj._meta.verbose_name_plural)


@register.filter
def forms_display(obj: Any) -> str:
    from sifang.market.models import CooperationForm

    labels = dict(CooperationForm.choices)
    return "、".join(str(labels.get(f, f)) for f in (obj.cooperation_forms or [])) or "—"
