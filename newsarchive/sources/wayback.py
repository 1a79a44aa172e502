"""Wayback Machine captures: the page as it was, without the archive's toolbar and link rewriting.

A capture saved from web.archive.org carries the Wayback toolbar and has every link rewritten
to `/web/<timestamp>/<original URL>`. Unwrapped, it is the original page, at its original
address, with the capture time kept (a date the article was published by, used only when the
page itself gives none).
"""

from __future__ import annotations

import re
from datetime import datetime

_CAPTURE_URL = re.compile(
    r"(?:https?:)?(?://web\.archive\.org)?/web/(?P<stamp>\d{14})(?:[a-z]{2}_)?/(?P<url>https?://[^\s\"'<>]+)"
)
_TOOLBAR = re.compile(
    r"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->.*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->",
    re.S | re.I,
)
_WAYBACK_SCRIPTS = re.compile(
    r"<script[^>]*(?:/_static/|archive\.org|__wm\.|wombat)[^>]*>.*?</script>|"
    r"<link[^>]*/_static/[^>]*>|<!--\s*(?:FILE ARCHIVED ON|playback timings).*?-->",
    re.S | re.I,
)


def is_capture(html: str, url: str | None) -> bool:
    return bool(
        (url and _CAPTURE_URL.match(url))
        or "BEGIN WAYBACK TOOLBAR INSERT" in html[:200_000]
        or "__wm.init(" in html[:200_000]
    )


def captured_address(url: str) -> str | None:
    """The original address a Wayback Machine capture's address holds, or None for another."""
    capture = _CAPTURE_URL.search(url)
    return capture.group("url") if capture else None


def capture_time(stamp: str) -> datetime | None:
    try:
        return datetime.strptime(stamp, "%Y%m%d%H%M%S")
    except ValueError:
        return None


#: Where a capture states its own address and time: the archive's player script, the toolbar's
#: "The Wayback Machine - <capture URL>" line. (Not the first rewritten link: that is often a
#: script or stylesheet, and two stories of one site would share its address.)
_WOMBAT = re.compile(
    r"__wm\.wombat\(\s*[\"'](?P<url>https?://[^\"']+)[\"']\s*,\s*[\"'](?P<stamp>\d{14})[\"']"
)
_TOOLBAR_LINE = re.compile(
    r"The Wayback Machine - (?:https?:)?//web\.archive\.org/web/(?P<stamp>\d{14})/"
    r"(?P<url>https?://[^\s<\"']+)?"
)
#: The page's own canonical link and og:url, rewritten like every link.
_OWN_LINK_TAGS = re.compile(
    r"<link\b[^>]*\brel=[\"']?canonical[^>]*>|<meta\b[^>]*\bog:url\b[^>]*>", re.I
)


def _own_address(html: str, url: str | None) -> tuple[str | None, str | None]:
    """(original URL, capture timestamp) of a capture, from where it states them."""
    found = _CAPTURE_URL.search(url or "") or _WOMBAT.search(html)
    if found:
        return found.group("url"), found.group("stamp")
    toolbar = _TOOLBAR_LINE.search(html)
    for tag in _OWN_LINK_TAGS.findall(html):
        if own := _CAPTURE_URL.search(tag):
            return own.group("url"), own.group("stamp")
    if toolbar:
        return toolbar.group("url"), toolbar.group("stamp")
    return None, None


def unwrap(html: str, url: str | None = None) -> tuple[str, str | None, datetime | None]:
    """(the original page's HTML, its original URL, the capture time) of a Wayback capture;
    the URL None when the capture does not state it (the page's canonical link, unwrapped,
    may still give it)."""
    original, stamp = _own_address(html, url)
    captured = capture_time(stamp) if stamp else None
    html = _TOOLBAR.sub("", html)
    html = _WAYBACK_SCRIPTS.sub("", html)
    html = _CAPTURE_URL.sub(lambda m: m.group("url"), html)
    return html, original, captured
