"""One article's address, however the page was saved: tracking, AMP and mobile variants.

The same story is scraped from a newsletter link (`?utm_source=newsletter`), its AMP copy
(`/amp/`, `?amp=1`, an `amp.` host) or the mobile site (an `m.` host), as well as from its
own address. `address_key` gives them one key, so a corrected re-scrape saved from any of
them updates the article it is a copy of (store.py) instead of being set aside as a
near-duplicate of it.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, parse_qsl, unquote, urlencode, urlsplit, urlunsplit

#: Query parameters that say where a reader came from, never which page it is.
TRACKING_PARAMS = frozenset(
    """fbclid gclid dclid gbraid wbraid msclkid yclid twclid mc_cid mc_eid igshid _ga _gl ocid
    smid cmpid""".split()
)
TRACKING_PREFIXES = ("utm_",)
#: Query parameters that ask for a page's AMP copy (`?amp`, `?amp=1`, `?outputType=amp`).
AMP_PARAMS = frozenset({"amp"})
AMP_VALUES = frozenset({"amp"})
#: First labels of a host that serve a site's mobile or AMP copy, or name it with "www".
VARIANT_HOST_LABELS = frozenset({"www", "m", "mobile", "amp"})


def _page_params(query: str) -> list[tuple[str, str]]:
    """The query's parameters that choose the page: tracking and AMP ones dropped."""
    return [
        (name, value)
        for name, value in parse_qsl(query, keep_blank_values=True)
        if name.lower() not in TRACKING_PARAMS | AMP_PARAMS
        and not name.lower().startswith(TRACKING_PREFIXES)
        and value.lower() not in AMP_VALUES
    ]


def _page_host(host: str) -> str:
    """The host without a `www.`, `m.`, `mobile.` or `amp.` in front (two labels stay)."""
    labels = host.lower().split(".")
    while len(labels) > 2 and labels[0] in VARIANT_HOST_LABELS:
        labels = labels[1:]
    return ".".join(labels)


def _page_path(path: str) -> str:
    """The path without its AMP ending (`/story/amp/`, `/story.amp`) or its final slash."""
    path = path.rstrip("/")
    if path.endswith("/amp"):
        path = path[: -len("/amp")]
    elif path.endswith(".amp"):
        path = path[: -len(".amp")]
    return path.rstrip("/")


def _split(url: str) -> SplitResult | None:
    """The address's parts, or None where it has no host or cannot be read as an address (a
    bracket typed by hand in an Original_Url, "http://[host/...": no IPv6 host)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return parts if parts.netloc else None


def address_key(url: str) -> str:
    """The key of the page at `url`: scheme, fragment, trailing slash, tracking parameters
    and AMP or mobile markers left out ("" for no address)."""
    parts = _split(url)
    if parts is None:
        return ""
    params = _page_params(parts.query)
    query = "?" + urlencode(params) if params else ""
    return _page_host(parts.netloc) + _page_path(parts.path) + query


_C0_OR_SPACE = "".join(map(chr, range(33)))
_TABS_AND_NEWLINES = str.maketrans("", "", "\t\r\n")
#: An address's scheme and host (its netloc, as urlsplit reads it: up to a /, ? or #).
_SCHEME_AND_HOST = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)")


def page_host(url: str) -> str:
    """The host `address_key` starts with ("" for none), read without the rest of the
    address: a cheap first look, as most links lead to sites no archived page is from."""
    # (urlsplit's reading: leading control characters and spaces, tabs and newlines dropped)
    url = url.strip().lstrip(_C0_OR_SPACE)
    if "\t" in url or "\n" in url or "\r" in url:
        url = url.translate(_TABS_AND_NEWLINES)
    found = _SCHEME_AND_HOST.match(url)
    return _page_host(found[1]) if found else ""


def is_variant(url: str) -> bool:
    """The address carries tracking parameters or marks an AMP or mobile copy of a page."""
    parts = _split(url)
    if parts is None:
        return False
    host = parts.netloc.lower().removeprefix("www.")
    return (
        _page_host(host) != host
        or _page_path(parts.path) != parts.path.rstrip("/")
        or _page_params(parts.query) != parse_qsl(parts.query, keep_blank_values=True)
    )


def is_amp_or_mobile(url: str) -> bool:
    """The address is a page's AMP copy (`/amp/`, `.amp`, `?amp=1`, an `amp.` host) or its
    mobile site's (an `m.` or `mobile.` host): a copy that may leave part of the text out."""
    parts = _split(url)
    if parts is None:
        return False
    host = parts.netloc.lower().removeprefix("www.")
    params = parse_qsl(parts.query, keep_blank_values=True)
    amp_params = [(n, v) for n, v in params if n.lower() in AMP_PARAMS or v.lower() in AMP_VALUES]
    return (
        _page_host(host) != host
        or _page_path(parts.path) != parts.path.rstrip("/")
        or bool(amp_params)
    )


#: Paths of a site's home page, which no article has as its own address.
HOME_PATHS = frozenset({"", "/", "/index.html", "/index.htm", "/index.php"})


def is_home_page(url: str) -> bool:
    """The address is a site's home page: a canonical link or og:url that some sites' pages
    all give (a CMS's default), which would make every article of the site one article."""
    parts = _split(url)
    return parts is not None and parts.path.lower() in HOME_PATHS and not parts.query


#: Query parameters that number the pages of an article split over several (`?page=2`).
PAGE_PARAMS = frozenset({"page", "pg", "paged"})
#: The highest page number read from a path's last part (`/story/2/`): a larger number there
#: is an article's id, not a page.
MAX_PAGE = 99
#: What a saved file's name adds to the page's address (wget --adjust-extension's `.html`
#: after a query, a folder's `index.html`).
_SAVED_ENDINGS = ("/index.html", "/index.htm", "/index.php")


def later_page(address: str) -> tuple[str, int] | None:
    """(the first page's address, the page number) where `address` is the second or a later
    page of an article split over several: `?page=2` (`&pg=2`), or a last part of its path
    that is the page's number after the story's own (`/story-slug/2/`). The address may be a
    saved file's, whose name keeps the query (`story.html?page=2.html`, `story%3Fpage=2`)."""
    parts = urlsplit(unquote(address.strip()))
    path = parts.path
    for ending in _SAVED_ENDINGS:
        if path.lower().endswith(ending):
            path = path[: -len(ending)]
    params = parse_qsl(parts.query, keep_blank_values=True)
    for i, (name, value) in enumerate(params):
        number = re.match(r"\d{1,3}(?=\.html?$|$)", value)
        if name.lower() in PAGE_PARAMS and number and int(number.group()) > 1:
            rest = urlencode(params[:i] + params[i + 1 :])
            return urlunsplit((parts.scheme, parts.netloc, path, rest, "")), int(number.group())
    head, _, last = path.rstrip("/").rpartition("/")
    if last.isdigit() and 1 < int(last) <= MAX_PAGE and not head.rpartition("/")[2].isdigit():
        # (`/2021/05/02` is a date, not page 2 of `/2021/05`)
        return urlunsplit((parts.scheme, parts.netloc, head + "/", parts.query, "")), int(last)
    return None


def first_page_key(address: str) -> str:
    """The key of a page's address (address_key), or of its file's path where it has no host
    (a saved page without an address): a multi-page article's pages meet on it."""
    parts = urlsplit(unquote(address.strip()))
    if parts.netloc:
        return address_key(address)
    path = parts.path
    for ending in _SAVED_ENDINGS:
        if path.lower().endswith(ending):
            path = path[: -len(ending)]
    return "file:" + path.rstrip("/") + (f"?{parts.query}" if parts.query else "")
