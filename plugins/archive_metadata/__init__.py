"""Archive metadata for Pelican: articles whose date is unknown, honestly.

Pelican requires a date on every article. The importer never invents one, so an article whose
Markdown has no `Date:` gets a sentinel date that sorts it after every dated article, the flag
`date_unknown` (templates print "Date unknown"), and no place in feeds. Its address, like every
article's, is its file's folder (content/articles/undated/ or a year's), not its date; the
folders a file was moved from (`Moved_From`) keep an address each that leads to it, and an
address two files claim is an error naming both (claim_addresses).

A `Date:` written by hand is read as written: left blank, the article is undated (Pelican
dropped it); without a day ("2016-05") or not a date, the article fails with a line saying
so (Pelican took the day from today's, or dropped the article saying only that it could not
process it).

Feeds are fitted for readers on the way out (`fit_feed`): valid Atom (RFC 4287), naming
every author of an entry, with absolute links in a local build too, and ids that are
absolute and the same on every build, whether the build has an address or not.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
import uuid
from datetime import UTC, datetime
from pathlib import Path

from blinker import signal
from feedgenerator import Atom1Feed, Rss201rev2Feed, iri_to_uri
from markupsafe import Markup, escape
from pelican import signals
from pelican.generators import Generator
from pelican.utils import SafeDatetime

from newsarchive.store import stray_header_line, stray_line_in, stray_line_reason
from newsarchive.written_dates import written_date_error

logger = logging.getLogger(__name__)

#: Sorts after every real date; never displayed (templates check `date_unknown`).
UNKNOWN_DATE = SafeDatetime(1900, 1, 1)
_undated_urls: set[str] = set()
#: The authors of each article that has more than one, by its URL as feed entries link it.
_coauthored: dict[str, list[str]] = {}
#: The namespace of the urn:uuid ids of a build with no address (no FEED_DOMAIN): fixed, so a
#: feed's or entry's id depends on its path in the site alone. Changing it changes every id.
FEED_ID_NAMESPACE = uuid.UUID("2293f8b0-eaa6-4c80-910c-5145cea8b67a")


def mark_undated(generator, metadata: dict) -> None:
    """Give an undated article its sentinel date and flag before Pelican needs them, and
    every article the `folder` its address is made with (file_address_folder), and
    `stated_offset`: whether its `Date:` gave an offset from UTC (Pelican gives every date
    TIMEZONE's next, and then the two can no longer be told apart)."""
    if not metadata.get("date"):
        metadata["date"] = UNKNOWN_DATE
        metadata["date_unknown"] = True
    metadata["stated_offset"] = getattr(metadata["date"], "tzinfo", None) is not None
    metadata.setdefault("folder", file_address_folder(metadata))


def file_address_folder(metadata: dict) -> str:
    """The folder of an article's address (ARTICLE_URL's `{folder}`) where its file's folder
    gives none (PATH_METADATA gives a year's or undated/'s name: the file's place, not its
    Date, fixes its address, so a corrected Date breaks no link): the year of its Date, or
    undated, for a file an editor keeps in a folder of their own."""
    return "undated" if metadata.get("date_unknown") else f"{metadata['date']:%Y}"


#: The folder of an article's address: a year's, or undated/ (PATH_METADATA's `folder`).
ADDRESS_FOLDER = re.compile(r"\d{4}|undated")


def former_addresses(article, settings: dict) -> list[tuple[str, str]]:
    """(save_as, url) of each address the article's `Moved_From` names but its own: a folder
    ("2019": the address there under its slug), or a folder and a former slug ("2019/old-
    slug"). The addresses it had before its file was moved (by an import or a retag that
    filed it by a new date, or renamed it after its Slug, or by an editor, who wrote the
    line), which keep leading to it."""
    found = {}
    for entry in str(article.metadata.get("moved_from") or "").split(";"):
        parts = [part for part in entry.strip().split("/") if part]
        if len(parts) >= 2 and ADDRESS_FOLDER.fullmatch(parts[-2]):
            found[(parts[-2], parts[-1])] = None
        elif parts:
            found[(parts[-1], article.slug)] = None
    own = (article.metadata["folder"], article.slug)
    return [_address(article, folder, settings, slug) for folder, slug in found if (folder, slug) != own]  # fmt: skip


def dated_address(article, settings: dict) -> tuple[str, str] | None:
    """(save_as, url) of the address an article had before addresses were folders (its Date's
    year, or undated/), where that is not its folder's: a Date edited and not yet filed by a
    retag moved it there."""
    folder = file_address_folder(article.metadata)
    return None if folder == article.metadata["folder"] else _address(article, folder, settings)


def named_address(article, settings: dict) -> tuple[str, str] | None:
    """(save_as, url) of the address an imported article had under its file's name, the slug
    it was imported with, where an editor has since typed another `Slug:` (the importer
    leaves a file edited by hand as it is, name and all)."""
    path = Path(article.source_path)
    if not article.metadata.get("id") or path.stem == article.slug:
        return None
    if path.parent.name != article.metadata["folder"]:
        return None  # (a folder of the editor's own: its files' names are theirs)
    return _address(article, article.metadata["folder"], settings, path.stem)


def _address(article, folder: str, settings: dict, slug: str | None = None) -> tuple[str, str]:
    fields = {**article.url_format, "folder": folder, "slug": slug or article.slug}
    return settings["ARTICLE_SAVE_AS"].format(**fields), settings["ARTICLE_URL"].format(**fields)


#: This build's pages at an article's former address: (save_as, url, the article).
_moved_articles: list[tuple[str, str, object]] = []
#: The first address of each article whose file was moved (its feed entries' id), by its URL.
_first_addresses: dict[str, str] = {}


def claim_addresses(generator) -> None:
    """Each address is one article's, its page's or a former one's. A second claim is an
    error naming both files, and the later file's article (or its former address) is left out
    of the build: Pelican stopped with a traceback naming the page alone. Last, the addresses
    each article's Date and its file's name gave it (dated_address, named_address), where no
    other claim is. Run before the date lists are made of the articles."""
    claims: dict[str, str] = {}
    content = Path(generator.settings["PATH"]).name
    everything = sorted([*generator.articles, *generator.hidden_articles], key=_source)
    left_out = {id(a) for a in everything if not _claim(claims, a.save_as, a.url, content, a)}
    generator.articles[:] = [a for a in generator.articles if id(a) not in left_out]
    generator.hidden_articles[:] = [a for a in generator.hidden_articles if id(a) not in left_out]
    _moved_articles.clear()
    _first_addresses.clear()
    kept = [article for article in everything if id(article) not in left_out]
    for article in kept:
        former = former_addresses(article, generator.settings)
        if former:
            _first_addresses[iri_to_uri(article.url)] = iri_to_uri(former[0][1])
        for save_as, url in former:
            if _claim(claims, save_as, url, content, article):
                _moved_articles.append((save_as, url, article))
    for article in kept:  # (addresses no file names: where another article is, it is that one's)
        named = named_address(article, generator.settings)
        for derived in (dated_address(article, generator.settings), named):
            if derived and derived[0] not in claims:
                claims[derived[0]] = _source(article)
                _moved_articles.append((*derived, article))
                if derived is named:  # (its feed entry keeps its id)
                    _first_addresses.setdefault(iri_to_uri(article.url), iri_to_uri(named[1]))
    # (what a feed's entries show beyond their articles, for plugins/incremental_output)
    generator.context["feed_entry_ids"] = {
        a.url: first for a in kept if (first := _first_addresses.get(iri_to_uri(a.url)))
    }
    # (a page that leads elsewhere is no page of the sitemap, nor an article's to index)
    signal("newsarchive-moved-pages").send(generator, urls=[url for _, url, _ in _moved_articles])


def _source(article) -> str:
    return article.get_relative_source_path()


def _claim(claims: dict[str, str], save_as: str, url: str, content: str, article) -> bool:
    """Whether the article may have the address (no other file has claimed it)."""
    other = claims.setdefault(save_as, _source(article))
    if other != _source(article):
        logger.error(f"{content}/{other} and {content}/{_source(article)} both claim the address {url}: it stays the first's (change the other's Slug, or its folder)")  # fmt: skip
        return False
    return True


class MovedArticlesGenerator(Generator):
    """Writes a page at each former address of an article (claim_addresses) that sends the
    browser on to it, as an entity's old address does (GitHub Pages has no redirects)."""

    def generate_output(self, writer) -> None:
        moved = self.get_template("moved")
        for save_as, url, article in _moved_articles:
            writer.write_file(save_as, moved, self.context, self.settings["RELATIVE_URLS"],
                              url=url, target_name=article.title, target_kind="Articles", target=article.url)  # fmt: skip


class CorrectionsFeedGenerator(Generator):
    """FEED_CORRECTIONS_ATOM: the articles corrected after they were first saved (their
    `Modified`: a newer copy replaced the text), the latest correction first. The site's
    feed lists the newest articles by their date, so a correction to last year's story
    reached no feed reader there."""

    def generate_output(self, writer) -> None:
        path = self.settings.get("FEED_CORRECTIONS_ATOM")
        if not path:
            return
        corrected = [a for a in self.context.get("articles", []) if a.metadata.get("modified")]
        corrected.sort(key=lambda a: a.modified, reverse=True)
        # (Pelican puts the site's name before it: "News Archive - Corrections")
        writer.write_feed(corrected, self.context, path, feed_title="Corrections")


def get_generators(pelican_object):
    return (MovedArticlesGenerator, CorrectionsFeedGenerator)


def is_entity_feed(context, feed) -> bool:
    """Whether the feed is a person's, topic's, ... (an ENTITY_TAXONOMIES `feed` pattern)."""
    url = feed.feed.get("feed_url") or ""
    for conf in (context.get("ENTITY_TAXONOMIES") or {}).values():
        before, _, after = (conf.get("feed") or "").partition("{slug}")
        if after and url.endswith(after):
            rest = url[: -len(after)]
            if "/" not in rest.rpartition(before)[2] and before in rest:
                return True
    return False


def fit_feed(context, feed) -> None:
    """Pelican's feed made fit for readers before it is written: one handler, in this order
    (blinker calls a signal's handlers in no set order)."""
    titles_as_text(context, feed)  # first: an entry's article is found by Pelican's link
    credit_authors(context, feed)
    drop_undated_from_feed(context, feed)
    absolute_addresses(context, feed)
    date_an_empty_feed(context, feed)


def date_an_empty_feed(context, feed) -> None:
    """A feed with no entries (the corrections of an archive none of whose articles was
    corrected) is dated EMPTY_FEED_DATE, as never updated: feedgenerator dates it by the
    clock, and it changed on every build, which then was never the same as a clean one (nor
    may its date follow the articles: its digest, of its entries, would not see it change)."""
    if not feed.items:
        feed.latest_post_date = lambda: EMPTY_FEED_DATE


#: The <updated> of a feed with no entries: the Unix epoch, a date no entry has.
EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=UTC)


def drop_undated_from_feed(context, feed) -> None:
    """A feed entry needs a real date; undated articles are listed on the site, not in feeds.

    With FEED_SUMMARY_ONLY (Atom's counterpart of RSS_FEED_SUMMARY_ONLY) entries carry the
    summary, not the whole text: with a feed per person and topic, whole texts would make the
    feeds most of the site's bytes. With ENTITY_FEED_SUMMARIES False, a person's, topic's, ...
    feed carries neither: its entries are title, link, date and authors (Atom allows an entry
    without summary or content when it links its page), so no summary is copied into every
    feed naming it.
    """
    site = iri_to_uri(context.get("SITEURL") or "")
    feed.items[:] = [
        item for item in feed.items if _article_url(item["link"], site) not in _undated_urls
    ]  # (a set: every entry of thousands of feeds against every undated article was a scan)
    summary_only = context.get("FEED_SUMMARY_ONLY", False)
    bare = not context.get("ENTITY_FEED_SUMMARIES", True) and is_entity_feed(context, feed)
    for item in feed.items:
        if bare:
            item["content"] = item["description"] = None
        elif summary_only and item.get("description"):
            item["content"] = None


def absolute_addresses(context, feed) -> None:
    """Links a feed reader can follow and ids that are absolute URIs (RFC 4287). In a build with
    relative URLs (a local one: FEED_DOMAIN is the address `make serve` serves) links get
    FEED_DOMAIN in front; with no FEED_DOMAIN, links stay relative. An entry's id is its
    article's address (entry_id), never its date: Pelican's tag: URIs held the Date, so a
    date corrected by hand made the entry a new one to every feed reader."""
    domain = (context.get("FEED_DOMAIN") or "").rstrip("/")
    address = feed.feed.get("feed_url") or ""
    # a feed's id is its own: Pelican gives every feed the site's home as its id, so readers
    # took all of a site's person and topic feeds for one
    feed.feed["id"] = address if _is_absolute(address) else path_id(address)
    if domain and not _is_absolute(feed.feed["link"]):
        feed.feed["link"] = domain + "/" + feed.feed["link"].lstrip("/")
    site = iri_to_uri(context.get("SITEURL") or "")
    base = site if _is_absolute(site) else domain
    for item in feed.items:
        if domain and not _is_absolute(item["link"]):
            item["link"] = domain + "/" + item["link"].lstrip("/")
        item["unique_id"] = entry_id(item["link"], base)


def entry_id(link: str, base: str) -> str:
    """A feed entry's id: its article's absolute address (as jekyll-feed's and Hugo's are), the
    first it had if its file was moved (`Moved_From`), or in a build with no address (`base`)
    its path_id; the same whatever its Date says, and wherever its file goes."""
    path = _article_url(link, base)
    path = _first_addresses.get(path, path)
    return f"{base}/{path}" if base else path_id(path)


def path_id(path: str) -> str:
    """The id of a page or feed of a build with no address: a urn:uuid named by its path in the
    site, so the same on every build (a tag: URI needs a host; "None" or a made-up one is not
    the archive's). Unlike a tag: URI, no date in it: a date corrected keeps the id."""
    return f"urn:uuid:{uuid.uuid5(FEED_ID_NAMESPACE, path.lstrip('/'))}"


def _is_absolute(link: str) -> bool:
    return link.startswith(("http://", "https://"))


class EveryAuthorAtomFeed(Atom1Feed):
    """An Atom feed whose entries can name several authors: feedgenerator writes one, the
    entry's `author_name`; an entry's `authors` are written after its other elements (Atom
    sets no order), one <author> each."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        for name in item.get("authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")


DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class EveryAuthorRssFeed(Rss201rev2Feed):
    """An RSS 2.0 feed (off by default: FEED_ALL_RSS and the like) whose items can name several
    authors: an item's `authors` are written after its other elements, one Dublin Core
    <dc:creator> each, as feedgenerator writes the one it knows (RSS's <author> is an email
    address, which articles do not give)."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        for name in item.get("authors", ()):
            handler.addQuickElement("dc:creator", name, {"xmlns:dc": DUBLIN_CORE})


#: The feeds Pelican writes, and what each is made to name every author of an entry.
EVERY_AUTHOR = {Atom1Feed: EveryAuthorAtomFeed, Rss201rev2Feed: EveryAuthorRssFeed}


def credit_authors(context, feed) -> None:
    """An Atom entry needs an author, its own or its feed's (RFC 4287), and a name is never
    empty: Pelican gives an article without authors an empty one. Such an entry has none,
    and every feed is AUTHOR's, or else the site's. Pelican names an article's first author
    only: an Atom or RSS feed (made an EVERY_AUTHOR class: the writer writes it right after
    this signal) names them all."""
    if feed.feed.get("author_name") is None:
        feed.feed["author_name"] = context.get("AUTHOR") or context.get("SITENAME")
    every_author = EVERY_AUTHOR.get(type(feed))
    if every_author:
        feed.__class__ = every_author
    site = iri_to_uri(context.get("SITEURL") or "")
    for item in feed.items:
        names = every_author and _coauthored.get(_article_url(item["link"], site))
        if names:
            item["author_name"], item["authors"] = None, names
        elif not item.get("author_name"):
            item["author_name"] = None


def _article_url(link: str, site: str) -> str:
    """The article URL of a feed entry's link as Pelican makes it: SITEURL, the URL, and
    with FEED_APPEND_REF, ?ref=feed."""
    return link.removesuffix("?ref=feed").removeprefix(site).lstrip("/")


def remember_coauthors(generator) -> None:
    """The authors of each article that has more than one, for its feed entries."""
    _coauthored.clear()
    for article in [*generator.articles, *generator.translations, *generator.hidden_articles]:
        names = [str(author) for author in getattr(article, "authors", ())]
        if len(names) > 1:
            _coauthored[iri_to_uri(article.url)] = names


#: The titles Pelican's feeds give otherwise, by article URL (remember_titles).
_text_titles: dict[str, str] = {}


def remember_titles(generator) -> None:
    """A title is text, as the importer writes a page's headline, and the pages print it so
    (escaped: "A <em>story</em>" shows its "<em>"); Pelican's feeds strip what looks like
    tags from it and read entities ("A story"; "AT&amp;T" was "AT&T"). The titles that
    changes, for titles_as_text."""
    _text_titles.clear()
    for article in [*generator.articles, *generator.translations, *generator.hidden_articles]:
        title = str(article.title)
        if ("<" in title or "&" in title) and Markup(title).striptags() != title:
            _text_titles[iri_to_uri(article.url)] = title


def titles_as_text(context, feed) -> None:
    """Each entry's title as the article's pages give it (remember_titles); the feed writer
    escapes it, so a reader shows the same text."""
    site = iri_to_uri(context.get("SITEURL") or "")
    for item in feed.items:
        item["title"] = _text_titles.get(_article_url(item["link"], site), item["title"])


def _squeezed(name: str) -> str:
    return re.sub(r"\W+", "", name).casefold()


def credited(article) -> str:
    """The byline's authors: those not the outlet the byline names already. A page credited
    to its newsroom alone read "BBC News · BBC News" ("Al Bawaba · Al-Bawaba")."""
    names = [str(author) for author in getattr(article, "authors", ())]
    source = _squeezed(getattr(article, "source", "") or "")
    return ", ".join(name for name in names if _squeezed(name) != source)


def own_language(article, site_language: str | None) -> Markup:
    """The attributes of an article's own words (its title, summary, text) in another
    language than the site's: a screen reader reads them, and only them, in that language's
    voice (WCAG 3.1.2), and their direction is their own (dir="auto": Arabic or Hebrew right
    to left, its punctuation at its end, a title set apart from the line listing it)."""
    language = getattr(article, "language", None)
    if not language or language == site_language:
        return Markup("")
    return Markup(' lang="{}" dir="auto"').format(language)


#: The bidirectional classes of right-to-left letters (Arabic, Hebrew, Syriac, Thaana ...).
_RIGHT_TO_LEFT = {"R", "AL"}


@functools.cache
def isolated(name: str) -> Markup:
    """A name (a source, an author, a person) in a line of the site's own words, set apart
    in a <bdi> where it is written right to left: beside it, "صحيفة الواحة" drew the line's
    numbers and separators into its direction ("· 1 · أحمد خالد · صحيفة الواحة min read",
    a count on its left). A name written left to right needs nothing, and gets nothing."""
    text = str(name)
    if any(unicodedata.bidirectional(c) in _RIGHT_TO_LEFT for c in text):
        return Markup("<bdi>{}</bdi>").format(text)
    return escape(text)


def add_filters(generator) -> None:
    generator.env.filters["isolated"] = isolated


def machine_dates(generator) -> None:
    """`iso_date` (for <time datetime>) and `iso_day`, formatted once per article: the theme
    prints them on every list an article is in, and Pelican's strftime is slow. And
    `date_unknown` False where it is not True: the lists ask for it on every line, and a
    missing attribute costs Jinja an exception each time. And the byline's `credited`, and
    `own_language` (the theme's attributes of the article's own words, on ~8 entity lines an
    article: a macro call each cost ~2 s of a 20,000-article build)."""
    _undated_urls.clear()  # (a build before, in the same process: devserver)
    for article in [*generator.articles, *generator.translations, *generator.hidden_articles]:
        if getattr(article, "date_unknown", False):  # here: cached articles are not read again
            _undated_urls.add(iri_to_uri(article.url))
        else:
            article.date_unknown = False
        date = article.date
        article.iso_date = machine_date(date, getattr(article, "stated_offset", False))
        article.iso_day = datetime.strftime(date, "%Y-%m-%d")
        article.credited = credited(article)
        article.own_language = own_language(article, generator.settings.get("DEFAULT_LANG"))


def machine_date(date: datetime, stated_offset: bool) -> str:
    """An article's <time datetime>: its day, and its time where it has one, with the offset
    from UTC its `Date:` stated ("2019-12-14T22:12+03:00": without it, a reader's tools took
    the source's local time for their own). No offset is made up for a date that gave none."""
    if not (date.hour or date.minute):
        return datetime.strftime(date, "%Y-%m-%d")
    timed = datetime.strftime(date, "%Y-%m-%dT%H:%M")
    return timed + utc_offset(date) if stated_offset and date.utcoffset() is not None else timed


def utc_offset(date: datetime) -> str:
    """The date's offset from UTC as HTML and ISO 8601 write it: "+03:00", "-05:30"."""
    minutes = round(date.utcoffset().total_seconds() / 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _hand_written_dates(meta: dict, source: str) -> None:
    """Blank `Date:` and `Modified:` lines dropped; others checked (ValueError, logged)."""
    for key in ("date", "modified"):
        if key not in meta:
            continue
        text = " ".join(meta[key]).strip()
        if not text:
            del meta[key]
            continue
        if problem := written_date_error(key, text):
            message = f"{source}: {problem}"
            logger.error(message)
            raise ValueError(message)


def _whole_header(source: str, text: str | None) -> None:
    """A header line whose colon was left out fails the article, naming the file and line
    (the fields after it were published as the article's first lines: ValueError, logged).
    Read from the text the reader has read (plugins/lean_pelican), or else from the file."""
    stray = (
        stray_header_line(text.splitlines()) if text is not None else stray_line_in(Path(source))
    )
    if stray:
        message = f"{source}:{stray[0]}: {stray_line_reason(stray)}"
        logger.error(message)
        raise ValueError(message)


def _parse_metadata_strictly(self, meta: dict) -> dict:
    source = getattr(self, "_source_path", None)
    if source:
        _whole_header(source, getattr(self, "_source_text", None))
    _hand_written_dates(meta, source or "an article")
    return super(self._strict_base, self)._parse_metadata(meta)


def read_dates_strictly(readers) -> None:
    """Markdown readers (whichever class each is by now) read `Date:` lines as written."""
    for extension, reader in list(readers.reader_classes.items()):
        if reader is None or not hasattr(reader, "_parse_metadata") or "_strict_base" in vars(reader):  # fmt: skip
            continue
        strict = type(reader.__name__, (reader,), {"_parse_metadata": _parse_metadata_strictly})
        strict._strict_base = strict
        readers.reader_classes[extension] = strict


def register() -> None:
    signals.readers_init.connect(read_dates_strictly)
    signals.generator_init.connect(add_filters)
    signals.article_generator_context.connect(mark_undated)
    signals.article_generator_pretaxonomy.connect(claim_addresses)
    signals.get_generators.connect(get_generators)
    signals.article_generator_finalized.connect(machine_dates)
    signals.article_generator_finalized.connect(remember_coauthors)
    signals.article_generator_finalized.connect(remember_titles)
    signals.feed_generated.connect(fit_feed)
