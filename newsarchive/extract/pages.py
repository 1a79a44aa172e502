"""Where a page stands in an article split over several pages (`?page=2`, `/story/2/`).

Each page of such an article is a saved page of its own, all under one headline; the
importer joins them (newsarchive/page_groups.py), which needs each page's number, the
address its pages share, and whether it goes on to a next page.
"""

from __future__ import annotations

from urllib.parse import urljoin

from newsarchive.page_address import first_page_key, later_page

#: Links that may lead to the next page: the pager's, and the head's `rel="next"`.
_LINKS = "//a/@href | //link[@rel='next']/@href"


def page_position(tree, url: str | None, file_address: str | None) -> tuple[str, int, bool]:
    """(the key of the article's first page, this page's number, whether the page links to
    the page after it). `url` is the page's address (canonical link, record URL), which on
    some sites names the first page on every page; `file_address` the saved file's path,
    whose name keeps the page's own (`story.html?page=2.html`, `story/2/index.html`)."""
    base, number = url or file_address or "", 1
    for address in (url, file_address):
        if address and (found := _later_page(address)):
            base, number = found
            if address == file_address and url:
                base = url  # (its canonical link names the first page)
            break
    try:
        key = first_page_key(base) if base else ""
    except ValueError:  # (a canonical link no URL parser reads)
        return "", 1, False
    return key, number, bool(key) and _links_to_page(tree, key, number + 1, (url, file_address))


def _links_to_page(tree, key: str, number: int, addresses) -> bool:
    """Whether a link of the page leads to page `number` of the article whose first page's
    key is `key` (a link resolved against the page's address or its file's)."""
    for href in tree.xpath(_LINKS):
        for address in filter(None, addresses):
            try:
                found = later_page(urljoin(address, href.strip()))
            except ValueError:  # (an address no URL parser reads: `http://[broken`)
                continue
            if found and found[1] == number and first_page_key(found[0]) == key:
                return True
    return False


def _later_page(address: str) -> tuple[str, int] | None:
    try:
        return later_page(address)
    except ValueError:
        return None
