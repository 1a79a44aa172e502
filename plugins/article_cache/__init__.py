"""Articles kept between builds as Pelican made them: a rebuild reads only new and edited files.

Pelican's own content cache keeps each file's HTML and metadata, but every build still turns
each into an Article (metadata processed again, URLs formatted, the HTML sanitised again by
plugins/sanitise): at 20,000 articles that is most of a rebuild. This plugin keeps the
finished Article's state, as it was when read (before any generator added neighbours,
related articles or tags), keyed by the file's path, size and mtime, in CACHE_PATH. A file
whose stamp matches is not read: its Article is restored with this build's context and
settings. Everything else is read as usual, and stored. The cache belongs to one code
fingerprint (newsarchive.build_state.code_fingerprint: settings, theme, plugins, data/,
the newsarchive code, versions): change any of them and every article is read again.

With it are kept what the build works out from an article's own state alone, once its
pages are queued (DERIVED: its formatted URLs, plugins/lean_pelican; its digest as lists
show it, plugins/incremental_output), so a rebuild does not work them out again for every
article it did not read.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from pathlib import Path

from pelican import signals
from pelican.contents import Article

from newsarchive import build_state

logger = logging.getLogger(__name__)

#: Attributes an Article gets from the build, not from its file: never stored.
_BUILD_ATTRIBUTES = ("_context", "settings")
#: Attributes worked out from the article's stored state and the settings alone (both fixed
#: for a cache entry): stored with it once the build has them.
DERIVED = ("_url_settings", "_signature_brief")


class _Cache:
    path: Path | None = None
    code = ""
    stored: dict[str, tuple] = {}
    fresh: dict[str, tuple] = {}
    articles: dict[str, Article] = {}  # this build's articles, by source (for DERIVED)
    hits = 0


_cache = _Cache()


def _cache_file(settings: dict) -> Path:
    content = str(Path(settings["PATH"]).resolve())
    key = hashlib.sha256(content.encode()).hexdigest()[:16]
    return Path(settings["CACHE_PATH"]) / f"articles-{key}.pickle"


def install(generator) -> None:
    """article_generator_init: load the cache, and put it in front of the generator's reader."""
    settings = generator.settings
    if not settings.get("ARTICLE_CACHE", True):
        return
    _cache.path = _cache_file(settings)
    _cache.code = build_state.code_fingerprint(settings)
    _cache.stored, _cache.fresh, _cache.articles, _cache.hits = {}, {}, {}, 0
    try:
        with _cache.path.open("rb") as file:
            code, stored = pickle.load(file)
        if code == _cache.code:
            _cache.stored = stored
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        pass
    readers = generator.readers
    read_file = readers.read_file

    def cached_read_file(base_path, path, content_class=Article, fmt=None, context=None,
                         preread_signal=None, preread_sender=None, context_signal=None,
                         context_sender=None):  # fmt: skip
        if content_class is not Article:
            return read_file(base_path, path, content_class, fmt, context, preread_signal,
                             preread_sender, context_signal, context_sender)  # fmt: skip
        source = os.path.abspath(os.path.join(base_path, path))
        try:
            stat = os.stat(source)
            stamp = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            stamp = None
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

    readers.read_file = cached_read_file


def _keep_derived() -> bool:
    """Copy DERIVED values the build worked out into the entries; whether any was new."""
    added = False
    for source, article in _cache.articles.items():
        state = _cache.fresh[source][1]
        for name in DERIVED:
            value = article.__dict__.get(name)
            if value is not None and state.get(name) != value:
                state[name] = value
                added = True
    _cache.articles = {}
    return added


def save(generator, writer=None) -> None:
    """article_writer_finalized (the articles' pages are queued, so DERIVED values are
    known): the articles this build read (deleted files drop out)."""
    if _cache.path is None:
        return
    read = len(_cache.fresh) - _cache.hits
    added = _keep_derived()
    if read == 0 and not added and len(_cache.fresh) == len(_cache.stored):
        # every article came from the cache and none was deleted: the file on disk is this one
        logger.info("Articles: %d from the article cache, 0 read", _cache.hits)
        _cache.stored = {}
        return
    try:
        _cache.path.parent.mkdir(parents=True, exist_ok=True)
        partial = _cache.path.with_suffix(".partial")
        with partial.open("wb") as file:
            pickle.dump((_cache.code, _cache.fresh), file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, _cache.path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as error:
        logger.warning("Article cache not saved (%s): the next build reads every article", error)
        _cache.path.unlink(missing_ok=True)
    logger.info("Articles: %d from the article cache, %d read", _cache.hits, read)
    _cache.stored = {}


def register() -> None:
    signals.article_generator_init.connect(install)
    signals.article_writer_finalized.connect(save)
