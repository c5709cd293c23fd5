"""Errors raised by the report-ingestion engine."""

from __future__ import annotations


class IngestError(Exception):
    """A report that cannot be ingested, with a bilingual explanation.

    ``code`` is a stable machine-readable identifier (``empty``, ``undecodable``, ``not_meeting``,
    ``binary``, ``too_long``); ``message_zh`` and ``message_en`` are shown to people.
    """

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{message_zh} / {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en

    def __str__(self) -> str:
        return f"[{self.code}] {self.message_zh} / {self.message_en}"
