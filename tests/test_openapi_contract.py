"""The HTTP API's contract: a change to the OpenAPI document must be deliberate.

When an endpoint, parameter or schema changes on purpose, regenerate the snapshot with
``UPDATE_OPENAPI=1 make test`` (or run this file alone) and commit it with the change."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

SNAPSHOT = Path(__file__).with_name("openapi.json")


def current_schema() -> str:
    from django.utils import translation

    from config.api import api

    with translation.override("en"):
        schema = api.get_openapi_schema()
    return json.dumps(schema, ensure_ascii=False, sort_keys=True, indent=1, default=str) + "\n"


@pytest.mark.django_db
def test_openapi_document_matches_the_committed_snapshot():
    text = current_schema()
    if os.environ.get("UPDATE_OPENAPI") == "1":
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert SNAPSHOT.exists(), "tests/openapi.json is missing: run with UPDATE_OPENAPI=1 and commit it"
    assert text == SNAPSHOT.read_text(encoding="utf-8"), (
        "The OpenAPI document changed. If that is intended, run with UPDATE_OPENAPI=1 and commit tests/openapi.json."
    )


def test_contract_paths_named_by_the_issues_exist():
    paths = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["paths"]
    assert "post" in paths["/api/v1/instruments/{instrument_id}/bookings"]
    assert "get" in paths["/api/v1/instruments"]
    assert "get" in paths["/api/v1/instruments/{instrument_id}/availability"]
