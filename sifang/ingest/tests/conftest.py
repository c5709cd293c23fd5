"""Shared fixtures of the ingestion tests (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    """The machine-reworded repost of the 2023-07-22 四方合作 meeting report."""
    return (HERE / "seed_report.txt").read_bytes()


@pytest.fixture(scope="session")
def seed_draft(seed_bytes: bytes):
    """The draft of the seed report without a year hint."""
    from sifang.ingest import ingest_bytes

    return ingest_bytes(seed_bytes, filename="seed_report.txt")
