"""Text dumps of HTML pages, as a browser's "save as text" or a scraper's `get_text` makes them.

The extraction benchmark's text-dump track turns each shared HTML page into a dump at run time:
all visible text of the page's body, one block per line, nothing else (no markup, no <title>,
no scripts). Nothing derived from the shared pages is stored in the repository.
"""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

#: Elements whose text a reader never sees.
INVISIBLE = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
#: Elements that start a new line in a rendered page.
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip


def text_dump(html: str) -> str:
    """All visible text of a page, one block per line."""
    tree = lxml_html.document_fromstring(html.encode("utf-8"), parser=_PARSER)
    body = tree.find("body")
    lines: list[str] = []
    current: list[str] = []
    _walk(tree if body is None else body, lines, current)
    _flush(lines, current)
    return "\n".join(lines) + "\n"


_PARSER = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)


def _flush(lines: list[str], current: list[str]) -> None:
    line = " ".join("".join(current).split())
    if line:
        lines.append(line)
    current.clear()


def _walk(element, lines: list[str], current: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    invisible = tag in INVISIBLE or element.tag is etree.Comment or "hidden" in element.attrib
    if not invisible:
        block = tag in BLOCKS
        if block:
            _flush(lines, current)
        current.append(element.text or "")
        for child in element:
            _walk(child, lines, current)
        if block:
            _flush(lines, current)
    current.append(element.tail or "")


def line_filter(dump: str, min_words: int = 10) -> str:
    """The simple baseline: keep the long, sentence-like lines of a dump."""
    keep = [
        line
        for line in dump.splitlines()
        if len(line.split()) >= min_words and line[-1] in ".!?\"”'’"
    ]
    return "\n".join(keep)
