"""The article's Source: the outlet's name, chosen among the names a page gives itself."""

from __future__ import annotations

import json

import pytest
from conftest import SHARED
from lxml import html as lxml_html

from newsarchive.extract import extract_article
from newsarchive.extract.metadata import page_metadata
from newsarchive.extract.source_name import source_name
from newsarchive.sources import load

BENCH = SHARED / "benchmarks" / "extraction" / "html"


def page(url: str, title: str = "Story", site: str | None = None, publisher: str | None = None,
         twitter: str | None = None) -> str:  # fmt: skip
    """A small article page of our own with the outlet named where the arguments say."""
    head = f"<title>{title}</title><link rel='canonical' href='{url}'>"
    if site:
        head += f"<meta property='og:site_name' content='{site}'>"
    if twitter:
        head += f"<meta name='twitter:site' content='{twitter}'>"
    if publisher:
        ld = {"@type": "NewsArticle", "headline": "Story", "publisher": {"name": publisher}}
        head += f"<script type='application/ld+json'>{json.dumps(ld)}</script>"
    body = "<p>" + "The council met on Tuesday to discuss the budget. " * 20 + "</p>"
    return f"<html><head>{head}</head><body><article><h1>Story</h1>{body}</article></body></html>"


def source_of(html: str) -> str | None:
    return page_metadata(lxml_html.fromstring(html), html, None)["source"]


def test_a_handle_gives_way_to_the_same_name_spelt_out():
    html = page("https://www.harbourgazette.com/a/1", site="harbourgazette", publisher="The Harbour Gazette")  # fmt: skip
    assert source_of(html) == "The Harbour Gazette"
    assert source_of(page("https://www.harbourgazette.com/a/1", site="@harbourgazette",
                          title="Story | Harbourgazette")) == "Harbourgazette"  # fmt: skip


def test_a_section_gives_way_to_the_hosts_own_name():
    html = page("https://www.wirenews.com/markets/1", title="Oil slips | Wirenews", site="Markets")
    assert source_of(html) == "Wirenews"
    # a brand of its own that the host does not spell stays: no other name is the host's
    assert source_of(page("https://www.hc.com/x", site="Houston Courier")) == "Houston Courier"
    assert source_of(page("https://uk.wirenews.com/x", site="Wirenews UK")) == "Wirenews UK"


def test_a_tagline_is_cut_only_where_the_rest_is_the_hosts_name():
    html = page("https://www.linkpost.com/x", site="LinkPost | Your daily news platform")
    assert source_of(html) == "LinkPost"
    kept = page("https://www.nbc9.com/x", site="NBC 9 Dallas-Fort Worth")
    assert source_of(kept) == "NBC 9 Dallas-Fort Worth"


def test_a_footer_line_is_no_name_and_the_host_is_the_last_resort():
    assert source_of(page("https://www.quietvalley.org/n/1", site="Copyright 2014")) == "quietvalley.org"  # fmt: skip
    assert source_name([None, "  ", "@"], "https://news.example.net/x") == "news.example.net"
    assert source_name(["Copyright 2020 Acme"], None) is None


def test_a_titles_end_that_begins_with_the_hosts_name_names_the_site():
    """vortexcannon.org names itself only in its <title>'s end, "Vortex Cannon Entertainment":
    the host's name was the source. A short host ("ap") begins too many names to count."""
    html = page("https://www.harbourband.example/a", title="About us – Harbour Band Entertainment")
    assert source_of(html) == "Harbour Band Entertainment"
    assert source_of(page("https://www.ap.example/x", title="Story – Apex News")) == "ap.example"


def test_equal_names_keep_the_first_given():
    assert source_name(["Space.com", "Space"], "https://www.space.com/x") == "Space.com"
    assert source_name(["9to5Mac", "9To5Mac"], "https://9to5mac.com/x") == "9to5Mac"


def test_a_page_with_no_name_and_no_address_is_named_by_its_title(tmp_path):
    """The Space Review's pages name themselves only in their <title> ("The Space Review:
    Seeking a bigger role for a big rocket") and give no address: they had no Source."""
    story = "<p>" + "The agency said the rocket would fly once a year at most. " * 20 + "</p>"
    headline = "<h1>A bigger role for a big rocket</h1>"
    for title, expected in [
        ("The Orbit Review: A bigger role for a big rocket", "The Orbit Review"),
        ("A bigger role for a big rocket - Orbit Weekly", "Orbit Weekly"),
        ("A bigger role for a big rocket", None),  # nothing beside the headline
    ]:
        path = tmp_path / "rocket.html"
        path.write_text(f"<html><head><title>{title}</title></head><body><article>{headline}"
                        f"{story}</article></body></html>", encoding="utf-8")  # fmt: skip
        article = extract_article(load(path))
        assert (article.title, article.source) == ("A bigger role for a big rocket", expected)


needs_bench = pytest.mark.skipif(
    not BENCH.is_dir(), reason=f"{BENCH} not found: the shared pages are read in place"
)


@needs_bench
@pytest.mark.parametrize(
    ("page_id", "expected"),
    [
        # og:site_name "detroitnews", trafilatura's "The Detroit News"
        ("7de5241947a5f7147fe9787c6f6fa16685bfe66e6c35510a68780f27690dc4f0", "The Detroit News"),
        # og:site_name "U.S." (the desk) on reuters.com, whose title ends "| Reuters"
        ("57d46c9d751e3fd3ffaf3ede7ac20cebd30eacb5ea78e1a6aa0a72059244e7ca", "Reuters"),
        # og:site_name "@politifact"
        ("9e8c9f082a8d77c58c17bda03b6b4bb6a1d6883fe196c252db4ca83b9991e0d3", "Politifact"),
        # no address, no name but the <title>'s "The Space Review: ..."
        ("c00962aabe7bdd1fca78f5360ea7fa93cd7674863b05157e00827506a7aa58c4", "The Space Review"),
    ],
)
def test_benchmark_pages_get_their_outlets_name(page_id: str, expected: str):
    article = extract_article(load(BENCH / f"{page_id}.html.gz"))
    assert article.source == expected
