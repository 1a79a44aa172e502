"""Article HTML sanitised again as Pelican renders it, and the pages' Content-Security-Policy.

The importer sanitises what it writes, but an article's Markdown can be edited by hand (raw
HTML is valid Markdown): every article's rendered HTML passes the same allowlist
(newsarchive.sanitise) before any template sees it. Links to other sites get
`rel="noopener noreferrer nofollow"`; images from other sites follow EXTERNAL_IMAGES ("drop",
"link" or "keep"). An `Original_Url` that is not an http(s) address is not linked.

CONTENT_SECURITY_POLICY (a default is made from EXTERNAL_IMAGES) goes into every page's
`<meta http-equiv>`: scripts only from the site's own files, no inline script at all.
`Summary` is plain text (the importer writes it so): it is escaped before Pelican, its feeds
and the templates take it for HTML.
"""

from __future__ import annotations

import html

from pelican import signals
from pelican.contents import Article

from newsarchive.sanitise import safe_url, sanitise_article_html

DEFAULT_EXTERNAL_IMAGES = "link"


def content_security_policy(external_images: str) -> str:
    """No inline or foreign script; Pagefind's WebAssembly allowed; images per the policy."""
    images = "'self' data:" + (" https: http:" if external_images == "keep" else "")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            # charts size themselves with style attributes; article HTML never keeps one
            "style-src 'self' 'unsafe-inline'",
            f"img-src {images}",
            "object-src 'none'",
            "frame-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ]
    )


def add_policy(pelican) -> None:
    settings = pelican.settings
    settings.setdefault("EXTERNAL_IMAGES", DEFAULT_EXTERNAL_IMAGES)
    settings.setdefault(
        "CONTENT_SECURITY_POLICY", content_security_policy(settings["EXTERNAL_IMAGES"])
    )


def sanitise_article(content) -> None:
    """content_object_init: the article's HTML through the allowlist, before anything uses it."""
    if not isinstance(content, Article):
        return
    settings = content.settings
    content._content = sanitise_article_html(
        content._content or "",
        site_url=settings.get("SITEURL", ""),
        external_images=settings.get("EXTERNAL_IMAGES", DEFAULT_EXTERNAL_IMAGES),
    )
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
