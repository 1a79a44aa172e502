"""Python-Markdown's work on plain prose skipped where it cannot change the HTML.

Reading an article is mostly Markdown, and most of Markdown is two loops that find nothing in
plain prose: every text of the tree is searched by each of the 15 inline patterns of `extra`
(about half of the time), and every block is tested by the 16 block processors before the
paragraph one takes it (about a third). Both are cut short, only where the outcome is known:

- An inline pattern's regular expression cannot match a text without the characters each of
  its matches holds (`[` for a link, `<` for HTML, `&` for an entity, `*` or `_` for emphasis,
  two spaces and a line end for a line break...): the pattern is not tried on it. Replacing a
  match by a placeholder only takes characters away, so what one text lacks at the start it
  lacks to the end. A text with none of them is returned as it is.
- A block whose every line starts with a letter and holds no `|` is a paragraph: every other
  processor needs a line that starts with a space, a digit, `#`, `*`, `+`, `-`, `_`, `:`, `>`,
  `[`, `=` or a stashed-HTML placeholder, a second line of `=` or `-`, or a `|` (a table).
  It goes straight to the paragraph processor.

Both know the patterns and processors of `extra` and `meta` by name, class and, for the
patterns, their regular expression: where a document meets any other (another extension, a
Python-Markdown that changed one), that document is converted by Python-Markdown as it is.
tests/test_markdown_fast_paths.py pins the rest of what the shortcut relies on.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown, util
from markdown import blockprocessors as bp
from markdown import inlinepatterns as ip
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import abbr, def_list, footnotes, md_in_html, tables
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import InlineProcessor

#: The inline patterns of `extra`, each with what every match of its expression holds.
KNOWN_PATTERNS: dict[str, tuple[type, str, tuple[str, ...]]] = {
    "backtick": (ip.BacktickInlineProcessor, ip.BACKTICK_RE, ("`",)),
    "escape": (ip.EscapeInlineProcessor, ip.ESCAPE_RE, ("\\",)),
    "footnote": (footnotes.FootnoteInlineProcessor, r"\[\^([^\]]*)\]", ("[^",)),
    "reference": (ip.ReferenceInlineProcessor, ip.REFERENCE_RE, ("[",)),
    "link": (ip.LinkInlineProcessor, ip.LINK_RE, ("[",)),
    "image_link": (ip.ImageInlineProcessor, ip.IMAGE_LINK_RE, ("![",)),
    "image_reference": (ip.ImageReferenceInlineProcessor, ip.IMAGE_REFERENCE_RE, ("![",)),
    "short_reference": (ip.ShortReferenceInlineProcessor, ip.REFERENCE_RE, ("[",)),
    "short_image_ref": (ip.ShortImageReferenceInlineProcessor, ip.IMAGE_REFERENCE_RE, ("![",)),
    "autolink": (ip.AutolinkInlineProcessor, ip.AUTOLINK_RE, ("<",)),
    "automail": (ip.AutomailInlineProcessor, ip.AUTOMAIL_RE, ("<",)),
    "linebreak": (ip.SubstituteTagInlineProcessor, ip.LINE_BREAK_RE, ("  \n",)),
    "html": (ip.HtmlInlineProcessor, ip.HTML_RE, ("<",)),
    "entity": (ip.HtmlInlineProcessor, ip.ENTITY_RE, ("&",)),
    "em_strong": (ip.DelimiterProcessor, r"\*|_", ("*", "_")),
}
#: The block processors of `extra`: none but the paragraph one takes a plain block.
KNOWN_BLOCKS: dict[str, type] = {
    "markdown_block": md_in_html.MarkdownInHtmlProcessor,
    "empty": bp.EmptyBlockProcessor,
    "indent": bp.ListIndentProcessor,
    "defindent": def_list.DefListIndentProcessor,
    "code": bp.CodeBlockProcessor,
    "table": tables.TableProcessor,
    "hashheader": bp.HashHeaderProcessor,
    "setextheader": bp.SetextHeaderProcessor,
    "hr": bp.HRProcessor,
    "olist": bp.OListProcessor,
    "ulist": bp.UListProcessor,
    "deflist": def_list.DefListProcessor,
    "quote": bp.BlockQuoteProcessor,
    "footnote": footnotes.FootnoteBlockProcessor,
    "abbr": abbr.AbbrBlockprocessor,
    "reference": bp.ReferenceProcessor,
    "paragraph": bp.ParagraphProcessor,
}

#: Lines that each start with a letter (not a digit or `_`), none holding a `|`.
PLAIN_BLOCK = re.compile(r"[^\W\d_][^\n|]*(?:\n[^\W\d_][^\n|]*)*")

#: What the shortcut calls or overrides inside Python-Markdown's inline processor.
_INLINE_INTERNALS = ("_InlineProcessor__handleInline", "_InlineProcessor__applyPattern")


def _in_order(registry: util.Registry) -> list[tuple[str, object]]:
    """(name, item) of each item of a Markdown registry, in the order Markdown runs them."""
    items = list(registry)  # (sorts the registry, and its names with it)
    return list(zip((entry.name for entry in registry._priority), items, strict=True))


@functools.cache
def _any_of(strings: frozenset[str]) -> re.Pattern:
    return re.compile("|".join(re.escape(each) for each in sorted(strings)))


class Plan:
    """The inline patterns of one document, in order, with the strings each match holds."""

    def __init__(self, patterns: list[tuple[ip.Pattern, tuple[str, ...]]]) -> None:
        self.patterns = patterns
        self.any_start = _any_of(frozenset(held for _, holds in patterns for held in holds))


def inline_plan(registry: util.Registry) -> Plan | None:
    """The plan for a registry's inline patterns as they are now; None if one is not known."""
    patterns = []
    for name, pattern in _in_order(registry):
        known = KNOWN_PATTERNS.get(name)
        if known is None or type(pattern) is not known[0]:
            return None
        if pattern.getCompiledRegExp().pattern != known[1]:
            return None
        patterns.append((pattern, known[2]))
    return Plan(patterns)


def blocks_known(md: Markdown) -> bool:
    """Every block processor is one of `extra`'s (and ours), so a plain block is a paragraph."""
    if md.tab_length < 1 or "paragraph" not in md.parser.blockprocessors:
        return False  # (with no indent, every block would start with one)
    for name, processor in _in_order(md.parser.blockprocessors):
        if name != PlainParagraphs.NAME and type(processor) is not KNOWN_BLOCKS.get(name):
            return False
    return True


class FastInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, trying a pattern on a text only where it can match."""

    plan: Plan | None = None

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        self.plan = inline_plan(self.inlinePatterns)
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        plan = self.plan
        if plan is None or isinstance(data, util.AtomicString):
            return super()._InlineProcessor__handleInline(data, patternIndex)
        if plan.any_start.search(data) is None:
            return data
        apply = self._InlineProcessor__applyPattern
        patterns, start = plan.patterns, 0
        while patternIndex < len(patterns):
            pattern, holds = patterns[patternIndex]
            if any(held in data for held in holds):
                data, matched, start = apply(pattern, data, patternIndex, start)
                if matched:
                    continue  # (the same pattern again, after its match)
            start = 0
            patternIndex += 1
        return data


class PlainParagraphs(BlockProcessor):
    """A plain block (PLAIN_BLOCK) handed to the paragraph processor without the others' tests."""

    NAME = "plain_paragraph"
    known = False

    def test(self, parent: etree.Element, block: str) -> bool:
        return self.known and PLAIN_BLOCK.fullmatch(block) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> bool | None:
        return self.parser.blockprocessors["paragraph"].run(parent, blocks)


class CheckProcessors(Preprocessor):
    """Before each document is parsed: the plain-block shortcut only among known processors."""

    def __init__(self, md: Markdown, plain: PlainParagraphs) -> None:
        super().__init__(md)
        self.plain = plain

    def run(self, lines: list[str]) -> list[str]:
        self.plain.known = blocks_known(self.md)
        return lines


class FastPathsExtension(Extension):
    """The two shortcuts; added last, after the extensions Markdown was made with."""

    def extendMarkdown(self, md: Markdown) -> None:
        if not all(hasattr(InlineProcessor, name) for name in _INLINE_INTERNALS):
            return  # (a Python-Markdown whose inline processor is not the one we know)
        inline = md.treeprocessors
        if type(inline["inline"]) is InlineProcessor:
            priority = next(item.priority for item in inline._priority if item.name == "inline")
            inline.register(FastInlineProcessor(md), "inline", priority)
        plain = PlainParagraphs(md.parser)
        top = max((item.priority for item in md.parser.blockprocessors._priority), default=0)
        md.parser.blockprocessors.register(plain, PlainParagraphs.NAME, top + 5)
        md.preprocessors.register(CheckProcessors(md, plain), "fast_paths_check", -100)


def add_fast_paths(md: Markdown) -> Markdown:
    """md with the shortcuts (it converts every text exactly as before)."""
    md.registerExtensions([FastPathsExtension()], {})
    return md
