"""Output written incrementally and in parallel: a rebuild costs what changed, not the archive.

- A page is rewritten only when its bytes change, so unchanged files keep their mtime, and
  the search index (plugins/search_index) is rebuilt only when an indexed page changed.
- Files the previous build wrote and this one did not (a deleted article, the last page of a
  list that got shorter) are removed: output/ is what a clean build of the same content gives.
- A page is rendered only when what it shows changed: each queued page is reduced to a digest
  of its inputs (signatures.py: the articles it lists, the article it is, its neighbours and
  tags, the settings, theme and code), kept with the file; a page whose digest and file are
  as the last build left them is kept without rendering.
- Lists (PAGINATED_TEMPLATES) are paginated stably: the first page (the list's own URL) shows
  the newest articles, between one and two pages' worth, and the older pages are numbered
  from the oldest (`page/1/` holds the oldest articles), so new articles change the first
  page and, once a page's worth has arrived, add one: the pages before keep their content.
  Variables a generator passes in `landing` (charts, counts, neighbours) go to the first
  page only.
- Pages are digested and, where they changed, rendered by BUILD_JOBS worker processes
  (default: every core), forked once the articles generator has queued its pages (the
  other generators queue theirs while those render), and again once every other generator
  has, so each worker has the whole context without copying it (a rebuild digests every
  page of the site: on every core too). Between the two, ARTICLES_WRITTEN is sent: every
  article page is on disk, and the search index (which reads only article pages) is made
  while the lists and entity pages are rendered.
- When nothing the build reads has changed since the last build (content, settings, theme,
  plugins, data/, the newsarchive code, Pelican) and output/ is as that build left it, no
  page is rendered at all (newsarchive/build_state.py; `make html` then skips Pelican).

What a build rewrote and removed is left in the settings (OUTPUT_CHANGES, OUTPUT_REMOVED:
paths relative to output/) for the plugins that run at `finalized`. The state between builds
is in CACHE_PATH (newsarchive.build_state).
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
from collections.abc import Callable
from pathlib import Path

from blinker import signal
from pelican import signals
from pelican.writers import FileOverwriteFailedError, Writer

from newsarchive import build_state
from newsarchive.list_pages import older_pages, page_address
from newsarchive.output_files import clear_scratch, write_whole

from . import signatures

logger = logging.getLogger(__name__)

#: Queued pages per task handed to a worker (digested, and rendered where they changed):
#: small enough to balance the load.
CHUNK = 64
#: Fewer queued pages than this are settled in-process (forking costs more); a build that
#: rendered this many in workers used every core (search_index then indexes at the end).
MIN_PARALLEL = 256
#: Sent (with the writer, and `previous`: the files the last build wrote, {path: [size,
#: mtime]}) once the pages the articles generator queued are rendered: every article page is
#: on disk, and stale files are not yet removed.
ARTICLES_WRITTEN = signal("newsarchive-articles-written")
#: Sent (with the writer) once every page is written and stale files are removed: what is
#: left to write (the search index, robots.txt ...) is written at `finalized`.
OUTPUT_WRITTEN = signal("newsarchive-output-written")


class _Run:
    """What this build decided before its output: rendering skipped, its inputs' fingerprint."""

    unchanged = False
    inputs = ""
    code = ""
    previous: dict[str, list[int]] = {}
    signatures: dict[str, str] = {}
    #: where pages are written before they are renamed into output/ (output_files)
    scratch = Path()


_run = _Run()
#: The writer and its queue while workers render (forked workers inherit them).
_pending: tuple | None = None
#: Render workers whose pages are not taken in yet: a build that failed between two flushes
#: leaves them, and the next build in the same process (`pelican --autoreload`) ends them.
_unfinished: list = []


def decide(generators) -> None:
    """Before any output: is this build's output already on disk?"""
    while _unfinished:
        _unfinished.pop().terminate()
    settings = generators[0].settings
    _run.inputs = build_state.inputs_fingerprint(settings)
    state = build_state.load(settings["CACHE_PATH"], settings["OUTPUT_PATH"])
    _run.previous = state.get("files", {})
    _run.code = build_state.code_fingerprint(settings)
    _run.signatures = state.get("signatures", {})
    _run.scratch = clear_scratch(settings["CACHE_PATH"], settings["OUTPUT_PATH"])
    _run.unchanged = state.get("inputs") == _run.inputs and build_state.output_as_left(
        settings["OUTPUT_PATH"], _run.previous
    )
    if _run.unchanged:
        logger.info("Nothing changed since the last build: no page rendered")
    # The last generator to write flushes the queue, before `finalized` (its receivers read
    # output/) and whatever order the plugins' generators came in.
    last = generators[-1]
    generate_output = last.generate_output

    def generate_output_then_flush(writer):
        generate_output(writer)
        if isinstance(writer, IncrementalWriter):
            writer.finish()

    last.generate_output = generate_output_then_flush


class _ComparedFile(io.StringIO):
    """Collects a page's text; on close, writes it only if the file's bytes differ."""

    def __init__(self, writer: IncrementalWriter, path: str):
        super().__init__()
        self.writer, self.path = writer, path

    def close(self) -> None:
        if not self.closed:
            self.writer.store(self.path, self.getvalue())
        super().close()


class StablePaginator:
    """What the templates read of a list's paginator: its length and number of pages."""

    def __init__(self, count: int, num_pages: int, per_page: int):
        self.count, self.num_pages, self.per_page = count, num_pages, per_page


class StablePage:
    """One page of a list. number 0 is the first page (the list's URL, the newest articles);
    1..n the older pages, numbered from the oldest."""

    def __init__(self, object_list, number: int, paginator, url: str, save_as: str):
        self.object_list, self.number, self.paginator = object_list, number, paginator
        self.url, self.save_as = url, save_as

    def has_other_pages(self) -> bool:
        return self.paginator.num_pages > 1


def stable_pages(name: str, url: str, items: list, per_page: int, settings: dict) -> list:
    """The pages of a list (newest first), by newsarchive.list_pages: the first page holds
    the newest, between per_page and 2 x per_page - 1 of them; page k (1..m) the k-th
    oldest per_page."""
    count = len(items)
    older = older_pages(count, per_page)
    paginator = StablePaginator(count, older + 1, per_page)
    pages = [StablePage(items[: count - older * per_page], 0, paginator, url or "", name)]
    for number in range(older, 0, -1):
        start = count - number * per_page
        address, save_as = page_address(name, url, number, settings)
        pages.append(
            StablePage(items[start : start + per_page], number, paginator, address, save_as)
        )
    return pages


class IncrementalWriter(Writer):
    """Pelican's writer, queueing pages, rendering in workers only those whose inputs changed,
    writing changed bytes only."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self.jobs: list[tuple] = []
        self.written: set[str] = set()
        self.unrendered: set[str] = set()  # (kept as the last build left them, size and mtime)
        self.changed: set[str] = set()
        self.signatures: dict[str, str] = {}
        self.kept = 0
        self.rendered = 0
        self.forked = False
        self.workers = int(self.settings.get("BUILD_JOBS") or os.cpu_count() or 1)
        self._base: str | None = None
        self._global: str | None = None
        self._articles: list = []
        self._beside: list[Callable[[], None]] = []
        self._rendering: tuple | None = None  # (pool, results, rendered before, then)

    def _tokens(self, context) -> tuple[str, str]:
        if self._base is None:
            self._base = _run.code + signatures.site_token(context)
            self._global = signatures.global_token(context)
            self._articles = context.get("articles", [])
        return self._base, self._global

    def _queue(self, relative: str, sign: tuple, job: tuple) -> None:
        """Queue a page, with how to digest it (`sign`: a function and its arguments): it is
        digested when the queue is flushed, in the workers that render it."""
        self.jobs.append((relative, sign, job))

    def settle(self, queued) -> tuple[dict[str, str], int, int]:
        """Digest each queued page; keep it if it was written with the same digest and is
        intact, else render it. Returns the digests, how many pages were kept, how many
        rendered."""
        signed, kept, rendered = {}, 0, 0
        for relative, (function, arguments), (method, args, kwargs) in queued:
            signature = function(*arguments)
            if signature is not None:
                signed[relative] = signature
                if _run.signatures.get(relative) == signature and _intact(self.output_path, relative):  # fmt: skip
                    self.written.add(relative)
                    self.unrendered.add(relative)
                    kept += 1
                    continue
            method(self, *args, **kwargs)
            rendered += 1
        return signed, kept, rendered

    def beside_rendering(self, work: Callable[[], None]) -> None:
        """Run `work` in this process once the queued pages' workers are forked, while they
        render (plugins/article_cache writes its files then: before them, one core idled for
        a second at 20,000 articles), or before the pages are settled here without workers."""
        self._beside.append(work)

    def _work_beside(self) -> None:
        work, self._beside = self._beside, []
        for function in work:
            function()

    # Pelican calls these from the generators: queue them (nothing to do if nothing changed).
    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):  # fmt: skip
        if _run.unchanged or not name:
            return
        base, everything = self._tokens(context)
        landing = kwargs.pop("landing", None) or {}
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in {"articles", "dates"}}
        per_page = self.settings["PAGINATED_TEMPLATES"].get(template_name, False)
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            kwargs.update(landing)
            self._page(name, template, context, relative_urls, override_output, url, kwargs,
                       base, everything, landing=True)  # fmt: skip
            return
        key = "articles" if "articles" in paginated else next(iter(paginated))
        pages = stable_pages(name, url, paginated[key], per_page or
                             self.settings["DEFAULT_PAGINATION"], self.settings)  # fmt: skip
        for i, page in enumerate(pages):
            page_kwargs = dict(kwargs, **(landing if i == 0 else {}))
            page_kwargs.update({
                f"{key}_paginator": page.paginator,
                f"{key}_page": page,
                f"{key}_previous_page": pages[i - 1] if i > 0 else None,
                f"{key}_next_page": pages[i + 1] if i + 1 < len(pages) else None,
            })  # fmt: skip
            self._page(page.save_as, template, context, relative_urls, override_output,
                       page.url, page_kwargs, base, everything, landing=i == 0,
                       unsigned=set(paginated))  # fmt: skip

    def _page(self, name, template, context, relative_urls, override_output, url, kwargs,
              base, everything, landing, unsigned=()):  # fmt: skip
        """Queue one page. Its signature takes its own slice of a paginated list, not the
        whole list (`unsigned`: Pelican also passes it whole), and of the pages before and
        after it only their addresses."""
        listed = {}
        for key, value in kwargs.items():
            if key in unsigned:
                continue
            if isinstance(value, StablePage):
                own = not key.endswith(("_previous_page", "_next_page"))
                shown = value.object_list if own else []
                listed[key] = (value.url, value.number, shown)
            elif isinstance(value, StablePaginator):
                listed[key] = (value.count, value.num_pages) if landing else None
            else:
                listed[key] = value
        if template.name in signatures.GLOBAL_TEMPLATES and landing:
            listed["(global)"] = everything
        sign = (signatures.page_signature, (base, template.name, name, listed, landing))
        job = (Writer.write_file, (name, template, context, relative_urls),
               dict(paginated={}, override_output=override_output, url=url, **kwargs))  # fmt: skip
        self._queue(os.path.normpath(name), sign, job)

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom",
                   override_output=False, feed_title=None):  # fmt: skip
        if _run.unchanged or not path:
            return
        base, _ = self._tokens(context)
        args = {"url": url, "feed_type": feed_type, "feed_title": feed_title}
        ids = context.get("feed_entry_ids") or {}
        sign = (signatures.feed_signature,
                (base, path, elements, self.settings["FEED_MAX_ITEMS"], args, ids))  # fmt: skip
        job = (Writer.write_feed, (elements, context, path),
               dict(args, override_output=override_output))  # fmt: skip
        self._queue(os.path.normpath(path), sign, job)

    def _open_w(self, filename, encoding, override=False):
        """Pelican's rule (a second write to a file needs override=True), then a compared file."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f"{filename} was overridden twice")
            return open(os.devnull, "w", encoding=encoding)
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(f"{filename} was already written by this build")
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _ComparedFile(self, filename)

    def store(self, path: str, text: str) -> None:
        data = text.encode("utf-8")
        relative = os.path.relpath(path, self.output_path)
        self.written.add(relative)
        try:
            same = os.path.getsize(path) == len(data) and Path(path).read_bytes() == data
        except OSError:
            same = False
        if not same:
            write_whole(path, data, _run.scratch)
            self.changed.add(relative)

    def flush(self, then: Callable[[], None] | None = None) -> None:
        """Digest the pages queued so far and render those that changed: in forked workers
        when there are many (the digests too: a rebuild digests every page of the site).
        `then` runs once they are written; with workers, they are waited for (and `then` run)
        at the next flush, so the generators after queue their pages while they render."""
        global _pending
        self._wait()
        queued, self.jobs = self.jobs, []
        if _run.unchanged:  # (nothing queued: every file is the last build's)
            self.written = set(_run.previous)
        if _run.unchanged or not queued or not (self.workers > 1 and len(queued) >= MIN_PARALLEL):  # fmt: skip
            self._work_beside()
            if queued and not _run.unchanged:
                self._settled(self.settle(queued))
            if then is not None:
                then()
            return
        for article in self._articles:  # (made here, they are kept with the articles' cache)
            signatures.brief(article)
        _pending = (self, queued)
        spans = [(i, min(i + CHUNK, len(queued))) for i in range(0, len(queued), CHUNK)]
        pool = multiprocessing.get_context("fork").Pool(self.workers)
        try:
            results = pool.imap_unordered(_settle_span, spans)
            self._work_beside()
        except BaseException:
            pool.terminate()
            _pending = None
            raise
        self._rendering = (pool, results, self.rendered, then)
        _unfinished.append(pool)
        if then is None:
            self._wait()

    def _wait(self) -> None:
        """Take in what the workers of the last flush rendered, then run what was to follow."""
        global _pending
        if self._rendering is None:
            return
        pool, results, rendered, then = self._rendering
        self._rendering = None
        _unfinished.remove(pool)
        try:
            with pool:
                for written, changed, unrendered, settled in results:
                    self.written.update(written)
                    self.changed.update(changed)
                    self.unrendered.update(unrendered)
                    self._settled(settled)
        finally:
            _pending = None
        # (many pages rendered on every core: so will the rest be, and no core is spare)
        self.forked = self.forked or self.rendered - rendered >= MIN_PARALLEL
        if then is not None:
            then()

    def _settled(self, settled: tuple[dict[str, str], int, int]) -> None:
        signed, kept, rendered = settled
        self.signatures.update(signed)
        self.kept += kept
        self.rendered += rendered

    def remove(self, relatives) -> None:
        """Delete files the last build wrote (paths relative to output/), and the folders they
        leave empty."""
        output = Path(self.output_path)
        for relative in relatives:
            _remove(output, relative)

    def finish(self) -> None:
        """Render the queue, remove what the last build wrote and this one did not, save state."""
        self.flush()
        output = Path(self.output_path)
        removed = sorted(set(_run.previous) - self.written)
        self.remove(removed)
        self.settings["OUTPUT_CHANGES"] = sorted(self.changed)
        self.settings["OUTPUT_REMOVED"] = removed
        files = {}
        for relative in sorted(self.written):
            if relative in self.unrendered and relative not in self.changed:
                files[relative] = _run.previous[relative]  # (_intact stat it: as recorded)
            else:
                stat = os.stat(output / relative)
                files[relative] = [stat.st_size, stat.st_mtime_ns]
        kept = {k: v for k, v in self.signatures.items() if k in files}
        if _run.unchanged:
            kept = _run.signatures
        build_state.save(self.settings["CACHE_PATH"], self.output_path, _run.inputs, files, kept)
        OUTPUT_WRITTEN.send(self)
        logger.info(
            "Output: %d files, %d rendered, %d kept unrendered, %d rewritten, %d removed "
            "(%d render workers)",
            len(files),
            self.rendered,
            self.kept,
            len(self.changed),
            len(removed),
            self.workers if self.forked else 1,
        )


def _settle_span(span: tuple[int, int]) -> tuple[set[str], set[str], set[str], tuple]:
    """In a forked worker: settle queued[start:stop]; the files written, changed and kept
    unrendered, and what settle returned."""
    writer, queued = _pending
    writer.written, writer.changed, writer.unrendered = set(), set(), set()
    settled = writer.settle(queued[span[0] : span[1]])
    return writer.written, writer.changed, writer.unrendered, settled


def _intact(output: str, relative: str) -> bool:
    """The file is as the last build left it (size and mtime)."""
    recorded = _run.previous.get(relative)
    if not recorded:
        return False
    try:
        stat = os.stat(os.path.join(output, relative))
    except OSError:
        return False
    return stat.st_size == recorded[0] and stat.st_mtime_ns == recorded[1]


def _remove(output: Path, relative: str) -> None:
    """Delete a file the last build wrote, and the folders it leaves empty."""
    path = (output / relative).resolve()
    if output.resolve() not in path.parents:
        return
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == output.resolve() or not folder.is_dir() or any(folder.iterdir()):
            break
        folder.rmdir()


def articles_done(generator, writer) -> None:
    """The articles generator has queued its pages: render them now (beside the other
    generators' queueing), then say so."""
    if isinstance(writer, IncrementalWriter):
        writer.flush(then=lambda: ARTICLES_WRITTEN.send(writer, previous=_run.previous))


def get_writer(pelican_object):
    return IncrementalWriter


def register() -> None:
    signals.all_generators_finalized.connect(decide)
    signals.get_writer.connect(get_writer)
    signals.article_writer_finalized.connect(articles_done)
