"""Extraction: a RawDocument in, an Article out (body, title, date, authors, source).

`extract_article` is a pure function of the input and the user's overrides, so it runs in
worker processes and gives the same result every time.
"""

from __future__ import annotations

import json
import re
from datetime import date as calendar_date
from datetime import datetime

from lxml import html as lxml_html

from newsarchive.article import Article, ExtractionError, NotAnArticle
from newsarchive.extract.attribution import attribution_source
from newsarchive.extract.authors import normalise_authors
from newsarchive.extract.body import (
    body_html,
    check_is_article,
    check_not_a_listing,
    check_not_dropped_links,
    check_structure,
    html_text,
    strip_headline_and_byline,
)
from newsarchive.extract.dates import (
    epoch_date,
    html_date,
    implausible_stated_date,
    in_day_order,
    modified_date,
    parse_date,
    stated_offset,
    text_date,
)
from newsarchive.extract.language import article_language
from newsarchive.extract.metadata import host_label, page_metadata, without_publisher
from newsarchive.extract.page_kind import (
    check_not_a_site_page,
    check_not_a_site_page_by_address,
    declares_article_anywhere,
)
from newsarchive.extract.pages import page_position
from newsarchive.extract.source_name import host_name, title_site_name
from newsarchive.extract.textdump import parse_textdump
from newsarchive.extract.title import find_title
from newsarchive.extract.to_markdown import html_to_markdown, paragraphs_to_markdown
from newsarchive.sanitise import safe_url
from newsarchive.settings import MIN_BODY_WORDS
from newsarchive.sources import RawDocument, wayback
from newsarchive.sources.decode import GZIP_CUT_SHORT
from newsarchive.written_dates import ambiguous, without_day

__all__ = ["extract_article"]

#: What a warning says of a date turned down (in the future, before 1990): the article's
#: "date unknown" then does not say the page gives none.
IMPLAUSIBLE = "is not a plausible date"


def extract_article(doc: RawDocument, date: datetime | None = None) -> Article:
    """Extract one article; `date` (the --date option) wins over everything the page says.
    An input that is no article because its gzip file was cut short says so first: what the
    cut left (a page's head and menu) read as "behind a login wall"."""
    try:
        return _extract_article(doc, date)
    except ExtractionError as err:
        cut = next((w for w in doc.warnings if w.startswith(GZIP_CUT_SHORT)), None)
        if cut is None:
            raise
        raise ExtractionError(f"{cut}, which hold no article: {err}") from None


def _extract_article(doc: RawDocument, date: datetime | None) -> Article:
    doc.sidecar = _checked_values(doc.sidecar)
    readers = {"text": _from_textdump, "plaintext": _from_plaintext, "html": _from_html}
    article = readers[doc.kind](doc)
    article.language = article_language(article.language, article.body_text)
    _apply_overrides(article, doc.sidecar, date, record=doc.suffix == ".json")
    if article.url and safe_url(article.url) is None:
        # `javascript:`, `data:` or junk from a canonical link, a record or a sidecar
        article.warnings.append(f"address ignored (not http or https): {article.url[:80]!r}")
        article.url = None
    if not article.source:  # (as a page's name for itself falls back to its host's)
        article.source = host_name(article.url)
    if not article.title:
        raise ExtractionError("no headline found (add a `title:` in a sidecar file or record)")
    if article.date is None:
        why = "" if any(IMPLAUSIBLE in w for w in article.warnings) else ": the page does not say"
        article.warnings.append(f"date unknown{why} (use --date or a sidecar)")
    return article


def _base(doc: RawDocument, **fields) -> Article:
    return Article(
        input=doc.name,
        captured=doc.captured,
        raw_sha256=doc.sha256,
        raw_suffix=doc.suffix,
        warnings=list(doc.warnings),
        **fields,
    )


def _from_textdump(doc: RawDocument) -> Article:
    dump = parse_textdump(doc.text, doc.template)
    found = next((d for d in map(text_date, dump.date_lines) if d), None)
    _check_not_a_site_text(doc, dump.title, lambda: not found and not dump.authors)
    article = _base(
        doc,
        title=dump.title,
        body_markdown=paragraphs_to_markdown(dump.paragraphs),
        body_text="\n\n".join(dump.paragraphs),
        date=found,
        date_source="text" if found else None,
        source=dump.source,
        source_note=dump.source_note,
        authors=dump.authors,
    )
    article.warnings.extend(dump.warnings)
    return article


def _check_not_a_site_text(doc: RawDocument, title: str, undated_unsigned) -> None:
    """A text dump's address (its sidecar's URL, its own file's name) read as a page's is: a
    crawl's about page saved as about.txt is no article."""
    own_file = str(doc.path) if doc.name == str(doc.path) else None
    addresses = [a for a in (doc.sidecar.get("url"), own_file) if a]
    check_not_a_site_page_by_address(addresses, title, undated_unsigned)


def _from_plaintext(doc: RawDocument) -> Article:
    """An article's own text (a scraper's `text` field): paragraphs as given, nothing dropped."""
    blocks = re.split(r"\n\s*\n", doc.text.strip())
    if len(blocks) == 1:
        blocks = doc.text.strip().splitlines()
    paragraphs = [" ".join(block.split()) for block in blocks if block.strip()]
    words = sum(len(p.split()) for p in paragraphs)
    if words < MIN_BODY_WORDS:
        raise ExtractionError(f"no article text found ({words} words)")
    return _base(
        doc,
        title="",
        body_markdown=paragraphs_to_markdown(paragraphs),
        body_text="\n\n".join(paragraphs),
    )


def _parse_html(text: str):
    try:
        tree = lxml_html.document_fromstring(text.encode("utf-8"), parser=_PARSER)
    except (ValueError, lxml_html.etree.ParserError) as err:
        raise ExtractionError(f"unparseable HTML ({err})") from None
    _check_parsed_whole()
    return tree


def _check_parsed_whole() -> None:
    """Refuse a page the parser stopped reading at one of its limits, which drops the rest of
    the page without a word ("no article text found", or an article cut short): its depth
    (PARSER_MAX_DEPTH, well within MAX_NESTING_DEPTH) or a text of over 10 MB without a tag."""
    for error in _PARSER.error_log:
        if error.type != _RESOURCE_LIMIT:
            continue
        if "depth" in error.message:
            raise ExtractionError(f"HTML nested too deeply (over {PARSER_MAX_DEPTH} levels)")
        raise ExtractionError(f"HTML the parser cannot read whole ({error.message.strip()})")


_PARSER = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=False)
#: The deepest a page libxml2 reads is (without its "huge" option, which lets recursive code
#: loose on deeper trees); check_structure's count, made before parsing, cannot tell: it
#: counts tags a real page leaves open (290 levels for a page 10 deep) as open.
PARSER_MAX_DEPTH = 255
#: The parser's error where it stops reading a page (too deep, too long a text).
_RESOURCE_LIMIT = lxml_html.etree.ErrorTypes.ERR_RESOURCE_LIMIT


#: The first element of a document that is no web page, though saved as one (a crawler
#: names a feed's or an API's address `feed/index.html`), and what it is.
_NOT_PAGES = {"rss": "an RSS feed", "feed": "an Atom feed", "rdf:rdf": "an RSS feed",
              "urlset": "a sitemap", "sitemapindex": "a sitemap"}  # fmt: skip
_FIRST_ELEMENT = re.compile(r"\A\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([\w:-]+)", re.S | re.I)  # fmt: skip


def check_is_a_page(text: str) -> None:
    """Refuse a feed, a sitemap or a JSON document saved under a page's name: each failed as
    "no article text found (login wall, index or empty page?)", a reason that sent a user
    of a crawled site's thousands of `feed/index.html` looking for a login wall."""
    first = _FIRST_ELEMENT.match(text[:4096])
    what = _NOT_PAGES.get(first.group(1).lower()) if first else None
    if what is None and text.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
        try:
            json.loads(text)
            what = "a JSON document"
        except ValueError:
            pass
    if what:
        raise NotAnArticle(f"{what}, not a web page")


def _from_html(doc: RawDocument) -> Article:
    check_is_a_page(doc.text)
    check_structure(doc.text)
    captured = None
    if wayback.is_capture(doc.text, doc.sidecar.get("url")):
        text, original, captured = wayback.unwrap(doc.text, doc.sidecar.get("url"))
        doc.text = text
        if original:
            doc.sidecar = {**doc.sidecar, "url": original}
    article = _from_page(doc)
    if captured is not None:
        article.captured = captured
        article.warnings.append(f"Wayback Machine capture of {captured:%Y-%m-%d %H:%M}")
        if article.date is None:
            # the article existed when it was captured: a date to go by, labelled as such
            # (the Wayback Machine's times are UTC's)
            article.date, article.date_source = captured, "wayback-capture"
            article.date_offset = "+00:00"
    return article


def _from_page(doc: RawDocument) -> Article:
    tree = _parse_html(doc.text)
    meta = page_metadata(tree, doc.text, doc.sidecar.get("url"))
    site_names = [name for name in (meta["source"], host_label(meta["url"])) if name]
    title = find_title(tree, site_names)
    html = body_html(doc.text, meta["url"], tree)
    headlines = [h1.text_content() for h1 in tree.iter("h1")][:3]
    html = strip_headline_and_byline(html, title, meta["authors"], headlines)
    html, note = _split_attribution(html)
    text = html_text(html)
    date, date_source, date_offset = html_date(tree, meta["url"])
    modified, modified_offset = modified_date(tree)
    in_doubt = None
    if date_source == "htmldate":
        date, in_doubt = in_day_order(tree, date, lambda: article_language(meta["language"], text))
    # (a file's own name, where the input is one: a record's name is its container's)
    file_address = str(doc.path) if doc.name == str(doc.path) else None
    addresses = [address for address in (meta["url"], file_address) if address]
    check_not_a_site_page(tree, addresses, title, text, lambda: not date and not meta["authors"])
    _check_article_text(tree, html, text, title)
    ignored = implausible_stated_date(tree) if date is None else None
    named = meta["source"] or title_site_name(tree.findtext(".//title") or "", title)
    source = (attribution_source(note) if note else None) or named
    article = _base(
        doc,
        title=title,
        body_markdown=html_to_markdown(html, meta["url"]),
        body_text=text,
        url=meta["url"],
        date=date,
        date_source=date_source,
        date_offset=date_offset,
        # the publication a note names is no author either ("Victor Tangermann; Futurism")
        authors=without_publisher(meta["authors"], source, meta["url"]),
        source=source,
        source_note=note,
        language=meta["language"],
    )
    article.modified, article.modified_offset = modified, modified_offset
    if ignored:
        article.warnings.append(f"the page's date {ignored!r} {IMPLAUSIBLE}: ignored")
    if in_doubt:
        article.warnings.append(in_doubt)
    article.first_page, article.page, article.next_page = page_position(
        tree, meta["url"], file_address
    )
    # an AMP page names its full page's address as its own: it says what it is on <html>
    declared = tree.getroottree().getroot().attrib
    article.amp_page = "amp" in declared or "\N{HIGH VOLTAGE SIGN}" in declared
    lower_tail = doc.text[-2000:].lower()
    if "</html>" not in lower_tail and "</body>" not in lower_tail:
        article.incomplete = True
        article.warnings.append("page looks truncated (no closing </html>): text may be incomplete")
    return article


def _check_article_text(tree, html: str, text: str, title: str) -> None:
    """Refuse a body that is no article's text. A list of links or of stories is no article
    (NotAnArticle), unless the page declares itself one (schema.org NewsArticle): then the
    extractor failed on an article, which `--strict` must hear of."""
    try:
        check_is_article(html, text)
        check_not_dropped_links(tree, text)
        check_not_a_listing(tree, html, title)
    except NotAnArticle as err:
        if declares_article_anywhere(tree):
            raise ExtractionError(str(err)) from None
        raise


def _split_attribution(html: str) -> tuple[str, str | None]:
    """Move a trailing attribution paragraph out of the body into a source note."""
    fragment = lxml_html.fragment_fromstring(html, create_parent="div")
    paragraphs = [p for p in fragment.iter("p")][-3:]
    for p in reversed(paragraphs):
        text = " ".join(p.text_content().split())
        if attribution_source(text):
            p.getparent().remove(p)
            inner = lxml_html.tostring(fragment, encoding="unicode")
            return inner[len("<div>") : -len("</div>")], text
    return html, None


def _checked_values(given: dict) -> dict:
    """A sidecar's or record's values, each of a type it may have: text (numbers are read as
    text), a list of names for authors, a date for date; anything else is refused."""
    checked = {}
    for key, value in given.items():
        if value is None:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if key == "date" and isinstance(value, (str, datetime, calendar_date)):
            checked[key] = value
        elif key == "authors" and isinstance(value, list):
            if not all(isinstance(name, str) for name in value):
                raise ExtractionError("authors must be a name or a list of names")
            checked[key] = value
        elif isinstance(value, str):
            checked[key] = value
        else:
            raise ExtractionError(f"{key} must be text, not {type(value).__name__}")
    return checked


def _apply_overrides(
    article: Article, sidecar: dict, date: datetime | None, record: bool = False
) -> None:
    """The user's sidecar values replace what the page says; --date replaces both. A scraper
    record's date that cannot be read is ignored with a warning (one odd format would fail
    every record); a sidecar's, written by the user, fails the page."""
    for key in ("title", "url", "source", "language"):
        if sidecar.get(key):
            setattr(article, key, " ".join(str(sidecar[key]).split()))
    if sidecar.get("authors"):
        article.authors = normalise_authors(sidecar["authors"])
    if "date" in sidecar:
        value = sidecar["date"]
        parsed = parse_date(value) or epoch_date(value) or text_date(str(value))
        if parsed is not None and without_day(value):
            if not record:
                raise ExtractionError(
                    f"sidecar date {value!r} has no day: write the whole date (YYYY-MM-DD)"
                )
            article.warnings.append(f"the record's date {value!r} has no day: ignored")
        elif parsed is not None and not record and (reason := ambiguous(value)):
            raise ExtractionError(f"sidecar date {value!r} {reason}: write it as YYYY-MM-DD")
        elif parsed is not None:
            article.date, article.date_source = parsed, "record" if record else "sidecar"
            article.date_offset = stated_offset(value) or ("+00:00" if epoch_date(value) else None)
        elif record:
            article.warnings.append(f"the record's date {value!r} {IMPLAUSIBLE}: ignored")
        else:
            raise ExtractionError(f"sidecar date {value!r} {IMPLAUSIBLE}")
    if date is not None:
        article.date, article.date_source, article.date_offset = date, "option", None
