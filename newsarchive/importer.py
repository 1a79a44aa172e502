"""`newsarchive import`: discover inputs, extract them in parallel, store them in order, report.

Extraction is a pure per-file function run in worker processes; storing (ids, slugs, dedupe)
happens in this process in input order, so results are the same whatever --jobs is.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from newsarchive.article import Article, ExtractionError, NotAnArticle
from newsarchive.entities import Tagger, data_dir, get_tagger, tag_article
from newsarchive.extract import extract_article
from newsarchive.extract.site_template import TEMPLATE_MIN_DUMPS, learn_template
from newsarchive.page_address import address_key
from newsarchive.page_groups import Joined, Page, PageGroups
from newsarchive.sources import RawDocument, discover, load
from newsarchive.sources.discover import Unread, input_kind, shown_name
from newsarchive.sources.records import (
    RecordError,
    RecordRef,
    Redirect,
    container_suffix,
    documents,
)
from newsarchive.sources.sidecar import sidecar_path
from newsarchive.store import (
    Archive,
    article_id,
    atomic_write,
    is_raw_copy_of,
    one_line,
    read_header,
    remove_temp_files,
)
from newsarchive.workers import interrupts_between_items, worker_pool

#: Below this many inputs, worker processes cost more than they save.
PARALLEL_MIN_INPUTS = 8
#: Printed at the first Ctrl-C
STOPPING = "stopping after the article in hand (Ctrl-C again to stop at once)"
STATUSES = (
    "imported", "updated", "unchanged", "duplicate", "failed", "skipped", "edited", "joined",
    "excluded",
)  # fmt: skip
#: The status of a page that is recognisably no article (a site's about page, a section
#: front, a feed): listed with its reason, kept out of the archive, no failure for --strict.
EXCLUDED = "excluded"
#: The line of an article edited by hand that `--take-newer` replaced with the newer copy.
TAKEN = "the newer copy replaces {path} (--take-newer: tag edits kept, the old copy in Replaced)"
#: What the summary says of an article with no date.
UNDATED = "date unknown (shown as such; use --date or a sidecar)"
#: The line of an article an input updated (a corrected re-scrape, a page read again).
UPDATED = "{path} updated in place"


@dataclass
class Outcome:
    """What happened to one input; one line of the summary and one record of the report."""

    input: str
    status: str
    reason: str | None = None
    id: str | None = None
    path: str | None = None
    title: str | None = None
    date: str | None = None
    warnings: list[str] = field(default_factory=list)
    #: The tagger's review items, None when the article was not tagged in this run
    review: list[dict] | None = None

    def __post_init__(self):
        self.input = shown_name(self.input)  # (a name not UTF-8 could not be written out)


#: A write that fails for one of these (a full disk, a quota, a read-only file system) would
#: fail for every input after it: the import stops there, as Ctrl-C stops it.
DISK_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


class ImportInterrupted(Exception):
    """Ctrl-C during an import, or a disk that takes no more (`cause`, one of DISK_ERRORS):
    the outcomes of the inputs stored before it, and how many inputs were not reached (each
    article is written whole or not at all)."""

    def __init__(
        self, outcomes: list[Outcome], not_reached: int, cause: OSError | None = None
    ) -> None:
        super().__init__(f"interrupted with {not_reached} inputs not reached")
        self.outcomes = outcomes
        self.not_reached = not_reached
        self.cause = cause


class _DiskFailed(Exception):
    """An article could not be written for a reason every later one would share."""

    def __init__(self, outcome: Outcome, cause: OSError) -> None:
        super().__init__(outcome.reason)
        self.outcome, self.cause = outcome, cause


def load_unit(unit: Path | str | RawDocument | RecordRef) -> RawDocument:
    """An input read: a file's, a record's of a JSON or WARC file (read where it starts)."""
    if isinstance(unit, RawDocument):
        return unit
    if isinstance(unit, RecordRef):
        return unit.load()
    return load(Path(unit))


def extract_file(
    path: Path | RawDocument | RecordRef,
    date: datetime | None = None,
    tagger: Tagger | None = None,
    template: frozenset[str] = frozenset(),
) -> Article:
    """Load and extract one input, a file or a record (and tag it, given a tagger), a text
    dump without its site's `template` lines (site_templates), as an import extracts it.

    ExtractionError carries the reason an input is not an article.
    """
    doc = load_unit(path)
    doc.template = template
    article = extract_article(doc, date=date)
    if tagger is not None:
        tag_article(article, tagger)
    return article


#: (a file's path, or a record read from a JSON or WARC file; --date; data/ for tagging;
#: the site template of a text dump)
Job = tuple[str | RawDocument | RecordRef, datetime | None, Path | None, frozenset[str]]


def _extract_job(job: Job) -> tuple[Article | None, bytes | None, str | None, bool]:
    """Worker entry point: never raises, so one bad page cannot stop the run. Gives the
    article and its bytes, or the reason it is none and whether it is recognisably no
    article (NotAnArticle, its bytes given too) rather than a page that failed."""
    source, date, data, template = job
    doc = None
    try:
        doc = load_unit(source)
        doc.template = template
        article = extract_article(doc, date=date)
        if data is not None:
            tag_article(article, get_tagger(data))
        return article, doc.data, None, False
    except ExtractionError as err:
        if isinstance(err, NotAnArticle):
            return None, doc.data if doc else None, one_line(err), True
        return None, None, one_line(err), False
    except Exception as err:  # a bug or a library failure on a hostile page: report, go on
        return None, None, one_line(f"unexpected {type(err).__name__}: {err}"), False


def _extract_all(jobs: list[Job], workers: int) -> Iterator:
    if workers <= 1 or len(jobs) < PARALLEL_MIN_INPUTS:
        yield from map(_extract_job, jobs)
        return
    with worker_pool(workers) as pool:
        yield from pool.imap(_extract_job, jobs, chunksize=4)


def _already_imported(archive: Archive, path: Path, date: datetime | None) -> Outcome | None:
    """Skip extraction for bytes imported before, unless the user supplies new metadata."""
    if not archive.by_raw or date is not None or sidecar_path(path).exists():
        return None
    try:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
    if entry := archive.known_raw(sha):
        found = Outcome(str(path), "unchanged", id=archive.by_raw[sha], path=str(entry.path))
    elif entry := archive.known_raw(sha, replaced=True):
        ident, reason = archive.by_replaced[sha], replaced_reason(entry.path)
        found = Outcome(str(path), "unchanged", reason, id=ident, path=str(entry.path))
    else:
        return None
    found.title, found.date = _title_and_date(entry.path)
    return found


def _title_and_date(article: Path) -> tuple[str | None, str | None]:
    """An article's title and date from its header, as the report gives an input's (an input
    known by its bytes is not read again): the date in ISO 8601, the page's local time as
    extraction gives it (the header's offset left out), None where it has none or one typed
    by hand that is not ISO 8601 (the title is still given)."""
    try:
        header = read_header(article)
    except OSError:
        return None, None
    return header.get("title"), _iso_local_time(header.get("date"))


def _iso_local_time(written: str | None) -> str | None:
    """A header's `Date:` in ISO 8601 without its offset, or None where it is none."""
    try:
        return datetime.fromisoformat(written).replace(tzinfo=None).isoformat() if written else None
    except ValueError:
        return None


def replaced_reason(path: Path) -> str:
    return f"an earlier copy of {path}, replaced by a later one (listed in its Replaced)"


def _earlier_copy(outcome: Outcome) -> bool:
    """Whether an input was a capture its article's text has replaced (replaced_reason)."""
    return outcome.path is not None and outcome.reason == replaced_reason(Path(outcome.path))


def run_import(
    paths: list[Path],
    root: Path = Path("."),
    jobs: int | None = None,
    date: datetime | None = None,
    console: Console | None = None,
    tag: bool = True,
    fields: dict[str, str] | None = None,
    take_newer: list[str] | None = None,
    again: bool = False,
) -> list[Outcome]:
    """Import inputs into the archive at `root`; returns one Outcome per input, in order.

    With `tag`, articles are tagged with people, topics, organisations and places; the
    registry and taxonomy are loaded (and checked) here first, so a broken data file stops
    the run before anything is written (RegistryError). `take_newer` names articles (file or
    Id) edited by hand whose newer copy in this run replaces them (UnknownArticle: one the
    archive does not have, found before anything is written). `again` extracts files
    imported before once more (after an upgrade of the extractor), where their known bytes
    would otherwise be `unchanged` unread.
    """
    console = console or Console(stderr=True, soft_wrap=True)
    data = data_dir(root) if tag else None
    if data is not None:
        get_tagger(data)  # loaded once here; worker processes inherit it
    archive = Archive.open(root)
    named = {_named(archive, name): name for name in take_newer or ()}
    archive.take_newer = set(named)
    remove_temp_files(root)  # what an import killed mid-write left behind
    if data is not None:
        archive.declared = get_tagger(data).declared_name
    redirects: list[Redirect] = []
    units = list(expand(discover(paths), fields, redirects))
    outcomes: dict[int, Outcome] = {}
    todo: list[int] = []
    for i, unit in enumerate(units):
        if isinstance(unit, Outcome):
            outcomes[i] = unit
        elif (
            not again
            and isinstance(unit, Path)
            and (known := _already_imported(archive, unit, date))
        ):
            outcomes[i] = known
        else:
            todo.append(i)
    progress = Progress(
        TextColumn("importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=len(todo) < PARALLEL_MIN_INPUTS or not console.is_terminal,
    )
    workers = jobs or os.cpu_count() or 1
    with progress:
        task = progress.add_task("import", total=len(todo))
        templates = site_templates([units[i] for i in todo])
        jobs_todo = [
            (_job_input(units[i]), date, data, template_of(units[i], templates)) for i in todo
        ]
        extracted = _extract_all(jobs_todo, workers)
        groups = PageGroups()
        names = {i: unit_name(units[i]) for i in todo}
        try:
            with interrupts_between_items(STOPPING) as ctrl_c:
                for i, (article, raw, reason, excluded) in zip(todo, extracted, strict=True):
                    if article is None and excluded:
                        outcomes[i] = _excluded(archive, names[i], reason, raw)
                    elif article is None:
                        outcomes[i] = Outcome(names[i], "failed", reason=reason)
                    for ready in groups.offer(Page(i, article, raw)) if article else ():
                        outcomes.update(_store_ready(archive, ready, names, data))
                    progress.advance(task)
                    if ctrl_c.requested:
                        raise KeyboardInterrupt
                for ready in groups.rest():
                    outcomes.update(_store_ready(archive, ready, names, data, alone=True))
                list_redirects(archive, redirects)
        except (KeyboardInterrupt, _DiskFailed) as stop:
            cause = None
            if isinstance(stop, _DiskFailed):  # (the input in hand failed; the rest not reached)
                outcomes[i], cause = stop.outcome, stop.cause
            extracted.close()  # the workers stop now, not when the exception is freed
            _save_caches(archive, console)
            done = [outcomes[i] for i in range(len(units)) if i in outcomes]
            raise ImportInterrupted(done, len(units) - len(done), cause) from None
    _save_caches(archive, console)
    _say_not_taken(named, outcomes.values(), console)
    return [outcomes[i] for i in range(len(units))]


#: The most redirects followed from one address to an article's.
MAX_REDIRECTS = 5


def list_redirects(archive: Archive, redirects: list[Redirect]) -> None:
    """Each address a crawl was redirected from to an archived article's (a short link, the
    article's old address; through other redirects too), listed in the article's Copies:
    links in other articles to it then lead to the archived copy (plugins/archive_links)."""
    onward = {address_key(r.asked): r.to for r in redirects}
    for redirect in redirects:
        to = redirect.to
        for _ in range(MAX_REDIRECTS):  # (a chain: /s/1 -> /story -> /2019/story/)
            if (ident := archive.by_address.get(address_key(to))) is not None:
                if ident in archive.by_id and archive.by_id[ident].path.exists():
                    archive.record_copy(ident, redirect.asked)
                break
            if (to := onward.get(address_key(to))) is None:
                break


def _say_not_taken(named: dict[str, str], outcomes, console: Console) -> None:
    """A line for each article `--take-newer` named that this import did not update: the
    editor asked for a change, and nothing changed (the inputs held no copy of it, one with
    the bytes the article already has, or an earlier capture, which is never taken: named,
    since the editor may have meant it)."""
    updated = {o.id for o in outcomes if o.status == "updated"}
    earlier = {o.id: printable(o.input) for o in outcomes if _earlier_copy(o)}
    for ident, name in named.items():
        if ident in updated:
            continue
        why = "no input of this import is a newer copy of that article"
        if ident in earlier:
            why = f"{earlier[ident]} is an earlier capture than the article's (listed in its Replaced)"  # fmt: skip
        console.print(f"--take-newer {name}: nothing taken: {why}", markup=False, highlight=False)


class UnknownArticle(RuntimeError):
    """An article named on the command line that the archive does not have (a usage error)."""


def _named(archive: Archive, name: str) -> str:
    """The id of an article named by `--take-newer`."""
    ident = archive.article_named(name)
    if ident is None:
        raise UnknownArticle(
            f"--take-newer {name}: no article has that Id or file in {archive.articles_dir}"
        )
    return ident


def _save_caches(archive: Archive, console: Console) -> None:
    """Keep the derived caches; one that cannot be written is only a warning (it is made
    again by the next import)."""
    try:
        archive.save_caches()
    except OSError as err:
        console.print(
            f"warning    cannot keep the cache {err.filename}: {err.strerror}", highlight=False
        )


def expand(inputs, fields: dict[str, str] | None = None, redirects: list | None = None) -> Iterator:
    """Files stay as they are; JSON and WARC files become their records (a RecordRef each, read
    by the worker that extracts it; a RawDocument each for a JSON array), an Outcome for each
    record that fails here and one for the records a WARC has besides pages. A WARC's
    redirects go to `redirects` (Redirect items), if given."""
    for path in inputs:
        if isinstance(path, Unread):
            yield Outcome(str(path.folder), "skipped", reason=path.reason())
            continue
        if not (container_suffix(path) and path.is_file()):
            yield path
            continue
        counts: dict[str, int] = {}
        whole_file_failed = False
        for item in documents(path, fields, counts):
            if isinstance(item, RecordError):
                whole_file_failed |= item.name == str(path)
                yield Outcome(item.name, "failed", reason=one_line(item))
            elif isinstance(item, Redirect):
                if redirects is not None:
                    redirects.append(item)
            else:
                yield item
        skipped = counts.get("skipped") or counts.get("revisits") or counts.get("redirects")
        if skipped and not whole_file_failed:
            yield Outcome(str(path), "skipped", reason=_records_skipped(counts))


def _records_skipped(counts: dict[str, int]) -> str:
    """What a container's records that are no page were: "4 records that are not HTML pages
    and 2 revisit records (a re-crawl's marks of pages unchanged since a capture) (of 9)"."""
    parts = []
    if n := counts.get("skipped"):
        parts.append(f"{n} records that are not HTML pages" if n != 1 else "1 record that is not an HTML page")  # fmt: skip
    if n := counts.get("redirects"):
        parts.append(f"{n} redirect{'s' if n != 1 else ''} (each listed in the Copies of the archived article it leads to)")  # fmt: skip
    if n := counts.get("revisits"):
        parts.append(f"{n} revisit record{'s' if n != 1 else ''} (a re-crawl's mark{'s' if n != 1 else ''} of a page unchanged since a capture)")  # fmt: skip
    return f"{' and '.join(parts)} (of {sum(counts.values())})"


def _site(unit) -> Path | None:
    """Text dumps in one folder are taken to be one site's."""
    return unit.parent if isinstance(unit, Path) and input_kind(unit) == "text" else None


def site_templates(units: list) -> dict[Path, frozenset[str]]:
    """Each site's template lines, learned from its text dumps (extract/site_template.py)."""
    sites: dict[Path, list[Path]] = defaultdict(list)
    for unit in units:
        if (site := _site(unit)) is not None:
            sites[site].append(unit)
    return {
        site: learn_template(text for path in paths if (text := _dump_text(path)) is not None)
        for site, paths in sites.items()
        if len(paths) >= TEMPLATE_MIN_DUMPS
    }


def template_of(unit, templates: dict[Path, frozenset[str]]) -> frozenset[str]:
    """The template lines (site_templates) of the site whose text dump `unit` is, if any."""
    return templates.get(_site(unit), frozenset())


def _dump_text(path: Path) -> str | None:
    try:
        return load(path).text
    except (ExtractionError, OSError):
        return None  # reported when the file itself is imported


def _job_input(unit) -> str | RawDocument | RecordRef:
    return str(unit) if isinstance(unit, Path) else unit


def unit_name(unit: Path | RawDocument | RecordRef) -> str:
    """How the summary, the report and `extract --json` name an input: its path, or
    "file#record" for a record of a JSON or WARC file."""
    return shown_name(unit if isinstance(unit, Path) else unit.name)


def _excluded(archive: Archive, name: str, reason: str | None, data: bytes | None) -> Outcome:
    """A page that is no article. One imported as an article before (by a version that took
    it for one, read again with --again) names that article, which stays as it is: the
    summary said `excluded` while the page was still in the archive."""
    sha = hashlib.sha256(data).hexdigest() if data else ""
    known = archive.known_raw(sha) if data else None
    if known is None:
        return Outcome(name, EXCLUDED, reason=reason)
    kept = f"{reason}; {known.path}, imported from it before, is still in the archive: delete it to drop it"  # fmt: skip
    return Outcome(name, EXCLUDED, kept, id=archive.by_raw[sha], path=str(known.path))


#: The store's answers for an input whose text the archive holds already, or keeps out:
#: its warnings and review items are not the archive's.
STORED_BEFORE = frozenset(
    {"replaced", "deleted", "cut-short", "shorter-copy", "earlier-capture", "listed-copy"}
)


def _store(archive: Archive, name: str, article: Article, data: bytes) -> Outcome:
    try:
        status, path, ident = archive.save(article, data)
    except OSError as err:
        failed = Outcome(name, "failed", reason=f"cannot write the article ({err.strerror})")
        if err.errno in DISK_ERRORS:
            raise _DiskFailed(failed, err) from err
        return failed
    except Exception as err:  # a bug on a hostile page: report it, keep going (writes are atomic)
        return Outcome(name, "failed", reason=one_line(f"unexpected {type(err).__name__}: {err}"))
    stored_before = status in STORED_BEFORE
    taken = status == "updated" and ident in archive.take_newer
    return Outcome(
        name,
        {
            "near-duplicate": "duplicate",
            "replaced": "unchanged",
            "listed-copy": "unchanged",
            "deleted": "skipped",
            "cut-short": "skipped",
            "shorter-copy": "skipped",
            "earlier-capture": "skipped",
        }.get(status, status),
        id=ident,
        path=str(path),
        title=article.title,
        date=article.date.isoformat() if article.date else None,
        warnings=[] if stored_before else article.warnings,
        reason={
            "duplicate": f"same text as {path}",
            "near-duplicate": f"nearly the same text as {path} (listed in its Copies)",
            "edited": f"{path} was edited by hand: kept as it is (the new copy is in raw/;"
            f" import it with --take-newer {ident} to take it, keeping your tag edits)",
            "replaced": replaced_reason(path),
            "deleted": f"its article was deleted by hand: not imported again (delete {path}"
            " to import it again)",
            "cut-short": f"looks cut short, and {path} has the whole text: kept as it is (the"
            " copy is in raw/)",
            "shorter-copy": f"an AMP or mobile copy much shorter than {path}: its fuller text"
            f" kept (the copy is in raw/; import it with --take-newer {ident} to take it)",
            "earlier-capture": f"captured {article.captured:%Y-%m-%d %H:%M} UTC, before the"
            f" capture {path} holds: its later text kept (the copy is in raw/; import it with"
            f" --take-newer {ident} to take it)"
            if article.captured
            else None,
        }.get(status)
        or (_updated_reason(path, taken) if status == "updated" else None),
        review=None if stored_before else article.review,
    )


def _store_ready(
    archive: Archive, ready: Joined | Page, names: dict[int, str], data, alone: bool = False
) -> dict[int, Outcome]:
    """Store what PageGroups gives back: an article's pages joined, or a page as it is (at
    the end of the import, `alone`: a later page whose first page never came)."""
    if isinstance(ready, Joined):
        return _store_pages(archive, ready, names, data)
    if alone:
        return {ready.index: _store_alone(archive, names[ready.index], ready)}
    return {ready.index: _store(archive, names[ready.index], ready.article, ready.raw)}


def _store_pages(
    archive: Archive, joined: Joined, names: dict[int, str], data: Path | None
) -> dict[int, Outcome]:
    """Store an article's pages as one article (tagged again as a whole, where the import
    tags): the first page's outcome is the article's, each later page's says it was joined
    to it, and its bytes are kept in raw/ as the article's `Raw_Pages` list them."""
    first, *later = joined.pages
    article = joined.article()
    if data is not None:
        tag_article(article, get_tagger(data))
    outcomes = {first.index: _store(archive, names[first.index], article, first.raw)}
    stored = outcomes[first.index]
    for page in later:
        if stored.status in ("imported", "updated", "unchanged"):
            archive.keep_raw(page.article, page.raw)
        status = "joined" if stored.status in ("imported", "updated") else stored.status
        reason = f"page {page.article.page} of {stored.path}, joined to its text"
        if stored.status == "failed":
            reason = f"page {page.article.page} of {names[first.index]}, which failed"
        outcomes[page.index] = Outcome(names[page.index], status, reason, id=stored.id,
                                       path=stored.path, title=stored.title, date=stored.date)  # fmt: skip
    for page in joined.earlier:
        reason = f"an earlier capture of page {page.article.page} of {stored.path}, a later one joined to its text"  # fmt: skip
        outcomes[page.index] = Outcome(names[page.index], "unchanged", reason, id=stored.id,
                                       path=stored.path, title=stored.title, date=stored.date)  # fmt: skip
    return outcomes


def _store_alone(archive: Archive, name: str, page: Page) -> Outcome:
    """A later page of an article whose first page this import did not have: stored as an
    article of its own, unless its address or its first page's is an article's already
    (imported before), whose text it would replace, or stand beside as a part of it."""
    article = page.article
    ids = (article_id(article), *(archive.by_address.get(key) for key in (address_key(article.url or ""), article.first_page)))  # fmt: skip
    known = next((archive.by_id[i] for i in ids if i in archive.by_id), None)
    if known is not None and known.path.exists() and not is_raw_copy_of(known.raw, article):
        return Outcome(
            name,
            "skipped",
            f"page {article.page} of {known.path}, whose other pages this import did not read:"
            " not joined (import its pages together, with --again if they were imported before)",
            path=str(known.path),
        )
    return _store(archive, name, article, page.raw)


def _updated_reason(path: Path, taken: bool) -> str:
    """Which article an input updated, for its summary line: a count alone ("2 updated")
    left the editor to search the report for the articles whose text changed."""
    if taken:
        return TAKEN.format(path=path)
    revisions = read_header(path).get("revisions")
    return UPDATED.format(path=path) + (f" (Revisions: {revisions})" if revisions else "")


def counts(outcomes: list[Outcome]) -> dict[str, int]:
    tally = Counter(o.status for o in outcomes)
    return {status: tally.get(status, 0) for status in STATUSES}


def undated(outcomes: list[Outcome]) -> list[Outcome]:
    return [o for o in outcomes if o.status in ("imported", "updated") and o.date is None]


def write_report(
    outcomes: list[Outcome], path: Path, started: float, not_reached: int | None = None
) -> None:
    """The machine-readable report: counts, then one record per input.

    An interrupted run's report says so (`interrupted`, `not_reached`) and lists the inputs
    it got to.
    """
    report = {
        "started": datetime.fromtimestamp(started).isoformat(timespec="seconds"),
        "seconds": round(time.time() - started, 2),
        **({"interrupted": True, "not_reached": not_reached} if not_reached is not None else {}),
        "counts": counts(outcomes),
        "undated": [o.input for o in undated(outcomes)],
        "inputs": [{k: v for k, v in o.__dict__.items() if k != "review"} for o in outcomes],
    }
    write_followed(path, (json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def write_followed(path: Path, data: bytes) -> None:
    """Write the report where `path` leads: a link's target (atomically, as any file), and a
    pipe or device as it is (`--report /dev/stdout`, a FIFO a tool reads). The rename of an
    atomic write replaced the link, or the pipe its reader waited on, with a file."""
    try:
        special = not stat.S_ISREG(path.stat().st_mode) and not path.is_dir()
    except OSError:  # (not there yet, or a link to nothing: made, where the link leads)
        special = False
    if special:
        with path.open("wb") as stream:
            stream.write(data)
        return
    atomic_write(Path(os.path.realpath(path)) if path.is_symlink() else path, data)


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(name: str) -> str:
    """An input's name on one line: control characters shown as escapes (`new\\nline.html`)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode(), name)


#: A warning said of more inputs than this is one line with their count: a French archive's
#: every article is "written in 'fr', and the tagging pipeline reads 'en'", and its
#: thousands of lines hid the warnings that are one page's.
SAME_WARNING_LINES = 3


def warning_lines(outcomes: list[Outcome], in_report: bool) -> list[str]:
    """The summary's warnings (undated inputs have their own lines), a line each, but one for
    a warning many inputs share."""
    inputs: dict[str, list[str]] = {}
    for o in outcomes:
        for warning in o.warnings:
            if not warning.startswith("date unknown"):
                inputs.setdefault(one_line(warning), []).append(printable(o.input))
    lines = []
    for warning, names in inputs.items():
        if len(names) <= SAME_WARNING_LINES:
            lines += [f"warning    {name}: {warning}" for name in names]
        else:
            where = "each listed in the report" if in_report else f"the first {names[0]}"
            lines.append(f"warning    {len(names)} inputs ({where}): {warning}")
    return lines


def many_inputs(names: list[str], in_report: bool) -> str:
    """The name a summary line gives inputs of one kind, more than SAME_WARNING_LINES of
    them: their count and the first (the report lists each)."""
    where = "each listed in the report, the first" if in_report else "the first"
    return f"{len(names)} inputs ({where} {names[0]})"


#: Statuses whose inputs each need a line of their own: an edited article's names the
#: `--take-newer` that takes its new copy.
OWN_LINE_STATUSES = frozenset({"edited"})


def _reason_kind(outcome: Outcome) -> str:
    """What an input's line says but for its numbers and the article it names: "6 of its 6
    paragraphs are other stories' standfirsts" is said of every section front of a crawl."""
    reason = one_line(outcome.reason or "")
    if outcome.path:
        reason = reason.replace(outcome.path, "")
    return re.sub(r"\d+", "#", reason)


def outcome_lines(outcomes: list[Outcome], in_report: bool) -> list[tuple[str, str]]:
    """(status, line) for each failed, updated, duplicate and skipped input, in input order;
    but inputs of one status whose reasons are of one kind (_reason_kind), more than
    SAME_WARNING_LINES of them, are one line with their count and the first one's reason:
    a crawl's thousands of tag pages and section fronts hid the failures that are one page's."""
    groups: dict[tuple[str, str], list[Outcome]] = {}
    for o in outcomes:
        if o.status in ("failed", EXCLUDED, "duplicate", "skipped", "edited", "updated"):
            kind = str(id(o)) if o.status in OWN_LINE_STATUSES else _reason_kind(o)
            groups.setdefault((o.status, kind), []).append(o)
    lines = []
    for (status, _), group in groups.items():
        if len(group) <= SAME_WARNING_LINES:
            lines += [(status, f"{printable(o.input)}: {one_line(o.reason or '')}") for o in group]
        else:
            named = many_inputs([printable(o.input) for o in group], in_report)
            lines.append((status, f"{named}: {one_line(group[0].reason or '')}"))
    return lines


def print_summary(outcomes: list[Outcome], console: Console, report: Path | None) -> None:
    """One line of counts, then a line per failed, updated, duplicate, undated or suspect
    input (one for many of one kind: outcome_lines, warning_lines)."""
    tally = counts(outcomes)
    console.print(", ".join(f"{n} {status}" for status, n in tally.items()))
    for status, line in outcome_lines(outcomes, in_report=report is not None):
        if status == "failed":
            console.print(f"[red]failed[/red]     {escape(line)}", markup=True, highlight=False)
        else:
            console.print(f"{status:10} {line}", markup=False, highlight=False)
    names = [printable(o.input) for o in undated(outcomes)]
    if len(names) > SAME_WARNING_LINES:
        names = [many_inputs(names, in_report=report is not None)]
    for name in names:
        console.print(f"undated    {name}: {UNDATED}", markup=False, highlight=False)
    for line in warning_lines(outcomes, in_report=report is not None):
        console.print(line, markup=False, highlight=False)
    if report:
        console.print(f"report: {report}", highlight=False)
