"""The `newsarchive` command line: import, extract, tag, fetch, retag, check-output, check-links."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from rich.console import Console

from newsarchive import __version__
from newsarchive.archive_lock import writing_to
from newsarchive.article import ExtractionError, NotAnArticle
from newsarchive.check_links import check_site
from newsarchive.check_output import measure, report
from newsarchive.entities import data_dir, get_tagger
from newsarchive.entities.registry_file import RegistryError
from newsarchive.extract.dates import parse_date
from newsarchive.extract.language import sure_language
from newsarchive.importer import (
    ImportInterrupted,
    Outcome,
    expand,
    extract_file,
    print_summary,
    printable,
    run_import,
    site_templates,
    template_of,
    unit_name,
    write_report,
)
from newsarchive.retag import run_retag
from newsarchive.review import review_archive
from newsarchive.settings import ARTICLES_DIR, MAX_INPUT_BYTES, RAW_DIR, REPORT_PATH
from newsarchive.sources import discover
from newsarchive.sources.decode import decode, input_offsets, read_bytes
from newsarchive.sources.discover import shown_name
from newsarchive.sources.fetch import RATE, RETRIES, TIMEOUT, Fetcher, fetch_all, read_url_list
from newsarchive.sources.records import FIELD_NAMES
from newsarchive.written_dates import ambiguous, without_day

#: Exit codes (README: Exit codes).
EXIT_OK, EXIT_FAILED_INPUTS, EXIT_USAGE = 0, 1, 2
#: 128 + SIGINT, as a shell reports a command stopped by Ctrl-C
EXIT_INTERRUPTED = 130
#: 128 + SIGPIPE, as a shell reports a writer whose reader stopped reading (`| head`)
EXIT_BROKEN_PIPE = 141
#: An import stopped by Ctrl-C, or by a disk that takes no more (its inputs not reached
#: failed), or whose report could not be written (a tool reading it would read the last run's).
STOP_EXIT = {
    "interrupted": EXIT_INTERRUPTED,
    "disk": EXIT_FAILED_INPUTS,
    "report": EXIT_FAILED_INPUTS,
}


def _date_option(value: str) -> datetime:
    parsed = parse_date(value)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"not a plausible date: {value!r} (use YYYY-MM-DD)")
    if without_day(value):
        raise argparse.ArgumentTypeError(f"{value!r} has no day (use YYYY-MM-DD)")
    if reason := ambiguous(value):
        raise argparse.ArgumentTypeError(f"{value!r} {reason} (use YYYY-MM-DD)")
    return parsed


def _jobs_option(value: str) -> int:
    """--jobs: worker processes, 1 or more (0 quietly meant every core, and -1 one)."""
    jobs = int(value) if value.strip().isdecimal() else 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of worker processes (1 or more)")  # fmt: skip
    return jobs


def _field_mapping(value: str) -> dict[str, str]:
    mapping = {}
    for pair in value.split(","):
        key, _, name = pair.partition("=")
        if key.strip() not in FIELD_NAMES or not name.strip():
            known = ", ".join(FIELD_NAMES)
            raise argparse.ArgumentTypeError(f"{pair!r}: use field=name with a field of: {known}")
        mapping[key.strip()] = name.strip()
    return mapping


def _fields_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--fields", type=_field_mapping, default=None,
        help="JSON field names, e.g. title=headline,html=body_html,date=pub_date (looked up"
        " first; the usual names still count)",
    )  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsarchive", description=__doc__)
    parser.add_argument("--version", action="version", version=f"newsarchive {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    imp = commands.add_parser("import", help="import scraped pages into content/ and raw/")
    imp.add_argument("paths", nargs="+", type=Path, help="files or folders (recursive)")
    imp.add_argument(
        "--jobs", type=_jobs_option, default=None, help="worker processes (default: all cores)"
    )
    imp.add_argument("--strict", action="store_true", help="exit 1 if any input failed")
    imp.add_argument("--date", type=_date_option, help="publication date for every input")
    imp.add_argument("--root", type=Path, default=Path("."), help="archive root (default: .)")
    imp.add_argument(
        "--report",
        type=Path,
        default=None,
        help=f"report path (default: {REPORT_PATH} under --root)",
    )
    imp.add_argument("--no-tag", action="store_true", help="skip people and topic tagging")
    imp.add_argument(
        "--take-newer", action="append", metavar="ARTICLE", default=None,
        help="an article edited by hand (its file or Id; repeatable) whose newer copy in this"
        " import replaces it: your tag edits are kept, the old copy is listed in Replaced",
    )  # fmt: skip
    imp.add_argument(
        "--again", action="store_true",
        help="extract files imported before once more (after an upgrade): articles whose text"
        " or fields come out otherwise are updated; those edited by hand are kept",
    )  # fmt: skip
    _fields_option(imp)

    ext = commands.add_parser("extract", help="print extracted articles, write nothing")
    ext.add_argument("paths", nargs="+", type=Path, help="files or folders (recursive)")
    ext.add_argument("--json", action="store_true", help="JSON Lines, one object per input")
    ext.add_argument("--date", type=_date_option, help="publication date for every input")
    ext.add_argument("--no-tag", action="store_true", help="skip people and topic tagging")
    ext.add_argument("--root", type=Path, default=Path("."), help="archive root (for data/)")
    _fields_option(ext)

    tag = commands.add_parser("tag", help="tag plain text with people and topics")
    tag.add_argument("files", nargs="*", default=["-"], help="text files, or - for standard input")
    tag.add_argument("--json", action="store_true", help="JSON Lines, one object per input")
    tag.add_argument("--root", type=Path, default=Path("."), help="archive root (for data/)")

    get = commands.add_parser("fetch", help="fetch a list of URLs politely, then import them")
    get.add_argument("urls", type=Path, help="a text file, one URL per line")
    get.add_argument("--root", type=Path, default=Path("."), help="archive root (default: .)")
    get.add_argument(
        "--rate", type=float, default=RATE, help=f"seconds between requests to a host ({RATE:g})"
    )
    get.add_argument(
        "--timeout", type=float, default=TIMEOUT, help=f"seconds per request ({TIMEOUT:g})"
    )
    get.add_argument(
        "--retries", type=int, default=RETRIES, help=f"retries after a server error ({RETRIES})"
    )
    get.add_argument("--no-import", action="store_true", help="only fetch into the WARC")
    get.add_argument(
        "--strict", action="store_true", help="exit 1 if any URL or imported page failed"
    )

    size = commands.add_parser("check-output", help="does the built site fit GitHub Pages?")
    size.add_argument("output", nargs="?", type=Path, default=Path("output"))

    links = commands.add_parser("check-links", help="crawl the built site for broken links")
    links.add_argument("output", nargs="?", type=Path, default=Path("output"))
    links.add_argument("--prefix", default="/repo/", help="serve the site under this sub-path")
    links.add_argument("--site-root", default=None, help="the absolute address pages link with")

    retag = commands.add_parser("retag", help="tag every article in content/ again")
    retag.add_argument("--root", type=Path, default=Path("."), help="archive root (default: .)")
    retag.add_argument(
        "--jobs", type=_jobs_option, default=None, help="worker processes (default: all cores)"
    )
    return parser


def cmd_import(args: argparse.Namespace) -> int:
    console = Console(stderr=True, soft_wrap=True)
    report = args.report or args.root / REPORT_PATH
    outcomes, stopped = _import_and_report(
        args.paths, args.root, console, report, jobs=args.jobs, date=args.date,
        tag=not args.no_tag, fields=args.fields, take_newer=args.take_newer, again=args.again,
    )  # fmt: skip
    if stopped:
        return STOP_EXIT[stopped]
    failed = any(o.status == "failed" for o in outcomes)
    return EXIT_FAILED_INPUTS if args.strict and failed else EXIT_OK


def _import_and_report(
    paths: list[Path], root: Path, console: Console, report: Path, tag: bool = True, **options
) -> tuple[list[Outcome], str | None]:
    """Import, then write the report, print the summary and write the people review (also of
    an import Ctrl-C or a full disk stopped: what it stored); what stopped it, if anything
    ("interrupted" or "disk"), or else "report" where the report could not be written."""
    started = time.time()
    not_reached = cause = None
    if not root.exists():  # (a new archive, or a --root mistyped: said, so it is seen)
        console.print(f"new archive: {printable(str(root.absolute()))} did not exist, and is made", highlight=False)  # fmt: skip
    with writing_to(root, "import"):  # (the report too: another run's would replace it)
        try:
            outcomes = run_import(paths, root=root, console=console, tag=tag, **options)
        except ImportInterrupted as stop:
            outcomes, not_reached, cause = stop.outcomes, stop.not_reached, stop.cause
        review = None
        try:
            write_report(outcomes, report, started, not_reached)
            if tag:
                review = review_archive(root, [(o.path or o.input, o.review) for o in outcomes])
        except OSError as err:  # (the disk that stopped the import takes no report either)
            print(f"error: cannot write {err.filename}: {err.strerror}", file=sys.stderr)
            report = None
    print_summary(outcomes, console, report)
    if review:  # (last, as the README shows it: the summary's counts come first)
        console.print(review, highlight=False)
    if cause is not None:
        print(
            f"error: cannot write {cause.filename}: {cause.strerror}. Stopped with {not_reached}"
            f" of {len(outcomes) + not_reached} inputs not reached; the articles written are"
            " complete: make room and run the same import again to finish",
            file=sys.stderr,
        )
    elif not_reached is not None:
        print(
            f"interrupted: {not_reached} of {len(outcomes) + not_reached} inputs not reached; the"
            " articles written are complete: run the same import again to finish",
            file=sys.stderr,
        )
    if not_reached is None:
        return outcomes, None if report else "report"
    return outcomes, "interrupted" if cause is None else "disk"


def _no_root(root: Path) -> bool:
    """Whether --root names no folder (said on stderr): its data/ would silently be the
    bundled one, a mistyped --root's people and topics taken for the archive's."""
    if root.is_dir():
        return False
    print(f"error: --root {printable(str(root))}: no such folder (the archive whose data/ tags)", file=sys.stderr)  # fmt: skip
    return True


def cmd_extract(args: argparse.Namespace) -> int:
    """Print each input as import would store it: a folder's text dumps without the site
    template import learns from them (README: Text dumps of one site)."""
    if not args.no_tag and _no_root(args.root):
        return EXIT_USAGE
    tagger = None if args.no_tag else get_tagger(data_dir(args.root))
    units = list(expand(discover(args.paths), args.fields))
    templates = site_templates(units)
    for unit in units:
        if isinstance(unit, Outcome):
            record = {"input": unit.input, "error": unit.reason}
            if unit.status == "skipped":
                record = {"input": unit.input, "skipped": unit.reason}
        else:
            try:
                template = template_of(unit, templates)
                record = extract_file(unit, args.date, tagger, template).to_json()
            except ExtractionError as err:
                record = {"input": unit_name(unit), "error": str(err)}
                if isinstance(err, NotAnArticle):  # (no failure: import lists it as excluded)
                    record["excluded"] = True
        if args.json:
            _say(json_line(record))
        elif "error" in record:
            failed = "excluded" if record.get("excluded") else "failed"
            _say(f"{record['input']}: {failed}: {record['error']}")
        elif "skipped" in record:
            _say(f"{record['input']}: skipped {record['skipped']}")
        else:
            date, source = record["date"] or "date unknown", record["source"] or "source unknown"
            _say(f"{record['input']}: {record['title']} ({date}, {source})")
    return EXIT_OK


def _input_text(name: str) -> tuple[str, list[str], str, Callable]:
    """The text of one `tag` input ('-' is standard input), read and decoded as import reads a
    text dump (so a cp1252 file keeps its accents), the decoder's warnings, and the input as
    read with the function from offsets in the text to offsets in it (input_offsets: the
    decoder removes NUL characters and repairs mojibake); raises ExtractionError for a
    missing, unreadable, oversized or binary input. An empty one is text with nothing to
    tag."""
    data = _stdin_bytes() if name == "-" else read_bytes(Path(name))
    if not data.strip():
        text = data.decode("utf-8", errors="replace")
        return text, [], text, lambda start, end: (start, end)
    text, warnings = decode(data, Path(name), "text")
    return text, warnings, *input_offsets(data, Path(name), "text")


def _stdin_bytes() -> bytes:
    """Standard input, held to the limit a file is (MAX_INPUT_BYTES)."""
    data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise ExtractionError(f"standard input too large (over {MAX_INPUT_BYTES:,} bytes)")
    return data


#: Characters JSON leaves as they are in a string, but that Python's str.splitlines() (and
#: JavaScript before ES2019) takes for line ends: escaped, each line of JSON Lines is whole.
_LINE_ENDS_JSON_KEEPS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(record: dict) -> str:
    """One object of `extract`'s or `tag`'s JSON Lines, readable by any line splitter: a file
    named with U+2028 cut its object in two for a reader using splitlines()."""
    return json.dumps(record, ensure_ascii=False).translate(_LINE_ENDS_JSON_KEEPS)


class OutputFailed(Exception):
    """Standard output took no more (a full disk): the command stops, saying so."""


def _say(line: str) -> None:
    """A line of `extract`'s or `tag`'s output, flushed so that a reader has each object as
    soon as it is made; a write that fails (not for a reader gone) is OutputFailed, as
    `error: : No space left on device` named no file."""
    try:
        print(line, flush=True)
    except BrokenPipeError:
        raise
    except OSError as err:
        raise OutputFailed(err.strerror or str(err)) from None


#: The lists of a `tag --json` object besides its `input` (and `error`, where it failed).
TAG_LISTS = ("people", "topics", "organisations", "places", "warnings")


def cmd_tag(args: argparse.Namespace) -> int:
    """Tag plain text: one JSON object per input, in order (the contract: a reader pairs them
    by position), the model loaded once for all. An input that cannot be read is one line on
    stderr and, with --json, an object with its `error` and nothing found; the others are
    tagged all the same."""
    if _no_root(args.root):
        return EXIT_USAGE
    tagger = get_tagger(data_dir(args.root))
    failed = False
    for name in args.files:
        shown = shown_name(name)  # (the name as given; one not UTF-8 with U+FFFD, to print it)
        try:
            text, warnings, as_read, to_input = _input_text(name)
        except ExtractionError as err:
            print(f"error: {printable(shown)}: {err}", file=sys.stderr, flush=True)
            failed = True
            if args.json:  # every key a tagged input's object has: nothing found, no warnings
                record = {"input": shown, "error": str(err), **dict.fromkeys(TAG_LISTS, [])}
                _say(json_line(record))
            continue
        tags = tagger.tag(text, language=sure_language(text))
        for person in tags.people:  # (offsets into the input, as the contract has them)
            for mention in person.mentions:
                mention.start, mention.end = to_input(mention.start, mention.end)
                mention.text = as_read[mention.start : mention.end]
        record = {
            "input": shown,
            "people": [p.to_json() for p in tags.people],
            "topics": [{"name": t.name, "slug": t.slug, "score": t.score} for t in tags.topics],
            "organisations": tags.organisations,
            "places": tags.places,
            "warnings": warnings,
        }
        for warning in warnings:
            print(f"warning: {printable(shown)}: {warning}", file=sys.stderr, flush=True)
        if args.json:
            _say(json_line(record))
        else:
            people = ", ".join(p["name"] for p in record["people"]) or "no people"
            topics = ", ".join(t["name"] for t in record["topics"]) or "no topics"
            _say(f"{shown}: {people}; {topics}")
    return EXIT_FAILED_INPUTS if failed else EXIT_OK


def cmd_retag(args: argparse.Namespace) -> int:
    """Retag the archive at --root; a folder that is no archive is a usage error, with nothing
    written (a report there would make it look like one)."""
    if not (args.root / ARTICLES_DIR).is_dir():
        print(
            f"error: {printable(str(args.root.absolute()))}: no {ARTICLES_DIR.as_posix()} folder"
            " (run retag in an archive, or give --root)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    console = Console(stderr=True, soft_wrap=True)
    with writing_to(args.root, "retag"):
        results = run_retag(args.root / ARTICLES_DIR, data_dir(args.root), jobs=args.jobs)
    tally = Counter(done.status.split(":")[0] for done in results)
    moved = sum(done.moved_from is not None for done in results)
    console.print(
        f"{tally['retagged']} retagged, {tally['unchanged']} unchanged, {tally['failed']} failed,"
        f" {moved} moved"
    )
    for done in results:
        _print_retagged(done, console)
    items = [(done.path, done.review) for done in results]
    console.print(review_archive(args.root, items, whole=True), highlight=False)
    return EXIT_FAILED_INPUTS if tally["failed"] else EXIT_OK


def _print_retagged(done, console: Console) -> None:
    """The lines an article's retag earns: it failed, it moved to its date's folder, or it
    could not move there."""
    lines = []
    if done.status.startswith("failed"):
        lines.append(f"failed     {done.path}: {done.status.removeprefix('failed: ')}")
    if done.moved_from:
        lines.append(f"moved      {done.moved_from} -> {done.path} (filed by its Date)")
    if done.not_moved:
        lines.append(f"not moved  {done.path}: {done.not_moved}")
    for line in lines:
        console.print(printable(line), highlight=False, markup=False)


def cmd_fetch(args: argparse.Namespace) -> int:
    console = Console(stderr=True, soft_wrap=True)
    warc = args.root / RAW_DIR / "fetch" / f"{args.urls.stem}.warc.gz"
    fetcher = Fetcher(rate=args.rate, timeout=args.timeout, retries=args.retries)
    try:
        urls = read_url_list(args.urls)
    except ExtractionError as err:  # missing, unreadable, binary
        print(f"error: {printable(str(args.urls))}: {err}", file=sys.stderr)
        return EXIT_USAGE
    with writing_to(args.root, "fetch"):  # (two fetches appending to one WARC)
        result = fetch_all(list(urls), warc, fetcher)
    console.print(
        f"{len(result.fetched)} fetched, {len(result.already)} fetched before, "
        f"{len(result.failed)} failed -> {warc}",
        highlight=False,
    )
    listing = printable(str(args.urls))
    for url, reason in result.failed:  # named by the list's line, which the user can fix
        console.print(f"failed     {listing}:{urls[url]} {url}: {reason}", highlight=False)
    outcomes: list[Outcome] = []
    if not args.no_import and warc.exists():
        outcomes, stopped = _import_and_report([warc], args.root, console, args.root / REPORT_PATH)  # fmt: skip
        if stopped:
            return STOP_EXIT[stopped]
    failed = result.failed or any(o.status == "failed" for o in outcomes)
    return EXIT_FAILED_INPUTS if args.strict and failed else EXIT_OK


def cmd_check_output(args: argparse.Namespace) -> int:
    if not (args.output / "index.html").exists():
        print(f"error: {args.output}: no built site (run make html)", file=sys.stderr)
        return EXIT_USAGE
    size = measure(args.output)
    for line in report(size, size.files_by_kind["articles"] or None):
        print(line)
    problems = size.problems()
    for level, message in problems:
        print(f"{level}: {message}", file=sys.stderr)
    return EXIT_FAILED_INPUTS if any(level == "error" for level, _ in problems) else EXIT_OK


def cmd_check_links(args: argparse.Namespace) -> int:
    prefix = "/" + args.prefix.strip("/") + "/" if args.prefix.strip("/") else "/"
    result = check_site(args.output, prefix, args.site_root)
    for url, found_on, why in result.broken:
        print(f"broken     {url} ({why}), linked from {found_on}", file=sys.stderr)
    print(
        f"{result.pages} pages, {result.checked} addresses checked under {prefix}, {len(result.broken)} broken"
    )
    return EXIT_FAILED_INPUTS if result.broken or not result.pages else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {
        "import": cmd_import, "extract": cmd_extract, "tag": cmd_tag, "retag": cmd_retag,
        "fetch": cmd_fetch,
        "check-output": cmd_check_output, "check-links": cmd_check_links,
    }  # fmt: skip
    try:
        return handlers[args.command](args)
    except (RegistryError, RuntimeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return _reader_gone()
    except OutputFailed as err:
        print(f"error: cannot write standard output: {err}", file=sys.stderr)
        _output_to_nowhere()
        return EXIT_FAILED_INPUTS
    except OSError as err:
        print(f"error: {err.filename or ''}: {err.strerror}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(
            "interrupted: files written so far are complete; run again to finish", file=sys.stderr
        )
        return EXIT_INTERRUPTED


def _reader_gone() -> int:
    """The reader of standard output stopped reading (`extract --json | head -1`): nothing to
    say, as `cat` says nothing."""
    _output_to_nowhere()
    return EXIT_BROKEN_PIPE


def _output_to_nowhere() -> None:
    """What is still buffered for standard output goes nowhere, not into a second error at
    exit."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
