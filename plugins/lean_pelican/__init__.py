"""Pelican's work this site does not use, skipped, and its repeated work done once.

- Tag, category and author pages are off (their *_SAVE_AS are empty), but Pelican still
  builds each one's date list with `[a for a in dates if a in articles]`: quadratic (all the
  articles sit in one category; anchors.md). Their generator lists are emptied after the
  context is built, so nothing is scanned; the context keeps them for themes that list them.
  Where such pages are on, the lists are given set-backed membership, so the scan is linear.
- Pelican recomputes an article's URL (a format and a strftime) on every `article.url`, and
  the templates ask ~30 times per article: its URL and save_as are kept on the article
  (`_url_settings`) the first time they are formatted. They follow from its metadata, which
  is fixed once it is read, its status and the settings; plugins/article_cache keeps them
  between builds. Each file's path relative to the content folder, which Pelican works out
  four times per article (two abspaths and a relpath each), is kept too.
- Pelican's Markdown reader builds a new Markdown converter, extensions and all, for every
  file: a sixth of the reading time. One converter per process is kept, reset between files
  (Markdown's reset() clears what a document leaves: its metadata, footnotes, abbreviations).
  It skips the work that cannot change plain prose's HTML (markdown_fast_paths: inline
  patterns tried only on texts holding their characters, plain blocks straight to the
  paragraph processor): two thirds of a plain article's reading, two fifths of a real one's.
- The articles generator's own content cache is idle when content is cached at the readers'
  level (Pelican's default, and plugins/article_cache's), but it still stats each article's
  file twice per build to find nothing: it is skipped.
- The article page's reading time counted the words of its text with Jinja's `striptags |
  wordcount`: a third of rendering the page. The theme's `text_words` filter gives the same
  count in a fourth of the time (text_words.py).
- Python's cycle collector walks every object it tracks whenever enough new ones were made
  since the last walk: a build makes millions while it reads the articles and builds its
  context (every article, its metadata, the entity index), nearly all kept to the end, and
  those walks were a fifth of a rebuild's CPU at 20,000 articles. The collector is paused
  from the articles generator's start until every generator's context is built; what was
  made then is frozen (gc.freeze: never walked again), and the collector resumes for the
  rendering, walking only what is made after, mostly short-lived.
- When the `pelican` command's build has succeeded, the process ends without the
  interpreter's teardown, which frees every object one by one: a second and more at 20,000
  articles, spent after the site is written (streams and logs are flushed first; a failed
  build, or Pelican run from another program, ends as usual). A build of the command that
  cannot write its output (a full disk, a quota, a read-only or missing folder) ends with one
  line naming the file and the reason, and status 1, not Pelican's traceback of its own code;
  one whose data/ files are broken, with the file, line and reason, and status 2; one that
  `--fatal errors` stopped (a hand-written `Date: 2016-05`), with its first error on one line
  and status 1, not the traceback of where Pelican's logger raised. Written to no terminal
  (a log file, a pipe, CI), the build's log is a record a line, not Rich's columns wrapped
  at 80 characters.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import gc
import logging
import os
import sys

from markdown import Markdown
from pelican import Pelican, signals
from pelican.contents import Article, Content
from pelican.log import DEFAULT_LOG_HANDLER
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Category

from newsarchive.output_files import OutputWriteError, remove_scratch_from_output
from newsarchive.utf8 import NotUTF8, utf8_text

from .markdown_fast_paths import add_fast_paths
from .text_words import text_words

_format_url_setting = Article.get_url_setting
_find_relative_source_path = Content.get_relative_source_path
#: Each source file's path relative to the content folder, by (content folder, file).
_relative_paths: dict[tuple[str, str], str | None] = {}


def _kept_relative_source_path(self: Content, source_path: str | None = None) -> str | None:
    """Content.get_relative_source_path (two abspaths and a relpath), asked four times per
    article (its URL, its save_as, Pelican's list of sources ...): worked out once per file.
    Only for absolute paths (Pelican's own), whose answer the working folder cannot change."""
    source, base = source_path or self.source_path, self.settings["PATH"]
    if not (source and os.path.isabs(source) and os.path.isabs(base)):
        return _find_relative_source_path(self, source_path)
    value = _relative_paths.get((base, source))
    if value is None:
        value = _relative_paths[base, source] = _find_relative_source_path(self, source_path)
    return value


def _kept_url_setting(self: Article, key: str) -> str:
    """Article.get_url_setting, formatted once per article (for its status and language)."""
    override = self.__dict__.get(f"override_{key}")
    if override is not None:
        return override
    kept = self.__dict__.get("_url_settings")
    if kept is None:
        kept = self._url_settings = {}
    memo = (key, self.status, self.in_default_lang)
    value = kept.get(memo)
    if value is None:
        value = kept[memo] = _format_url_setting(self, key)
    return value


class MemberList(list):
    """A list whose `in` is a set lookup (its items are hashable by identity)."""

    def __init__(self, items=()):
        super().__init__(items)
        self._ids = {id(item) for item in self}

    def __contains__(self, item) -> bool:
        return id(item) in self._ids


def drafts_without_category(generator) -> None:
    """With category pages off (CATEGORY_SAVE_AS empty) Pelican gives articles no category,
    and then fails writing any draft (it passes `draft.category` to the template): a draft
    gets the default category (no page shows it)."""
    default = Category(generator.settings.get("DEFAULT_CATEGORY") or "misc", generator.settings)
    for draft in (*generator.drafts, *generator.drafts_translations):
        if not hasattr(draft, "category"):
            draft.category = default


def skip_unused_taxonomies(generator) -> None:
    settings = generator.settings
    for attribute, setting in (("tags", "TAG"), ("categories", "CATEGORY"), ("authors", "AUTHOR")):
        value = getattr(generator, attribute, None)
        if not value:
            continue
        if not settings.get(f"{setting}_SAVE_AS"):
            setattr(generator, attribute, {} if isinstance(value, dict) else [])
        elif isinstance(value, dict):
            for key in value:
                value[key] = MemberList(value[key])
        else:
            value[:] = [(key, MemberList(items)) for key, items in value]


class ReusedMarkdownReader(MarkdownReader):
    """MarkdownReader with one converter per process (forked workers each make their own).

    Pelican converts an article's formatted metadata (its summary) with the same converter
    after removing its metadata step: the step is put back, where it was, before the next
    file. Where it cannot be found, a converter is made per file, as Pelican does."""

    _converter: tuple[int, Markdown, tuple | None] | None = None

    def _new_converter(self) -> tuple[int, Markdown, tuple | None]:
        converter = add_fast_paths(Markdown(**self.settings["MARKDOWN"]))
        steps = converter.preprocessors
        try:
            priority = next(item.priority for item in steps._priority if item.name == "meta")
            meta = (steps["meta"], priority)
        except (AttributeError, KeyError, StopIteration):
            meta = None
        return os.getpid(), converter, meta

    def read(self, source_path):
        self._source_path = source_path
        kept = self._converter
        if kept is None or kept[0] != os.getpid() or kept[2] is None:
            kept = self._converter = self._new_converter()
        _, self._md, meta = kept
        step, priority = meta or (None, None)
        self._md.reset()
        if step is not None and "meta" not in self._md.preprocessors:
            self._md.preprocessors.register(step, "meta", priority)
        with open(source_path, "rb") as handle:
            try:
                text = utf8_text(handle.read())
            except NotUTF8 as err:  # (Pelican said only "Could not process" and the path)
                logging.getLogger(__name__).error("%s: %s", source_path, err)
                raise
        self._source_text = text  # (its header is checked without opening the file again)
        content = self._md.convert(text)  # (lines end as pelican_open ended them: utf8_text)
        meta = getattr(self._md, "Meta", None)
        return content, self._parse_metadata(meta) if meta is not None else {}


def reuse_markdown(readers) -> None:
    for extension, reader in list(readers.reader_classes.items()):
        if reader is MarkdownReader:
            readers.reader_classes[extension] = ReusedMarkdownReader


def _exit_now() -> None:
    """The last step of a successful `pelican` command: flush, and end with status 0."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # (closed, or a broken pipe)
            stream.flush()
    os._exit(0)


#: Errors of the disk, not of the site: reported in one line (write_failure).
DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES}


def write_failure(err: OSError) -> str:
    """One line for a build that could not write its output: which file, and why."""
    return (
        f"error: cannot write {err.filename}: {err.strerror}. The build stopped; every file it "
        "wrote is whole, and the next build finishes the job."
    )


#: What Pelican's logger raises at the first error of a `--fatal errors` build.
FATAL_ERROR = "Warning or error encountered"


class FirstError(logging.Handler):
    """The first error a build logged, on one line: a `--fatal errors` build stops there with
    Pelican's RuntimeError and its traceback, the error itself wrapped at 80 columns above it
    in a log or a pipe (a path split across lines)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.message: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.message is None:
            self.message = " ".join(record.getMessage().split())


def is_registry_error(err: Exception) -> bool:
    """A broken data/ file's error (newsarchive's RegistryError). Its module is looked up, not
    imported: importing it runs newsarchive.entities, which imports the tagger's spaCy (~0.5 s
    of CPU, a build's largest import), and only reading data/ raises it, which imports it."""
    module = sys.modules.get("newsarchive.entities.registry_file")
    return module is not None and isinstance(err, module.RegistryError)


def _run_by_the_pelican_command() -> bool:
    """Whether this is the `pelican` command's process (a test or a program running Pelican
    keeps its own exit and logging)."""
    return os.path.basename(getattr(sys.modules.get("__main__"), "__file__", None) or "") == "pelican"  # fmt: skip


def log_in_lines() -> None:
    """A log read in a file, a pipe or CI gets a record a line: Pelican's Rich handler lays
    its records out in columns wrapped at 80 characters when it writes to no terminal,
    splitting an error's path across three lines. A terminal keeps Rich's columns."""
    console = getattr(DEFAULT_LOG_HANDLER, "console", None)
    root = logging.getLogger()
    if not _run_by_the_pelican_command() or console is None or console.is_terminal:
        return
    console.soft_wrap = True  # (its own lines too: "Done: Processed ... articles")
    if DEFAULT_LOG_HANDLER in root.handlers:
        plain = logging.StreamHandler(console.file)
        plain.setFormatter(logging.Formatter("%(levelname)-8s %(message)s"))
        plain.setLevel(DEFAULT_LOG_HANDLER.level)
        root.addHandler(plain)
        root.removeHandler(DEFAULT_LOG_HANDLER)


def skip_teardown() -> None:
    """After a successful build by the `pelican` command (main() then returns, status 0),
    end the process at exit without tearing the interpreter down."""
    if not _run_by_the_pelican_command():
        return
    run = Pelican.run
    if getattr(run, "_then_exit", False):
        return
    first = FirstError()
    logging.getLogger().addHandler(first)

    def run_then_exit(self):
        try:
            run(self)
        except RuntimeError as err:  # a --fatal build's first error: that line, not a traceback
            if str(err) != FATAL_ERROR or first.message is None:
                raise
            print(f"error: {first.message} (the build stopped at this error)", file=sys.stderr)
            raise SystemExit(1) from None
        except OSError as err:
            if not (isinstance(err, OutputWriteError) or err.errno in DISK_ERRORS):
                raise
            print(write_failure(err), file=sys.stderr)
            remove_scratch_from_output(self.output_path)  # (a killed build's is cleared next time)
            raise SystemExit(1) from None  # (not an Exception: Pelican's main lets it through)
        except Exception as err:  # a broken data/ file: which file, which line, why
            if not is_registry_error(err):
                raise
            print(f"error: {err}", file=sys.stderr)
            raise SystemExit(2) from None
        atexit.register(_exit_now)  # (after this, main() only returns)

    run_then_exit._then_exit = True
    Pelican.run = run_then_exit


def _not_cached(filename, default=None):
    return default


def _not_kept(filename, data) -> None:
    return None


def skip_idle_generator_cache(generator) -> None:
    """With content cached at the readers' level (Pelican's default layer), the articles
    generator's own cache keeps nothing and has nothing loaded, yet stats every article's
    file twice to say so: it is told to say so at once."""
    if not generator._cache_data_policy and not generator._cache:
        generator.get_cached_data = _not_cached
        generator.cache_data = _not_kept


def add_filters(generator) -> None:
    generator.env.filters["text_words"] = text_words


def pause_collector(*_) -> None:
    gc.disable()
    gc.unfreeze()  # (what a build before froze, in a process that builds again: devserver)


def freeze_context(*_) -> None:
    """The context is built, and lives through the build: the collector need not walk it."""
    gc.freeze()
    gc.enable()


def register() -> None:
    log_in_lines()
    skip_teardown()
    signals.article_generator_init.connect(pause_collector)
    signals.article_generator_init.connect(skip_idle_generator_cache)
    signals.all_generators_finalized.connect(freeze_context)
    signals.readers_init.connect(reuse_markdown)
    signals.generator_init.connect(add_filters)
    Article.get_url_setting = _kept_url_setting
    Content.get_relative_source_path = _kept_relative_source_path
    signals.article_generator_finalized.connect(skip_unused_taxonomies)
    signals.article_generator_finalized.connect(drafts_without_category)
