"""Sanitising: one allowlist at import and at render, external links and images, the CSP."""

from __future__ import annotations

import html
import re
import sys
import time
from pathlib import Path

import nh3
import pytest
from conftest import REPO, build_site, build_with_probe, new_archive, our_settings, write_article
from lxml import html as lxml_html

from newsarchive.extract.to_markdown import html_to_markdown, paragraphs_to_markdown
from newsarchive.importer import run_import
from newsarchive.sanitise import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    EXTERNAL_REL,
    URL_SCHEMES,
    clean_html,
    is_external,
    outline_headings,
    safe_url,
    sanitise_article_html,
)

sys.path.insert(0, str(REPO / "plugins"))
from parallel_reading import MIN_PARALLEL  # noqa: E402

EXECUTABLE = re.compile(
    r"<(script|iframe|object|embed|svg|math|style|base|meta|form|input|button|link|frame)\b"
    r"|\son[a-z]+\s*=|javascript:|vbscript:|data:|expression\(|style=",
    re.I,
)

VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    "<svg onload=alert(1)><script>alert(1)</script></svg>",
    '<p style="width:expression(alert(1))">x</p>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<style>@import 'https://evil.example/x.css';</style>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<form action="https://evil.example/"><input name=p><button>go</button></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<details open ontoggle="alert(1)">x</details>',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
]


@pytest.mark.parametrize("vector", VECTORS)
def test_the_allowlist_removes_every_classic_vector(vector):
    for cleaned in (clean_html(vector), sanitise_article_html(vector)):
        assert not EXECUTABLE.search(cleaned), cleaned


def test_links_to_other_sites_get_rel_and_own_links_do_not():
    html = (
        '<a href="https://other.example/a" rel="opener">o</a> <a href="/2019/x/">own</a> '
        '<a href="https://archive.example/2019/y/">own too</a> <a href="//cdn.example/">p</a>'
    )
    out = sanitise_article_html(html, site_url="https://archive.example")
    assert f'<a href="https://other.example/a" rel="{EXTERNAL_REL}">o</a>' in out
    assert '<a href="/2019/x/">own</a>' in out
    assert '<a href="https://archive.example/2019/y/">own too</a>' in out
    assert f'<a href="//cdn.example/" rel="{EXTERNAL_REL}">p</a>' in out
    assert "opener" not in out.replace("noopener", "")
    # Pelican's own link placeholders are the archive's links
    linked = sanitise_article_html('<a href="{filename}/articles/2019/x.md">x</a>')
    assert linked == '<a href="{filename}/articles/2019/x.md">x</a>'
    assert is_external("https://x.example/", "") and not is_external("mailto:a@b.example")


def _cleaned_per_call(fragment: str) -> str:
    """One allowlist pass as nh3.clean makes it: a new cleaner built on each call."""
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel=EXTERNAL_REL)  # fmt: skip


def test_sanitising_reuses_its_cleaners():
    """newsarchive.sanitise keeps its allowlists as nh3 cleaners, made once: the import's
    pass costs less than nh3.clean building its cleaner per call, with the same HTML, and
    rendering's two passes less than two such calls."""
    paragraph = ("<p>The harbour council met on <em>Tuesday</em> to discuss the budget and "
                 "the pier, and what the ferry company asked of it.</p>\n")  # fmt: skip
    articles = [paragraph * (3 + n % 3) + f'<p>Story {n}, <a href="https://other.example/{n}">'
                "from elsewhere</a>.</p>" for n in range(300)]  # fmt: skip
    assert sanitise_article_html(articles[0]).count(f'rel="{EXTERNAL_REL}"') == 1
    for fragment in [*articles[:3], *VECTORS]:
        assert clean_html(fragment) == _cleaned_per_call(fragment)

    def cpu(function) -> float:
        times = []
        for _ in range(5):
            start = time.process_time()
            for fragment in articles:
                function(fragment)
            times.append(time.process_time() - start)
        return min(times)

    per_call = cpu(_cleaned_per_call)
    assert cpu(clean_html) < 0.75 * per_call
    assert cpu(sanitise_article_html) < 2 * per_call


def test_the_external_image_policy():
    html = (
        '<p><img src="https://img.example/a.png" alt="A harbour"> '
        '<a href="https://o.example/"><img src="https://img.example/b.png" alt="B"></a> '
        '<img src="/theme/own.png" alt="own"></p>'
    )
    linked = sanitise_article_html(html, external_images="link")
    assert "<img" in linked and 'src="https://img.example' not in linked
    assert (
        f'<a href="https://img.example/a.png" rel="{EXTERNAL_REL}" class="external-image">'
        "Image: A harbour</a>" in linked
    )
    assert "[Image: B]" in linked  # no link inside a link
    assert '<img src="/theme/own.png" alt="own">' in linked
    dropped = sanitise_article_html(html, external_images="drop")
    assert "img.example" not in dropped and 'src="/theme/own.png"' in dropped
    kept = sanitise_article_html(html, external_images="keep")
    assert '<img src="https://img.example/a.png" alt="A harbour">' in kept
    with pytest.raises(ValueError):
        sanitise_article_html(html, external_images="maybe")


def test_safe_url_accepts_only_http():
    assert safe_url("https://news.example/a?b=1") == "https://news.example/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//x.example", "https://a b.example",
                'https://x.example/"><script>', "", None, "ftp://x.example/"):  # fmt: skip
        assert safe_url(bad) is None, bad


def test_text_that_looks_like_html_stays_text_in_the_markdown():
    markdown = html_to_markdown("<p>About &lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;</p>")
    assert "<script" not in markdown and "&lt;script>" in markdown
    dump = paragraphs_to_markdown(["A <b>tag</b> & AT&T in a text dump"])
    assert "<b>" not in dump and "\\&" not in dump


def test_import_time_html_is_sanitised(tmp_path):
    page = tmp_path / "in" / "page.html"
    page.parent.mkdir()
    body = " ".join(["The harbour council met on Tuesday to discuss the budget."] * 8)
    vectors = "".join(VECTORS)
    page.write_text(
        f'<html><head><title>Council meets</title><link rel="canonical" '
        f'href="javascript:alert(1)"></head><body><article><h1>Council meets</h1>'
        f"<p>{body}</p><p>{vectors} More text about the budget and the harbour.</p>"
        f"<p>{body}</p></article></body></html>",
        encoding="utf-8",
    )
    [outcome] = run_import([page], root=tmp_path, tag=False)
    assert outcome.status == "imported", outcome
    text = Path(outcome.path).read_text(encoding="utf-8")
    assert not EXECUTABLE.search(text), text
    assert "Original_Url" not in text


@pytest.mark.parametrize(
    ("given", "ranked"),
    [("h2 h3 h3 h2", "h2 h3 h3 h2"), ("h4 h4 h5 h4", "h2 h2 h3 h2"), ("h1 h2 h1", "h2 h3 h2"),
     ("h3 h5 h4", "h2 h3 h3"), ("h2 h6 h6", "h2 h3 h3"), ("", "")],
)  # fmt: skip
def test_an_articles_headings_are_ranked_under_its_title_none_skipped(given, ranked):
    text = "".join(f"<{tag}>{n}</{tag}><p>Text {n}.</p>" for n, tag in enumerate(given.split()))
    expected = "".join(f"<{tag}>{n}</{tag}><p>Text {n}.</p>" for n, tag in enumerate(ranked.split()))  # fmt: skip
    assert outline_headings(text) == expected
    assert sanitise_article_html(text) == expected


def test_a_saved_pages_subheadings_are_the_article_pages_second_level(tmp_path):
    """The page's <h4> subheadings stood straight under the article's <h1> (h2 and h3
    skipped), and a screen reader's list of headings by level missed them."""
    page = tmp_path / "in" / "page.html"
    page.parent.mkdir()
    para = "<p>" + " ".join(["The harbour council met on Tuesday to discuss the budget."] * 6) + "</p>"  # fmt: skip
    page.write_text(
        "<html><head><title>Council meets</title></head><body><article><h1>Council meets</h1>"
        f"{para}<h4>The budget</h4>{para}<h5>The pier</h5>{para}<h4>The ferry</h4>{para}"
        "</article></body></html>",
        encoding="utf-8",
    )
    root = new_archive(tmp_path / "archive")
    [outcome] = run_import([page], root=root, tag=False)
    assert outcome.status == "imported", outcome
    output = build_site(root)
    [built] = [p for p in output.rglob("index.html") if "council-meets" in str(p)]
    tree = lxml_html.fromstring(built.read_text(encoding="utf-8"))
    headings = [(h.tag, h.text_content()) for h in tree.xpath("//main//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]")]  # fmt: skip
    assert headings == [("h1", "Council meets"), ("h2", "The budget"), ("h3", "The pier"),
                        ("h2", "The ferry")]  # fmt: skip


def test_hand_edited_markdown_is_sanitised_at_render_and_pages_carry_a_csp(tmp_path):
    root = new_archive(tmp_path)
    folder = root / "content" / "articles" / "2020"
    write_article(folder, 1, Original_Url="javascript:alert(1)")
    path = folder / "story-1.md"
    hostile = "\n\n".join(VECTORS)
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\n[click](javascript:alert(1)) and [elsewhere](https://other.example/) and "
        + f"![pic](https://img.example/p.png)\n\n{hostile}\n",
        encoding="utf-8",
    )
    output = build_site(root)
    html = (output / "2020" / "story-1" / "index.html").read_text(encoding="utf-8")
    body = html.split('<div class="body">', 1)[1].split("</div>", 1)[0]
    assert not EXECUTABLE.search(body), body
    assert f'<a href="https://other.example/" rel="{EXTERNAL_REL}">elsewhere</a>' in body
    assert 'href="https://img.example/p.png"' in body  # linked, not hot-linked
    assert 'src="https://img.example' not in body
    assert "javascript:" not in html
    for page in output.rglob("*.html"):
        if page.relative_to(output).parts[0] in ("pagefind", "theme"):
            continue
        text = page.read_text(encoding="utf-8")
        [policy] = lxml_html.fromstring(text).xpath(
            "//head/meta[@http-equiv='Content-Security-Policy']/@content"
        )
        scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", text, re.S)
        if page.relative_to(output).as_posix() == "search/index.html":
            assert policy.startswith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval';")
            assert "object-src 'none'" in policy and "base-uri 'none'" in policy
            assert scripts, "the search page runs its script"
        else:  # a page that runs nothing allows nothing to run, nor to be fetched but these
            assert policy == (
                "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                "base-uri 'none'; form-action 'self'"
            ), page
            assert not scripts, page
        # our own script comes from a file; no page has an inline one
        for script in scripts:
            assert not script.strip(), page


COUNTING_PROBE = """
import json
import os

import sanitise
from pelican import signals

PELICAN_PROCESS = os.getpid()
calls = []
sanitise_article_html = sanitise.sanitise_article_html


def counted(*args, **kwargs):
    calls.append(os.getpid())
    return sanitise_article_html(*args, **kwargs)


def report(pelican):
    with open(pelican.settings["PROBE_REPORT"], "w") as out:
        json.dump(calls.count(PELICAN_PROCESS), out)


def register():
    sanitise.sanitise_article_html = counted
    signals.finalized.connect(report)
"""


def test_articles_read_in_workers_are_sanitised_there(tmp_path):
    """plugins/sanitise: an article plugins/parallel_reading's workers convert is sanitised
    in that worker, beside the other, not again in Pelican's process, which makes every
    Article; the page is what sanitising it there would have made."""
    root = new_archive(tmp_path)
    folder = root / "content" / "articles" / "2020"
    for n in range(MIN_PARALLEL + 20):
        write_article(folder, n)
    path = folder / "story-1.md"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\n[elsewhere](https://other.example/) and ![pic](https://img.example/p.png)\n\n"
        + "\n\n".join(VECTORS)
        + "\n",
        encoding="utf-8",
    )
    build_with_probe(root, COUNTING_PROBE)
    assert (root / "probe.json").read_text(encoding="utf-8") == "0"
    page = (root / "output" / "2020" / "story-1" / "index.html").read_text(encoding="utf-8")
    body = page.split('<div class="body">', 1)[1].split("</div>", 1)[0]
    assert not EXECUTABLE.search(body), body
    assert f'<a href="https://other.example/" rel="{EXTERNAL_REL}">elsewhere</a>' in body
    assert 'href="https://img.example/p.png"' in body and 'src="https://img.example' not in body
    assert len(list((root / "output" / "2020").glob("story-*/index.html"))) == MIN_PARALLEL + 20


def _policy_of(page: Path) -> list[str]:
    return lxml_html.fromstring(page.read_text(encoding="utf-8")).xpath(
        "//meta[@http-equiv='Content-Security-Policy']/@content"
    )


def test_keeping_external_images_widens_the_policy(tmp_path):
    root = new_archive(tmp_path)
    folder = root / "content" / "articles" / "2020"
    write_article(folder, 2)
    path = folder / "story-2.md"
    path.write_text(path.read_text() + "\n![pic](https://img.example/p.png)\n", encoding="utf-8")
    settings = our_settings(
        tmp_path / "keep.py", 'EXTERNAL_IMAGES = "keep"\nSEARCH_INDEX = False\n'
    )
    page = build_site(root, settings) / "2020" / "story-2" / "index.html"
    assert '<img alt="pic" src="https://img.example/p.png">' in page.read_text()
    assert "img-src 'self' data: https: http:" in _policy_of(page)[0]


def test_a_policy_set_in_the_settings_is_every_pages(tmp_path):
    """The search page's own default (scripts) does not override the site's choice; an empty
    policy is none on any page."""
    root = new_archive(tmp_path)
    write_article(root / "content" / "articles" / "2020", 4)
    for policy, expected in (("default-src 'self'", ["default-src 'self'"]), ("", [])):
        settings = our_settings(
            tmp_path / "policy.py", f"CONTENT_SECURITY_POLICY = {policy!r}\nSEARCH_INDEX = False\n"
        )
        output = build_site(root, settings)
        for page in ("search/index.html", "2020/story-4/index.html", "index.html"):
            assert _policy_of(output / page) == expected, (policy, page)


def test_a_summary_is_text_in_pages_and_feeds(tmp_path):
    root = new_archive(tmp_path)
    summary = "About &lt;b&gt; AT&T, <script>alert(1)</script> <img src=x onerror=alert(2)> ok"
    write_article(root / "content" / "articles" / "2020", 3, Summary=summary)
    output = build_site(root)
    feed = (output / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    [text] = re.findall(r'<summary type="html">(.*?)</summary>', feed)
    as_html = html.unescape(text)  # what a feed reader renders
    fragment = lxml_html.fragment_fromstring(as_html, create_parent="div")
    assert fragment.xpath("//script | //img | //@*[starts-with(name(), 'on')]") == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in as_html
    # the home page lists it with its summary (the article's own page has none: issue 9)
    for page in (output / "2020" / "story-3" / "index.html", output / "index.html"):
        page = page.read_text(encoding="utf-8")
        assert "onerror" not in page.replace("onerror=alert(2)&gt;", "")
    assert "AT&amp;T, &lt;script&gt;alert(1)&lt;/script&gt;" in page
