"""The one place that calls the report-ingestion engine (``sifang.ingest``) and turns its answer
or its error into what the meetings app stores or shows."""

from __future__ import annotations

import dataclasses
import importlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _


@dataclass
class EngineResult:
    payload: dict[str, Any]
    original_text: str
    uncertain: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    empty: bool = False


def jsonable(value: Any) -> Any:
    """Plain JSON values from whatever the engine returns (dataclasses, tuples, objects)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable(dataclasses.asdict(value))
    if hasattr(value, "to_dict"):
        return jsonable(value.to_dict())
    return str(value)


def engine_message(exc: Exception) -> str:
    zh, en = getattr(exc, "message_zh", None), getattr(exc, "message_en", None)
    if zh or en:
        lang = translation.get_language() or "zh-hans"
        return str((en if lang.startswith("en") else zh) or zh or en)
    return str(exc) or _("The report could not be read.")


def _ingest_error_class() -> type[Exception]:
    try:
        return importlib.import_module("sifang.ingest.errors").IngestError
    except (ImportError, AttributeError):  # pragma: no cover - engine absent
        return type("NoIngestError", (Exception,), {})


def _payload(draft: Any) -> dict[str, Any]:
    """The contract as a dict: ``to_dict()`` when the engine offers it, else ``to_json()`` parsed."""
    if hasattr(draft, "to_dict"):
        return jsonable(draft.to_dict())
    value = draft.to_json()
    return jsonable(json.loads(value) if isinstance(value, str | bytes) else value)


def run_engine(data: bytes, *, filename: str | None = None, year_hint: int | None = None) -> EngineResult:
    try:
        ingest = importlib.import_module("sifang.ingest")
        ingest_bytes = ingest.ingest_bytes
    except (ImportError, AttributeError):
        raise ValidationError({"file": _("The report-ingestion engine is not available.")}) from None
    error_class = _ingest_error_class()
    try:
        draft = ingest_bytes(data, filename=filename, year_hint=year_hint)
    except error_class as exc:
        raise ValidationError({"file": engine_message(exc)}) from exc
    except (UnicodeError, ValueError) as exc:
        raise ValidationError({"file": _("The report could not be read: %(e)s") % {"e": exc}}) from exc
    payload = _payload(draft)
    return EngineResult(
        payload=payload,
        original_text=str(getattr(draft, "original_text", "") or ""),
        uncertain=jsonable(list(getattr(draft, "uncertain", []) or [])),
        warnings=[str(w) for w in (getattr(draft, "warnings", []) or [])],
        empty=bool(getattr(draft, "empty", False)),
    )
