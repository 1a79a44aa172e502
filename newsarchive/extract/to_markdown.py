"""Article HTML to Markdown (markdownify): ATX headings, absolute links, tidy blank lines."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urljoin, urlparse

from bs4 import NavigableString
from markdownify import MarkdownConverter

_ENTITY = re.compile(r"&(#?[A-Za-z0-9]+;)")
#: Where markdownify put a hard line break: its two spaces would go with the trailing
#: whitespace tidied away, so they are marked (NUL is never in the text: decoding drops it).
_HARD_BREAK = "\x00"


#: Inline elements markdownify drops whole when they hold only a space, and the space with them.
_INLINE = frozenset("a b strong em i u s del ins mark small sub sup code span".split())
#: Blocks whose text starts a line of the Markdown.
_TEXT_BLOCKS = frozenset("p div article section li blockquote dd dt figcaption caption".split())
#: A block's first words that Markdown would read as markup: "802. 11AC Wi-Fi" as a list
#: numbered from 802, "#MeToo" as a heading, "- " or "+ " as a bullet, ">" as a quote.
_LIST_NUMBER = re.compile(r"^(\s*\d{1,9})(?=\.[ \t])")
_BLOCK_MARK = re.compile(r"^(\s*)(?=[#>]|[-+][ \t])")


def _literal_start(text: str) -> str:
    """The text with a backslash before what would make its line a list, heading or quote."""
    return _BLOCK_MARK.sub(r"\1\\", _LIST_NUMBER.sub(r"\1\\", text, count=1), count=1)


def _starts_with_text(el) -> bool:
    """Whether a block begins with its own words (not with a nested list or paragraph, whose
    markup is markdownify's)."""
    for child in el.children:
        if isinstance(child, NavigableString):
            if str(child).strip():
                return True
        elif getattr(child, "name", None):
            return child.name in _INLINE
    return False


class _ArchiveConverter(MarkdownConverter):
    """markdownify with links and images made absolute against the page's URL."""

    def get_conv_fn(self, tag_name):
        """The conversion, keeping the space of a bold (or link...) that holds only a space:
        "the country<strong> </strong>and" read "countryand" on the site."""
        convert = super().get_conv_fn(tag_name)
        if convert is not None and tag_name.lower() in _TEXT_BLOCKS:
            return self._literal_block(convert)
        if convert is None or tag_name.lower() not in _INLINE:
            return convert

        def keeping_space(el, text, parent_tags):
            converted = convert(el, text, parent_tags)
            return " " if not converted and text and text.isspace() else converted

        return keeping_space

    @staticmethod
    def _literal_block(convert):
        """The conversion of a block whose first words are text: words that look like markup
        at a line's start are escaped ("- 802. 11AC Wi-Fi" was a list in a list on the site)."""

        def literal(el, text, parent_tags):
            inline = "_inline" in parent_tags
            return convert(
                el,
                text if inline or not _starts_with_text(el) else _literal_start(text),
                parent_tags,
            )

        return literal

    def __init__(self, base_url: str | None = None, **options):
        super().__init__(**options)
        self.base_url = base_url

    def _absolute(self, el, attr: str) -> bool:
        """Make el[attr] absolute; False when it can't be (a relative link, no page URL)."""
        value = el.get(attr) or ""
        if urlparse(value).scheme in ("http", "https", "mailto"):
            return True
        if not self.base_url or value.startswith("#") or not value:
            return False
        el[attr] = urljoin(self.base_url, value)
        return True

    def escape(self, text, parent_tags):
        """Text stays text: a `<` or an entity in the page's words never becomes raw HTML in
        the Markdown (markdownify unescapes `&lt;script&gt;` to `<script>`)."""
        # A no-break space is a space here, as in body_text: markdownify keeps only a plain
        # one at a bold's or link's edge ("**eyed:&nbsp;**Jeffrey" came out "eyed:Jeffrey").
        text = super().escape(text.replace("\xa0", " "), parent_tags)
        if self.options["escape_misc"]:  # Python-Markdown has no `\&` or `\<` escapes
            text = text.replace("\\&", "&").replace("\\<", "<")
        return _ENTITY.sub(r"&amp;\1", text).replace("<", "&lt;")

    def convert_a(self, el, text, parent_tags):
        if not self._absolute(el, "href"):
            return text  # a link into the scraped site that we cannot resolve: keep its words
        return super().convert_a(el, text, parent_tags)

    def convert_br(self, el, text, parent_tags):
        return super().convert_br(el, text, parent_tags).replace("  \n", _HARD_BREAK + "\n")

    def convert_img(self, el, text, parent_tags):
        if not self._absolute(el, "src"):
            return el.get("alt") or ""
        return super().convert_img(el, text, parent_tags)


def html_to_markdown(html: str, base_url: str | None = None) -> str:
    converter = _ArchiveConverter(
        base_url=base_url,
        heading_style="ATX",
        bullets="-",
        strong_em_symbol="*",
        escape_misc=False,
        autolinks=False,
    )
    markdown = _tidy_lines(converter.convert(_ADJOINING.sub("", html)))
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


#: A bold (or italic) ending where another begins: one, or the Markdown reads "Game D****ay".
_ADJOINING = re.compile(r"</(strong|b|em|i)><\1>", re.IGNORECASE)


def _tidy_lines(markdown: str) -> str:
    """Lines without trailing whitespace, but for the two spaces of a hard line break inside a
    paragraph: without them a `<br>` list (tour dates, an address) ran into one line, and
    `retag`, reading the Markdown, tagged other text than the import had."""
    lines = markdown.split("\n")
    tidy = []
    for i, line in enumerate(lines):
        text = line.replace(_HARD_BREAK, "").rstrip()
        goes_on = i + 1 < len(lines) and lines[i + 1].replace(_HARD_BREAK, "").strip()
        broken = line.rstrip().endswith(_HARD_BREAK) and text and goes_on
        tidy.append(text + "  " if broken else text)
    return "\n".join(tidy)


def paragraphs_to_markdown(paragraphs: list[str]) -> str:
    """Plain-text paragraphs as Markdown, escaped so text never turns into markup."""
    html = "".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)
    converter = _ArchiveConverter(escape_misc=True)
    markdown = converter.convert(html)
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
