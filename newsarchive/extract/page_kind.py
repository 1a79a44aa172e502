"""A site's pages that are no article: about, contact and legal pages, an author's page,
search results, a gallery of captions, a page saying the page asked for is not found.

A crawled site (`wget --mirror`) holds them beside its articles, and each was imported as an
undated article. A page is taken for one only on the page's own word (a schema.org type it
declares, og:type `profile`), or on its address's conventional name (`/about/`,
`/author/<name>/`, `/search?q=`) or its text's shape (captions only) together with the
absence of what an article has (a date, a byline). A page that declares itself an article
(schema.org NewsArticle, BlogPosting, ...) is never one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import parse_qs, unquote, urlparse

from newsarchive.article import NotAnArticle
from newsarchive.extract.metadata import json_ld_objects

#: schema.org types a page declares for itself that are no article, and what each is.
#: Those of WEAK_PAGE_TYPES an article may hold (a gallery of its pictures, its questions
#: and answers) count only where the page has no date and no byline.
PAGE_TYPES = {
    "AboutPage": "an about page",
    "ContactPage": "a contact page",
    "ProfilePage": "a person's profile page",
    "SearchResultsPage": "a page of search results",
    "CollectionPage": "a list of pages (a section, a tag, an archive)",
    "ImageGallery": "a gallery of pictures",
    "MediaGallery": "a gallery",
    "VideoGallery": "a gallery of videos",
    "FAQPage": "a page of questions and answers",
}
WEAK_PAGE_TYPES = frozenset({"CollectionPage", "ImageGallery", "MediaGallery", "VideoGallery", "FAQPage"})  # fmt: skip
#: The last name of an address (`/about-us/`, `/privacy.html`) a site's own pages go by.
STATIC_NAMES = {
    "about": "an about page", "about-us": "an about page", "contact": "a contact page",
    "contact-us": "a contact page", "privacy": "a privacy policy",
    "privacy-policy": "a privacy policy", "privacy-notice": "a privacy policy",
    "cookie-policy": "a cookie policy", "cookies": "a cookie policy", "terms": "terms of use",
    "terms-of-use": "terms of use", "terms-of-service": "terms of use",
    "terms-and-conditions": "terms of use", "imprint": "an imprint", "impressum": "an imprint",
    "legal": "a legal notice", "disclaimer": "a disclaimer", "advertise": "an advertising page",
}  # fmt: skip
#: Folders whose page is an author's (`/author/<name>/`).
AUTHOR_FOLDERS = frozenset({"author", "authors", "writer", "writers", "contributor", "contributors"})  # fmt: skip
#: Folders whose pages are galleries (`/gallery/floods-2019/`).
GALLERY_FOLDERS = frozenset({"gallery", "galleries", "photos", "photo-gallery", "slideshow", "slideshows"})  # fmt: skip
#: A page's query that asks a site's search (`?q=ferry`, WordPress's `?s=ferry`).
SEARCH_PARAMETERS = frozenset({"q", "s", "query", "search"})
#: Captions make up this share of a page's text or more: a gallery (under a gallery's
#: address, GALLERY_ADDRESS_CAPTION_SHARE), not an article with its pictures.
GALLERY_CAPTION_SHARE = 0.8
GALLERY_ADDRESS_CAPTION_SHARE = 0.5
GALLERY_MIN_CAPTIONS = 3
#: The headline of the page a site serves, as a page, for an address it has none at (a
#: "soft 404", which a crawl saves as it saves any page), and the most words its text has.
_NOT_FOUND = re.compile(r"^(?:error )?404(?:\W+(?:error|page|not found))*\W*$|^(?:\W*\w+){0,3}\W+page (?:was not|could not be|cannot be|not) found\W*$|^page not found\b|^not found\W*$|^nothing (?:was )?found\b", re.I)  # fmt: skip
NOT_FOUND_MAX_WORDS = 80
_CAPTIONS = '//figcaption | //*[contains(@class, "caption")]'
#: A page's file name's suffix (`about.html`, a saved query's `?q=ferry.html`, a text dump's
#: `about.txt`), and the
#: name of a folder's own page (`index.html`).
_SAVED_SUFFIX = re.compile(r"\.(?:s?html?|php|aspx?|txt)$", re.I)
#: A crawl's folder named after the site's host (`site.example`, `www.courier.example`).
_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")
_INDEX = re.compile(r"^(?:index|default)\.(?:s?html?|php|aspx?)$", re.I)


def declared_types(tree) -> set[str]:
    """The schema.org types the page declares for itself: its JSON-LD objects' (a
    `@graph`'s members too) and the microdata types of its html, body and main elements (an
    item inside them is a part of the page: a gallery in an article)."""
    found = set()
    for obj in json_ld_objects(tree):
        kinds = obj.get("@type")
        found.update(kinds if isinstance(kinds, list) else [kinds])
    items = tree.xpath("//html[@itemtype] | //body[@itemtype] | //main[@itemtype]")
    found.update(item.get("itemtype") for item in items)
    return {_type_name(kind) for kind in found if kind}


def _type_name(kind) -> str:
    """`https://schema.org/AboutPage` as `AboutPage`."""
    return str(kind).strip().rstrip("/").rsplit("/", 1)[-1]


def declares_article_anywhere(tree) -> bool:
    """Whether the page declares itself an article, in JSON-LD or by its only outermost
    microdata item (`<article itemscope itemtype=".../NewsArticle">`; a list of stories'
    teasers are several items, none of them the page)."""
    outermost = tree.xpath("//*[@itemscope and @itemtype and not(ancestor::*[@itemscope])]")
    own = {_type_name(item.get("itemtype")) for item in outermost} if len(outermost) == 1 else set()
    return declares_article(declared_types(tree) | own)


def declares_article(types: set[str]) -> bool:
    """Whether one of the page's declared types is an article's (NewsArticle, BlogPosting,
    LiveBlogPosting, ...), as the page's metadata reads them."""
    return any("Article" in kind or "Posting" in kind for kind in types)


def address_parts(address: str) -> tuple[list[str], dict[str, list[str]]]:
    """The names of an address's path, a page's file name read as the page's
    (`about.html` as `about`, `index.html` as none), and its query: a saved file's name keeps
    the page's (`search/index.html?q=ferry.html` is (["search"], {"q": ["ferry"]}))."""
    parsed = urlparse(address)
    path, query = parsed.path, parsed.query
    if not parsed.scheme:  # (a saved file's name: `index.html?q=ferry.html`)
        query = _SAVED_SUFFIX.sub("", query)
    names = [name.lower() for name in unquote(path).split("/") if name]
    if names and _INDEX.match(names[-1]):
        names.pop()
    elif names:
        names[-1] = _SAVED_SUFFIX.sub("", names[-1])
    return names, parse_qs(query)


class AddressKind(NamedTuple):
    """What a page's address names it, the part of the address that says so (no name that
    is the page's own: a crawl's hundreds of author pages share their summary line), and
    whether that is enough on its own (a search's query, an author's folder under a
    headline naming the author)."""

    what: str
    why: str
    enough: bool


def kind_by_address(address: str, title: str) -> AddressKind | None:
    """What a page's address names it; None for an address no site's own page goes by. A
    name under a number (`/2019/05/about/`) is an article's."""
    names, query = address_parts(address)
    asked = query.keys() & SEARCH_PARAMETERS
    if "search" in names[-2:] and (asked or names[-1] == "search"):
        return AddressKind("a page of search results", "its address is a search's", True)
    if len(names) >= 2 and names[-2] in AUTHOR_FOLDERS:
        named = set(names[-1].split("-")) <= set(re.findall(r"\w+", title.lower()))
        why = f"its address under /{names[-2]}/" + (", its headline the name" if named else "")
        return AddressKind("an author's page", why, named)
    if names and names[-1] in STATIC_NAMES and not (len(names) > 1 and names[-2].isdigit()):
        return AddressKind(STATIC_NAMES[names[-1]], f"its address ends /{names[-1]}/", False)
    if folder := next((name for name in names[-3:] if name in GALLERY_FOLDERS), None):
        return AddressKind("a gallery", f"its address under /{folder}/", False)
    if _site_search(address, names, query):
        return AddressKind("a page of search results", "its address asks the site's ?s=", False)
    return None


def _site_search(address: str, names: list[str], query: dict[str, list[str]]) -> bool:
    """WordPress's search, `/?s=ferry` (a crawl's `site.example/index.html?s=ferry.html`):
    at the site's root only, and not a number (an old CMS's `story.php?s=4512` is a story,
    as Drupal's `?q=node/12` is)."""
    words = query.get("s", [""])[0]
    at_root = not names or (not urlparse(address).scheme and _HOST.fullmatch(names[-1]))
    return bool(words.strip()) and not words.strip().isdigit() and bool(at_root)


def caption_share(tree, text: str) -> tuple[float, int]:
    """The share of the text's words that are the page's picture captions, and how many
    captions it holds."""
    captions = {" ".join(c.text_content().split()) for c in tree.xpath(_CAPTIONS)}
    flat = " ".join(text.split())
    held = [c for c in captions if c and c in flat]
    words = len(flat.split()) or 1
    return min(1.0, sum(len(c.split()) for c in held) / words), len(held)


def check_not_a_site_page(
    tree,
    addresses: list[str],
    title: str,
    text: str,
    undated_unsigned: Callable[[], bool],
) -> None:
    """Refuse (NotAnArticle) a site's page that is no article: its declared type, or its
    address's name or its captions-only text, where it has no date and no byline
    (`undated_unsigned`, asked only then). `addresses` are the page's URL and its saved
    file's path, where it has them."""
    if declares_article_anywhere(tree):
        return
    if _NOT_FOUND.search(title.strip()) and len(text.split()) <= NOT_FOUND_MAX_WORDS:
        raise NotAnArticle(f"a page-not-found page, not an article (its headline {title.strip()!r})")  # fmt: skip
    types = declared_types(tree)
    declared = next((kind for kind in PAGE_TYPES if kind in types), None)
    if declared and (declared not in WEAK_PAGE_TYPES or undated_unsigned()):
        raise NotAnArticle(f"{PAGE_TYPES[declared]}, not an article (schema.org {declared})")
    if (meta := tree.xpath('//meta[@property="og:type"]/@content')) and meta[0].strip().lower() == "profile":  # fmt: skip
        raise NotAnArticle("a person's profile page, not an article (og:type profile)")
    for address in addresses:
        found = kind_by_address(address, title)
        if found is None:
            continue
        why = found.why
        if found.what == "a gallery":
            share, count = caption_share(tree, text)
            if count < GALLERY_MIN_CAPTIONS or share < GALLERY_ADDRESS_CAPTION_SHARE:
                continue
            why += f", {count} captions {share:.0%} of its text"
        _refuse_by_address(found, why, undated_unsigned)
    share, count = caption_share(tree, text)
    if count >= GALLERY_MIN_CAPTIONS and share >= GALLERY_CAPTION_SHARE and undated_unsigned():
        raise NotAnArticle(
            f"a gallery, not an article ({count} captions are {share:.0%} of its text;"
            " no date, no byline)"
        )


def _refuse_by_address(found: AddressKind, why: str, undated_unsigned: Callable[[], bool]) -> None:
    if found.enough or undated_unsigned():
        why += "" if found.enough else "; no date, no byline"
        raise NotAnArticle(f"{found.what}, not an article ({why})")


def check_not_a_site_page_by_address(
    addresses: list[str], title: str, undated_unsigned: Callable[[], bool]
) -> None:
    """The address rules alone, for a text without its page's markup (a text dump saved as
    `about.txt`): a site's own page is told by its address's name
    where it has no date and no byline, an author's or a search's page as above. (A gallery
    is told by its captions, which a text does not mark.)"""
    for address in addresses:
        found = kind_by_address(address, title)
        if found is not None and found.what != "a gallery":
            _refuse_by_address(found, found.why, undated_unsigned)
