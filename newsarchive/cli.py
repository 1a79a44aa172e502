"""The `newsarchive` command line: import, extract."""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime
from pathlib import Path

from rich.console import Console

from newsarchive import __version__
from newsarchive.article import ExtractionError
from newsarchive.extract.dates import parse_date
from newsarchive.importer import extract_file, print_summary, run_import, write_report
from newsarchive.settings import REPORT_PATH
from newsarchive.sources import discover

#: Exit codes (README: Exit codes).
EXIT_OK, EXIT_FAILED_INPUTS, EXIT_USAGE = 0, 1, 2


def _date_option(value: str) -> datetime:
    parsed = parse_date(value)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"not a plausible date: {value!r} (use YYYY-MM-DD)")
    return parsed


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsarchive", description=__doc__)
    parser.add_argument("--version", action="version", version=f"newsarchive {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    imp = commands.add_parser("import", help="import scraped pages into content/ and raw/")
    imp.add_argument("paths", nargs="+", type=Path, help="files or folders (recursive)")
    imp.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    imp.add_argument("--strict", action="store_true", help="exit 1 if any input failed")
    imp.add_argument("--date", type=_date_option, help="publication date for every input")
    imp.add_argument("--root", type=Path, default=Path("."), help="archive root (default: .)")
    imp.add_argument(
        "--report", type=Path, default=None, help=f"report path (default: {REPORT_PATH})"
    )

    ext = commands.add_parser("extract", help="print extracted articles, write nothing")
    ext.add_argument("paths", nargs="+", type=Path, help="files or folders (recursive)")
    ext.add_argument("--json", action="store_true", help="JSON Lines, one object per input")
    ext.add_argument("--date", type=_date_option, help="publication date for every input")
    return parser


def cmd_import(args: argparse.Namespace) -> int:
    console = Console(stderr=True, soft_wrap=True)
    started = time.time()
    outcomes = run_import(
        args.paths, root=args.root, jobs=args.jobs, date=args.date, console=console
    )
    report = args.report or args.root / REPORT_PATH
    write_report(outcomes, report, started)
    print_summary(outcomes, console, report)
    failed = any(o.status == "failed" for o in outcomes)
    return EXIT_FAILED_INPUTS if args.strict and failed else EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    for path in discover(args.paths):
        try:
            record = extract_file(path, args.date).to_json()
        except ExtractionError as err:
            record = {"input": str(path), "error": str(err)}
        if args.json:
            print(json.dumps(record, ensure_ascii=False), flush=True)
        elif "error" in record:
            print(f"{path}: failed: {record['error']}")
        else:
            print(
                f"{path}: {record['title']} ({record['date'] or 'date unknown'}, {record['source']})"
            )
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = {"import": cmd_import, "extract": cmd_extract}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        print(
            "interrupted: files written so far are complete; run again to finish", file=sys.stderr
        )
        return 130


if __name__ == "__main__":
    sys.exit(main())
