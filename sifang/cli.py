"""The `sifang` console script.

Engine commands (`match`, `normalise`) run without Django so that they start fast and can be
used on files alone; every other command is a Django management command (`sifang --help`
lists them all). Hyphenated names map onto the management command of the same name with
underscores (`ingest-report` → `ingest_report`).
"""

from __future__ import annotations

import os
import sys

ENGINE_COMMANDS = {
    "match": ("sifang.matcher.cli", "main", "rank offerings for demands from JSONL files"),
    "normalise": ("sifang.ingest.cli", "normalise_main", "print the normalised text of a report"),
}


def _engine(name: str, argv: list[str]) -> int:
    import importlib

    module_name, func, _ = ENGINE_COMMANDS[name]
    module = importlib.import_module(module_name)
    return int(getattr(module, func)(argv) or 0)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] in ENGINE_COMMANDS:
        return _engine(argv[1], argv[2:])
    if len(argv) > 1:
        argv[1] = argv[1].replace("-", "_") if not argv[1].startswith("-") else argv[1]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    if len(argv) > 1 and argv[1] in {"--help", "-h", "help"} and len(argv) == 2:
        print("sifang engine commands (no database needed):")
        for name, (_, _, text) in ENGINE_COMMANDS.items():
            print(f"    {name:<18} {text}")
        print()
    execute_from_command_line(["sifang", *argv[1:]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
