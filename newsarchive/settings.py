"""Named thresholds and defaults of the importer, in one place (see README: Settings)."""

from pathlib import Path

#: Suffixes of the one-page inputs `import` and `extract` read: saved pages and text dumps (JSON
#: and WARC files, which hold many pages, are sources/records.py's). A folder's files of
#: other kinds are counted as skipped; a file named on the command line is read whatever its
#: suffix (as HTML).
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
TEXT_SUFFIXES = (".txt", ".txt.gz")
#: A sidecar next to an input (`page.html.meta.yml`) supplies metadata the page lacks.
SIDECAR_SUFFIX = ".meta.yml"

#: Inputs larger than this are refused rather than risking memory on a single page.
MAX_INPUT_BYTES = 20 * 1024 * 1024
#: HTML nested deeper than this is refused: real pages stay under ~100 levels, and libxml2
#: silently flattens anything past 255, so a deeper page would come out mangled (or is an
#: attack on recursive code).
MAX_NESTING_DEPTH = 1000
#: HTML with more elements than this is refused: big real pages have ~10,000, and extraction
#: time grows with the count.
MAX_ELEMENTS = 200_000
#: An extracted body shorter than this (in words and in letters) is not an article: a login
#: wall or a stub. Real briefs of 20 words exist, so this stays low.
MIN_BODY_WORDS = 20
MIN_BODY_CHARS = 100
#: A body this short that asks readers to sign in or subscribe is a login wall, not an article.
WALL_MAX_WORDS = 80
#: More than this share of the body's words inside links means a list of links (an index page).
#: Deal roundups link nearly every paragraph (about 55 %), so the bar is high.
MAX_LINK_WORD_SHARE = 0.75
#: When trafilatura's precision mode finds fewer words than this, its default mode is tried too,
#: and kept if precision mode found less than this share of its text. (At a half, a CNN story
#: lost its first paragraphs, 40% of its words, silently; at 0.7 the benchmark's F1 is .975
#: against .974, precision .973 against .974: an archive would rather keep the text.)
RECALL_RETRY_WORDS = 200
RECALL_RETRY_RATIO = 0.7

#: An AMP or mobile copy of an article's page with fewer words than this share of the
#: article's text leaves it as it is: such copies leave out parts of the story (store.py).
SHORTER_COPY_SHARE = 0.6

#: Words in the `Summary:` metadata (list pages and feeds show it).
SUMMARY_WORDS = 45
#: Longest slug, in characters, cut at a word boundary.
MAX_SLUG_CHARS = 80

#: Where `import` writes, relative to the archive root (the current directory by default).
ARTICLES_DIR = Path("content/articles")
RAW_DIR = Path("raw")
REPORT_PATH = Path("reports/import-report.json")
REVIEW_PATH = Path("reports/people-review.json")
#: Each article's review items, so that a run which tags a few articles (or none) still
#: reports on the whole archive.
REVIEW_ITEMS_PATH = Path("reports/.people-review-items.json")
UNDATED_FOLDER = "undated"
