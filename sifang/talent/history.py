"""History rows for detail pages, from django-simple-history (also used by ``projects``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


def history_rows(obj: Any, *, limit: int = 50) -> list[dict[str, Any]]:
    """Newest first: who, when, what kind of change, which fields changed (old → new)."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    rows = []
    for i, rec in enumerate(records[:limit]):
        changes: list[dict[str, str]] = []
        older = records[i + 1] if i + 1 < len(records) else None
        if older is not None and rec.history_type == "~":
            try:
                delta = rec.diff_against(older)
            except Exception:  # noqa: BLE001 - a model changed shape since; show no diff
                delta = None
            if delta is not None:
                for change in delta.changes:
                    field = obj._meta.get_field(change.field) if change.field else None
                    label = str(getattr(field, "verbose_name", change.field))
                    changes.append({"field": label, "old": _short(change.old), "new": _short(change.new)})
        kind = _TYPES.get(rec.history_type, rec.history_type)
        rows.append(
            {
                "user": rec.history_user,
                "date": rec.history_date,
                "type": kind,
                "type_label": {"created": _("created"), "changed": _("changed"), "deleted": _("deleted")}.get(
                    kind, kind
                ),
                "reason": rec.history_change_reason or "",
                "changes": changes,
            }
        )
    return rows


def _short(value: Any) -> str:
    if isinstance(value, list):  # m2m diffs: list of through-row dicts
        return ", ".join(str(next(iter(v.values()), "")) if isinstance(v, dict) else str(v) for v in value)
    text = "" if value is None else str(value)
    return text if len(text) <= 120 else text[:117] + "…"
