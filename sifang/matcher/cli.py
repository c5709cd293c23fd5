"""``sifang match``: rank offerings for every demand of a JSON Lines file.

    sifang match --offerings O.jsonl --demands D.jsonl --top 10 > out.jsonl

Input lines are JSON objects ``{"id", "title", "text"}`` with optional ``cluster``, ``field``,
``party``, ``region``, ``trl``, ``form`` (and ``keywords``, ``posted``, ``status``, ``maturity``).
Output: one line per demand, in input order:
``{"demand_id": ..., "matches": [{"id": ..., "score": ..., "reasons": [...]}]}``.

Both files are validated before anything is written: a malformed line stops the run with
``FILE:LINE: reason`` on stderr, exit code 2 and nothing on stdout, unless ``--skip-bad`` is given,
in which case each bad line is reported on stderr and skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

EXIT_BAD_INPUT = 2
TEXT_FIELDS = ("cluster", "field", "party", "region", "maturity", "posted", "status")
BATCH = 64  # demands per search_many call


class BadLine(ValueError):
    """A line that is not a valid record; the message says why."""


@dataclass
class Problem:
    """Where a bad line is and what is wrong with it."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


def _check_str_or_list(record: dict[str, Any], key: str) -> None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return
    raise BadLine(f'"{key}" must be a string or a list of strings')


def validate(record: Any) -> dict[str, Any]:
    """Return ``record`` if it is a valid input object, else raise ``BadLine``."""
    if not isinstance(record, dict):
        raise BadLine("not a JSON object")
    doc_id = record.get("id")
    if doc_id is None or doc_id == "":
        raise BadLine('missing "id"')
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
        raise BadLine('"id" must be a string or an integer')
    title = record.get("title")
    if title is None:
        raise BadLine('missing "title"')
    if not isinstance(title, str):
        raise BadLine('"title" must be a string')
    if not isinstance(record.get("text", ""), str | type(None)):
        raise BadLine('"text" must be a string')
    for key in TEXT_FIELDS:
        if not isinstance(record.get(key), str | type(None)):
            raise BadLine(f'"{key}" must be a string')
    trl = record.get("trl")
    if trl is not None and (isinstance(trl, bool) or not isinstance(trl, int | str)):
        raise BadLine('"trl" must be an integer')
    if isinstance(trl, int) and not 0 <= trl <= 9:
        raise BadLine('"trl" must be between 1 and 9')
    _check_str_or_list(record, "form")
    _check_str_or_list(record, "keywords")
    return record


def read_records(path: str, problems: list[Problem]) -> Iterator[dict[str, Any]]:
    """Valid records of a JSON Lines file; every bad line is appended to ``problems``."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                problems.append(Problem(path, number, "not valid UTF-8"))
                continue
            if not line.strip():
                continue
            try:
                record = validate(json.loads(line))
            except json.JSONDecodeError as exc:
                problems.append(Problem(path, number, f"invalid JSON ({exc.msg} at column {exc.colno})"))
                continue
            except BadLine as exc:
                problems.append(Problem(path, number, str(exc)))
                continue
            yield record


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sifang match", description="Rank offerings for demands.")
    parser.add_argument("--offerings", required=True, help="JSON Lines file of offerings")
    parser.add_argument("--demands", required=True, help="JSON Lines file of demands")
    parser.add_argument("--top", type=int, default=10, help="matches per demand (default 10)")
    parser.add_argument("--skip-bad", action="store_true", help="skip malformed lines instead of stopping")
    parser.add_argument("--workers", type=int, default=1, help="processes for text segmentation")
    parser.add_argument("--no-reasons", action="store_true", help="omit the reasons (faster)")
    args = parser.parse_args(argv)
    if args.top < 1:
        parser.error("--top must be at least 1")
    return args


def load_inputs(
    args: argparse.Namespace, err: TextIO
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | None:
    """Both input files, or None (after reporting) when the run must stop."""
    problems: list[Problem] = []
    try:
        offerings = list(read_records(args.offerings, problems))
        demands = list(read_records(args.demands, problems))
    except OSError as exc:
        print(f"sifang match: {exc.filename}: {exc.strerror}", file=err)
        return None
    for problem in problems:
        prefix = "skipped " if args.skip_bad else ""
        print(f"{prefix}{problem}", file=err)
    if problems and not args.skip_bad:
        print(
            f"sifang match: {len(problems)} malformed line(s); nothing written (use --skip-bad to skip)",
            file=err,
        )
        return None
    return offerings, demands


def main(argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Entry point of ``sifang match``; returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    loaded = load_inputs(args, err)
    if loaded is None:
        return EXIT_BAD_INPUT
    offerings, demands = loaded
    from .index import Index

    original_ids = {str(o["id"]): o["id"] for o in offerings}
    index = Index.build(offerings, workers=args.workers)
    for start in range(0, len(demands), BATCH):  # search_many gives exactly what search gives
        chunk = demands[start : start + BATCH]
        results = index.search_many(chunk, top=args.top, explain=not args.no_reasons)
        for demand, matches in zip(chunk, results, strict=True):
            found = [m.as_dict() | {"id": original_ids.get(m.id, m.id)} for m in matches]
            line = {"demand_id": demand["id"], "matches": found}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
