"""The built site: home page, article pages, archive pages, pagination and the feed."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from conftest import PELICAN, REPO, article_html, build_site, needs_seed, new_archive, write_article

from newsarchive.store import read_header

sys.path.insert(0, str(REPO / "plugins"))
from site_files import page_urls  # noqa: E402


@needs_seed
def test_home_page_lists_the_demo_articles(demo):
    index = (demo["output"] / "index.html").read_text(encoding="utf-8")
    imported = [o for o in demo["outcomes"] if o.status == "imported"]
    assert len(imported) == 17
    for outcome in imported:
        assert outcome.title in index.replace("&#39;", "'"), outcome.title
    # newest first, undated last
    assert index.index("Santangelo claims victory") < index.index("Veloria and Kastria agree")
    assert index.index("Veloria and Kastria agree") < index.index("Insiders: Major Headway")


def dockworkers_page(demo) -> str:
    return (
        demo["output"]
        / "2019"
        / "dockworkers-walk-out-at-saltmere-over-automation-plan"
        / "index.html"
    ).read_text()


def test_article_page_markup_is_lean(demo):
    """Issue 9 (about 10 KB an article, all-in): what the page adds to the article's text stays
    small. The summary is not repeated (the page's description was a copy of its first lines),
    a tag is a bare link (its look comes from the stylesheet, by context), and the search
    index reads the date and source from the byline, not from hidden copies."""
    page = dockworkers_page(demo)
    body = re.search(r'<div class="body">.*?</div>', page, re.S).group(0)
    opening = re.search(r"<p>([^<]{40,}?)[.,]", body).group(1)
    assert page.count(opening) == 1 and '<meta name="description"' not in page
    assert page.count(">Harbor Daily Wire<") == 1 and page.count(">11 March 2019<") == 1
    assert "<div hidden" not in page and '<meta property="og:title"' not in page
    tags = page[page.index('<nav class="tags"') :].split("</nav>")[0]
    assert tags.count("<a ") >= 5 and not re.search(r"<(a|span|p)\b[^>]*class=", tags)
    # a generous budget for everything around the text: head, site header, byline, tags,
    # related articles, the original's address (twice, as a link), newer and older
    assert len(page.encode()) - len(body.encode()) < 5500  # 6,200 before issue 9


def test_article_page_shows_its_facts(demo):
    page = dockworkers_page(demo)
    # the byline: the date, and the source linked to its page (not repeated among the tags),
    # each also read by the search index from there
    assert re.search(r'<time datetime="2019-03-11T14:20\+01:00" data-pagefind-meta="date"[^>]*>11 March 2019</time>', page)  # fmt: skip
    assert re.search(r'<a href="../../sources/harbor-daily-wire/" data-pagefind-filter="source" data-pagefind-meta="source">Harbor Daily Wire</a>', page)  # fmt: skip
    assert "<b>Sources</b>" not in page
    assert re.search(r'>Harbor Daily Wire</a> · Marguerite Lanois, Felix Adeyemi-Strand · \d+ min read</p>', page)  # fmt: skip
    assert (
        'href="https://harbordaily.example/2019/03/11/saltmere-dockworkers-walk-out-over-automation/"'
        in page
    )
    assert (
        "<script" not in page
    )  # the site works without JavaScript; the scraped page's scripts are gone


def test_every_internal_link_resolves(demo):
    output = demo["output"]
    for page in output.rglob("*.html"):
        for href in re.findall(r'(?:href|src)="([^"#]+)"', page.read_text()):
            if href.startswith(("http://", "https://", "mailto:", "data:")):
                continue
            target = (page.parent / href.split("?")[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{page.relative_to(output)} links to missing {href}"


def test_feed_is_valid_and_has_no_undated_articles(demo):
    feed = ET.parse(demo["output"] / "feeds" / "all.atom.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert len(titles) == 15
    assert "Insiders: Major Headway Unlikely From U.S.-Russia Talks" not in titles


def test_pages_are_lean(demo):
    sizes = [p.stat().st_size for p in demo["output"].glob("*/*/index.html")]
    assert max(sizes) < 20_000  # an article page is its text plus ~2 KB of template


def test_home_shows_the_newest_and_all_articles_lists_every_one(tmp_path):
    new_archive(tmp_path)
    for n in range(45):
        write_article(tmp_path / "content" / "articles" / "2020", n)
    output = build_site(tmp_path)
    first = (output / "index.html").read_text()
    # the newest, with their summaries, each title a heading under "Latest articles" (they
    # were its siblings, h2 beside h2)
    assert first.count('<h3><a href="./2020/') == 20 and '<h2><a href="./2020/' not in first
    assert "Summary of story" in first and 'href="./archives/">All articles' in first
    assert not (output / "page").exists()
    # lists are paginated stably in page/N/ folders (test_entity_pages): 45 fit on one page
    assert (output / "archives" / "index.html").read_text().count("<li>") == 45


@needs_seed
def test_article_links_to_original_and_archived_copies(demo):
    page = (
        demo["output"]
        / "2021"
        / "halcyon-lunar-probe-cleared-for-launch-after-heat-shield-review"
        / "index.html"
    ).read_text()
    original = "https://harbordaily.example/2021/06/14/halcyon-lunar-probe-cleared-for-launch/"
    assert f'href="{original}"' in page
    assert f'href="https://web.archive.org/web/*/{original}"' in page
    # an article whose saved page gave no address says so (the seed: a text dump)
    seed = article_html(demo["output"], "Insiders: Major Headway Unlikely From U.S.-Russia Talks")
    assert "<b>Original</b> address unknown: the saved page does not give it" in seed
    assert "web.archive.org" not in seed


def test_an_article_says_when_its_copy_was_made(demo, tmp_path):
    """A citation of an archived page gives when it was archived: the article page said
    where the original was, never when this copy of it was made (its Captured and Imported
    lines were in its Markdown only)."""
    path = next((demo["root"] / "content" / "articles" / "2021").glob("halcyon-lunar-*.md"))
    imported = read_header(path)["imported"]
    page = article_html(demo["output"], "Halcyon lunar probe cleared for launch after heat-shield review")  # fmt: skip
    assert f"<p><b>This copy</b> added to News Archive {imported}</p>" in page
    new_archive(tmp_path)
    folder = tmp_path / "content" / "articles" / "2019"
    write_article(folder, 1, Captured="2019-03-20 14:05:09", Imported="2024-06-01")
    write_article(folder, 2)  # (written by hand: no such lines)
    output = build_site(tmp_path)
    line = "<p><b>This copy</b> captured 2019-03-20, added to News Archive 2024-06-01</p>"
    assert line in article_html(output, "Story 1")
    assert "This copy" not in article_html(output, "Story 2")


def test_every_file_of_the_site_has_the_usual_permissions(demo):
    """Files written via a temporary file were the owner's only (mkstemp): a web server running
    as another user refused the search index's filter counts."""
    from newsarchive.store import FILE_MODE

    modes = {p.relative_to(demo["output"]).as_posix(): p.stat().st_mode & 0o666
             for p in demo["output"].rglob("*") if p.is_file()}  # fmt: skip
    assert modes and {path: mode for path, mode in modes.items() if mode != FILE_MODE} == {}
    article = next((demo["root"] / "content" / "articles").rglob("*.md"))
    assert article.stat().st_mode & 0o666 == FILE_MODE


def test_a_draft_is_written_apart_and_listed_nowhere(tmp_path):
    """`Status: draft` (Pelican's): a preview under drafts/, in no list, feed, entity page,
    search index or sitemap. (With category pages off, Pelican failed on any draft.)"""
    root = new_archive(tmp_path)
    articles = root / "content" / "articles" / "2020"
    for n in range(3):
        write_article(articles, n, People="Ilse Marrant")
    write_article(articles, 7, Status="draft", People="Ilse Marrant", Title="Unfinished lock story")
    # an undated draft too (its undated/ address published it, search and sitemap included)
    write_article(root / "content" / "articles" / "undated", 8, Date="", Status="draft",
                  People="Ilse Marrant", Title="Unfinished undated story")  # fmt: skip
    output = build_site(root)
    drafts = [output / "drafts" / "story-7.html", output / "drafts" / "story-8.html"]
    assert "Unfinished lock story" in drafts[0].read_text(encoding="utf-8")
    assert "Unfinished undated story" in drafts[1].read_text(encoding="utf-8")
    listed = [
        p
        for p in output.rglob("*")
        if p.is_file() and p not in drafts and p.suffix != ".pf_fragment"
    ]
    assert [p for p in listed if b"Unfinished" in p.read_bytes()] == []
    assert not (output / "undated").exists()
    fragments = [gzip.decompress(p.read_bytes()) for p in output.rglob("*.pf_fragment")]
    assert fragments and not any(b"Unfinished" in f or b"drafts/" in f for f in fragments)
    assert "drafts/" not in " ".join(page_urls(output))
    # the published site has no preview: drafts/ would be public, at a guessable address
    env = {"NEWSARCHIVE_SITEURL": "https://example.org/archive"}
    published = build_site(root, REPO / "publishconf.py", env)
    assert not (published / "drafts").exists()
    assert [p for p in published.rglob("*.html") if b"Unfinished" in p.read_bytes()] == []


def test_two_articles_at_one_address_are_an_error_naming_both_files(tmp_path):
    """A file of the editor's own dated in a year where one of its name is, or a former
    address (`Moved_From`) another article has now: one line naming both files, and the
    first file keeps the address (Pelican stopped with a traceback naming the page alone)."""
    root = new_archive(tmp_path)
    articles = root / "content" / "articles"
    write_article(articles / "2020", 1)
    write_article(articles / "opinion", 1, Title="Mine")
    write_article(articles / "2021", 2, Date="2021-01-02", Slug="story-1", Moved_From="2020")
    command = [str(PELICAN), "content", "-o", "output", "-s", str(REPO / "pelicanconf.py")]
    env = {**os.environ, "COLUMNS": "400"}
    built = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env)
    log = built.stdout + built.stderr
    assert "Traceback" not in log and built.returncode == 0
    claims = "content/articles/2020/story-1.md and content/articles/{} both claim the address 2020/story-1/: it stays the first's"  # fmt: skip
    assert claims.format("2021/story-2.md") in log and claims.format("opinion/story-1.md") in log
    output = root / "output"
    assert ">Story 1</h1>" in (output / "2020" / "story-1" / "index.html").read_text()
    assert ">Story 2</h1>" in (output / "2021" / "story-1" / "index.html").read_text()
    # `make html` (--fatal errors) stops at the first, in one line
    stopped = subprocess.run([*command, "--fatal", "errors"], cwd=root, capture_output=True,
                             text=True, env=env)  # fmt: skip
    assert stopped.returncode == 1
    assert stopped.stderr.strip().splitlines()[-1] == "error: " + claims.format("opinion/story-1.md") + " (change the other's Slug, or its folder) (the build stopped at this error)"  # fmt: skip


def test_articles_of_one_date_are_listed_alike_by_every_build(tmp_path):
    """Pelican reads the files in set order, which differs from one interpreter run to the
    next; same-date articles (every undated one, a day's date-only ones) were listed, linked
    as neighbours and related in that order, so two builds of one archive differed."""
    pages = {}
    for seed in ("1", "2", "3"):
        root = new_archive(tmp_path / seed)
        for n in range(8):
            write_article(root / "content" / "articles" / "2020", n, Date="2020-05-04",
                          People="Ilse Marrant", Topics="Drought")  # fmt: skip
            write_article(root / "content" / "articles" / "undated", 20 + n, Date="",
                          People="Ilse Marrant")  # fmt: skip
        output = build_site(root, env={"PYTHONHASHSEED": seed})
        pages[seed] = {
            p.relative_to(output).as_posix(): p.read_bytes()
            for p in output.rglob("*.html")
            if "pagefind" not in p.parts
        }
    assert pages["1"] == pages["2"] == pages["3"]


def test_a_byline_names_an_outlet_once(tmp_path):
    """A page credited to its newsroom alone read "BBC News · BBC News" in its byline, and
    "Al Bawaba · Al-Bawaba" where the two spellings differ."""
    root = new_archive(tmp_path)
    folder = root / "content" / "articles" / "2020"
    write_article(folder, 1, Source="BBC News", Authors="BBC News;")
    write_article(folder, 2, Source="Al Bawaba", Authors="Al-Bawaba; Rana Haddad")
    write_article(folder, 3, Source="The Meridian Courier", Authors="Ada Quill")
    output = build_site(root)
    meta = {n: re.search(r'<p class="meta".*?</p>', article_html(output, f"Story {n}"))[0] for n in (1, 2, 3)}  # fmt: skip
    assert meta[1].count("BBC News") == 1
    assert "Al-Bawaba" not in meta[2] and "· Rana Haddad ·" in meta[2]
    assert "· Ada Quill ·" in meta[3]


def test_a_hidden_article_is_at_its_address_and_listed_nowhere(tmp_path):
    """`Status: hidden` kept an article out of the lists, entity pages and feeds, but the
    search found it (and counted it in its person's filter) and the sitemap listed it."""
    import json

    root = new_archive(tmp_path)
    articles = root / "content" / "articles" / "2020"
    write_article(articles, 1, People="Ada Quill; Bo Rask")
    write_article(articles, 2, People="Ada Quill; Bo Rask")
    write_article(articles, 3, People="Ada Quill; Cy Wend", Status="hidden")
    env = {"NEWSARCHIVE_SITEURL": "https://example.org/archive"}
    output = build_site(root, REPO / "publishconf.py", env)
    hidden = (output / "2020" / "story-3" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in hidden
    assert "data-pagefind-body" not in hidden and "Body of story 3." in hidden
    shown = (output / "2020" / "story-1" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in shown and "noindex" not in shown
    indexed = []
    for fragment in (output / "pagefind").rglob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        indexed.append(json.loads(data[data.index(b"{") :])["url"])
    assert sorted(url.rstrip("/").rsplit("/", 1)[-1] for url in indexed) == ["story-1", "story-2"]
    people = (output / "pagefind" / "filters" / "person.json").read_text(encoding="utf-8")
    assert "Cy Wend" not in people and "Ada Quill" in people
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/2020/story-1/<" in sitemap and "story-3" not in sitemap
    # a shard of hidden articles alone: Pagefind, finding no page marked, indexed them whole
    write_article(root / "content" / "articles" / "2021", 4, Date="2021-03-01 10:00",
                  Status="hidden", People="Dee Hart")  # fmt: skip
    settings = root / "small_shards.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom publishconf import *  # noqa\n"
        "SEARCH_SHARD_PAGES = 2\n",
        encoding="utf-8",
    )
    output = build_site(root, settings, env)
    manifest = json.loads((output / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert [entry["years"] for entry in manifest] == [["2020"]]
    assert not (output / "pagefind" / "2021").exists()
    assert not list((output / "pagefind").rglob("*.pf_fragment")) or all(
        b"story-4" not in gzip.decompress(f.read_bytes())
        for f in (output / "pagefind").rglob("*.pf_fragment")
    )


def test_lists_go_by_the_local_time_each_page_gives(tmp_path):
    """Dates keep their page's offset from UTC: sorted by the moment, a story of 00:30 on New
    Year's Day at UTC+2 (22:30 UTC the evening before) came after one of 23:30 UTC on New
    Year's Eve, and the lists read "2021, 2022, 2021"."""
    root = new_archive(tmp_path)
    write_article(root / "content" / "articles" / "2021", 1, Date="2021-12-31 23:30+00:00",
                  Title="Eve story", Source="Harbour Daily")  # fmt: skip
    write_article(root / "content" / "articles" / "2022", 2, Date="2022-01-01 00:30+02:00",
                  Title="New Year story", Source="Harbour Daily")  # fmt: skip
    write_article(root / "content" / "articles" / "2021", 3, Date="2021-12-30 12:00",
                  Title="Earlier story", Source="Harbour Daily")  # fmt: skip
    output = build_site(root)
    for page in ("archives", "sources/harbour-daily"):
        html = (output / page / "index.html").read_text(encoding="utf-8")
        order = [html.index(title) for title in ("New Year story", "Eve story", "Earlier story")]
        assert order == sorted(order), page
