"""Pelican settings for building the archive locally (`make html`). publishconf.py extends them."""

from datetime import UTC
from pathlib import Path

ROOT = Path(__file__).resolve().parent

# No AUTHOR: articles carry their own authors, and Pelican would give the rest this one.
SITENAME = "News Archive"
SITESUBTITLE = "Scraped news, cleaned, dated and searchable"
SITEURL = ""
RELATIVE_URLS = True
# The site's public address, for what must be absolute (the canonical link, og:url, the 404
# page, served at any address); empty in a local build. publishconf.py sets it.
SITE_ADDRESS = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
THEME = str(ROOT / "themes" / "newsarchive")
PLUGIN_PATHS = [str(ROOT / "plugins")]
# sanitise before the content plugins: they all see article HTML that passed the allowlist.
PLUGINS = ["lean_pelican", "article_cache", "parallel_reading", "incremental_output", "sanitise",
           "archive_links", "archive_metadata", "entity_pages", "date_archives", "search_index",
           "site_files"]  # fmt: skip
# Articles are kept between builds as Pelican made them (plugins/article_cache): a rebuild
# reads only new and edited files. False: every article is read on every build.
ARTICLE_CACHE = True
# Articles are read and pages rendered by this many worker processes (plugins/parallel_reading,
# plugins/incremental_output); None: every core.
BUILD_JOBS = None
# Images in articles that are hosted on other sites (plugins/sanitise): "link" shows a link to
# the image, so reading a page fetches nothing from elsewhere; "keep" shows them (hot-linked,
# and the Content-Security-Policy then allows images from anywhere); "drop" leaves them out.
EXTERNAL_IMAGES = "link"

# Articles live under content/articles/YYYY/ (or undated/), and their address is that folder's
# (`folder`), not their Date's year: a Date corrected by hand breaks no link. A file in a folder
# of your own is addressed by its Date's year (plugins/archive_metadata).
PATH_METADATA = r"articles/(?P<folder>\d{4}|undated)/[^/]+$"
ARTICLE_URL = "{folder}/{slug}/"
ARTICLE_SAVE_AS = "{folder}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
USE_FOLDER_AS_CATEGORY = False
# No translations (an article's language is its own metadata): Pelican's search for them
# ends in a quadratic scan (`x not in index` over every article: 8 s at 20,000 articles).
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
DEFAULT_CATEGORY = "News"


def _newest_first(article) -> tuple:
    """Newest first by the local time each page gives (the day the lists show, and file it
    under: a page at 00:30 on 1 January at UTC+2 is in the new year, though 23:00 UTC the
    evening before comes after it), then by the moment; articles of one date (the undated, a
    day's date-only ones) by their file's path, so every build lists them alike (Pelican
    reads the files in no set order)."""
    local = article.date.replace(tzinfo=UTC).timestamp()
    return (-local, -article.date.timestamp(), article.source_path)


ARTICLE_ORDER_BY = _newest_first

# Lean output (architecture.md: ~10 KB per article all-in at 50,000 articles). People, topics
# and sources get their own pages from the entity plugin; Pelican's own tag, category and
# author pages are off.
DIRECT_TEMPLATES = ["index", "archives", "search", "notfound"]
NOTFOUND_SAVE_AS = "404.html"  # GitHub Pages serves it for any missing address
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
# Pagefind indexes output/ after every build (plugins/search_index).
SEARCH_INDEX = True
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
for _kind in ("TAG", "TAGS", "CATEGORY", "CATEGORIES", "AUTHOR", "AUTHORS"):
    globals()[f"{_kind}_SAVE_AS"] = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DEFAULT_PAGINATION = 20
# The home page shows the newest DEFAULT_PAGINATION articles; "All articles" lists them all.
# 100 lines a page everywhere: an entity page's older pages at 40 were ~4,800 pages of header
# and pager at 20,000 articles (~0.4 KB per article).
PAGINATED_TEMPLATES = {"archives": 100, "entity": 100, "period": 100}
# Date archives (plugins/date_archives): an overview with a chart, a page per year and month,
# and one for articles whose date is unknown.
DATES_URL = "dates/"
DATE_YEAR_URL = "{year}/"
DATE_MONTH_URL = "{year}/{month:02d}/"
UNDATED_INDEX_URL = "undated/"
# /page/N/ rather than Pelican's default name-N.html, which can collide (pelican#2754).
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Feed entries need absolute links: local builds point them at `make serve`.
# People, topics, organisations and places: a page each (plugins/entity_pages), declared like
# Hugo taxonomies. min_articles: the fewest articles that earn a page (names in data/people.yml
# and data/topics.yml always get one); feed: an Atom feed per page, or None; excerpts: each
# listed article with the line that names the entity (people and topics: off for the others,
# whose pages list title, date and source only: ~200 bytes an article saved on each).
ENTITY_TAXONOMIES = {
    "people": {
        "filter": "person",
        "title": "People",
        "url": "people/{slug}/",
        "save_as": "people/{slug}/index.html",
        "index_url": "people/",
        "index_save_as": "people/index.html",
        "min_articles": 2,
        "feed": "people/{slug}/atom.xml",
    },
    "topics": {
        "filter": "topic",
        "title": "Topics",
        "url": "topics/{slug}/",
        "save_as": "topics/{slug}/index.html",
        "index_url": "topics/",
        "index_save_as": "topics/index.html",
        "min_articles": 2,
        "feed": "topics/{slug}/atom.xml",
    },
    "sources": {
        "field": "source",
        "filter": None,  # the search page has its own source filter
        "title": "Sources",
        "url": "sources/{slug}/",
        "save_as": "sources/{slug}/index.html",
        "index_url": "sources/",
        "index_save_as": "sources/index.html",
        "min_articles": 1,
        "feed": "sources/{slug}/atom.xml",
        "excerpts": False,
    },
    "organisations": {
        "filter": "organisation",
        "title": "Organisations",
        "url": "organisations/{slug}/",
        "save_as": "organisations/{slug}/index.html",
        "index_url": "organisations/",
        "index_save_as": "organisations/index.html",
        "min_articles": 3,
        "feed": None,
        "excerpts": False,
    },
    "places": {
        "filter": "place",
        "title": "Places",
        "url": "places/{slug}/",
        "save_as": "places/{slug}/index.html",
        "index_url": "places/",
        "index_save_as": "places/index.html",
        "min_articles": 3,
        "feed": None,
        "excerpts": False,
    },
}

FEED_DOMAIN = "http://127.0.0.1:8000"
FEED_ALL_ATOM = "feeds/all.atom.xml"
# The articles corrected after they were first saved, the latest correction first (the
# feed above lists articles by their date: a correction to an old one is not in it).
FEED_CORRECTIONS_ATOM = "feeds/corrections.atom.xml"
FEED_MAX_ITEMS = 20
# A person's, topic's or source's feed: its newest 5 (there is a feed per entity page: at
# 50,000 articles, 5 more entries in each cost 17 MB of GitHub Pages' 1 GB).
ENTITY_FEED_MAX_ITEMS = 5
# A person's, topic's or source's feed: title, link, date and authors of each entry, no
# summary (issue 9: no summary copied into every feed that names the article).
ENTITY_FEED_SUMMARIES = False
# Feeds carry summaries, not whole articles: there is a feed per person and topic.
RSS_FEED_SUMMARY_ONLY = True
FEED_SUMMARY_ONLY = True  # Atom feeds too (plugins/archive_metadata)
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

# Summaries are plain text written by the importer; Jinja escapes everything we print.
FORMATTED_FIELDS: list[str] = []
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
    },
    "output_format": "html5",
}
# What Markdown made of each file is kept by plugins/article_cache, per folder; Pelican's
# content cache (loaded and written whole on every build) only hands reads over in memory.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = False
CACHE_PATH = "cache"
GZIP_CACHE = False
# Never emptied first, `make publish` included (publishconf.py): a build rebuilds what changed
# (a rebuild gives exactly the output of a clean build: tests/test_incremental.py), so a day's
# news publishes in seconds and pushes only the files that changed. Emptied, every publish was
# a full build that re-ran Pagefind on every shard, whose filter files come out in another
# order each run: each publish pushed a new copy of them all.
DELETE_OUTPUT_DIRECTORY = False
