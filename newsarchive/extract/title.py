"""Headlines: the page's <h1> that agrees with its title metadata, without "– Site name" suffixes."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from newsarchive.extract.source_name import SITE_NAME_MIN_LETTERS, squeezed

_SEPARATORS = re.compile(r"\s+[|–—·•:»\-]\s+|\s+[|–—·•»]\s*|\s*[|–—·•»]\s+")


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _names_site(part: str, site_names: list[str]) -> bool:
    """The part is a site's name, or begins with it ("Vortex Cannon Entertainment" on
    vortexcannon.org): a <title>'s end after the headline. (A start is taken only when it is
    the name itself: headlines begin with their outlet's name, "Guardian readers speak".)"""
    own = squeezed(part)
    for name in filter(None, site_names):
        if _norm(part) == _norm(name):
            return True
        site = squeezed(name)
        if len(site) >= SITE_NAME_MIN_LETTERS and own.startswith(site):
            return True
    return False


def strip_site_suffix(title: str, site_names: list[str]) -> str:
    """Drop a leading or trailing "Site name" segment set off by a separator ("Story – Site")."""
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    first, last = parts[0], parts[-1]
    if _names_site(last, site_names) or (
        len(last.split()) <= 4 and len(first.split()) > len(last.split())
    ):
        return _clean(title[: title.rfind(last)].rstrip()).rstrip("|–—·•:»-").strip()
    if _norm(first) in {_norm(n) for n in site_names if n}:
        return _clean(title[len(first) :]).lstrip("|–—·•:»-").strip()
    return title


def _meta(tree, *names: str) -> str:
    for name in names:
        for attr in ("property", "name"):
            found = tree.xpath(f'//meta[@{attr}="{name}"]/@content')
            if found and found[0].strip():
                return _clean(found[0])
    return ""


def _agrees(headline: str, reference: str) -> bool:
    """The headline is the reference, or its bulk with a section or site name around it."""
    if headline == reference:
        return True
    around = reference.startswith(headline) or reference.endswith(headline)
    return around and len(headline) > 0.5 * len(reference)


def find_title(tree: lxml_html.HtmlElement, site_names: list[str], fallback: str = "") -> str:
    """The article headline.

    An <h1> that agrees with og:title or <title> (once their site-name part is gone) is the
    headline as the page shows it; otherwise og:title, then <title>, without the site name.
    """
    og_title = _meta(tree, "og:title", "twitter:title")
    page_title = _clean(tree.findtext(".//title"))
    stripped = [strip_site_suffix(t, site_names) for t in (og_title, page_title) if t]
    references = {_norm(t) for t in stripped + [og_title, page_title] if t}
    names = {_norm(n).replace(" ", "") for n in site_names}
    for h1 in (_clean(h.text_content()) for h in tree.iter("h1")):
        key = _norm(h1)
        if len(key) < 4 or key.replace(" ", "") in names:
            continue
        if any(_agrees(key, ref) for ref in references):
            return h1
    return next((t for t in stripped if t), "") or strip_site_suffix(fallback, site_names)
