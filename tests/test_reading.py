"""Reading articles (plugins/lean_pelican): one Markdown converter per process, reset between
files, reads every file exactly as Pelican's converter-per-file reader does."""

from __future__ import annotations

import json
import os
import sys

from conftest import REPO, build_with_probe, new_archive, write_article
from pelican.contents import Article
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

sys.path.insert(0, str(REPO / "plugins"))
import lean_pelican  # noqa: E402
from lean_pelican import ReusedMarkdownReader  # noqa: E402
from parallel_reading import MIN_PARALLEL  # noqa: E402

ARTICLES = {
    "a.md": (
        "Title: Talks resume\nDate: 2013-08-09\nPeople: Chuck Hagel; John Kerry\n"
        "Summary: Talks *resume* in Washington.\n\n"
        "The talks resumed[^1] on Friday, said the HTML Working Group.\n\n"
        "*[HTML]: Hyper Text Markup Language\n\n"
        "| Side | Delegates |\n|---|---|\n| A | 3 |\n\n[^1]: After a pause of two months.\n"
    ),
    "b.md": (
        "Title: A second article\nDate: 2014-01-02\nSource: Example Wire\n\n"
        "No footnotes here, and HTML is not explained in this one.\n"
    ),
    "c.md": "Title: Third\nDate: 2015-03-04\nSummary: Plain.\n\nA last paragraph.[^1]\n\n[^1]: Its own note.\n",
}


def test_reused_converter_reads_like_a_new_one_per_file(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    settings = read_settings(str(REPO / "pelicanconf.py"))
    reused = ReusedMarkdownReader(settings)
    for _ in range(2):  # every file twice, in turn: nothing one leaves behind reaches the next
        for name in ARTICLES:
            expected = MarkdownReader(read_settings(str(REPO / "pelicanconf.py"))).read(
                str(tmp_path / name)
            )
            assert reused.read(str(tmp_path / name)) == expected, name
    content, metadata = reused.read(str(tmp_path / "b.md"))
    assert metadata["title"] == "A second article" and "<abbr" not in content
    assert 'class="footnote' not in content and str(metadata["source"]) == "Example Wire"
    content, metadata = reused.read(str(tmp_path / "c.md"))
    assert metadata["title"] == "Third" and content.count('class="footnote"') == 1


def test_a_files_path_in_the_content_folder_is_worked_out_once(tmp_path, monkeypatch):
    """Pelican works out an article's path relative to the content folder (two abspaths and
    a relpath) four times per article: lean_pelican keeps it per file, the same answer."""
    settings = read_settings(str(REPO / "pelicanconf.py"), override={"PATH": str(tmp_path)})
    source = tmp_path / "articles" / "2013" / "talks.md"
    article = Article("<p>Talks.</p>", metadata={"title": "Talks", "slug": "talks"},
                      settings=settings, source_path=str(source))  # fmt: skip
    expected = lean_pelican._find_relative_source_path(article)
    assert expected == "articles/2013/talks.md"
    worked_out, relpath = [], os.path.relpath
    monkeypatch.setattr(os.path, "relpath", lambda *a: worked_out.append(a) or relpath(*a))
    assert [lean_pelican._kept_relative_source_path(article) for _ in range(4)] == [expected] * 4
    assert len(worked_out) == 1
    other = str(tmp_path / "articles" / "2014" / "other.md")
    assert lean_pelican._kept_relative_source_path(article, other) == "articles/2014/other.md"


PROBE = """
import json
from pelican import signals
from pelican.contents import Article

made = []
seen = {}


def note(content):
    if isinstance(content, Article):
        made.append(content.source_path)


def when_read(generator):
    seen["made when read"] = len(made)


def report(pelican):
    seen["made"], seen["files"] = len(made), len(set(made))
    with open(pelican.settings["PROBE_REPORT"], "w") as out:
        json.dump(seen, out)


def register():
    signals.content_object_init.connect(note)
    signals.article_generator_init.connect(when_read)  # (after plugins/parallel_reading's)
    signals.finalized.connect(report)
"""


def test_articles_read_in_workers_are_made_as_their_markdown_comes_back(tmp_path):
    """plugins/parallel_reading: each Article is made (metadata, signals, sanitising) as soon
    as the workers hand its Markdown back, while they convert the next files, not after the
    last one with the other cores idle; Pelican's loop is handed each, made once."""
    root = new_archive(tmp_path)
    for n in range(MIN_PARALLEL + 20):
        write_article(root / "content" / "articles" / "2020", n)
    build_with_probe(root, PROBE)
    report = json.loads((root / "probe.json").read_text(encoding="utf-8"))
    articles = MIN_PARALLEL + 20
    assert report == {"made when read": articles, "made": articles, "files": articles}
    assert len(list((root / "output" / "2020").glob("story-*/index.html"))) == articles
