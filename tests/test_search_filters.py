"""The search page's filter menus in a real browser: on the demo archive (one shard) and on a
sharded archive with undated articles (the "undated" year is its oldest shard's)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from conftest import build_site, needs_chromium, served
from test_search_shards import sharded_archive

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def undated_server(tmp_path_factory):
    """test_search_shards' archive of six years, and two undated articles (one naming Ana
    Čapek), each with a lighthouse and the harbour board."""
    root = tmp_path_factory.mktemp("undated")
    settings = sharded_archive(root)
    folder = root / "content" / "articles" / "undated"
    folder.mkdir()
    for n, people in ((50, "People: Ana Čapek\n"), (51, "")):
        text = f"Title: Undated story {n}\nSlug: undated-{n}\nSummary: Story {n}.\n{people}\n"
        text += f"The harbour board met about berth {n}. A lighthouse keeper spoke.\n"
        (folder / f"undated-{n}.md").write_text(text, encoding="utf-8")
    with served(build_site(root, settings)) as url:
        yield url


def titles(page) -> list[str]:
    page.wait_for_selector("#search[data-state=done]")
    return [h.inner_text() for h in page.query_selector_all("#search-results h2")]


def links(page) -> list[str]:
    page.wait_for_selector("#search[data-state=done]")
    return [a.get_attribute("href") for a in page.query_selector_all("#search-results h2 a")]


def every_result(page) -> list[str]:
    """Every result's link, once "More results" has shown them all."""
    page.wait_for_selector("#search[data-state=done]")
    while page.is_visible("#search-more"):
        shown = len(page.query_selector_all("#search-results li"))
        page.click("#search-more")
        page.wait_for_selector(f"#search-results li:nth-child({shown + 1})")
    return links(page)


def year_options(page) -> list[str]:
    page.click("#search-show-filters")
    page.wait_for_selector("select[name=year] option:nth-child(2)", state="attached")
    return [o.inner_text() for o in page.query_selector_all("select[name=year] option")][1:]


@pytest.mark.parametrize("sort", ["", "newest", "oldest"])
def test_the_year_menu_lists_the_undated_articles_last(page, server, demo, sort):
    page.goto(f"{server}/search/?q=talks&sort={sort}")
    undated = sorted(href for href in every_result(page) if href.startswith("/undated/"))
    assert undated  # (the seed, undated, is about talks)
    assert year_options(page)[-1].startswith("Date unknown (")
    page.select_option("select[name=year]", "Date unknown")
    page.wait_for_url("**year=Date+unknown**")
    assert sorted(every_result(page)) == undated  # exactly the undated matches
    assert page.inner_text("#search-status") == f"{len(undated)} articles for “talks”, date unknown"  # fmt: skip
    # with no words: every undated article
    page.goto(f"{server}/search/?year={quote('Date unknown')}&sort={sort}")
    folders = (demo["output"] / "undated").iterdir()
    assert sorted(every_result(page)) == sorted(
        f"/undated/{f.name}/" for f in folders if f.is_dir()
    )
    assert page.errors == []


def test_a_year_filter_of_the_undated_searches_only_their_shard(browser, undated_server):
    page = browser.new_page()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "/pagefind/" in r.url else None)
    page.goto(f"{undated_server}/search/?q=lighthouse&year={quote('Date unknown')}&sort=newest")
    assert sorted(titles(page)) == ["Undated story 50", "Undated story 51"]
    shard_files = [url.split("/pagefind/", 1)[1] for url in fetched if url.split("/pagefind/", 1)[1].count("/")]  # fmt: skip
    assert shard_files and {url.split("/")[0] for url in shard_files} == {"undated-2012"}
    page.close()
