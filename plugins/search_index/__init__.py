"""Full-text search for the built site: Pagefind's CLI indexes output/ after every build.

Only article pages carry `data-pagefind-body`, so only article text is indexed; the article
template also gives Pagefind the title, date, source and the filters (person, topic,
organisation, place, source, year). SEARCH_INDEX = False in the settings skips indexing.

A large archive is indexed in shards, each a run of consecutive years holding at most
SEARCH_SHARD_PAGES articles, or one larger year (plugins/search_index/shards.py), listed
newest first in `pagefind/shards.json`. Beside them, a small index of years (which years
hold a word, and in about how many articles) and each filter value's articles per year. A
search first asks these which shards can hold matches, searches only the first of them (the
newest, the oldest for "oldest first", the chosen year's), and says how many more matches
there are, about, in which years; the reader asks for more shards when they want them. So a cold query never
downloads the metadata of the whole archive, however large it grows; each shard is
indexed apart (memory bounded by the shard, not the archive), and a rebuild re-indexes only
the shards whose pages' search records changed (what Pagefind reads of them: see
shards.search_record), looked at only where plugins/incremental_output rewrote or removed a
page (OUTPUT_CHANGES, OUTPUT_REMOVED), or everywhere without that list; the newest year's
newest quarter is indexed apart from the rest of its year, so a day's news re-indexes that
quarter's pages (shards.shard_bundles). A stamp in CACHE_PATH (newsarchive.build_state)
records a successful run; it is removed before indexing starts, so an interrupted build is
never taken for a finished one.

Pagefind ends each block of its text (a paragraph, a list item, a heading) with a full stop of
its own when the block's last character is a letter, digit, quote, bracket, $ or *, so that
excerpts read as sentences; in a list ("near the border; and" / "the creation of") it put in
a stop the text does not have ("and. the creation"). An article's list items that end so end
with a line break (whitespace, for the reader; one byte per such item), after which Pagefind
adds none (unstopped_list_items).

In a rebuild, indexing starts as soon as every article page is written (plugins/
incremental_output sends ARTICLES_WRITTEN before the lists and entity pages are rendered),
in a forked process, and the build waits for it at the end (`finalized`): Pagefind runs on
one core while Pelican renders on the other. When the article pages took every core (a full
build: the rest will too, and the overlap only slowed both, by ~4 s at 20,000 articles), or
with another writer, it runs at the end.
"""

from __future__ import annotations

import functools
import gc
import importlib
import json
import logging
import multiprocessing
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from blinker import signal
from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from newsarchive.build_state import search_stamp_path

from . import shards
from .shards import DEFAULT_SHARD_PAGES, Shard, index_shards, is_article_page

logger = logging.getLogger(__name__)

__all__ = ["Shard", "build_index", "index_shards", "pagefind_command", "register"]


@functools.cache
def pagefind_cli() -> tuple[str, ...]:
    """How the Pagefind CLI is started: its binary, from the wheel that ships it (pagefind's
    `python -m pagefind` does no more than find that binary and exec it, after an interpreter
    start of ~60 ms of CPU a run: ~0.7 s in a full build of 20,000 articles); the wrapper
    where no such wheel is installed."""
    for wheel in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            module = importlib.import_module(wheel)
            return (str(module.get_executable().resolve()),)
        except (ImportError, FileNotFoundError):
            continue
    return (sys.executable, "-m", "pagefind")


def pagefind_command(
    output_path: str, glob: str | None = None, bundle: str | None = None
) -> list[str]:
    """The Pagefind CLI (pagefind_cli) on output_path; `glob` narrows the pages read,
    `bundle` is where the index goes (default output/pagefind)."""
    command = [*pagefind_cli(), "--site", output_path]
    if glob:
        command += ["--glob", glob]
    if bundle:
        return command + ["--output-path", bundle]
    return command + ["--output-subdir", "pagefind"]


def run_pagefind(command: list[str]) -> str:
    """Run one Pagefind command; its output, or RuntimeError with Pagefind's last line."""
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        raise RuntimeError(f"pagefind failed: {message[-1] if message else result.returncode}")
    return result.stdout


#: Only pages carrying this attribute are indexed (the article template's).
INDEXED_MARK = b"data-pagefind-body"


def indexed_pages(paths, output: Path) -> set[str]:
    """The pages among these written paths (relative to output) that Pagefind indexes."""
    return {p for p in paths if p.endswith(".html") and INDEXED_MARK in (output / p).read_bytes()}


def changed_pages(settings: dict, output: Path) -> set[str] | None:
    """Indexed pages this build rewrote or removed (relative paths), or None if unknown."""
    changed, removed = settings.get("OUTPUT_CHANGES"), settings.get("OUTPUT_REMOVED")
    if changed is None or removed is None:
        return None
    return {path for path in removed if path.endswith(".html")} | indexed_pages(changed, output)


#: The filter values the menus list, from the generators of this build (see take_menus).
_menus: list[dict[str, set[str]]] = []


def take_menus(generators) -> None:
    """A generator with `search_filter_values()` (plugins/entity_pages) says which values of
    its filters the search page's menus and counts list: the entities with a page. Every
    tagged entity has a filter mark, so an article's search record does not change when
    another article gives one of its entities a page; the menus follow the pages."""
    menus: dict[str, set[str]] = {}
    for generator in generators:
        values = getattr(generator, "search_filter_values", None)
        if values is not None:
            menus.update(values())
    _menus[:] = [menus] if menus else []


def _indexing(settings: dict, output: Path, changed: Callable[[], set[str] | None]) -> tuple[Path, tuple]:  # fmt: skip
    """The stamp, removed (until indexing ends), and index_shards' arguments (`changed`
    says which indexed pages the build changed: asked only when the last indexing ended)."""
    target = int(settings.get("SEARCH_SHARD_PAGES", DEFAULT_SHARD_PAGES))
    stamp = search_stamp_path(settings["CACHE_PATH"], output)
    # Without the stamp, the last build's indexing did not end (or there was none: a build
    # from scratch, which would read every page it wrote to tell), and pages it wrote may not
    # be indexed yet, so every shard's pages are compared with what it was indexed from.
    changed = changed() if stamp.exists() else None
    stamp.unlink(missing_ok=True)
    years = stamp.with_name(f"{stamp.stem}-years")  # the years' summaries, kept between builds
    menus, _menus[:] = (_menus[0] if _menus else None), []
    jobs = int(settings.get("BUILD_JOBS") or os.cpu_count() or 1)
    return stamp, (output, target, pagefind_command, run_pagefind, changed, years, menus, jobs)


def _indexed(stamp: Path, target: int, report: str) -> None:
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"shard_pages": target}), encoding="utf-8")
    logger.info("Search index: %s", report)


#: The indexing started when the article pages were written: (process, its pipe, stamp, target).
_started: list[tuple] = []


def left_article_pages(previous: dict, written: set[str], output: Path) -> set[str]:
    """The article pages of the last build that this one did not write: deleted articles, and
    moved ones whose old address is now a page leading to the new (shards.MOVED_PAGES, made
    later in the build), once: their page on disk is still the article's (its year's summary
    is made again), not one that leads on, as after the next build (kept, and no year's
    search index made again on every build)."""
    gone = {path for path in previous if path not in written and is_article_page(path)}
    moved = {path for path in gone if path.removesuffix("index.html") in shards.MOVED_PAGES}
    return gone - {path for path in moved if not _is_indexed_page(output / path)}


def _is_indexed_page(page: Path) -> bool:
    """Whether the page on disk is one Pagefind indexes (an article's)."""
    try:
        return INDEXED_MARK in page.read_bytes()
    except OSError:
        return True  # (gone already: removed, as it would be)


def start_index(writer, previous: dict) -> None:
    """Every article page is written: remove those of the last build that this one did not
    write (deleted articles: they would be indexed), and index in a forked process."""
    settings = writer.settings
    if not settings.get("SEARCH_INDEX", True) or writer.forked:
        return  # (pages rendered by every core, as the rest will be: no core to spare)
    if _started:  # (a build that failed before its end, in the same process: never two at once)
        _started.pop()[0].join()
    output = Path(writer.output_path)
    removed = left_article_pages(previous, writer.written, output)
    writer.remove(removed)
    stamp, arguments = _indexing(settings, output, lambda: indexed_pages(writer.changed, output) | removed)  # fmt: skip
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_index_forked, args=(send, arguments), daemon=True)
    process.start()
    send.close()
    _started[:] = [(process, receive, stamp, arguments[1])]


def _index_forked(send, arguments: tuple) -> None:
    """In the forked process: index, and send ("ok", report) or ("error", message)."""
    gc.disable()  # (a collection would touch, and so copy, the whole parent's heap)
    try:
        send.send(("ok", index_shards(*arguments)))
    except Exception as error:
        send.send(("error", str(error) or type(error).__name__))


def build_index(pelican) -> None:
    """At the end of the build: wait for the indexing started early, or index now."""
    if _started:
        process, receive, stamp, target = _started.pop()
        try:
            kind, value = receive.recv()
        except EOFError:  # (it died without a word: killed, or out of memory)
            kind, value = "error", None
        process.join()
        if value is None:
            value = f"search indexing ended without a result (exit code {process.exitcode})"
        if kind != "ok":
            raise RuntimeError(value)
        _indexed(stamp, target, value)
        return
    if not pelican.settings.get("SEARCH_INDEX", True):
        return
    output = Path(pelican.output_path)
    stamp, arguments = _indexing(pelican.settings, output, lambda: changed_pages(pelican.settings, output))  # fmt: skip
    _indexed(stamp, arguments[1], _uncollected(index_shards, arguments))


def _uncollected(index, arguments: tuple) -> str:
    """index(*arguments) with the cycle collector paused: reading every page makes millions
    of objects, none in a cycle, and the collector's walks of them cost ~1 s of CPU at
    20,000 articles (the forked indexing runs without it too)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return index(*arguments)
    finally:
        if paused:
            gc.enable()


#: A list item's end (or that of the paragraph it ends with) after a character Pagefind would
#: end it with a full stop after (see the module's docstring), and any inline closing tags.
_UNSTOPPED_ITEM = re.compile(
    r"((?:[\w'\")$*]|&quot;|&#39;|&#x27;)(?:</(?:a|abbr|b|cite|code|em|i|q|s|small|span|strong|sub|sup|time|u)>)*)(</p>\s*)?</li>"
)


def unstopped_list_items(html: str) -> str:
    """The article HTML with a line break closing each list item Pagefind would add a full
    stop to (before the closing tag of its last paragraph, in a list of paragraphs)."""
    if "</li>" not in html:
        return html
    return _UNSTOPPED_ITEM.sub(lambda m: f"{m[1]}\n{m[2] or ''}</li>", html)


def keep_list_items_unstopped(content) -> None:
    """content_object_init: an article's list items as Pagefind should read them."""
    if isinstance(content, Article) and content.settings.get("SEARCH_INDEX", True):
        content._content = unstopped_list_items(content._content or "")


def note_moved_pages(sender, urls: list[str]) -> None:
    """Pages at an article's former address (the articles generator's, sent on every build)
    are no articles to index or to count."""
    if isinstance(sender, ArticlesGenerator):
        shards.MOVED_PAGES.clear()
        shards.MOVED_PAGES.update(urls)


def register() -> None:
    signal("newsarchive-moved-pages").connect(note_moved_pages)
    signals.content_object_init.connect(keep_list_items_unstopped)
    signals.all_generators_finalized.connect(take_menus)
    signal("newsarchive-articles-written").connect(start_index)  # (incremental_output's)
    signals.finalized.connect(build_index)
