"""Articles kept between builds: a rebuild reads only new and edited files, and rewrites only
the cache files of the folders where something changed.

Two levels, each kept per content folder (content/articles/2013/ ...: news arrives in the
newest, so a day's articles rewrite one small file, not the archive's):

- **Finished articles.** Pelican's own content cache keeps each file's HTML and metadata,
  but every build still turns each into an Article (metadata processed again, URLs
  formatted, the HTML sanitised again by plugins/sanitise): at 20,000 articles that is most
  of a rebuild. This keeps the finished Article's state, as it was when read (before any
  generator added neighbours, related articles or tags), keyed by the file's path, size and
  mtime, under one code fingerprint (newsarchive.build_state.code_fingerprint: settings,
  theme, plugins, data/, the newsarchive code, versions). A file whose stamp matches is not
  read: its Article is restored with this build's context and settings. With it are kept
  what the build works out from the article's own state alone, once its pages are queued
  (DERIVED: its formatted URLs, plugins/lean_pelican; its digest as lists show it,
  plugins/incremental_output).
- **What the reader made of each file** (its HTML and metadata), under a fingerprint of
  what reading depends on (READING_SETTINGS, the readers' code, versions), not of the theme
  or the plugins: after a theme or settings change every article is made again, but no
  Markdown is converted again. Loaded only for the folders holding a file that the first
  level lacks. This replaces Pelican's content cache, which is loaded whole and written
  whole on every build (LOAD_CONTENT_CACHE is off; CACHE_CONTENT stays on, as the place
  plugins/parallel_reading hands its results to Pelican's reading in).

Files read this build and not yet known to either level are listed on the generator's
readers (`to_read`) for plugins/parallel_reading. A cache file is replaced atomically; a
damaged or foreign one is ignored (its articles are read again).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.utils import file_suffix

from newsarchive import build_state

logger = logging.getLogger(__name__)

#: Attributes an Article gets from the build, not from its file: never stored.
_BUILD_ATTRIBUTES = ("_context", "settings")
#: Attributes worked out from the article's stored state and the settings alone (both fixed
#: for a cache entry): stored with it once the build has them.
DERIVED = ("_url_settings", "_signature_brief")
#: Settings what a reader makes of a file depends on (with the readers' code and versions),
#: and, by prefix, those of the author, category and tag objects in its metadata (they keep
#: the settings they were made with).
READING_SETTINGS = ("MARKDOWN", "FORMATTED_FIELDS", "TIMEZONE", "DEFAULT_DATE", "DEFAULT_LANG",
                    "READERS", "SLUGIFY_SOURCE", "SLUGIFY_USE_UNICODE", "SLUGIFY_PRESERVE_CASE")  # fmt: skip
READING_PREFIXES = ("AUTHOR", "CATEGORY", "TAG", "SLUG_")
ARTICLES, READ = ".articles.pickle", ".read.pickle"


class _Cache:
    folder: Path | None = None
    code = ""
    reading = ""
    stored: dict[str, tuple] = {}  # source -> (stamp, state), from the cache
    fresh: dict[str, tuple] = {}  # source -> (stamp, state), this build's
    articles: dict[str, Article] = {}  # this build's articles, by source (for DERIVED)
    groups: dict[str, set[str]] = {}  # group -> its sources in the cache as loaded
    read: dict[str, dict] = {}  # group -> source -> (stamp, (content, metadata)), loaded
    new_reads: dict[str, tuple] = {}  # source -> (stamp, (content, metadata)), this build's
    stamps: dict[str, tuple | None] = {}  # source -> its stamp, taken once this build
    hits = 0


_cache = _Cache()


def _cache_folder(settings: dict) -> Path:
    content = str(Path(settings["PATH"]).resolve())
    key = hashlib.sha256(content.encode()).hexdigest()[:16]
    return Path(settings["CACHE_PATH"]) / f"articles-{key}"


def group_of(source: str) -> str:
    """The cache file an article's entries are kept in: one per content folder."""
    folder = os.path.dirname(source)
    name = "".join(c if c.isalnum() else "-" for c in os.path.basename(folder))[:40]
    return f"{name}-{hashlib.sha256(folder.encode()).hexdigest()[:12]}"


def reading_fingerprint(settings: dict, readers) -> str:
    """What a reader's output depends on: its settings, its code, versions."""
    import markdown
    import pelican

    keys = [*READING_SETTINGS, *(k for k in settings if k.startswith(READING_PREFIXES))]
    values = {key: build_state.plain(settings.get(key)) for key in keys}
    digest = hashlib.sha256(json.dumps([values, pelican.__version__, markdown.__version__,
                                        sys.version], sort_keys=True).encode())  # fmt: skip
    for reader in sorted({type(r) for r in readers.readers.values()}, key=repr):
        digest.update(repr(reader).encode())
        for path in _reader_code(reader):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _reader_code(reader: type) -> list[Path]:
    """The files of a reader class and of those it extends (a plugin's reader is often a
    subclass of another plugin's); for a plugin package, every module of it (the Markdown
    converter's own extensions in plugins/lean_pelican)."""
    files: list[Path] = []
    for cls in reader.__mro__:
        module = sys.modules.get(cls.__module__)
        name = getattr(module, "__file__", None)
        if not name or Path(name) in files:
            continue
        path = Path(name)
        package = path.name == "__init__.py" and "site-packages" not in path.parts
        files += [path, *sorted(set(path.parent.glob("*.py")) - {path})] if package else [path]
    return files


def _load(path: Path, fingerprint: str) -> dict:
    """A cache file's entries, if it was written under this fingerprint ({} otherwise)."""
    try:
        with path.open("rb") as file:
            kept, entries = pickle.load(file)
    except FileNotFoundError:
        return {}
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        logger.warning("Article cache %s unreadable: its articles are read again", path.name)
        return {}
    return entries if kept == fingerprint and isinstance(entries, dict) else {}


def _write(path: Path, fingerprint: str, entries: dict) -> None:
    """Atomically (a killed build leaves the old file or the new one, never half of one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(fd, "wb") as file:
            pickle.dump((fingerprint, entries), file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _stamp(source: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(source)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def install(generator) -> None:
    """article_generator_init: load the finished articles, hand Pelican what the reader made
    of the other files where it is known, and put the cache in front of the reader."""
    settings, readers = generator.settings, generator.readers
    if not settings.get("ARTICLE_CACHE", True):
        return
    _cache.folder = _cache_folder(settings)
    _cache.code = build_state.code_fingerprint(settings)
    _cache.reading = reading_fingerprint(settings, readers)
    _cache.stored, _cache.fresh, _cache.articles, _cache.hits = {}, {}, {}, 0
    _cache.groups, _cache.read, _cache.new_reads, _cache.stamps = {}, {}, {}, {}
    _cache.folder.with_suffix(".pickle").unlink(missing_ok=True)  # (this cache's old form)
    if _cache.folder.is_dir():
        for path in sorted(_cache.folder.glob(f"*{ARTICLES}")):
            entries = _load(path, _cache.code)
            _cache.groups[path.name.removesuffix(ARTICLES)] = set(entries)
            _cache.stored.update(entries)
    _walk_once(generator)
    readers.to_read = _missing(generator)
    _wrap(readers)


def _walk_once(generator) -> None:
    """Pelican walks the content folders for the articles after this plugin has (tens of
    thousands of paths, a tenth of a rebuild): the same walk is given back to it."""
    walk, walked = generator.get_files, {}

    def get_files(paths, exclude=None, extensions=None) -> set[str]:
        key = repr((paths, exclude, extensions))
        if key not in walked:
            walked[key] = walk(paths, exclude=exclude, extensions=extensions)
        return set(walked[key])

    generator.get_files = get_files


def _missing(generator) -> list[tuple[str, str]]:
    """The article files neither level of the cache knows, (path, format); those the reading
    level knows are handed to Pelican's in-memory content cache."""
    settings, readers = generator.settings, generator.readers
    missing = []
    for name in generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]):  # fmt: skip
        source = os.path.abspath(os.path.join(generator.path, name))
        fmt = file_suffix(source)
        if fmt not in readers.readers:
            continue
        stamp = _cache.stamps[source] = _stamp(source)
        entry = _cache.stored.get(source)
        if stamp is not None and entry is not None and entry[0] == stamp:
            continue
        group = group_of(source)
        if group not in _cache.read:
            _cache.read[group] = _load(_cache.folder / f"{group}{READ}", _cache.reading)
        known = _cache.read[group].get(source)
        if stamp is not None and known is not None and known[0] == stamp:
            readers.cache_data(source, known[1])  # (Pelican's read_file finds it there)
        else:
            missing.append((source, fmt))
    return missing


def _wrap(readers) -> None:
    read_file, cache_data = readers.read_file, readers.cache_data

    def cached_read_file(base_path, path, content_class=Article, fmt=None, context=None,
                         preread_signal=None, preread_sender=None, context_signal=None,
                         context_sender=None):  # fmt: skip
        if content_class is not Article:
            return read_file(base_path, path, content_class, fmt, context, preread_signal,
                             preread_sender, context_signal, context_sender)  # fmt: skip
        source = os.path.abspath(os.path.join(base_path, path))
        stamp = _cache.stamps.pop(source, None) or _stamp(source)  # (_missing took it)
        entry = _cache.stored.get(source)
        if stamp is not None and entry is not None and entry[0] == stamp:
            article = Article.__new__(Article)
            article.__dict__.update(entry[1])
            article._context = context
            article.settings = readers.settings
            _cache.fresh[source] = entry
            _cache.articles[source] = article
            _cache.hits += 1
            return article
        article = read_file(base_path, path, content_class, fmt, context, preread_signal,
                            preread_sender, context_signal, context_sender)  # fmt: skip
        if stamp is not None and isinstance(article, Article):
            state = {k: v for k, v in article.__dict__.items() if k not in _BUILD_ATTRIBUTES}
            _cache.fresh[source] = (stamp, state)
            _cache.articles[source] = article
        return article

    def noted_cache_data(filename, data):
        """What a reader made of a file (read by Pelican or by plugins/parallel_reading)."""
        cache_data(filename, data)
        stamp = _stamp(filename)
        if stamp is not None:
            _cache.new_reads[filename] = (stamp, data)

    readers.read_file = cached_read_file
    readers.cache_data = noted_cache_data
    # Pelican would write its in-memory content cache (every file read this build) to one
    # file that nothing loads (LOAD_CONTENT_CACHE off): the reading level keeps them instead.
    readers.save_cache = lambda: None


def _keep_derived() -> set[str]:
    """Copy DERIVED values the build worked out into the entries; the sources given some."""
    added = set()
    for source, article in _cache.articles.items():
        state = _cache.fresh[source][1]
        for name in DERIVED:
            value = article.__dict__.get(name)
            if value is not None and state.get(name) != value:
                state[name] = value
                added.add(source)
    _cache.articles = {}
    return added


def save(generator, writer=None) -> None:
    """article_writer_finalized (the articles' pages are queued, so DERIVED values are
    known): rewrite the cache files of the folders where an article was read, given a
    derived value, or deleted; with a writer that renders in workers (plugins/
    incremental_output), while they render the article pages (~1 s at 20,000 articles)."""
    if _cache.folder is None:
        return
    beside = getattr(writer, "beside_rendering", None)
    if beside is None:
        _save()
    else:
        beside(_save)


def _save() -> None:
    read = {source for source, entry in _cache.fresh.items() if _cache.stored.get(source) is not entry}  # fmt: skip
    touched = read | _keep_derived()
    by_group: dict[str, dict] = {}
    for source, entry in _cache.fresh.items():
        by_group.setdefault(group_of(source), {})[source] = entry
    try:
        for group in sorted(set(by_group) | set(_cache.groups)):
            entries = by_group.get(group, {})
            path = _cache.folder / f"{group}{ARTICLES}"
            if not entries:
                path.unlink(missing_ok=True)
                (_cache.folder / f"{group}{READ}").unlink(missing_ok=True)
            elif set(entries) != _cache.groups.get(group) or touched.intersection(entries):
                _write(path, _cache.code, entries)
        _save_reads(set(_cache.fresh))
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as error:
        logger.warning("Article cache not saved (%s): the next build reads the articles again", error)  # fmt: skip
    logger.info("Articles: %d from the article cache, %d read", _cache.hits, len(read))
    _cache.stored, _cache.fresh, _cache.read, _cache.new_reads = {}, {}, {}, {}


def _save_reads(sources: set[str]) -> None:
    """Add this build's reads to their folders' reading level, without deleted files."""
    groups: dict[str, dict] = {}
    for source, entry in _cache.new_reads.items():
        groups.setdefault(group_of(source), {})[source] = entry
    for group, new in groups.items():
        if group not in _cache.read:
            _cache.read[group] = _load(_cache.folder / f"{group}{READ}", _cache.reading)
        entries = {s: e for s, e in _cache.read[group].items() if s in sources}
        entries.update((s, e) for s, e in new.items() if s in sources)
        _write(_cache.folder / f"{group}{READ}", _cache.reading, entries)


def register() -> None:
    signals.article_generator_init.connect(install)
    signals.article_writer_finalized.connect(save)
