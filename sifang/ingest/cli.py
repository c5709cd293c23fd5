"""Command-line functions: ``sifang normalise FILE`` and ``sifang ingest-report FILE``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import IngestError


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


def normalise_main(argv: list[str]) -> int:
    """``sifang normalise FILE``: print the normalised text (``--changes`` also lists the edits on stderr)."""
    parser = argparse.ArgumentParser(
        prog="sifang normalise", description="Print the normalised text of a report."
    )
    parser.add_argument("file", help="report file (text or HTML, any common Chinese encoding; - for stdin)")
    parser.add_argument("--changes", action="store_true", help="list every change on stderr")
    args = parser.parse_args(argv)
    from .decode import bytes_to_text
    from .normalise import normalise

    try:
        text, _, _ = bytes_to_text(_read(args.file))
    except OSError as exc:
        print(f"无法读取文件 / cannot read file: {exc}", file=sys.stderr)
        return 2
    except IngestError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    result = normalise(text)
    print(result.text)
    if args.changes:
        for change in result.changes:
            print(f"{change.offset}\t{change.source!r} → {change.target!r}", file=sys.stderr)
    return 0


def ingest_main(argv: list[str]) -> int:
    """``sifang ingest-report FILE [--format json|text] [--year YYYY]``: print the structured draft."""
    parser = argparse.ArgumentParser(
        prog="sifang ingest-report", description="Turn a meeting report into a draft."
    )
    parser.add_argument("file", help="report file (text or HTML, any common Chinese encoding; - for stdin)")
    parser.add_argument("--format", choices=("json", "text"), default="text")
    parser.add_argument("--year", type=int, default=None, help="year of the meeting when the report omits it")
    args = parser.parse_args(argv)
    from .draft import ingest_bytes

    try:
        draft = ingest_bytes(_read(args.file), filename=args.file, year_hint=args.year)
    except OSError as exc:
        print(f"无法读取文件 / cannot read file: {exc}", file=sys.stderr)
        return 2
    except IngestError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(draft.to_json() if args.format == "json" else draft.to_text())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(ingest_main(sys.argv[1:]))
