"""Search index shards: consecutive years of articles, each indexed by Pagefind on its own.

The newest year is a shard of its own, and the years before it are packed oldest first (each
shard at most SEARCH_SHARD_PAGES articles, whole years: a larger year is a shard alone), so
new articles, which land in the newest year, re-index only that year, and the shards of
past years keep their boundaries.
When a new year starts, the year before it joins the packing (one re-index of that shard,
once a year). An archive smaller than one shard is one shard. Each shard keeps a fingerprint
of what Pagefind read of its pages (their search records: search_record); a rebuild runs
Pagefind only for shards whose records changed, so a page rewritten for a new tag link,
related article or pager link (none of which Pagefind reads) costs no indexing.

The newest shard, when it is a year of its own, is two Pagefind bundles when its pages span
more than one quarter: pagefind/<year>-recent/, the pages of the newest month's quarter (a
page's month is the one Pagefind sorts it by date with: page_month, kept in the pages'
records), and pagefind/<year>/, the year's earlier pages. A day's news, on a month's first
day or any other, re-indexes the quarter's pages (a few hundred at most), not the year's;
only the first article of a new quarter, or a back-dated one, re-indexes the year's earlier
pages: four times a year. (A bundle per month, and one for the quarter's earlier months,
re-indexed less, but a cold search of the newest shard then fetched a third bundle's files:
~45 KB more, over the search page's 300 KB budget.) Pagefind reads a folder through one glob,
so a bundle of some pages is indexed from a tree of links to them in the build's cache, at
their paths in the site (their URLs are the same). The manifest lists the two as the shard's
"parts"; the search page searches them as one.

A year of more than SEARCH_SHARD_PAGES articles (a shard alone) is indexed in more parts:
each side of the newest year's split, or a past year whole, is packed oldest month first
into parts of at most that many pages (month_parts; pagefind/<year-month>/ after the
first), so no Pagefind run holds more: an archive of 20,000 articles in one year was one run
of 5.6 GB and 96 s on one core. A month of more, and undated pages (text dumps without
dates), are cut in pieces in page order. Articles arriving in the last month change its
last part only.

Pagefind's runtime (its script, its worker and its WebAssembly, ~160 KB) is the same for
every shard, so it is kept once, in pagefind/: the search page loads it once and opens each
shard with `createInstance({basePath})`. Pagefind fetches the WebAssembly from
`<shard>/wasm.<name>.pagefind`, <name> being the `wasm` field of the shard's entry file; that
field is rewritten to `<name>/../../wasm.<name>` so the URL resolves to the one shared copy
(tests/test_search_shards.py checks that a search of every shard fetches it once).

Small files beside the shards let the search page search one shard at a time and still say
where the other matches are and roughly how many, without downloading the other shards:

- the years index: a Pagefind index on which every word of each year's articles stands in
  that year's part of the page, so a search of it (the same tokenising, stemming and prefix
  matching as the shards, being Pagefind too) tells which years hold matches, and in about
  how many articles: a year's part has a section per bucket of counts (YEAR_WORD_BOUNDS: 1,
  2, 3, 4, 5, 7, ..., 80, 100 or more), a word of bucket b standing b + 1 times in it, and
  `years.json` says where each section ends (year_page, part_page), so the places a term
  matched (result.words) tell the year and the range of articles of each word it matched;
  several words (stemming, prefix matching) are at least the most of one, at most the sum.
  (Each word stood once per article, up to 100 times, on a page a year: at 20,000 articles
  57 MB of pages, a Pagefind run of 1 GB; now 28 MB on one page, 370 MB. YEARS_LAYOUT.) It
  comes in two parts, each with its `years.json`:
  `pagefind/years/`, the years of every shard but the newest, and `pagefind/years-newest/`,
  the newest shard's year, so new articles re-index only the small part, and the large one
  is made again only when a past year's summary changes (an old article edited, a new year
  started). The small part's page starts with the large one's words (settled_words_page):
  Pagefind answers a word an index lacks with its nearest words, so the search page asks
  the large part only for the words it has. Only their word index is kept: nothing reads
  their pages' text (fragments). An archive of one shard has no years index (the search
  page has no shards to choose between);
- filter counts, `pagefind/filters/<key>.json`: every filter value (person, topic, ...) with
  its number of articles per year, read from the same data-pagefind-filter marks Pagefind
  reads; the filter menus and a filtered search's choice of shards use them.

Both are made from per-year summaries kept in the build's cache (made again only for the
years of shards whose pages changed), and a part of the years index is re-run only when one
of its years' summaries changed.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gzip
import hashlib
import heapq
import itertools
import json
import math
import os
import re
import shutil
import string
import tempfile
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from newsarchive.store import FILE_MODE, usual_permissions

#: At most this many articles per packed shard (a shard is whole years: a year of more is a
#: shard alone). A cold search downloads one shard: its metadata (~10 bytes a page), its
#: filter file (a person filter: ~20 bytes a page) and its word chunks grow with the shard,
#: and so does indexing memory. At 2,500 a cold query stays near 300 KB even in a full
#: shard. (As a floor, packing on until a shard held 2,500, a shard held up to 2,500 plus a
#: year: three years, ~3,600 articles, at 20,000, where "the" oldest first fetched 329 KB.)
DEFAULT_SHARD_PAGES = 2500
BUNDLE = "pagefind"
MANIFEST = "shards.json"
#: Written into each shard: the fingerprint of the pages it indexes.
STAMP = "newsarchive-shard.json"
#: In the cache: each page's digests, of its bytes and of its search record, and its month.
RECORDS = "records.json"
#: In the cache: the trees of links a bundle of some of a shard's pages is indexed from.
LINKED = "linked"
ENTRY = "pagefind-entry.json"
#: Pagefind's runtime, kept once in pagefind/ (its UI bundles are not used by our theme).
RUNTIME = ("pagefind.js", "pagefind-worker.js")
UNDATED = "undated"
#: The year filter's value of an undated article (the templates' byline, _macros.html).
UNDATED_FILTER = "Date unknown"
#: The newest shard's bundle of its newest quarter's pages is pagefind/<shard><RECENT>/.
RECENT = "-recent"
#: In a split shard's bundles' stamps: how the shard was split (untouched does not take the
#: bundles of another split, as an earlier version made them, for this one's unread).
SPLIT = "the newest month's quarter, the rest"
#: The same for a shard of more than SEARCH_SHARD_PAGES pages that is not split (a past year
#: of its own): its pages in parts of consecutive months (split_rule says the size).
WHOLE = "every month"
#: The mark of the element Pagefind sorts a page by date with, and its datetime's month.
_DATE_SORT = b'data-pagefind-sort="date[datetime]"'
_MONTH = re.compile(rb'(?<![\w-])datetime="(\d{4}-\d{2})')
_YEAR = re.compile(r"\d{4}")
#: The years index's two parts: the years of every shard but the newest (pagefind/years/),
#: and the newest shard's (pagefind/years-newest/); each has its years.json.
YEARS = "years"
YEARS_NEWEST = "years-newest"
#: The first section of the newest part's page, where every word of the other part stands
#: once (settled_words_page), and the cache file saying what it was made from.
SETTLED_WORDS = "settled"
SETTLED_STAMP = "settled.json"
YEARS_MAP = "years.json"
#: Where, beside the years' pages in the cache, the page of a part being indexed is made.
PARTS = "parts"
#: How many times as often each word stands on a part's page (part_page). Pagefind cuts an
#: index into chunks of ~20,000 places of words, and a search downloads the chunk of each of
#: its words whole: the more places a word has, the fewer words a chunk holds and the fewer
#: bytes it is, but the more memory and time indexing takes. The past years' part, the large
#: one, has each word of a bucket b b + 1 times (at 20,000 articles: 370 MB, chunks of 17
#: KB); the newest part (a year's words, and the past years' once each: "settled"), which
#: every cold search asks and which is small, six times as often (185 MB, chunks of 8 KB,
#: where once made them 28 KB): together ~25 KB a word, as with each word once per article
#: (9 + 17 KB).
PART_REPEAT = {YEARS_NEWEST: 6}
#: In the cache, beside the newest year's summary: what each of its pages was read as.
PAGES_SUFFIX = "-pages.json"
FILTER_COUNTS = "filters"
#: The buckets of a word's number of articles in a year: bucket i holds the counts from
#: bound i to the next one, less one (the last: to the year's articles). Exact to 5, then a
#: range about 40% wide (as "about" as the counts needed to be), in 14 numbers a year.
YEAR_WORD_BOUNDS = (1, 2, 3, 4, 5, 7, 10, 14, 20, 28, 40, 56, 80, 100)
#: How the years index's pages are written (year_page) and read (search.js): in its years.json
#: and in each year's summary, so an archive built by another layout makes its pages and its
#: index again, and the search page never reads an index by another layout's rules. (1: each
#: word once per article, at most 100 times, a page a year; 2: in the section of its bucket of
#: YEAR_WORD_BOUNDS, b + 1 times, one page a part.)
YEARS_LAYOUT = 2
#: Each filter's per-year counts are spread over this many files (see filter_bucket).
FILTER_BUCKETS = 64
_BODY_START = re.compile(rb"<article\b[^>]*\bdata-pagefind-body\b")
#: A filter mark and its value (no leading \b: a pattern starting with its literal text is
#: found by a fast scan, ten times faster on an article page).
_FILTER = re.compile(r'data-pagefind-filter="([\w-]+)"[^>]*>([^<]*)<')
_LANG = re.compile(rb"<html\b[^>]*\blang=\"([^\"]+)\"")
_WORD = re.compile(r"\w+")
#: Punctuation around a word (ASCII, none of it a word character): "said," is "said".
_PUNCTUATION = "".join(c for c in string.punctuation if c != "_")
_COMPOUND = re.compile(r"[-\u2010-\u2015/]+")
#: The start tag of an element marked data-pagefind-ignore (_ignored_elements: to the first
#: closing tag of its name).
_IGNORED_START = re.compile(rb"<([a-zA-Z][\w-]*)(\s[^>]*\bdata-pagefind-ignore\b[^>]*)>", re.I)
#: A start tag carrying a data-pagefind-* attribute: its name and attributes.
_MARKED_TAG = re.compile(rb"<([a-zA-Z][\w-]*)(\s[^>]*\bdata-pagefind-[^>]*)>", re.S)
_ATTRIBUTE = re.compile(rb'\s*([^\s="\'<>/]+)(?:\s*=\s*"([^"]*)")?')
_BRACKETED = re.compile(rb"\[([^\]]+)\]")
#: What makes a body's ignored elements not worth reading apart (kept whole): markup whose
#: text is not HTML (a comment, a script, ...) and images (Pagefind's default image): "<!--",
#: "<![CDATA" or a start tag of these names. (A tag whose name starts with another letter,
#: most of a body's, is passed over after one character: a third less time than trying
#: each name at every tag.)
_UNMASKED = b"script style textarea template title xmp plaintext noscript iframe noembed noframes img svg math".split()  # fmt: skip
_UNMASKABLE = re.compile(
    rb"<(?=[!" + bytes(sorted({name[0] for name in _UNMASKED})) + rb"])"
    rb"(?:!--|!\[CDATA|(?:" + b"|".join(_UNMASKED) + rb")\b)",
    re.I,
)
_IGNORE = b"data-pagefind-ignore"
_VOID = {b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source", b"track", b"wbr"}  # fmt: skip


@dataclass
class Shard:
    years: list[str]  # "undated" sorts before every year
    pages: int = 0
    folders: list[Path] = field(default_factory=list)
    #: The year a day's news lands in, a shard of its own (plan): indexed with its newest
    #: quarter apart (shard_bundles), its pages' readings kept (newest_kept).
    newest: bool = False

    @property
    def name(self) -> str:
        return self.years[0] if len(self.years) == 1 else f"{self.years[0]}-{self.years[-1]}"

    @property
    def glob(self) -> str:
        """Pagefind's --glob for the shard's folders (relative to the site)."""
        return years_glob(self.years)


def years_glob(years: list[str]) -> str:
    """Pagefind's --glob for the pages of these years' folders (YYYY/**, relative to the site)."""
    inner = ",".join(years)
    return f"{{{inner}}}/**/*.html" if len(years) > 1 else f"{inner}/**/*.html"


def period_folders(output: Path) -> dict[str, Path]:
    """The year folders of the site (articles live at YYYY/slug/), and undated/."""
    folders = {
        child.name: child
        for child in output.iterdir()
        if child.is_dir() and (_YEAR.fullmatch(child.name) or child.name == UNDATED)
    }
    return dict(sorted(folders.items(), key=lambda item: (item[0] != UNDATED, item[0])))


def article_count(folder: Path) -> int:
    """Article pages of a year folder: YYYY/slug/index.html (not the month pages, YYYY/MM/)."""
    return len(article_pages(folder))


def plan(folders: dict[str, Path], target: int) -> list[Shard]:
    """Consecutive years in shards: every year but the newest packed oldest first into shards
    of at most `target` articles (a year of more is a shard alone), and the newest year a
    shard of its own, so the articles arriving in it re-index only that year. A cold search
    downloads a whole shard, so `target` bounds what it costs. An archive smaller than
    `target` is one shard (not `newest`: small, it is indexed whole, as one bundle). A year
    folder without article pages is left out: what is left in
    it are the list pages of a year whose articles were all deleted or moved, which this
    build removes (and Pagefind, given no page marked as an article, would index them
    whole)."""
    counts = {year: article_count(folder) for year, folder in folders.items()}
    folders = {year: folder for year, folder in folders.items() if counts[year]}
    if not folders:
        return []
    if sum(counts.values()) < target:
        return [Shard(years=list(folders), pages=sum(counts.values()), folders=list(folders.values()))]  # fmt: skip
    shards: list[Shard] = []
    *settled, newest = folders
    for year in settled:
        if not shards or shards[-1].pages + counts[year] > target:
            shards.append(Shard(years=[]))
        shards[-1].years.append(year)
        shards[-1].folders.append(folders[year])
        shards[-1].pages += counts[year]
    return [*shards, Shard(years=[newest], pages=counts[newest], folders=[folders[newest]], newest=True)]  # fmt: skip


#: This build's pages at an article's former address (plugins/archive_metadata: URLs, as
#: "2019/slug/"): among the article pages, but pages that send the browser on, not articles.
MOVED_PAGES: set[str] = set()


def is_article_page(relative: str) -> bool:
    """A path relative to the site that is an article page (YYYY/slug/index.html, or in
    undated/), as article_pages finds them (or a page at a moved article's old address)."""
    parts = relative.split("/")
    return (
        len(parts) == 3
        and parts[2] == "index.html"
        and (_YEAR.fullmatch(parts[0]) is not None or parts[0] == UNDATED)
        and not parts[1].isdigit()
    )


def article_pages(folder: Path) -> list[Path]:
    """A year folder's article pages (YYYY/slug/index.html), in a stable order."""
    return sorted(
        p
        for p in folder.glob("*/index.html")
        if not p.parent.name.isdigit() and f"{folder.name}/{p.parent.name}/" not in MOVED_PAGES
    )


def words_of(text: str) -> set[str]:
    """Every form Pagefind may index a word of `text` as, and more (a superset is harmless:
    the years index may then name a year without matches, never miss one): each
    whitespace-separated token lowercased without its punctuation, its parts between
    hyphens or slashes, its runs of letters and digits, and each of these without accents."""
    found = set(text.lower().split())
    # most words have nothing to take apart: only the others leave the set and are looked at
    odd = [token for token in found if not token.isalnum()]
    found.difference_update(odd)
    for token in odd:
        bare = token.strip(_PUNCTUATION)  # (a word with a comma or full stop: itself)
        if bare.isalnum():
            found.add(bare)
            continue
        runs = _WORD.findall(token)
        if not runs:
            continue
        found.add("".join(runs))
        if len(runs) > 1:
            found.update(runs)
            found.update("".join(_WORD.findall(part)) for part in _COMPOUND.split(token))
    if not text.isascii():  # (one curly quote makes a text so: most of its words are ASCII)
        found.update([_unaccented(word) for word in found if not word.isascii()])
    found.discard("")
    return found


@functools.lru_cache(maxsize=1 << 16)
def _unaccented(word: str) -> str:
    """The word without its accents (kept: a name or place recurs on thousands of pages)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


#: A tag (read_article reads none with a ">" in a quoted attribute value: _QUOTED_GT).
_ANY_TAG = re.compile(r"<[^>]*>")
_QUOTED_GT = re.compile(rb"=\s*(?:\"[^\"]*>|'[^']*>)")


@functools.lru_cache(maxsize=64)
def _start_tag(name: str) -> re.Pattern:
    """A start tag of this name (an ignored element holding one of its own name)."""
    return re.compile(rf"<{re.escape(name)}[\s/>]", re.I)


def read_article(page: bytes) -> tuple[set[str], list[tuple[str, str]]] | None:
    """The words of an article page's indexed text (what Pagefind reads: the element marked
    data-pagefind-body, without its data-pagefind-ignore parts, and its metadata) and its
    filter values; None for a page Pagefind does not index.

    A page as the article template writes it is read with regular expressions, to the same
    words as an HTML parser's text_content (every tag removed, nothing put in its place,
    entities decoded); a body the expressions cannot be sure of is parsed (_parsed_article):
    anything of _UNMASKABLE (comments, scripts, images, CDATA), a ">" in a quoted attribute,
    an ignored element holding one of its own name (it ends at the first closing tag)."""
    found = _body(page)
    if not found:
        return None
    if _UNMASKABLE.search(page, found[0], found[1]) or _QUOTED_GT.search(page, found[0], found[1]):  # fmt: skip
        return _parsed_article(page, found)
    html = page[found[0] : found[1]].decode("utf-8", "replace")
    kept, last = [], 0
    for start, end, name in _marked_tags(html, "data-pagefind-ignore"):
        close = html.find(f"</{name}", end)
        if close < 0 or _start_tag(name).search(html, end, close):
            return _parsed_article(page, found)  # (unclosed, or one of its name inside)
        if start < last:
            continue  # (inside an ignored element already cut)
        kept.append(html[last:start])
        last = html.find(">", close) + 1 or len(html)
    kept.append(html[last:])
    meta = []
    for start, end, name in _marked_tags(html, 'data-pagefind-meta="'):
        at = html.index('data-pagefind-meta="', start) + len('data-pagefind-meta="')
        value = unescape(html[at : html.index('"', at)]).partition(":")[2]
        if not value:  # the element's text: to the first closing tag of its name
            close = html.find(f"</{name}", end)
            value = unescape(_ANY_TAG.sub("", html[end : close if close >= 0 else None]))
        meta.append(value)
    text = unescape(_ANY_TAG.sub("", "".join(kept)))
    return words_of(" ".join([text, *meta])), _filters(html)


_TAG_NAME = re.compile(r"<([a-zA-Z][\w-]*)")


def _marked_tags(html: str, mark: str):
    """(start, end, lower-case name) of each start tag carrying the attribute `mark` begins
    (found by its literal text, ten times faster than an expression over every tag)."""
    at = html.find(mark)
    while at >= 0:
        start = html.rfind("<", 0, at)
        end = html.find(">", at)
        name = _TAG_NAME.match(html, start) if start >= 0 else None
        whole = mark.endswith('"') or html[at + len(mark) : at + len(mark) + 1] in tuple(" \t\n/>=")  # fmt: skip
        if name and end >= 0 and whole and html[at - 1].isspace() and ">" not in html[start:at]:
            yield start, end + 1, name.group(1).lower()
        at = html.find(mark, at + len(mark))


def _parsed_article(page: bytes, found: tuple[int, int]) -> tuple[set[str], list[tuple[str, str]]]:
    """read_article by an HTML parser (lxml), for a body the expressions cannot be sure of."""
    import lxml.html

    html = page[found[0] : found[1]].decode("utf-8", "replace")
    tree = lxml.html.fromstring(html)
    meta = [
        node.get("data-pagefind-meta").partition(":")[2] or node.text_content()
        for node in tree.xpath("//*[@data-pagefind-meta]")
    ]  # (Pagefind may match its metadata too, even where the page's text ignores it)
    for ignored in tree.xpath("//*[@data-pagefind-ignore]"):
        ignored.drop_tree()
    text = " ".join([tree.text_content(), *meta])
    return words_of(text), _filters(html)


def _filters(html: str) -> list[tuple[str, str]]:
    """The filter values marked in a body: (key, value), spaces collapsed, none empty."""
    found = [(key, " ".join(unescape(value).split())) for key, value in _FILTER.findall(html)]
    return [(key, value) for key, value in found if value]


def summarise_year(
    folder: Path, records: dict[str, list] | None = None, pages: dict[str, list] | None = None
) -> tuple[Counter, dict[str, dict[str, int]], int]:
    """A year's words (in how many articles each), filter counts and number of articles.

    `pages`: what each article page was read as ({path: [search record digest, words,
    filters]}), kept between builds for the newest year, whose summary is made again for
    every day's news: a page whose record digest (in `records`, from read_pages) is the one
    it was read with is not read again. It is updated to this year's pages."""
    words: Counter = Counter()
    filters: defaultdict[str, Counter] = defaultdict(Counter)  # (not a Counter made per value)
    articles = 0
    records = records or {}
    seen = set()
    for page in article_pages(folder):
        path = page.relative_to(folder.parent).as_posix()
        digest = (records.get(path) or [None, None])[1]
        kept = pages.get(path) if pages is not None else None
        if digest is not None and kept is not None and kept[0] == digest:
            read = (kept[1], [tuple(pair) for pair in kept[2]])
        else:
            read = read_article(page.read_bytes())
            if read is not None and digest is not None and pages is not None:
                pages[path] = [digest, sorted(read[0]), read[1]]
        if read is None:
            continue
        seen.add(path)
        articles += 1
        words.update(read[0])
        for key, value in dict.fromkeys(read[1]):
            filters[key][value] += 1
    if pages is not None:
        for gone in set(pages) - seen:
            del pages[gone]
    return words, {k: dict(v) for k, v in filters.items()}, articles


def word_bucket(articles: int) -> int:
    """The bucket of YEAR_WORD_BOUNDS a word in this many articles is written in."""
    return max(0, bisect.bisect_right(YEAR_WORD_BOUNDS, articles) - 1)


def year_page(year: str, words: Counter, lang: str) -> tuple[str, list[int]]:
    """A year's part of the years index's page (see part_page), as a page of its own kept in
    the cache, and how many words (tokens, as Pagefind counts them) each of its sections has.

    A section per bucket of YEAR_WORD_BOUNDS, in order, each word of bucket b written b + 1
    times (a word in more articles stands more often, as before, but a hundred articles cost
    14 words, not 100: Pagefind's memory and time go with the words written, and its index
    chunks, which a search downloads whole, hold fewer words where each stands more often).
    A word whose accent-stripped form has whitespace in it is written as its parts."""
    buckets: list[set[str]] = [set() for _ in YEAR_WORD_BOUNDS]
    for word, n in words.items():
        buckets[word_bucket(n)].update(word.split())
    lines = [" ".join(" ".join([word] * (b + 1)) for word in sorted(bucket)) for b, bucket in enumerate(buckets)]  # fmt: skip
    sizes = [len(bucket) * (b + 1) for b, bucket in enumerate(buckets)]
    html = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{year}</title>'
        f"</head><body><main data-pagefind-body>{chr(10).join(lines)}</main></body></html>\n"
    )
    return html, sizes


_MAIN = "<main data-pagefind-body>"


def page_text(page: Path) -> str:
    """The text of a page year_page wrote (what Pagefind reads of it)."""
    html = page.read_text(encoding="utf-8")
    return html[html.index(_MAIN) + len(_MAIN) : html.rindex("</main>")]


@functools.lru_cache(maxsize=16384)
def _attributes(attributes: bytes) -> tuple[tuple[bytes, bytes], ...] | None:
    """A start tag's attributes, (lower-case name, value); None unless every one is plain
    (a name, or name="value" without "<"). Kept for the next tag alike: a page's tag links
    and marks are written the same on thousands of pages."""
    pairs = _ATTRIBUTE.findall(attributes)
    if _ATTRIBUTE.sub(b"", attributes).strip(b" \t\r\n/") or any(b"<" in v for _, v in pairs):
        return None
    return tuple((name.lower(), value) for name, value in pairs)


@functools.lru_cache(maxsize=16384)
def _marks(attributes: bytes) -> str | None:
    """The repr of the data-pagefind-* marks of a plain start tag's attributes (and what
    their [bracketed] attributes say: "summary[content]" reads the content attribute), None
    when it has none; kept as _attributes is."""
    pairs = _attributes(attributes) or ()
    values = dict(pairs)
    marks = [(k, v) for k, v in pairs if k.startswith(b"data-pagefind-") and k != _IGNORE]
    for _, value in list(marks):
        marks += [(k, values.get(k.lower(), b"")) for k in _BRACKETED.findall(value)]
    return repr(marks) if marks else None


@functools.lru_cache(maxsize=64)
def _edge(name: bytes) -> re.Pattern:
    """The next start or end tag of this name (group 1: "/" for an end tag)."""
    return re.compile(rb"<(/?)" + re.escape(name) + rb"[\s/>]", re.I)


def _body(page: bytes) -> tuple[int, int] | None:
    """Where the element marked data-pagefind-body is: <article ...> to the first </article>."""
    start = _BODY_START.search(page)
    if start is None:
        return None
    end = page.find(b"</article>", start.end())
    return None if end < 0 else (start.start(), end + len(b"</article>"))


def _found_tags(tags: re.Pattern, html: bytes, seen: bytes, mark: bytes, at: int) -> Iterator[re.Match]:  # fmt: skip
    """tags.finditer(html, at), for an expression of start tags that carry `mark` (in `seen`,
    html or its lower-case copy), tried only from each tag holding the mark's text: tried at
    every tag, it took most of a search record's time. (No match can start before the ">"
    that precedes the mark's next occurrence: it would end there, without a mark.)"""
    while (found := seen.find(mark, at)) >= 0:
        tag = tags.search(html, max(at, seen.rfind(b">", at, found) + 1))
        if tag is None:
            return
        yield tag
        at = tag.end()


@functools.lru_cache(maxsize=64)
def _closing_tag(name: bytes) -> re.Pattern:
    """A closing tag of this (lower-case) name, as _ignored_elements ends an element."""
    return re.compile(rb"</" + re.escape(name) + rb"\s*>", re.I)


def _ignored_elements(html: bytes) -> Iterator[tuple[re.Match, int]]:
    """Each element marked data-pagefind-ignore, to the first closing tag of its name (a
    start tag never closed is passed over), as its start tag and end: the start tags found
    as _found_tags finds them, each one's closing tag by an expression with a literal start
    (one expression for the whole element, with a lazy ".*?", tried the closing tag at every
    byte of it: a tenth of a search record's time)."""
    seen, at = html.lower(), 0
    while (found := seen.find(_IGNORE, at)) >= 0:
        start = max(at, seen.rfind(b">", at, found) + 1)
        while (tag := _IGNORED_START.search(html, start)) is not None:
            close = _closing_tag(tag.group(1).lower()).search(html, tag.end())
            if close is not None:
                break
            start = tag.start() + 1  # (never closed: the next start tag may be)
        if tag is None:
            return
        yield tag, close.end()
        at = close.end()


def _ignored_marks(span: bytes) -> bytes | None:
    """What Pagefind may still read in a data-pagefind-ignore element: the filters, metadata
    and sort keys marked in it (its text is not indexed, its marks are), as bytes; None when
    the span is not plain enough to tell (it is then kept whole)."""
    kept = []
    for tag in _found_tags(_MARKED_TAG, span, span, b"data-pagefind-", span.index(b">") + 1):
        reading = _tag_reading(tag.group(1), tag.group(2))
        if reading is None:
            continue
        if reading is _NOT_PLAIN:
            return None
        opening, edge = reading
        text = b""
        if edge is not None:
            found = edge.search(span, tag.end())
            if found is None or not found.group(1):
                return None  # unclosed, or an element of its own name inside
            text = span[tag.end() : found.start()]
        kept.append(opening + repr(text).encode() + b")")  # (the repr of the pair)
    return b"\n".join(kept)


#: What _tag_reading says of a tag whose attributes are not all plain.
_NOT_PLAIN: tuple[bytes, None] = (b"", None)


@functools.lru_cache(maxsize=16384)
def _tag_reading(name: bytes, attributes: bytes) -> tuple[bytes, re.Pattern | None] | None:
    """How _ignored_marks reads a start tag's element: the start of its pair (the repr of
    its marks, then of its text) and the expression of the tag ending its text (None: a void
    element, no text); None when it has no marks, _NOT_PLAIN when its attributes are not all
    plain. Kept as _attributes is (one look-up a tag, not three)."""
    if _attributes(attributes) is None:
        return _NOT_PLAIN
    marks = _marks(attributes)
    if marks is None:
        return None
    name = name.lower()
    return f"({marks}, ".encode(), None if name in _VOID else _edge(name)


def search_record(page: bytes) -> bytes | None:
    """What Pagefind may read of a page, or more; None for a page without data-pagefind-body.

    The page as it is, but for the data-pagefind-ignore elements of its indexed body, each
    reduced to its marks (_ignored_marks): their text and links (tag chips, related
    articles, the pager) are not indexed, so a page whose only change is there keeps its
    record, and its shard is not indexed again. An ignored element is taken to end at the
    first closing tag of its name, which in well-formed HTML is its own or one inside it: the
    reduction never reaches past it. Anything uncertain (comments, scripts, a "<" in an
    attribute, images, attributes not name="value") is kept as it is, so the record changes
    whenever what Pagefind reads may have changed."""
    body = _body(page)
    if body is None:
        return None
    inner = page[body[0] : body[1]]
    if _UNMASKABLE.search(inner):
        return page
    out, last = [], 0
    for tag, end in _ignored_elements(inner):
        pairs = _attributes(tag.group(2))
        if pairs is None or _IGNORE not in dict(pairs):
            continue
        marks = _ignored_marks(inner[tag.start() : end])
        if marks is None:
            continue
        out += [inner[last : tag.start()], b"<ignored>", marks, b"</ignored>"]
        last = end
    out.append(inner[last:])
    return page[: body[0]] + b"".join(out) + page[body[1] :]


def record_digest(page: bytes) -> str | None:
    """A digest of the page's search record (None: a page without data-pagefind-body)."""
    record = search_record(page)
    return None if record is None else hashlib.blake2b(record, digest_size=16).hexdigest()


def html_files(folder: Path) -> list[tuple[str, os.stat_result]]:
    """The .html files under folder, as (path relative to its parent, stat), sorted by path
    (os.scandir: a year's thousands of pages, where a Path each cost more than the rest)."""
    found = []
    stack = [(str(folder), folder.name + "/")]
    while stack:
        where, prefix = stack.pop()
        with os.scandir(where) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.name.endswith(".html") and entry.is_file():
                    found.append((prefix + entry.name, entry.stat()))
    return sorted(found)


def _file_key(stat: os.stat_result) -> list[int]:
    """A file as the last build left it: a rewrite changes its ctime (which no tool sets)."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


def page_month(page: bytes) -> str | None:
    """The month a page is dated in ("YYYY-MM"), from the element Pagefind sorts it by date
    with (the article byline's <time datetime>); None for a page without one (undated)."""
    mark = page.find(_DATE_SORT)
    if mark < 0:
        return None
    found = _MONTH.search(page, page.rfind(b"<", 0, mark) + 1, page.find(b">", mark))
    return found.group(1).decode("ascii") if found else None


#: A page as read_pages reads it: (year, path, digest of its search record (None: not
#: indexed), digest of its bytes, its month (page_month)).
Page = tuple[str, str, str | None, str, str | None]


def read_pages(shard: Shard, records: dict[str, list] | None = None) -> list[Page]:
    """The shard's .html files, as its bundles' stamps are made from them (stamp_of).
    `records`: page -> [digest of its bytes, of its record, its month, its size, mtime,
    ctime and inode], kept between builds: a page whose file is as recorded is not read
    again, one whose bytes are is not read apart again (the entries of the shard's pages are
    updated)."""
    records = {} if records is None else records
    found: list[Page] = []
    for year, folder in zip(shard.years, shard.folders, strict=True):
        for path, stat in html_files(folder):
            key = _file_key(stat)
            known = records.get(path)
            if not (isinstance(known, list) and len(known) == 7 and known[3:] == key):
                data = (folder.parent / path).read_bytes()
                raw = hashlib.blake2b(data, digest_size=16).hexdigest()
                if isinstance(known, list) and len(known) == 7 and known[0] == raw:
                    known = records[path] = [*known[:3], *key]
                else:
                    known = records[path] = [raw, record_digest(data), page_month(data), *key]
            found.append((year, path, known[1], known[0], known[2]))
    return found


def stamp_of(years: list[str], pages: list[Page]) -> dict:
    """A bundle's stamp: its years, a digest of what Pagefind reads of its pages (each
    indexed page's path and search record: search_record) and the same digest for each
    year's pages alone. Pages without data-pagefind-body are not indexed when any page is, so
    they count only when none is (then by their bytes)."""
    indexed = any(record is not None for _, _, record, _, _ in pages)
    digest = hashlib.sha256()
    by_year = {year: hashlib.sha256() for year in years}
    for year, path, record, raw, _ in pages:
        if record is None and indexed:
            continue
        line = f"{path}\0{raw if record is None else record}\n".encode()
        digest.update(line)
        by_year[year].update(line)
    return {
        "years": years,
        "fingerprint": digest.hexdigest(),
        "year_fingerprints": {year: h.hexdigest() for year, h in by_year.items()},
    }


@dataclass
class Bundle:
    """One Pagefind index of a shard (pagefind/<name>/): the shard whole, or some of its
    pages (`pages`, relative to the site)."""

    name: str
    stamp: dict
    pages: list[str] | None = None


def _quarter(month: str) -> tuple[str, int]:
    """A "YYYY-MM" month's year and quarter (0-3)."""
    return month[:4], (int(month[5:7]) - 1) // 3


def shard_bundles(shard: Shard, pages: list[Page], split: bool, cap: int = DEFAULT_SHARD_PAGES) -> list[Bundle]:  # fmt: skip
    """The bundles a shard is indexed as. One, its folders whole, when it is not split and
    has at most `cap` indexed pages. Else its indexed pages in groups: with `split` (the
    newest shard) two when both have pages, those dated before its newest month's quarter
    (undated pages too) and that quarter's (pagefind/<name>-recent/), so a day's news
    re-indexes the quarter's pages, not the year's. Each group is packed oldest month first
    into parts of at most `cap` pages (month_parts), so no Pagefind run holds more than
    `cap` pages' index in memory, ~0.33 MB a page, however many articles a year has. The
    stamps of a shard of more than one bundle, or split, name its bundles ("parts", earlier
    pages first) and how it was cut ("split": split_rule)."""
    indexed = [page for page in pages if page[2] is not None]
    if not indexed:
        return []  # (every page hidden: Pagefind, finding no page marked, would index them all)
    groups = [(shard.name, indexed)]
    if split:
        newest = max((page[4] for page in indexed if page[4]), default=None)
        latest = _quarter(newest) if newest else None
        recent: list[Page] = []
        earlier: list[Page] = []
        for page in indexed:
            (recent if page[4] and _quarter(page[4]) == latest else earlier).append(page)
        if recent and earlier:
            groups = [(shard.name, earlier), (f"{shard.name}{RECENT}", recent)]
    parts = [part for name, group in groups for part in month_parts(name, group, cap)]
    if len(parts) == 1:
        stamp = stamp_of(shard.years, pages)
        return [Bundle(shard.name, {**stamp, "parts": [shard.name], "split": split_rule(split, cap)} if split else stamp)]  # fmt: skip
    names = [name for name, _ in parts]
    return [
        Bundle(
            name,
            {**stamp_of(shard.years, part), "parts": names, "split": split_rule(split, cap)},
            [page[1] for page in part],
        )  # fmt: skip
        for name, part in parts
    ]


def month_parts(name: str, pages: list[Page], cap: int) -> list[tuple[str, list[Page]]]:
    """Pages packed oldest month first (undated first) into parts of at most `cap`, each
    part's pages in the order given: the first part is `name`, each other one is named by
    its first month (YYYY-MM: a month starts one part at most). A month of more than `cap`
    (or more undated pages: an archive of text dumps without dates) is cut in pieces of
    `cap` in page order, the pieces after its first named <month>-part2, -part3, ...
    Articles arriving after the last month change the last part only: the parts before keep
    their pages."""
    by_month: dict[str, list[int]] = {}
    for at, page in enumerate(pages):
        by_month.setdefault(page[4] or "", []).append(at)
    names: list[str] = []
    part_of = [0] * len(pages)
    filled = 0
    for month in sorted(by_month):
        members = by_month[month]
        for k, piece in enumerate(_pieces(members, cap), 1):
            if not names or filled + len(piece) > cap:
                first = month if k == 1 else f"{month or name}-part{k}"
                names.append(first if names else name)
                filled = 0
            for at in piece:
                part_of[at] = len(names) - 1
            filled += len(piece)
    parts: list[tuple[str, list[Page]]] = [(part, []) for part in names or [name]]
    for at, page in enumerate(pages):
        parts[part_of[at]][1].append(page)
    return parts


def _pieces(items: list[int], size: int) -> list[list[int]]:
    return [items[at : at + size] for at in range(0, len(items), size)]


def split_rule(split: bool, cap: int) -> str:
    """How a shard of more than one bundle was cut, in its bundles' stamps: untouched takes
    only bundles cut by this rule, with this `cap` (SEARCH_SHARD_PAGES may change)."""
    return f"{SPLIT if split else WHOLE}, in parts of at most {cap} pages"


def shard_stamp(shard: Shard, stamps: list[dict]) -> dict:
    """The shard's stamp as the years' summaries read it (its years' fingerprints), from its
    bundles' stamps: the one bundle's own, or a digest of each bundle's."""
    if len(stamps) == 1:
        return stamps[0]
    by_year = {
        year: hashlib.sha256(" ".join(s["year_fingerprints"].get(year, "") for s in stamps).encode()).hexdigest()
        for year in shard.years
    }  # fmt: skip
    return {"years": shard.years, "year_fingerprints": by_year}


def _json_object(path: Path) -> dict:
    """A JSON object kept between builds ({} if missing, unreadable or not an object)."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _load_records(cache: Path) -> dict:
    return _json_object(cache / RECORDS)


def _stamp(bundle: Path) -> dict:
    """What a shard was indexed from ({} if it has no readable stamp)."""
    return _json_object(bundle / STAMP)


def wasm_found(bundle: Path) -> bool:
    """Whether the WebAssembly a bundle's entry file sends Pagefind's runtime to (its
    `<bundle>/wasm.<name>.pagefind`, "unknown" without a name) exists. An index built before
    languages without a stemmer (Japanese) were shared as the others sent it to wasm.None,
    which does not: nothing could be searched, and nothing in its pages says so."""
    languages = _json_object(bundle / ENTRY).get("languages")
    if not isinstance(languages, dict) or not languages:
        return False
    for language in languages.values():
        name = language.get("wasm") if isinstance(language, dict) else None
        if not os.path.isfile(os.path.normpath(bundle / f"wasm.{name or 'unknown'}.pagefind")):
            return False
    return True


def _indexed_stamp(bundle: Path) -> dict:
    """What a bundle was indexed from, or {} when it cannot be searched (wasm_found): it is
    indexed again, as one with no stamp is."""
    return _stamp(bundle) if wasm_found(bundle) else {}


def _pages_of(stamp: dict) -> dict:
    """What of a bundle's stamp its index depends on: not which bundles its shard has."""
    return {key: value for key, value in stamp.items() if key not in ("parts", "split")}


def _write_json(path: Path, data, compact: bool = False) -> None:
    """Atomically, so a killed build never leaves a half-written manifest; an unchanged file
    is left alone (incremental builds rewrite nothing that did not change)."""
    if compact:  # (files the search page downloads, as small as they can be)
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    else:
        text = json.dumps(data, indent=1)
    try:
        if path.read_text(encoding="utf-8") == text:
            if path.stat().st_mode & 0o777 != FILE_MODE:  # (written owner-only before)
                path.chmod(FILE_MODE)
            return
    except OSError:
        pass
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    usual_permissions(fd)  # (served: readable by the web server)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)


Command = Callable[..., list[str]]


def index_shard(
    output: Path,
    shard: Shard,
    bundle: Bundle,
    cache: Path,
    command: Command,
    run: Callable[[list[str]], str],
) -> None:
    """Index one bundle of a shard into a fresh folder, then swap it in: a failed run keeps
    the old one. A bundle of some of the shard's pages is indexed from a tree of links to
    them in `cache` (linked_pages: Pagefind reads a folder, through one glob)."""
    root = output / BUNDLE
    final = root / bundle.name
    fresh = Path(tempfile.mkdtemp(dir=root, prefix=f".new-{bundle.name}-"))
    try:
        with contextlib.ExitStack() as stack:
            site = output if bundle.pages is None else stack.enter_context(linked_pages(output, bundle.pages, cache / LINKED))  # fmt: skip
            run(command(str(site), glob=shard.glob, bundle=str(fresh)))
        share_runtime(fresh, root)
        _write_json(fresh / STAMP, bundle.stamp)
        swap_in(fresh, final)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


@contextlib.contextmanager
def linked_pages(output: Path, pages: list[str], where: Path) -> Iterator[Path]:
    """A folder in `where` holding these pages of the site at the same paths (so the URLs
    Pagefind gives them are the same), as hard links, or copies where a link cannot be made
    (another file system); removed afterwards."""
    where.mkdir(parents=True, exist_ok=True)
    tree = Path(tempfile.mkdtemp(dir=where, prefix="pages-"))
    try:
        for page in pages:
            (tree / page).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(output / page, tree / page)
            except OSError:
                shutil.copyfile(output / page, tree / page)
        yield tree
    finally:
        shutil.rmtree(tree, ignore_errors=True)


def runtime_files(bundle: Path) -> list[Path]:
    return [p for p in bundle.iterdir() if p.name in RUNTIME or p.name.startswith("wasm.")]


def share_runtime(bundle: Path, root: Path) -> None:
    """Move a fresh shard's runtime up to the shared copy in `root`, drop its UI bundles, and
    point its entry file's WebAssembly at the shared copy."""
    for path in runtime_files(bundle):
        os.replace(path, root / path.name)
    for path in bundle.iterdir():
        if path.is_file() and path.suffix in (".js", ".css"):
            path.unlink()
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    for language in entry.get("languages", {}).values():
        # (a language Pagefind has no stemmer for, Japanese say, has none: its runtime then
        # loads wasm.unknown, which is shared as the others are)
        name = language.get("wasm") or "unknown"
        language["wasm"] = f"{name}/../../wasm.{name}"
    _write_json(bundle / ENTRY, entry)


def site_language(output: Path) -> str:
    """The language of the search page (the index it searches), from its <html lang>."""
    for page in (output / "search" / "index.html", output / "index.html"):
        try:
            found = _LANG.search(page.read_bytes()[:4096])
        except OSError:
            continue
        if found:
            return found.group(1).decode("ascii", "replace").split("-")[0].lower()
    return "en"


def newest_kept(shard: Shard, shards: list[Shard]) -> bool:
    """Whether a shard's pages' readings are kept between builds: the newest shard's, when it
    is a year of its own beside others (the year a day's news lands in; a past year changes
    rarely, and keeping every page's words would cost ~5 KB a page in the cache). Not an
    archive's only year: at 20,000 articles that was 1 GB more memory, to save reading its
    pages again when it changes (~5 s)."""
    return shard.newest and len(shards) > 1


def year_summaries(
    output: Path,
    shards: list[Shard],
    cache: Path,
    stamps: dict[str, dict] | None = None,
    records: dict[str, list] | None = None,
) -> tuple[dict, set[str]]:
    """Every year's summary ({"filters", "articles", "sections"}), made again for the years whose
    indexed pages are not the ones the cached summary was made from (the year's fingerprint,
    in its shard's stamp: from `stamps`, by shard name, else the shard's own), or by another
    YEARS_LAYOUT; the years index's source page of each year is written beside it, in
    cache/site (the words in each of its sections in the summary). `records`: the pages'
    search record digests (read_pages), so the newest year's pages read at the last build
    are not read again (summarise_year). Returns the summaries, oldest year first, and the
    years whose source page was written again."""
    lang = site_language(output)
    site = cache / "site"
    site.mkdir(parents=True, exist_ok=True)
    summaries: dict[str, dict] = {}
    changed: set[str] = set()
    for shard in shards:
        if stamps is not None and shard.name in stamps:
            stamp = stamps[shard.name]
        else:
            stamp = _stamp(output / BUNDLE / shard.name)
        by_year = stamp.get("year_fingerprints")
        for year, folder in zip(shard.years, shard.folders, strict=True):
            digest = by_year.get(year) if isinstance(by_year, dict) else None
            saved = cache / f"{year}.json"
            page = site / year / "index.html"
            try:
                summary = json.loads(saved.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                summary = {}
            made = (summary.get("digest"), summary.get("lang"), summary.get("layout"))
            if not digest or made != (digest, lang, YEARS_LAYOUT) or not page.exists():
                kept = _json_object(cache / f"{year}{PAGES_SUFFIX}") if newest_kept(shard, shards) else None  # fmt: skip
                words, filters, articles = summarise_year(folder, records, kept)
                if kept is not None:
                    _write_json(cache / f"{year}{PAGES_SUFFIX}", kept, compact=True)
                page.parent.mkdir(parents=True, exist_ok=True)
                html, sections = year_page(year, words, lang)
                page.write_text(html, encoding="utf-8")
                summary = {"digest": digest, "lang": lang, "layout": YEARS_LAYOUT, "sections": sections, "filters": filters, "articles": articles}  # fmt: skip
                _write_json(saved, summary, compact=True)  # (C encoder: a year names thousands)
                changed.add(year)
            summaries[year] = summary
    for stale in site.iterdir():
        if stale.name not in summaries and stale.name not in (SETTLED_WORDS, PARTS):
            shutil.rmtree(stale, ignore_errors=True)
            (cache / f"{stale.name}.json").unlink(missing_ok=True)
    wanted = {f"{year}{PAGES_SUFFIX}" for year in shards[-1].years} if shards and newest_kept(shards[-1], shards) else set()  # fmt: skip
    for stale in cache.glob(f"*{PAGES_SUFFIX}"):
        if stale.name not in wanted:
            stale.unlink(missing_ok=True)
    return summaries, changed


def filter_bucket(value: str) -> int:
    """The file of pagefind/filters/<key>/ holding a value's counts: FNV-1a (32 bits) of its
    UTF-8 bytes, modulo FILTER_BUCKETS (search.js computes the same)."""
    digest = 0x811C9DC5
    for byte in value.encode("utf-8"):
        digest = ((digest ^ byte) * 0x01000193) & 0xFFFFFFFF
    return digest % FILTER_BUCKETS


def write_filter_counts(
    root: Path, summaries: dict[str, dict], menus: dict[str, set[str]] | None = None
) -> None:
    """For the menus, pagefind/filters/<key>.json: {"years": [oldest .. newest], "values":
    {value: articles}}, most articles first. For a filtered search, each value's articles per
    year, [year's position, count, ...] for the years it has any, in one of FILTER_BUCKETS
    small files, pagefind/filters/<key>/<bucket>.json, so a search downloads only its own
    value's (the menus' file grows with the archive's names: ~25 bytes each). `menus`: the
    values listed, for the keys it has (see index_shards)."""
    years = list(summaries)
    folder = root / FILTER_COUNTS
    folder.mkdir(exist_ok=True)
    keys = sorted({key for s in summaries.values() for key in s["filters"]})
    written: set[Path] = set()
    for key in keys:
        rows: dict[str, list[int]] = {}
        for i, year in enumerate(years):
            for value, n in summaries[year]["filters"].get(key, {}).items():
                if menus is None or key not in menus or value in menus[key]:
                    rows.setdefault(value, []).extend((i, n))
        ordered = sorted(rows.items(), key=lambda item: (-sum(item[1][1::2]), item[0]))
        totals = {value: sum(row[1::2]) for value, row in ordered}
        _write_json(folder / f"{key}.json", {"years": years, "values": totals}, compact=True)
        buckets: dict[int, dict[str, list[int]]] = {}
        for value, row in ordered:
            buckets.setdefault(filter_bucket(value), {})[value] = row
        (folder / key).mkdir(exist_ok=True)
        written |= {folder / f"{key}.json", folder / key}
        for bucket, values in buckets.items():
            path = folder / key / f"{bucket}.json"
            _write_json(path, {"years": years, "values": values}, compact=True)
            written.add(path)
    for stale in sorted(folder.rglob("*"), reverse=True):  # a folder's files before it
        if stale not in written:
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()


def years_parts(shards: list[Shard]) -> dict[str, list[str]]:
    """The years index's parts (folder: years): the settled shards' years, and the newest
    shard's, so articles arriving in the newest year re-index only the small part. An archive
    of one shard has none: the search page searches it whole and never asks (search.js,
    locate), so there is no index to pay for (1.5 KB an article at 1,000)."""
    if len(shards) < 2:
        return {}
    return {YEARS: [year for shard in shards[:-1] for year in shard.years], YEARS_NEWEST: shards[-1].years}  # fmt: skip


def years_sources(summaries: dict) -> str:
    """What a part of the years index is made from: each of its years' summary's fingerprint,
    language and layout (so a build killed between writing the years' pages and indexing
    them re-indexes, and an index by another YEARS_LAYOUT is made again)."""
    made = sorted((year, s.get("digest"), s.get("lang"), s.get("layout")) for year, s in summaries.items())  # fmt: skip
    return hashlib.sha256(json.dumps([YEARS_LAYOUT, made]).encode()).hexdigest()


def settled_words_page(site: Path, years: list[str], cache: Path, lang: str) -> str:
    """Every word of these years' source pages once (site/settled/), the first section of
    the newest part's page of the years index: so a search of that part says whether the
    other part has the word (Pagefind answers a word an index lacks with its nearest words,
    which in the newest year alone would name it for words of past years only; with these
    it never does, and a word without a match among them is not in the past years:
    search.js). Made again only when these years' pages are; returns a digest of the page."""
    made_from = hashlib.sha256(json.dumps([lang, *[_page_digest(site / y) for y in years]]).encode()).hexdigest()  # fmt: skip
    page = site / SETTLED_WORDS / "index.html"
    stamp = _json_object(cache / SETTLED_STAMP)
    if stamp.get("made_from") == made_from and page.exists():
        return stamp["digest"]
    words: set[str] = set()
    for year in years:
        words.update(page_text(site / year / "index.html").split())
    html, _ = year_page(SETTLED_WORDS, Counter(dict.fromkeys(words, 1)), lang)
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(html, encoding="utf-8")
    digest = hashlib.sha256(html.encode()).hexdigest()
    _write_json(cache / SETTLED_STAMP, {"made_from": made_from, "digest": digest})
    return digest


def _page_digest(folder: Path) -> str:
    """A year's source page, by its size and modification time (it is rewritten only when
    its year's summary is made again)."""
    try:
        stat = (folder / "index.html").stat()
    except OSError:
        return ""
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def part_page(site: Path, part: str, summaries: dict, settled_words: bool, lang: str) -> tuple[Path, dict]:  # fmt: skip
    """The page of a part of the years index (site/parts/<part>/): one page for all its years,
    each year's sections (year_page) in turn, each word written PART_REPEAT times as often on
    the newest part's; with `settled_words`, the other part's words first. Returns it and
    what years.json says of it: its years, how often each word is repeated, where each
    section ends (the positions, counting from 0, before which the first year's sections
    end, then the next year's, ...) and, with `settled_words`, where the other part's words
    end ("settled").

    One page, not one a year: Pagefind's memory goes with the words of each page, counted
    apart (at 20,000 articles, the same words on a page a year took 730 MB, on one 370)."""
    repeat = PART_REPEAT.get(part, 1)
    texts, ends, at = [], [], 0
    made: dict = {"years": list(summaries), "repeat": repeat}
    if settled_words:
        texts.append(page_text(site / SETTLED_WORDS / "index.html"))
    texts += [page_text(site / year / "index.html") for year in summaries]
    if repeat > 1:
        texts = [" ".join(" ".join([word] * repeat) for word in text.split()) for text in texts]
    if settled_words:
        at = made["settled"] = len(texts[0].split())
    for summary in summaries.values():
        for size in summary["sections"]:
            at += size * repeat
            ends.append(at)
    made["ends"] = ends
    page = site / PARTS / part / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{part}</title>'
        f"</head><body><main data-pagefind-body>{chr(10).join(texts)}</main></body></html>\n",
        encoding="utf-8",
    )
    return page, made


def index_years(
    root: Path,
    part: str,
    site: Path,
    summaries: dict,
    sources: str,
    command: Command,
    run: Callable[[list[str]], str],
    settled_words: bool = False,
    lang: str = "en",
) -> None:
    """Pagefind on the page of a part of the years index (part_page: the years in
    `summaries`; with `settled_words`, the other part's words first), into pagefind/<part>/
    (swapped in when done), with years.json: its layout, the buckets' bounds, each year's
    articles, the page's years and where its sections end. Only where Pagefind counted the
    words as they were written: a page it split into words itself (Chinese, Japanese) has no
    "ends" nor "settled" (the search page then takes a match for any of its years, and asks
    the past years' part for every word)."""
    final = root / part
    fresh = Path(tempfile.mkdtemp(dir=root, prefix=f".new-{part}-"))
    try:
        page, made = part_page(site, part, summaries, settled_words, lang)
        run(command(str(page.parent.parent), glob=f"{part}/index.html", bundle=str(fresh)))
        share_runtime(fresh, root)
        counted = []
        for fragment in (fresh / "fragment").glob("*.pf_fragment"):
            data = gzip.decompress(fragment.read_bytes())
            counted.append(json.loads(data[data.index(b"{") :]).get("word_count"))
        # the search page reads where the words matched (result.words), never the page's text
        # (result.data()): its fragment, a copy of every word (~half the index), is not kept
        shutil.rmtree(fresh / "fragment")
        written = made["ends"][-1] if made["ends"] else made.get("settled", 0)
        if counted != [written]:  # (nor is it known where the other part's words end)
            made = {key: value for key, value in made.items() if key not in ("ends", "settled")}
        articles = {year: s["articles"] for year, s in summaries.items()}
        made = {"layout": YEARS_LAYOUT, "bounds": YEAR_WORD_BOUNDS, "articles": articles, **made}
        _write_json(fresh / YEARS_MAP, {**made, "sources": sources}, compact=True)
        swap_in(fresh, final)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(site / PARTS / part, ignore_errors=True)  # (made again from the years')


def untouched(shard: Shard, root: Path, changed: set[str] | None, split: bool, cap: int = DEFAULT_SHARD_PAGES) -> list[dict] | None:  # fmt: skip
    """The stamps of the shard's bundles when the build says no page of this shard changed
    and its bundles were indexed for the same years and layout (split or not, in parts of
    `cap`: shard_bundles), with stamps of the current form (so its fingerprint need not be
    computed), and can be searched (wasm_found); else None."""
    if changed is None:
        return None
    folders = tuple(f"{year}/" for year in shard.years)
    if any(p.startswith(folders) for p in changed):
        return None
    first = _indexed_stamp(root / shard.name)
    names = first.get("parts", [shard.name])
    if not isinstance(names, list) or not names or names[0] != shard.name:
        return None
    stamps = [first, *(_indexed_stamp(root / str(name)) for name in names[1:])]
    layout, how = (names, split_rule(split, cap)) if split or len(names) > 1 else (None, None)
    fine = all(
        s.get("years") == shard.years and isinstance(s.get("year_fingerprints"), dict) and s.get("parts") == layout and s.get("split") == how
        for s in stamps
    )  # fmt: skip
    return stamps if fine else None


class Runs:
    """Pagefind runs, `jobs` at a time, each on a thread of `pool`. A run that waits for a
    free thread is started by its weight, the heaviest first, not in the order it was given:
    the years index's parts, given last (they need every year's summary), start before the
    shards still waiting, so that a full build does not end with the large part alone on one
    core while the other idles. (The first run given, the newest pages', starts at once,
    as it did.)"""

    def __init__(self, pool: ThreadPoolExecutor) -> None:
        self.pool = pool
        self.waiting: list[tuple[float, int, Callable[[], None]]] = []
        self.lock = threading.Lock()
        self.given = itertools.count()  # (ties go to the run given first)
        self.started: list = []

    def add(self, weight: float, run: Callable[[], None]) -> None:
        with self.lock:
            heapq.heappush(self.waiting, (-weight, next(self.given), run))
        self.started.append(self.pool.submit(self._next))

    def _next(self) -> None:
        with self.lock:
            run = heapq.heappop(self.waiting)[2]
        run()

    def wait(self) -> None:
        """Until every run has ended, or one failed: its error is raised (the pool's
        context then waits for the others)."""
        for job in self.started:
            job.result()


def index_shards(
    output: Path,
    target: int,
    command: Command,
    run: Callable[[list[str]], str],
    changed: set[str] | None = None,
    cache: Path | None = None,
    menus: dict[str, set[str]] | None = None,
    jobs: int = 1,
) -> str:
    """Index every bundle of a shard whose pages changed, drop bundles no longer planned,
    write the manifest (newest first), the filter counts and the years index; returns a
    one-line report. `changed`: the indexed pages this build rewrote or removed, when the
    build knows (else every shard is fingerprinted). `cache`: where the years' summaries are
    kept between builds (without it, every year is read again), the pages' search records'
    digests, and the trees of links a part of a shard is indexed from. `menus`: for a filter
    key, the values its menu and counts list (the entities with a page); other keys, or all
    of them without it, list every value. `jobs`: how many Pagefind runs at once (each is one
    process on one core); the years' summaries are read while the shards are indexed, and
    the years index is made beside them."""
    root = output / BUNDLE
    root.mkdir(parents=True, exist_ok=True)
    shards = plan(period_folders(output), target)
    have_runtime = all((root / name).exists() for name in RUNTIME)
    records = _load_records(cache) if cache is not None else {}
    before = dict(records)
    stamps: dict[str, dict] = {}
    layouts: dict[str, list[str]] = {}  # each shard's bundles, by name
    rebuilt: list[str] = []
    with contextlib.ExitStack() as stack:
        if cache is None:
            cache = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="years-")))
        shutil.rmtree(cache / LINKED, ignore_errors=True)  # (left by a killed build)
        pool = stack.enter_context(ThreadPoolExecutor(max_workers=max(1, jobs)))  # (ends first)
        running = Runs(pool)
        bundles: dict[str, list[Bundle]] = {}
        # each shard's Pagefind starts while the next is fingerprinted, the newest first (the
        # one new articles land in: its run starts before the others are looked at)
        for shard in reversed(shards):
            split = shard.newest
            kept = untouched(shard, root, changed, split, target) if have_runtime else None
            if kept is not None:
                stamps[shard.name] = shard_stamp(shard, kept)
                layouts[shard.name] = kept[0].get("parts", [shard.name])
                continue
            pages = read_pages(shard, records)
            made = bundles[shard.name] = shard_bundles(shard, pages, split, target)
            stamps[shard.name] = (
                shard_stamp(shard, [bundle.stamp for bundle in made])
                if made
                else stamp_of(shard.years, pages)
            )
            layouts[shard.name] = [bundle.name for bundle in made]
            for bundle in made:
                indexed = _indexed_stamp(root / bundle.name)
                if indexed == bundle.stamp:
                    continue
                if indexed and _pages_of(indexed) == _pages_of(bundle.stamp):
                    # the same pages in another layout (a quarter's first article makes a year
                    # of one bundle two): the index is as it was, its stamp relabelled
                    _write_json(root / bundle.name / STAMP, bundle.stamp)
                    continue
                weight = len(bundle.pages) if bundle.pages is not None else shard.pages
                running.add(weight, functools.partial(index_shard, output, shard, bundle, cache, command, run))  # fmt: skip
                rebuilt.append(bundle.name)
        indexed_shards = [shard for shard in shards if bundles.get(shard.name)]
        if not have_runtime and not rebuilt and indexed_shards:  # (its runtime comes with an
            # index: the newest shard's last bundle, the smallest)
            newest = indexed_shards[-1]
            last = bundles[newest.name][-1]
            running.add(0, functools.partial(index_shard, output, newest, last, cache, command, run))  # fmt: skip
            rebuilt.append(last.name)
        summaries, remade = year_summaries(output, shards, cache, stamps, records)
        parts = years_parts(shards)
        for part, years in parts.items():
            made_from = {year: summaries[year] for year in years}
            sources = years_sources(made_from)
            if part == YEARS_NEWEST:  # (with the page of the other part's words)
                words = settled_words_page(cache / "site", parts[YEARS], cache, site_language(output))  # fmt: skip
                sources = hashlib.sha256(f"{sources} {words}".encode()).hexdigest()
            indexed = _json_object(root / part / YEARS_MAP).get("sources")
            if remade.intersection(years) or indexed != sources or not wasm_found(root / part):
                running.add(math.inf, functools.partial(index_years, root, part, cache / "site", made_from, sources, command, run, part == YEARS_NEWEST, site_language(output)))  # fmt: skip
                rebuilt.append(part)
        # (after the years index's runs are started: in a rebuild after a day's news, its
        # newest part is the last run to end)
        write_filter_counts(root, summaries, menus)
        if records != before:
            cache.mkdir(parents=True, exist_ok=True)
            planned = tuple(f"{year}/" for shard in shards for year in shard.years)
            kept = {path: entry for path, entry in records.items() if path.startswith(planned)}
            _write_json(cache / RECORDS, kept, compact=True)
        running.wait()
    names = [name for shard in shards for name in layouts[shard.name]]
    keep = {*names, MANIFEST, FILTER_COUNTS, *parts} | {p.name for p in runtime_files(root)}
    for stale in root.iterdir():
        if stale.name not in keep:
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    # (a shard of hidden pages alone has no index, and no place in the manifest)
    _write_json(root / MANIFEST, [manifest_entry(shard, layouts[shard.name], summaries) for shard in reversed(shards) if layouts[shard.name]])  # fmt: skip
    kept = len(names) - len([name for name in rebuilt if name not in parts])
    return (
        f"{len(shards)} shard(s) in {len(names)} bundle(s), {sum(s.pages for s in shards)} "
        f"articles; indexed {', '.join(rebuilt) or 'none'}; {kept} unchanged"
    )


def manifest_entry(shard: Shard, names: list[str], summaries: dict[str, dict] | None = None) -> dict:  # fmt: skip
    """A shard in pagefind/shards.json: its folder, years and articles, when it is indexed as
    more than one bundle the bundles' folders ("parts": earlier pages first, the newest
    quarter's last), and the years its pages are dated in besides its folders' ("also", from
    `summaries`: an article whose Date was edited by hand is in its folder until a retag
    files it by its Date; the search page looks for that year's articles, and the undated,
    in this shard too)."""
    entry = {"path": f"{shard.name}/", "years": shard.years, "articles": shard.pages}
    if len(names) > 1:
        entry["parts"] = [f"{name}/" for name in names]
    if also := dated_elsewhere(shard, summaries or {}):
        entry["also"] = also
    return entry


def dated_elsewhere(shard: Shard, summaries: dict[str, dict]) -> list[str]:
    """The years (as folders name them: "undated" for the Date unknown) that the year filter
    of the shard's pages names and its folders do not."""
    marked = set()
    for year in shard.years:
        marked |= set((summaries.get(year) or {}).get("filters", {}).get("year", {}))
    found = {UNDATED if value == UNDATED_FILTER else value for value in marked}
    return sorted(found - set(shard.years))


def swap_in(fresh: Path, final: Path) -> None:
    """Put a freshly built index folder in place of the old one: readers see one or the
    other, never a half-written index (the old one is moved aside, then removed)."""
    old = final.parent / f".old-{final.name}"
    if final.exists():
        final.rename(old)
    fresh.rename(final)
    shutil.rmtree(old, ignore_errors=True)
