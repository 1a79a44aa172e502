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


def capture_time(stamp: str) -> datetime | None:
    try:
        return datetime.strptime(stamp, "%Y%m%d%H%M%S")
    except ValueError:
        return None


def unwrap(html: str, url: str | None = None) -> tuple[str, str | None, datetime | None]:
    """(the original page's HTML, its original URL, the capture time) of a Wayback capture."""
    found = _CAPTURE_URL.search(url or "") or _CAPTURE_URL.search(html)
    original = found.group("url") if found else None
    captured = capture_time(found.group("stamp")) if found else None
    html = _TOOLBAR.sub("", html)
    html = _WAYBACK_SCRIPTS.sub("", html)
    html = _CAPTURE_URL.sub(lambda m: m.group("url"), html)
    return html, original, captured
