"""One allowlist for article HTML: applied at import (extract/body.py) and again when Pelican
renders an article (plugins/sanitise), so hand-edited Markdown cannot bring in a script either.

Everything not on the list goes: scripts, event handlers, `javascript:` and `data:` URLs,
frames, objects, embeds, SVG, styles, `<base>`, `<meta>`, forms. Rendering also marks links to
other sites `rel="noopener noreferrer nofollow"` and applies the external-image policy.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import nh3

#: Tags an article body may keep; everything else is unwrapped to its text (script and style
#: elements are removed with their content).
ALLOWED_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "q", "ul", "ol", "li",
    "b", "strong", "i", "em", "u", "s", "sub", "sup", "code", "pre", "a", "img",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "figure", "figcaption", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
#: Link and image addresses keep only these schemes (relative addresses stay as they are).
URL_SCHEMES = {"http", "https", "mailto"}
#: What a link to another site carries: no window.opener, no referrer, no endorsement.
EXTERNAL_REL = "noopener noreferrer nofollow"
#: What happens to an image hosted on another site (pelicanconf: EXTERNAL_IMAGES): "drop" it,
#: turn it into a "link" to the image (the default: nothing is fetched from another site when a
#: page is read), or "keep" it (hot-linked).
IMAGE_POLICIES = ("drop", "link", "keep")


def clean_html(fragment: str) -> str:
    """Allowlist sanitising of scraped HTML, as done at import."""
    return _AT_IMPORT.clean(fragment)


def safe_url(url: object) -> str | None:
    """An absolute http(s) address fit for an href, or None (javascript:, data:, junk)."""
    text = str(url or "").strip()
    if not text or re.search(r"[\x00-\x20\x7f\"'<>\\`]", text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().removeprefix("www.")
    except ValueError:
        return "?"  # a malformed address is treated as another site's


def is_external(url: str, site_url: str = "") -> bool:
    """True for an address on another site; relative addresses are the archive's own."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return True
    if not parts.netloc and not parts.scheme:
        return False
    if parts.scheme.lower() == "mailto":
        return False
    own = _host(site_url) if site_url else ""
    return not own or _host(url) != own


_TAG = re.compile(r"<(/?)(a|img)((?:\s+[a-z-]+=\"[^\"]*\")*)\s*/?>")
_ATTR = re.compile(r"([a-z-]+)=\"([^\"]*)\"")


def _attributes(text: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in _ATTR.findall(text)}


def _tag(name: str, attributes: dict[str, str]) -> str:
    pairs = "".join(f' {key}="{html.escape(value)}"' for key, value in attributes.items())
    return f"<{name}{pairs}>"


def _keep_rel(element: str, attribute: str, value: str) -> str | None:
    if attribute == "rel":
        return value if element == "a" and value == EXTERNAL_REL else None
    return value


def _last_word_attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        return value if value == "external-image" else None
    return _keep_rel(element, attribute, value)


# The allowlists as nh3 cleaners, made once: nh3.clean builds the same cleaner on every call,
# half of its time on an article's HTML.
_AT_IMPORT = nh3.Cleaner(
    tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=EXTERNAL_REL
)
_AT_RENDER = nh3.Cleaner(
    tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None
)
_LAST_WORD = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes={"a": {"href", "title", "rel", "class"}, "img": {"src", "alt", "title"}},
    url_schemes=URL_SCHEMES,
    link_rel=None,
    attribute_filter=_last_word_attribute,
)


def sanitise_article_html(fragment: str, site_url: str = "", external_images: str = "link") -> str:
    """Article HTML as it may appear on the site: the import allowlist, then links to other
    sites marked with EXTERNAL_REL, images from other sites dropped, linked or kept, and the
    headings ranked under the page's title (outline_headings)."""
    if external_images not in IMAGE_POLICIES:
        raise ValueError(f"EXTERNAL_IMAGES must be one of {IMAGE_POLICIES}: {external_images!r}")
    cleaned = _AT_RENDER.clean(fragment)
    # nh3 serialises canonically (lower-case names, double-quoted values, `"` escaped), so
    # its <a> and <img> tags can be rewritten with a regular expression, in document order.
    open_links = 0

    def rewrite(match: re.Match) -> str:
        nonlocal open_links
        closing, name, attrs = match.group(1), match.group(2), _attributes(match.group(3))
        if name == "a":
            open_links = max(open_links - 1, 0) if closing else open_links + 1
            if closing:
                return "</a>"
            if attrs.get("href") and is_external(attrs["href"], site_url):
                attrs["rel"] = EXTERNAL_REL
            return _tag("a", attrs)
        src = attrs.get("src", "")
        if not src or not is_external(src, site_url) or external_images == "keep":
            return _tag("img", attrs)
        if external_images == "drop":
            return ""
        label = f"Image: {attrs.get('alt') or attrs.get('title') or 'from ' + _host(src)}"
        if open_links:  # no link inside a link: the label alone
            return html.escape(f"[{label}]")
        link = _tag("a", {"href": src, "rel": EXTERNAL_REL, "class": "external-image"})
        return f"{link}{html.escape(label)}</a>"

    rewritten = _TAG.sub(rewrite, cleaned)
    # The last word is the allowlist again: whatever the rewrite did, only these tags,
    # attributes and schemes reach the page.
    return outline_headings(_LAST_WORD.clean(rewritten))


#: A heading's start or end tag as nh3 writes it (a heading keeps no attribute).
_HEADING = re.compile(r"<(/?)h([1-6])>")


def outline_headings(fragment: str) -> str:
    """The text's headings ranked under the page's title (its <h1>): from h2 down, in the
    order of their levels, none skipped. Scraped pages put their subheadings at any level
    (h3 or h4 straight under the headline, or an h1), which a screen reader's list of the
    page's headings showed as a broken outline, or a second title."""
    found = [int(level) for closing, level in _HEADING.findall(fragment) if not closing]
    rank = {level: min(2 + i, 6) for i, level in enumerate(sorted(set(found)))}
    ranked, above = [], 1  # (a heading is at most one level under the one before it)
    for level in found:
        above = min(rank[level], above + 1)
        ranked.append(above)
    if ranked == found:
        return fragment
    levels = iter(ranked)
    opened: list[int] = []  # (each end tag closes the heading its start tag opened)

    def ranked_tag(tag: re.Match) -> str:
        if tag[1]:
            return f"</h{opened.pop() if opened else tag[2]}>"
        opened.append(next(levels))
        return f"<h{opened[-1]}>"

    return _HEADING.sub(ranked_tag, fragment)
