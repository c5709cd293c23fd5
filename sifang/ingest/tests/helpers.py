"""Small readers shared by the tests of real-report patterns."""

from __future__ import annotations

import pytest

from sifang.ingest import IngestError, ingest_text
from sifang.ingest.extract import find_attendees


def people(text: str, parties: list[str] | None = None, place: str | None = None) -> dict:
    """``name → (title, party)`` of the attendees :func:`find_attendees` finds in ``text``."""
    return {p.name: (p.title, p.party) for p in find_attendees(text, parties, place)}


def commitments(text: str, year_hint: int = 2020) -> list[tuple[str | None, str]]:
    """``(party, action)`` of the commitments of the draft of ``text``."""
    return [(c.party, c.action) for c in ingest_text(text, year_hint=year_hint).commitments]


def refusal(text: str, year_hint: int = 2020) -> IngestError:
    """The error with which the engine refuses ``text`` (the test fails if it makes a draft)."""
    with pytest.raises(IngestError) as caught:
        ingest_text(text, year_hint=year_hint)
    return caught.value
