"""Output written incrementally and in parallel: a rebuild costs what changed, not the archive.

- A page is rewritten only when its bytes change, so unchanged files keep their mtime, and
  the search index (plugins/search_index) is rebuilt only when an indexed page changed.
- Files the previous build wrote and this one did not (a deleted article, the last page of a
  list that got shorter) are removed: output/ is what a clean build of the same content gives.
- Pages are rendered by BUILD_JOBS worker processes (default: every core), forked once every
  generator has queued its pages, so each worker has the whole context without copying it.
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
from pathlib import Path

from pelican import signals
from pelican.writers import FileOverwriteFailedError, Writer

from newsarchive import build_state

logger = logging.getLogger(__name__)

#: Pages rendered per task handed to a worker: small enough to balance the load.
CHUNK = 64
#: Fewer queued pages than this are rendered in-process (forking costs more).
MIN_PARALLEL = 256


class _Run:
    """What this build decided before its output: rendering skipped, its inputs' fingerprint."""

    unchanged = False
    inputs = ""
    previous: dict[str, list[int]] = {}


_run = _Run()
#: The writer and its queue while workers render (forked workers inherit them).
_pending: tuple | None = None


def decide(generators) -> None:
    """Before any output: is this build's output already on disk?"""
    settings = generators[0].settings
    _run.inputs = build_state.inputs_fingerprint(settings)
    state = build_state.load(settings["CACHE_PATH"], settings["OUTPUT_PATH"])
    _run.previous = state.get("files", {})
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


class IncrementalWriter(Writer):
    """Pelican's writer, queueing pages, rendering them in workers, writing changed bytes only."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self.jobs: list[tuple] = []
        self.written: set[str] = set()
        self.changed: set[str] = set()
        self.workers = int(self.settings.get("BUILD_JOBS") or os.cpu_count() or 1)

    # Pelican calls these from the generators: queue them (nothing to do if nothing changed).
    def write_file(self, *args, **kwargs):
        if not _run.unchanged:
            self.jobs.append((Writer.write_file, args, kwargs))

    def write_feed(self, *args, **kwargs):
        if not _run.unchanged:
            self.jobs.append((Writer.write_feed, args, kwargs))

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
            Path(path).write_bytes(data)
            self.changed.add(relative)

    def render(self, jobs) -> None:
        for method, args, kwargs in jobs:
            method(self, *args, **kwargs)

    def finish(self) -> None:
        """Render the queue, remove what the last build wrote and this one did not, save state."""
        global _pending
        jobs, self.jobs = self.jobs, []
        if _run.unchanged:
            self.written = set(_run.previous)
        elif self.workers > 1 and len(jobs) >= MIN_PARALLEL:
            _pending = (self, jobs)
            try:
                context = multiprocessing.get_context("fork")
                spans = [(i, min(i + CHUNK, len(jobs))) for i in range(0, len(jobs), CHUNK)]
                with context.Pool(self.workers) as pool:
                    for written, changed in pool.imap_unordered(_render_span, spans):
                        self.written.update(written)
                        self.changed.update(changed)
            finally:
                _pending = None
        else:
            self.render(jobs)
        output = Path(self.output_path)
        removed = sorted(set(_run.previous) - self.written)
        for relative in removed:
            _remove(output, relative)
        self.settings["OUTPUT_CHANGES"] = sorted(self.changed)
        self.settings["OUTPUT_REMOVED"] = removed
        files = {}
        for relative in sorted(self.written):
            stat = os.stat(output / relative)
            files[relative] = [stat.st_size, stat.st_mtime_ns]
        build_state.save(self.settings["CACHE_PATH"], self.output_path, _run.inputs, files)
        logger.info(
            "Output: %d files, %d rewritten, %d removed (%d render workers)",
            len(files),
            len(self.changed),
            len(removed),
            1 if len(jobs) < MIN_PARALLEL else self.workers,
        )


def _render_span(span: tuple[int, int]) -> tuple[set[str], set[str]]:
    """In a forked worker: render jobs[start:stop]; the files written and those changed."""
    writer, jobs = _pending
    writer.written, writer.changed = set(), set()
    writer.render(jobs[span[0] : span[1]])
    return writer.written, writer.changed


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


def get_writer(pelican_object):
    return IncrementalWriter


def register() -> None:
    signals.all_generators_finalized.connect(decide)
    signals.get_writer.connect(get_writer)
