"""Page metadata other than title and date: canonical URL, publication name, authors, language."""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

from trafilatura.metadata import extract_metadata

from newsarchive.extract.authors import byline_names, normalise_authors
from newsarchive.extract.source_name import (
    SITE_NAME_MIN_LETTERS,
    TAGLINE_SEPARATORS,
    host_label,
    source_name,
    squeezed,
)
from newsarchive.page_address import is_home_page


def json_ld_objects(tree) -> list[dict]:
    """The page's JSON-LD objects, a `@graph`'s members among them."""
    objects: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                objects.append(node)
                stack.extend(v for k, v in node.items() if k == "@graph")
    return objects


def _names(value) -> list[str]:
    """Names from a JSON-LD author/publisher value: a string, an object or a list of them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _meta(tree, *keys: str) -> str | None:
    """The content of the first of `keys`, in the order given, that a <meta> tag fills (not the
    first tag on the page: MSN's application-name, its article's title, comes before og:site_name)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in keys and key not in found and (meta.get("content") or "").strip():
            found[key] = " ".join(meta.get("content").split())
    return next((found[key] for key in keys if key in found), None)


#: A byline's element, by its class in English or another language ("autor", "auteur").
_BYLINE_XPATH = (
    '//*[@rel="author" or @itemprop="author" or contains(@class, "byline")'
    ' or contains(@class, "author") or contains(@class, "autor") or contains(@class, "auteur")'
    ' or contains(@class, "posted") or contains(@class, "meta")]'
)


def _visible_byline(tree) -> list[str]:
    """Authors from a byline the page shows ("Posted on March 3, 2017 by Anna Feld")."""
    for element in tree.xpath(_BYLINE_XPATH):
        text = " ".join(element.text_content().split())
        if not text or len(text) > 120:
            continue
        names = byline_names(text)
        if names:
            return names
        if element.get("rel") == "author" or element.get("itemprop") == "author":
            return [text]
    return []


def _site_name_from_title(tree, url: str | None) -> str | None:
    """The " - Site Name" part of <title> when it spells the site's host name, or at the end
    begins with it ("About bugs – Vortex Cannon Entertainment" on vortexcannon.org)."""
    host = host_label(url)
    title = " ".join((tree.findtext(".//title") or "").split())
    parts = TAGLINE_SEPARATORS.split(title)
    for part in (parts[-1], parts[0]) if len(parts) > 1 else ():
        squeezed = re.sub(r"\W+", "", part).lower()
        if host and squeezed and (squeezed == host or squeezed.removeprefix("the") == host):
            return part
    last = re.sub(r"\W+", "", parts[-1]).lower()
    if len(parts) > 1 and host and len(host) >= SITE_NAME_MIN_LETTERS and last.startswith(host):
        return parts[-1]
    return None


def without_publisher(authors: list[str], source: str | None, url: str | None) -> list[str]:
    """The publication is not an author beside a person ("Charlie Wood; Business Insider")."""
    outlets = {squeezed(name) for name in (source, host_label(url)) if name}
    outlets.discard("")

    def is_outlet(author: str) -> bool:
        own = squeezed(author)
        return any(own == o or (len(o) >= 3 and own.startswith(o)) for o in outlets)

    people = [a for a in authors if not is_outlet(a)]
    return people if people else authors


def _article_address(url: str | None) -> bool:
    """An http(s) address that is not a site's home page."""
    return url is not None and url.startswith("http") and not is_home_page(url)


def _permalink(tree) -> str | None:
    """The headline's own link, rel="bookmark" (WordPress's and hAtom's permalink), on a page
    that names no canonical address: the one whose text the <title> holds (a list of posts
    links others so too)."""
    title = " ".join((tree.findtext(".//title") or "").split()).lower()
    links = tree.xpath('//a[contains(concat(" ", normalize-space(@rel), " "), " bookmark ")]')
    for link in links:
        text = " ".join(link.text_content().split()).lower()
        href = (link.get("href") or "").strip()
        if len(text) > 10 and text in title and href.startswith(("http://", "https://")):
            return href
    return None


def page_metadata(tree, html: str, url_hint: str | None) -> dict:
    """url, source, authors and language of an HTML page, each None/[] when the page lacks it."""
    articles = [
        obj
        for obj in json_ld_objects(tree)
        if "Article" in str(obj.get("@type", "")) or "Posting" in str(obj.get("@type", ""))
    ]
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    # (a home page is no article's own address: some sites' pages all give theirs)
    declared = [canonical[0].strip() if canonical else None, _meta(tree, "og:url")]
    url = url_hint or next((u for u in declared if u and not is_home_page(u)), None)
    url = url or _permalink(tree)
    if url and not urlparse(url).scheme.startswith("http"):
        url = None
    traf = extract_metadata(html, default_url=url)
    authors: list[str] = []
    for obj in articles:
        authors += _names(obj.get("author"))
    if not authors:
        meta_author = _meta(tree, "author", "article:author", "byl", "dc.creator")
        authors = [meta_author] if meta_author and "://" not in meta_author else []
    if not authors:
        authors = [a for a in ((traf.author if traf else None) or "").split(";") if a.strip()]
    if not any(authors):
        authors = _visible_byline(tree)
    publisher = next((n for obj in articles for n in _names(obj.get("publisher"))), None)
    sitename = traf.sitename if traf else None  # (a domain name, when it has a dot: last)
    named = [_meta(tree, "og:site_name", "application-name"), publisher]
    named += [sitename if sitename and "." not in sitename else None]
    source = source_name([*named, _site_name_from_title(tree, url), sitename], url)
    language = (tree.get("lang") or _meta(tree, "og:locale", "language") or "").split("-")[0]
    language = language.split("_")[0].lower() or None
    return {
        "url": url or (traf.url if traf and _article_address(traf.url) else None),
        "source": source,
        "authors": without_publisher(normalise_authors(authors), source, url),
        "language": language,
    }
