"""Articles read (Markdown converted) by BUILD_JOBS worker processes, not one after another.

Pelican reads each article in turn, and Markdown is most of the reading. Before it starts,
the articles no cache holds (all of them on a first build, the new and edited ones on a
rebuild: plugins/article_cache lists them on the readers as `to_read`; without it, those
Pelican's content cache lacks) are converted in forked workers, and the results go into
Pelican's in-memory content cache, where its own reading then finds them. Needs the
reader-level content cache (CACHE_CONTENT, the default CONTENT_CACHING_LAYER); otherwise
Pelican reads as usual.

Each file's Article (its metadata processed, its signals sent) is made by Pelican's own
read_file in this process as soon as its Markdown comes back, while the workers convert the
next files, not after the last of them: at 20,000 articles that was ~3 s of one core's work
with the other idle. Pelican's reading loop is then handed the Article made (or the error
making it raised, which it reports as it does any), in its own order.
"""

from __future__ import annotations

import logging
import multiprocessing
import os

from blinker import signal
from pelican import signals
from pelican.contents import Article, Page
from pelican.readers import _filter_discardable_metadata
from pelican.utils import file_suffix

logger = logging.getLogger(__name__)

#: Articles per task: results come back one pickle per task, sharing the settings objects.
CHUNK = 100
#: Fewer uncached articles than this are left to Pelican (forking costs more).
MIN_PARALLEL = 200
_pending = None
#: Sent in a reading worker for each file it read (sender: its path; content: its HTML,
#: settings): a receiver returns a dict of results (or None), work on that article alone.
READ_IN_WORKER = signal("newsarchive-read-in-worker")
#: Sent in Pelican's process before the file's Article is made (sender: its path; content,
#: results: every receiver's dict merged), with what READ_IN_WORKER's receivers returned.
WORKER_RESULTS = signal("newsarchive-worker-results")


def _read_span(span: tuple[int, int]) -> list[tuple[str, str, dict, dict]]:
    """In a forked worker: (path, HTML, metadata, READ_IN_WORKER's results) of each article
    in todo[start:stop] that reads. One that does not is left out: Pelican reads it again
    and reports it as it does any article it cannot process (so the worker says nothing
    itself), and the build goes on without it."""
    logging.disable(logging.CRITICAL)  # (this worker process only)
    readers, todo = _pending
    results = []
    for path, fmt in todo[span[0] : span[1]]:
        try:
            content, metadata = readers.readers[fmt].read(path)
            worked = _worked_here(path, content, readers.settings)
        except Exception:  # noqa: BLE001 (any reader error: Pelican's own loop reports it)
            continue
        results.append((path, content, _filter_discardable_metadata(metadata), worked))
    return results


def _worked_here(path: str, content: str, settings: dict) -> dict:
    """READ_IN_WORKER's receivers' results for one file, merged."""
    worked: dict = {}
    for _receiver, results in READ_IN_WORKER.send(path, content=content, settings=settings):
        worked.update(results or {})
    return worked


def read_in_parallel(generator) -> None:
    global _pending
    settings, readers = generator.settings, generator.readers
    workers = int(settings.get("BUILD_JOBS") or os.cpu_count() or 1)
    if workers < 2 or not settings["CACHE_CONTENT"]:
        return
    if settings["CONTENT_CACHING_LAYER"] != "reader":
        return
    todo = getattr(readers, "to_read", None)
    if todo is None:
        todo = []
        for name in generator.get_files(
            settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]
        ):
            path = os.path.abspath(os.path.join(generator.path, name))
            fmt = file_suffix(path)
            if fmt in readers.readers and readers.get_cached_data(path, None) is None:
                todo.append((path, fmt))
    if len(todo) < MIN_PARALLEL:
        return
    _pending = (readers, todo)
    made: dict[str, Article | Exception] = {}
    try:
        spans = [(i, min(i + CHUNK, len(todo))) for i in range(0, len(todo), CHUNK)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for results in pool.imap_unordered(_read_span, spans):
                for path, content, metadata, worked in results:
                    readers.cache_data(path, (content, metadata))
                    if worked:
                        WORKER_RESULTS.send(path, content=content, results=worked)
                    made[path] = _made_now(generator, path)
    finally:
        _pending = None
        _hand_over(readers, made)
    logger.info("Read %d articles in %d workers", len(todo), workers)


def _made_now(generator, path: str) -> Article | Exception:
    """The file's Article as the articles generator's reading makes it (same arguments, same
    signals), or the error that raised."""
    try:
        return generator.readers.read_file(
            base_path=generator.path,
            path=path,
            content_class=Article,
            context=generator.context,
            preread_signal=signals.article_generator_preread,
            preread_sender=generator,
            context_signal=signals.article_generator_context,
            context_sender=generator,
        )
    except Exception as error:  # noqa: BLE001 (raised again where Pelican reports it)
        return error


def _hand_over(readers, made: dict[str, Article | Exception]) -> None:
    """Pelican's read_file, for each file made already: its Article, or its error raised."""
    read_file = readers.read_file

    def read_file_made(base_path, path, content_class=Page, fmt=None, context=None,
                       preread_signal=None, preread_sender=None, context_signal=None,
                       context_sender=None):  # fmt: skip
        key = os.path.abspath(os.path.join(base_path, path))
        done = made.pop(key, None) if content_class is Article else None
        if done is None:
            return read_file(base_path, path, content_class, fmt, context, preread_signal,
                             preread_sender, context_signal, context_sender)  # fmt: skip
        if isinstance(done, Exception):
            raise done
        return done

    readers.read_file = read_file_made


def register() -> None:
    signals.article_generator_init.connect(read_in_parallel)
