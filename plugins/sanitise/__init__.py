"""Article HTML sanitised again as Pelican renders it, and the pages' Content-Security-Policy.

The importer sanitises what it writes, but an article's Markdown can be edited by hand (raw
HTML is valid Markdown): every article's rendered HTML passes the same allowlist
(newsarchive.sanitise) before any template sees it. Links to other sites get
`rel="noopener noreferrer nofollow"`; images from other sites follow EXTERNAL_IMAGES ("drop",
"link" or "keep"). An `Original_Url` that is not an http(s) address is not linked.

Every page's `<meta http-equiv>` carries a Content-Security-Policy made from EXTERNAL_IMAGES:
pages that run no script (all but the search page) allow none at all, nor anything else but
the site's stylesheet, images and form (`default-src 'none'`); the search page
(SEARCH_CONTENT_SECURITY_POLICY) allows scripts from the site's own files and Pagefind's
WebAssembly, no inline script. A CONTENT_SECURITY_POLICY set in the settings is every page's.
`Summary` is plain text (the importer writes it so): it is escaped before Pelican, its feeds
and the templates take it for HTML.

Articles converted by plugins/parallel_reading's workers are sanitised there, beside the
other worker, not in Pelican's process as each Article is made (~1 s of its CPU at 20,000
articles, which the reading waited on when that one process fell behind): the same
function on the same HTML under the same settings, so the same Article.
"""

from __future__ import annotations

import html

from blinker import signal
from pelican import signals
from pelican.contents import Article

from newsarchive.sanitise import safe_url, sanitise_article_html

DEFAULT_EXTERNAL_IMAGES = "link"
#: HTML a reading worker sanitised, by source path: (the HTML read, the policy it was
#: sanitised under, the result, or None where it passed unchanged), until its Article is made.
_sanitised_ahead: dict[str, tuple[str, tuple[str, str], str | None]] = {}


def content_security_policy(external_images: str, scripts: bool = False) -> str:
    """Images per the policy; with `scripts`, the site's own and Pagefind's WebAssembly, none
    inline. Without, nothing runs and nothing is fetched but the stylesheet and images (a
    stricter policy, and 75 bytes shorter on every page: 0.7 MB of 124 MB at 5,000 articles)."""
    images = "img-src 'self' data:" + (" https: http:" if external_images == "keep" else "")
    # charts size themselves with style attributes; article HTML never keeps one
    styles = "style-src 'self' 'unsafe-inline'"
    if not scripts:
        return "; ".join(["default-src 'none'", styles, images, "base-uri 'none'", "form-action 'self'"])  # fmt: skip
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            styles,
            images,
            "object-src 'none'",
            "frame-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ]
    )


def add_policy(pelican) -> None:
    """The policies of pages with and without scripts; a CONTENT_SECURITY_POLICY set in the
    settings (even empty: none) is both."""
    settings = pelican.settings
    settings.setdefault("EXTERNAL_IMAGES", DEFAULT_EXTERNAL_IMAGES)
    images = settings["EXTERNAL_IMAGES"]
    if "CONTENT_SECURITY_POLICY" in settings:
        settings.setdefault("SEARCH_CONTENT_SECURITY_POLICY", settings["CONTENT_SECURITY_POLICY"])
    settings.setdefault("CONTENT_SECURITY_POLICY", content_security_policy(images))
    settings.setdefault("SEARCH_CONTENT_SECURITY_POLICY", content_security_policy(images, scripts=True))  # fmt: skip


def _policy(settings: dict) -> tuple[str, str]:
    """What sanitising an article's HTML depends on besides the HTML."""
    return settings.get("SITEURL", ""), settings.get("EXTERNAL_IMAGES", DEFAULT_EXTERNAL_IMAGES)


def _sanitised(html_text: str, policy: tuple[str, str]) -> str:
    return sanitise_article_html(html_text, site_url=policy[0], external_images=policy[1])


def sanitise_in_worker(path: str, content: str | None, settings: dict) -> dict:
    """newsarchive-read-in-worker: the article's HTML sanitised by the worker that converted
    it; None where it passes unchanged (as the importer writes it), so nothing crosses back."""
    html_text, policy = content or "", _policy(settings)
    result = _sanitised(html_text, policy)
    return {"sanitised": (policy, None if result == html_text else result)}


def keep_sanitised(path: str, content: str | None, results: dict) -> None:
    """newsarchive-worker-results: a worker's sanitising, for when the Article is made."""
    if "sanitised" in results:
        _sanitised_ahead[path] = (content or "", *results["sanitised"])


def forget_sanitised(*_) -> None:
    """article_generator_finalized: what an article that failed to be made left."""
    _sanitised_ahead.clear()


def sanitise_article(content) -> None:
    """content_object_init: the article's HTML through the allowlist, before anything uses it."""
    if not isinstance(content, Article):
        return
    html_text, policy = content._content or "", _policy(content.settings)
    ahead = _sanitised_ahead.pop(content.source_path, None)
    if ahead is not None and ahead[0] == html_text and ahead[1] == policy:
        content._content = html_text if ahead[2] is None else ahead[2]
    else:
        content._content = _sanitised(html_text, policy)
    if "summary" in content.metadata:
        # the importer writes Summary as plain text; Pelican and feeds take it as HTML
        summary = html.escape(str(content.metadata["summary"]), quote=False)
        content.metadata["summary"] = content._summary = summary
    if "original_url" in content.metadata:
        url = safe_url(content.metadata["original_url"])
        content.metadata["original_url"] = url
        content.original_url = url


def register() -> None:
    signals.initialized.connect(add_policy)
    signals.content_object_init.connect(sanitise_article)
    signals.article_generator_finalized.connect(forget_sanitised)
    signal("newsarchive-read-in-worker").connect(sanitise_in_worker)
    signal("newsarchive-worker-results").connect(keep_sanitised)
