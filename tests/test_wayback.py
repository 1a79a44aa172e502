"""Wayback Machine captures come out as the original page, at its original address."""

from __future__ import annotations

import re
from datetime import datetime

from conftest import SAMPLES

from newsarchive.importer import extract_file

ORIGINAL = SAMPLES / "html" / "meridian-courier" / "saltmere-port-strike-second-week.html"
STAMP = "20190320101500"
TOOLBAR = """<script src="//archive.org/includes/analytics.js?v=cf34f82"></script>
<script type="text/javascript">window.addEventListener('load', function(){ __wm.init("https://web.archive.org/web"); });</script>
<link rel="stylesheet" type="text/css" href="/_static/css/banner-styles.css?v=S1zqJCYt" />
<!-- BEGIN WAYBACK TOOLBAR INSERT -->
<div id="wm-ipp-base"><div id="wm-ipp">The Wayback Machine - https://web.archive.org/web/%s/...
<a href="/web/%s*/https://meridiancourier.example/">42 captures</a> 18 Mar 2019 - 20 Mar 2019</div></div>
<!-- END WAYBACK TOOLBAR INSERT -->""" % (STAMP, STAMP)  # noqa: UP031


def capture_of(html: str) -> str:
    """The page as web.archive.org serves it: toolbar in, every link rewritten."""

    def rewrite(match: re.Match) -> str:
        return f'{match.group(1)}="https://web.archive.org/web/{STAMP}/{match.group(2)}"'

    html = re.sub(r'(href|src)="(https?://[^"]+)"', rewrite, html)
    html = re.sub(
        r'(href|src)="(/[^/"][^"]*)"',
        lambda m: f'{m.group(1)}="/web/{STAMP}/https://meridiancourier.example{m.group(2)}"',
        html,
    )
    html = html.replace("<body", TOOLBAR + "\n<body", 1) if "<body" in html else TOOLBAR + html
    return (
        html
        + "\n<!--\n     FILE ARCHIVED ON 10:15:00 Mar 20, 2019 AND RETRIEVED FROM THE\n     INTERNET ARCHIVE ON 12:00:00 Nov 01, 2026.\n-->"
    )


def test_capture_is_the_original_page(tmp_path):
    original = extract_file(ORIGINAL)
    page = tmp_path / "capture.html"
    page.write_text(capture_of(ORIGINAL.read_text(encoding="utf-8")), encoding="utf-8")
    article = extract_file(page)
    assert article.title == original.title
    assert article.url == original.url and "archive.org" not in article.url
    assert article.date == original.date and article.date_source == original.date_source
    assert article.body_text == original.body_text
    assert "web.archive.org" not in article.body_markdown and "Wayback" not in article.body_text
    assert any("Wayback Machine capture of 2019-03-20 10:15" in w for w in article.warnings)
    assert article.captured == datetime(2019, 3, 20, 10, 15)


def test_capture_time_is_the_date_of_last_resort(tmp_path):
    body = "".join(
        f"<p>{extract_file(ORIGINAL).body_text.split(chr(10) * 2)[i]}</p>" for i in range(4)
    )
    undated = (
        '<html><head><title>Port strike talks resume</title><link rel="canonical" '
        'href="https://meridiancourier.example/business/port-strike-talks-resume"></head>'
        f"<body><article><h1>Port strike talks resume</h1>{body}</article></body></html>"
    )
    page = tmp_path / "capture.html"
    page.write_text(capture_of(undated), encoding="utf-8")
    article = extract_file(page)
    assert article.url == "https://meridiancourier.example/business/port-strike-talks-resume"
    assert article.date == datetime(2019, 3, 20, 10, 15)
    assert article.date_source == "wayback-capture"


def test_two_captures_of_one_site_keep_their_own_addresses(tmp_path):
    """The first rewritten link of a capture is often a script: taken for the page's address,
    it gave two stories one id, and the second import overwrote the first."""
    asset = (
        '<script src="https://web.archive.org/web/20190320101455js_/'
        'https://cdn.meridiancourier.example/app.js"></script>'
    )
    urls = []
    for name in ("saltmere-port-strike-second-week", "lindhaven-arms-talks-stall-over-inspections"):
        original = extract_file(SAMPLES / "html" / "meridian-courier" / f"{name}.html")
        html = capture_of(original_html(name)).replace("<head>", f"<head>{asset}", 1)
        wombat = f'<script>__wm.wombat("{original.url}","{STAMP}","https://web.archive.org/","web");</script>'
        for label, page_html in (
            ("player", html.replace("</head>", wombat + "</head>", 1)),
            ("canonical", html),
        ):
            page = tmp_path / f"{name}-{label}.html"
            page.write_text(page_html, encoding="utf-8")
            article = extract_file(page)
            assert article.url == original.url, label
            assert article.captured == datetime(2019, 3, 20, 10, 15), label
        urls.append(original.url)
    assert len(set(urls)) == 2


def original_html(name: str) -> str:
    return (SAMPLES / "html" / "meridian-courier" / f"{name}.html").read_text(encoding="utf-8")
