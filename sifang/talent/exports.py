"""Writing tables to CSV (csv module) or Excel (openpyxl); used by the export commands."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

FORMATS = ("csv", "xlsx")


def write_table(*, headers: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, out: str | Path) -> int:
    """Write ``rows`` under ``headers`` to ``out``; return the number of rows written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    n = 0
    if fmt == "csv":
        with open(out, "w", newline="", encoding="utf-8-sig") as fh:
            writer = csv.writer(fh)
            writer.writerow(headers)
            for row in rows:
                writer.writerow(["" if v is None else v for v in row])
                n += 1
        return n
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(list(headers))
    for row in rows:
        ws.append([_cell(v) for v in row])
        n += 1
    wb.save(out)
    return n


def _cell(value: Any) -> Any:
    from decimal import Decimal

    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (int, float, str)):
        return value
    if hasattr(value, "isoformat"):
        return value
    return str(value)
