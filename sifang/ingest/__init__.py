"""Report ingestion: turns a Chinese news report of a cooperation meeting into a structured draft.

Pure Python (no Django import): decoding (:mod:`.decode`), normalisation of machine-reworded
reposts (:mod:`.normalise`), extraction (:mod:`.extract`) and the draft (:mod:`.draft`).
"""

from __future__ import annotations

from .draft import CONTRACT_KEYS, Draft, ingest_bytes, ingest_text
from .errors import IngestError
from .normalise import Change, NormalisedText, normalise

__all__ = [
    "CONTRACT_KEYS",
    "Change",
    "Draft",
    "IngestError",
    "NormalisedText",
    "ingest_bytes",
    "ingest_text",
    "normalise",
]
