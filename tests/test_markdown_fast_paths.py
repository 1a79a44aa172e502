"""Markdown's shortcuts on plain prose (plugins/lean_pelican/markdown_fast_paths.py): the HTML
is byte for byte Python-Markdown's, on real articles, tricky hand-written text and random
text; they switch themselves off beside extensions they do not know; and what they rely on
in the installed Python-Markdown is pinned here."""

from __future__ import annotations

import copy
import sys
import xml.etree.ElementTree as etree

import pytest
from conftest import REPO, SHARED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown import Markdown
from markdown.treeprocessors import InlineProcessor
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from newsarchive.importer import run_import

sys.path.insert(0, str(REPO / "plugins"))
from lean_pelican import ReusedMarkdownReader  # noqa: E402
from lean_pelican import markdown_fast_paths as fast_paths  # noqa: E402

#: Our MARKDOWN settings as Pelican's reader completes them (extensions: extra and meta).
MARKDOWN = MarkdownReader(read_settings(str(REPO / "pelicanconf.py"))).settings["MARKDOWN"]
BENCH = SHARED / "benchmarks" / "extraction" / "html"


def converters(**overrides) -> tuple[Markdown, Markdown]:
    """Python-Markdown with our MARKDOWN settings (and overrides), as it is and with the
    shortcuts."""
    options = {**copy.deepcopy(MARKDOWN), **overrides}
    return Markdown(**copy.deepcopy(options)), fast_paths.add_fast_paths(Markdown(**options))


PLAIN, FAST = converters()


def assert_same_html(text: str, plain: Markdown = PLAIN, fast: Markdown = FAST) -> None:
    expected = plain.reset().convert(text)
    assert fast.reset().convert(text) == expected, text
    assert getattr(fast, "Meta", None) == getattr(plain, "Meta", None)


TRICKY = [
    "Plain prose, one line.",
    "Two lines\nof one paragraph.\n\nAnd another,\nwith three\nlines.",
    "Élan, Ünïcödé and 東京 prose; “quotes” — dashes… ½ ² Ⅻ ٣.",
    "Title: Meta\nSummary: A *summary*\n\nBody text & more.",
    r"Escapes: \*not em\*, \_not\_, \\ backslash, \` tick, \[not a link\], \# hash.",
    "Entities: &amp; &copy; &#169; &#xA9; &notanentity; AT&T; a & b; &;",
    'Inline <b>HTML</b>, <span class="x">span</span>, <!-- comment -->, <?pi?>, a < b > c.',
    "Autolinks <https://example.org/a_b?c=d&e=f> and <me@example.org>, not <a@b c>.",
    'Links [text](https://example.org/ "title"), [ref][r], [r], ![img](/a.png), ![alt][r].\n\n'
    "[r]: https://example.org/ref 'Ref title'",
    "Emphasis *em* _em_ **strong** __strong__ ***both*** snake_case_word 2*3*4 * lone _ lone.",
    "Under_scores_in_words and *nested **strong** in em* and **unclosed *em.",
    "Hard  \nline break, and trailing spaces at the end  ",
    "Code `a < b & c` and ``double `tick` code`` and `unclosed.",
    "    indented code\n    & more <b>",
    "```\nfenced <b> & *x*\n```\n\nAfter *fence*.",
    "Footnote[^1] and another[^note].\n\n[^1]: The *first* note.\n[^note]: Second & last.",
    "The HTML and W3C specs.\n\n*[HTML]: Hyper Text Markup Language\n*[W3C]: World Wide Web Consortium",
    "HTML here, defined later.\n\n*[HTML]: Hyper Text\n\nMore HTML prose.",
    "| Side | Delegates |\n|------|----------:|\n| A *x* | 3 |\n| B | 4 |",
    "Header | Two\n--- | ---\nplain | cells",
    "Term\n:   Definition *one*\n\nOther term\n:   Definition two",
    "- item *one*\n- item two\n\n    continued\n\n1. first\n2. second",
    "Paragraph\n- tight list after text\n- second",
    "* a\n* b\nlazy line\n\n  * nested",
    "> quoted *text*\n> more\n\nafter quote",
    "# Heading\n\nSetext\n======\n\nSub\n---\n\n***\n\n- - -\n\n___",
    "Text\n# not a heading line\nin a paragraph",
    "A paragraph {: .cls #id }\n\n## Heading {: #h2 }",
    '<div markdown="1">\nInside *md_in_html*.\n\nSecond para.\n</div>\n\nAfter.',
    "<div>\nraw *html* block\n</div>\n\nAfter <em>it</em>.",
    "Line with a | pipe in prose.\nAnd another line.",
    "2019. A year begins a line\n\n2019 was a year.",
    "Word\n=not a setext\n\nWord\n-not a setext either",
    "Ends with a newline\n",
    "\n\n\nLeading blank lines, then text.\n\n\n\ntrailing",
    "Mixed\ttabs\tand  spaces\n\tindented by a tab",
    "Placeholders \x02 and \x03 characters in text.",
    "a_b_c *d* [e] <f> &g; `h` \\i ![j] [^k]  \nl",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_convert_as_python_markdown_does(text):
    assert_same_html(text)


def test_tricky_texts_in_one_document_and_each_converter_reused():
    for text in TRICKY:  # (one converter for all: what one document leaves, none keeps)
        assert_same_html(text)
    assert_same_html("\n\n".join(TRICKY))


def test_the_repositorys_content_converts_as_python_markdown_does():
    files = sorted((REPO / "content").rglob("*.md"))
    assert files
    for path in files:
        assert_same_html(path.read_text(encoding="utf-8"))


def test_the_demo_articles_convert_as_python_markdown_does(demo):
    files = sorted((demo["root"] / "content").rglob("*.md"))
    assert len(files) > 10
    for path in files:
        assert_same_html(path.read_text(encoding="utf-8"))


@pytest.mark.skipif(not BENCH.is_dir(), reason="../shared/benchmarks/extraction is not here")
def test_the_shared_benchmark_pages_convert_as_python_markdown_does(tmp_path):
    run_import([BENCH], root=tmp_path, jobs=2, tag=False)
    files = sorted((tmp_path / "content").rglob("*.md"))
    assert len(files) > 100
    for path in files:
        assert_same_html(path.read_text(encoding="utf-8"))


#: Pieces of Markdown that start, end or break inline and block syntax, and prose between.
PIECES = [
    *"`\\[]()!<>&;*_#:|-+=.^{}\"' \n\t",
    "  \n", "\n\n", "    ", "> ", "- ", "1. ", "# ", "[^1]", "[^1]: ", "*[AB]: ", "AB",
    "[r]: /u", "[r]", "](/u)", "<b>", "</b>", "<!--", "-->", "&amp;", "&#169;", "<a@b.c>",
    "<http://x.y/>", "**", "__", "```", "{: .c}", "---", "|---|", "word", "Éé", "東京", "2019",
]  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_random_markdown_converts_as_python_markdown_does(pieces):
    assert_same_html("".join(pieces))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60))
def test_random_text_converts_as_python_markdown_does(text):
    assert_same_html(text)


def test_the_reader_converts_with_the_shortcuts(tmp_path):
    (tmp_path / "a.md").write_text("Title: A\nDate: 2020-01-02\n\nPlain *prose*.\n")
    reader = ReusedMarkdownReader(read_settings(str(REPO / "pelicanconf.py")))
    content, _ = reader.read(str(tmp_path / "a.md"))
    assert content == "<p>Plain <em>prose</em>.</p>"
    assert isinstance(reader._md.treeprocessors["inline"], fast_paths.FastInlineProcessor)
    assert fast_paths.PlainParagraphs.NAME in reader._md.parser.blockprocessors


def test_with_our_settings_both_shortcuts_are_on():
    """Fails where the installed Python-Markdown renamed, replaced or changed a pattern or
    processor: the shortcuts would then be off (and this file's checks show what changed)."""
    FAST.reset().convert("Some text.")
    assert fast_paths.inline_plan(FAST.inlinePatterns) is not None
    assert fast_paths.blocks_known(FAST)
    assert FAST.parser.blockprocessors[fast_paths.PlainParagraphs.NAME].known
    for name in ("_InlineProcessor__handleInline", "_InlineProcessor__applyPattern"):
        assert callable(getattr(InlineProcessor, name))


@pytest.mark.parametrize(
    ("extension", "inline_on", "blocks_on"),
    [
        ("markdown.extensions.smarty", True, True),  # (its patterns: its own inline processor)
        ("markdown.extensions.nl2br", False, True),  # (changes the line break's)
        ("markdown.extensions.sane_lists", True, False),  # (replaces the list processors)
        ("markdown.extensions.admonition", True, False),  # (adds a block processor)
        ("markdown.extensions.toc", True, True),  # (a tree processor only)
    ],
)
def test_an_extension_they_do_not_know_switches_them_off(extension, inline_on, blocks_on):
    plain, fast = converters(extensions=[*MARKDOWN["extensions"], extension])
    for text in [*TRICKY, 'Quotes "smart" -- and...\nbreaks', '!!! note "T"\n    body']:
        assert_same_html(text, plain, fast)
    assert (fast_paths.inline_plan(fast.inlinePatterns) is not None) is inline_on
    assert fast_paths.blocks_known(fast) is blocks_on


PLAIN_BLOCKS = [
    "Word",
    "Plain prose, with *em*, [links](/u), <b>html</b> & 2019. Ends: here",
    "Two lines\nof prose",
    "Élan\nÜber 東京\nœuvre: a:b > c # d - e + f = g",
    "Word\nWord\nWord\nWord",
]


@pytest.mark.parametrize("block", PLAIN_BLOCKS)
def test_no_processor_but_the_paragraph_takes_a_plain_block(block):
    """What the block shortcut relies on: each of `extra`'s block processors before the
    paragraph one leaves such a block alone, at the top, in a list item and in a quote."""
    assert fast_paths.PLAIN_BLOCK.fullmatch(block)
    md = Markdown(**copy.deepcopy(MARKDOWN))
    md.reset()
    md.htmlStash.rawHtmlBlocks.append(etree.Element("div"))
    processors = list(md.parser.blockprocessors)
    assert [type(each) for each in processors] == list(fast_paths.KNOWN_BLOCKS.values())
    for parent in (etree.Element("div"), etree.fromstring("<ul><li>x</li></ul>")[0]):
        for state in ("", "list", "looselist", "detabbed"):
            if state:
                md.parser.state.set(state)
            for processor in processors[:-1]:
                blocks = [block, "next"]
                taken = processor.test(parent, block) and processor.run(parent, blocks) is not False
                assert not taken and blocks == [block, "next"], type(processor).__name__
            if state:
                md.parser.state.reset()


def test_a_block_that_is_not_plain_goes_the_long_way():
    for block in ["", " Word", "2019. Year", "# Head", "Word\n", "Word\n===", "a | b", "*x*"]:
        assert not fast_paths.PLAIN_BLOCK.fullmatch(block), block
    for block in ["_x_", "Word\n- item", "Word\n> quote", "Word\n[r]: /u", "\x02wzxhzdk:0\x03"]:
        assert not fast_paths.PLAIN_BLOCK.fullmatch(block), block


def test_each_patterns_matches_hold_its_characters():
    """What the inline shortcut relies on: a pattern finds no match in a text lacking the
    strings the table gives it, and finds the text's own syntax where they are there."""
    samples = {
        "backtick": "a `b` \\\\`c`",
        "escape": "\\*",
        "footnote": "x[^1]",
        "reference": "[a][b]",
        "link": "[a](b)",
        "image_link": "![a](b)",
        "image_reference": "![a][b]",
        "short_reference": "[a]",
        "short_image_ref": "![a]",
        "autolink": "<http://a.b/>",
        "automail": "<a@b.c>",
        "linebreak": "a  \nb",
        "html": "<b>",
        "entity": "&amp;",
        "em_strong": "*a* _b_",
    }
    assert set(samples) == set(fast_paths.KNOWN_PATTERNS)
    pieces = "".join(samples.values()) + "".join(chr(n) for n in range(32, 127)) + "  \n"
    for name, (_, source, holds) in fast_paths.KNOWN_PATTERNS.items():
        regex = FAST.inlinePatterns[name].getCompiledRegExp()
        assert regex.pattern == source
        assert regex.search(samples[name]), name
        lacking = pieces
        for held in holds:
            lacking = lacking.replace(held, "")
        assert regex.search(lacking) is None, name
