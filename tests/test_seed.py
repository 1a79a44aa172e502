"""The user's example page must come out exactly right, in the Markdown and in the built site."""

from __future__ import annotations

import html
import re

from conftest import SEED, article_html, needs_seed

from newsarchive.importer import extract_file

TITLE = "Insiders: Major Headway Unlikely From U.S.-Russia Talks"
SOURCE = "Global Security Newswire"
BOILERPLATE = [
    "Skip Navigation",
    "Close and don't show again.",
    "Your browser is out of date.",
    "You may not get the full experience here on National Journal.",
    "Please upgrade your browser",
    "This ad will end in seconds",
    "Close X",
    "Want access to this content?",
    "Forget Your Password?",
    "Don't have an account? Register",
    "Reveal Navigation",
    "comments powered by Disqus",
]


def seed_paragraphs() -> list[str]:
    """The article's paragraphs as the page has them: each one a line of the dump."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("A series of Friday"))
    last = next(i for i, line in enumerate(lines) if line.endswith("by the Xinhua News Agency."))
    return [line.strip() for line in lines[first : last + 1] if line.strip()]


@needs_seed
def test_seed_paragraphs_are_the_ones_the_issue_names():
    paragraphs = seed_paragraphs()
    assert paragraphs[0].startswith("A series of Friday top-level exchanges")
    assert paragraphs[-1].endswith("quoted on Wednesday by the Xinhua News Agency.")
    # The dump holds these as six lines; the importer keeps the page's own paragraphing.
    assert len(paragraphs) == 6


@needs_seed
def test_seed_extraction():
    article = extract_file(SEED)
    assert article.title == TITLE
    assert article.source == SOURCE
    assert article.date is None
    assert article.body_text.split("\n\n") == seed_paragraphs()
    assert article.source_note.startswith("This article was published in Global Security Newswire")
    for phrase in BOILERPLATE + [TITLE, "This article was published"]:
        assert phrase not in article.body_text
        assert phrase not in article.body_markdown


def _visible_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@needs_seed
def test_seed_in_the_built_site(demo):
    page = article_html(demo["output"], TITLE)
    body = re.search(r'<div class="body">(.*?)</div>', page, re.S).group(1)
    paragraphs = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", body, re.S)]
    assert paragraphs == seed_paragraphs()
    assert "Date unknown" in page
    note = re.search(r'<p class="source-note">(.*?)</p>', page, re.S).group(1)
    assert "Global Security Newswire" in note
    assert re.search(rf'<a href="[^"]*sources/[^"]+" data-pagefind-filter="source"[^>]*>{SOURCE}</a>', page)  # fmt: skip
    visible = _visible_text(page)
    for phrase in BOILERPLATE:
        assert phrase not in visible
    assert visible.count(TITLE) == 2  # the <title> and the headline, not the repeated lines


@needs_seed
def test_seed_listed_on_home_page_as_undated(demo):
    index = (demo["output"] / "index.html").read_text(encoding="utf-8")
    assert TITLE in index
    item = index[index.index(TITLE) :].split("</li>")[0]
    assert "Date unknown" in item


@needs_seed
def test_seed_date_when_supplied(tmp_path):
    from datetime import datetime

    article = extract_file(SEED, date=datetime(2013, 8, 9))
    assert article.date == datetime(2013, 8, 9)
    assert article.date_source == "option"
