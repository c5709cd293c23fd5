"""The CLI functions."""

from __future__ import annotations

import json
from pathlib import Path

from sifang.ingest.cli import ingest_main, normalise_main

SEED = str(Path(__file__).resolve().parent / "seed_report.txt")


def test_ingest_json(capsys) -> None:
    assert ingest_main([SEED, "--format", "json", "--year", "2023"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["meeting"]["date"] == "2023-07-22"


def test_ingest_text(capsys) -> None:
    assert ingest_main([SEED]) == 0
    assert "乌鲁木齐" in capsys.readouterr().out


def test_normalise(capsys) -> None:
    assert normalise_main([SEED]) == 0
    out = capsys.readouterr().out
    assert "科学技术部" in out and "三亿体育" not in out


def test_errors_go_to_stderr(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert ingest_main([str(empty), "--format", "json"]) != 0
    captured = capsys.readouterr()
    assert captured.out == "" and "empty" in captured.err
    assert ingest_main([str(tmp_path / "missing.txt")]) != 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err
