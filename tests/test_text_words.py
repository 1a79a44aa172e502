"""The article page's word count (plugins/lean_pelican/text_words.py): the number Jinja's
`striptags | wordcount` gives, on tricky HTML, the demo's article pages, the shared benchmark
articles and random HTML; and the reading time the demo's pages print follows from it."""

from __future__ import annotations

import html
import json
import math
import re
import sys

import pytest
from conftest import REPO, SHARED
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2.filters import do_striptags, do_wordcount
from markupsafe import Markup

sys.path.insert(0, str(REPO / "plugins"))
from lean_pelican.text_words import count_words, text_words  # noqa: E402

GROUND_TRUTH = SHARED / "benchmarks" / "extraction" / "ground-truth.json"


def jinja_words(value) -> int:
    return do_wordcount(do_striptags(value))


TRICKY = [
    "",
    "<p>Plain prose, one paragraph.</p>",
    "<p>One</p>\n<p>two</p><p>three</p>",
    "words<b>joined</b>by tags, and a<br>break",
    "snake_case and 2,019.5 and U.S. and we'd and e-mail",
    "<p>Élan, Ünïcödé and 東京 prose; “quotes” — dashes… ½ ² Ⅻ ٣ naïve</p>",
    # a few characters outside ASCII in a long text (made ASCII first), and a text mostly
    # outside it (counted by wordcount's expression)
    "<p>“The harbour reopens on Monday,” the port authority’s spokeswoman said — after a"
    " nine-day strike that left 40 ships waiting offshore and cost the café owners near the"
    " quay a week of trade.</p>",
    "<p>Текст: Вера Ольхова — «Новости» о погоде в Москве, 12 градусов и дождь.</p>",
    "<p>Entities: &amp; caf&eacute;s &#233;t&#xE9; &nbsp;x &notanentity; AT&T &amp</p>",
    "a <!-- a comment --> b <!-- an unclosed comment <b>c</b>",
    "<!-->x<-->y",
    "text then an unclosed <tag and more words",
    "a < b and c > d, <> e <<b>> f",
    '<a title="x>y" href="/u?a=1&amp;b=2">link</a> after',
    "<p>Ends with a tag's start <",
    "tabs\tand\nnew\rlines\x0bvertical\x0cfeed\x1cfile\x1dgroup\x85next\xa0nbsp\u2028line",
    "under_score _ __ _a_",
]


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_html_counts_as_striptags_and_wordcount_do(value):
    assert text_words(value) == jinja_words(value)
    assert text_words(Markup(value)) == jinja_words(Markup(value))


def test_count_words_is_the_runs_of_word_characters():
    for value in TRICKY:
        assert count_words(value) == len(re.findall(r"\w+", value)), value


def test_the_demos_article_pages_count_alike_and_print_the_reading_time(demo):
    pages = [p.read_text(encoding="utf-8") for p in demo["output"].rglob("index.html")]
    bodies = [re.search(r'<div class="body">\n(.*?)\n</div>\n', text, re.S) for text in pages]
    found = [(text, body[1]) for text, body in zip(pages, bodies, strict=True) if body]
    assert len(found) > 10
    for text, body in found:
        assert text_words(body) == jinja_words(body)
        minutes = math.ceil(jinja_words(body) / 230)
        assert f"· {minutes} min read</p>" in text


@pytest.mark.skipif(not GROUND_TRUTH.is_file(), reason="../shared/benchmarks is not here")
def test_the_shared_benchmark_articles_count_alike():
    """Real articles in many languages (curly quotes, Cyrillic, entities), as paragraphs."""
    truth = json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))
    texts = [entry["articleBody"] for entry in truth.values() if entry.get("articleBody")]
    assert len(texts) > 100
    for text in texts:
        body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in text.split("\n\n"))
        assert text_words(body) == jinja_words(body)


#: Pieces of HTML that start, end or break tags, comments and entities, and text between.
PIECES = [
    *"<>!-&;#/ \n\t\"'_",
    "<!--", "-->", "<p>", "</p>", "<b>", "<a href=\"x\">", "&amp;", "&eacute;", "&#233;",
    "&#x41;", "&nbsp;", "&lt;", "word", "Éé", "東京", "’", "2019", "\xa0", "\x1c", "½",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_random_html_counts_alike(pieces):
    value = "".join(pieces)
    assert text_words(value) == jinja_words(value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80))
def test_random_text_counts_alike(value):
    assert text_words(value) == jinja_words(value)
