"""The search page's filter menus in a real browser: on the demo archive (one shard) and on a
sharded archive with undated articles (the "undated" year is its oldest shard's)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from conftest import build_site, needs_chromium, served, write_article
from test_search_shards import YEARS, shard_of, sharded_archive, watch

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


@pytest.fixture(scope="module")
def misfiled_server(tmp_path_factory):
    """test_search_shards' archive of six years, and an article whose Date was edited by hand
    to the oldest year, its file still in the newest year's folder (until a retag files it):
    its page, and so its search index, is that folder's."""
    root = tmp_path_factory.mktemp("misfiled")
    settings = sharded_archive(root)
    folder = root / "content" / "articles" / str(YEARS[-1])
    write_article(folder, 99, Date=f"{YEARS[0]}-06-01 10:00", Title="Harbour story 99")
    # and one whose Date was blanked by hand, in the second year's folder
    folder = root / "content" / "articles" / str(YEARS[1])
    write_article(folder, 98, Date="", Title="Harbour story 98", People="Ana Čapek")
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
    assert undated  # (the seed and the Lindhaven inspection story, both undated, are about talks)
    assert year_options(page)[-1].startswith("Date unknown (")
    page.select_option("select[name=year]", "Date unknown")
    page.wait_for_url("**year=Date+unknown**")
    assert sorted(every_result(page)) == undated  # exactly the undated matches
    articles = "1 article" if len(undated) == 1 else f"{len(undated)} articles"
    assert page.inner_text("#search-status") == f"{articles} for “talks”, date unknown"
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


def open_menus(page) -> None:
    """The reader opens the filter menus; once they hold the counts of the search shown."""
    page.click("#search-show-filters")
    page.wait_for_selector("#search-show-filters", state="detached")  # (once they are made)
    counts_done(page)


def counts_done(page) -> None:
    """Once the menus' counts are those of the search shown (search.js: data-counts)."""
    page.wait_for_selector("#search-filters:not([data-counts=busy])", state="attached")


def menu(page, key: str) -> list:
    """A menu's entries after its "Any ...": each option's text, or a group's [label, texts]."""
    return page.evaluate(
        """(key) => [...document.querySelector(`select[name=${key}]`).children].slice(1).map((c) =>
          c.tagName === 'OPTGROUP' ? [c.label, [...c.children].map((o) => o.text)] : c.text)""",
        key,
    )


def counted(entries: list[str]) -> dict[str, int]:
    """{value: count} of menu entries written "Value (count)"."""
    found = [re.fullmatch(r"(.+) \((\d+)\)", entry) for entry in entries]
    assert all(found), entries
    return {match[1]: int(match[2]) for match in found}


def test_menu_counts_are_the_matches_of_the_search_shown(page, server):
    """Searching "strike", the Person menu counted each person's articles in the whole
    archive (Mirela Santangelo 8), not among the two strike stories."""
    page.goto(f"{server}/search/?q=strike")
    assert len(titles(page)) == 2
    open_menus(page)
    people = counted(menu(page, "person"))  # (one shard: every match is counted, no groups)
    assert people and max(people.values()) <= 2
    for name, n in people.items():  # choosing one gives as many results as it says
        page.goto(f"{server}/search/?q=strike&person={quote(name)}")
        assert len(titles(page)) == n, name
    # a chosen person's menu counts the search without it (choosing another replaces it);
    # the other menus count the search with it
    name = next(iter(people))
    page.goto(f"{server}/search/?q=strike&person={quote(name)}")
    titles(page)
    open_menus(page)
    assert counted(menu(page, "person")) == people
    for topic, n in list(counted(menu(page, "topic")).items())[:3]:
        page.goto(f"{server}/search/?q=strike&person={quote(name)}&topic={quote(topic)}")
        assert len(titles(page)) == n, topic
    # a word no article has (Pagefind answers with its nearest words): nothing to count
    page.goto(f"{server}/search/?q=artery")
    assert titles(page) == []
    open_menus(page)
    assert menu(page, "person") == [] and menu(page, "year") == []
    assert page.errors == []


def test_a_year_filter_finds_that_years_articles_filed_in_another_years_folder(browser, misfiled_server):  # fmt: skip
    """Year 2012 searched only the shard of the 2012 folder: an article dated 2012 whose file
    is in 2017's (a Date edited by hand) was in no year's results, though the Year menu counted
    it in 2012's."""
    page = browser.new_page()
    errors, _ = watch(page)
    page.goto(f"{misfiled_server}/search/?year={YEARS[0]}")
    assert sorted(titles(page)) == ["Harbour story 0", "Harbour story 1", "Harbour story 99"]
    page.goto(f"{misfiled_server}/search/?q=harbour&year={YEARS[0]}&sort=oldest")
    assert sorted(titles(page)) == ["Harbour story 0", "Harbour story 1", "Harbour story 99"]
    page.goto(f"{misfiled_server}/search/?year={YEARS[-1]}")
    assert sorted(titles(page)) == ["Harbour story 10", "Harbour story 11"]
    assert errors == []
    page.close()


def test_an_undated_article_in_a_years_folder_is_in_sorted_results(browser, misfiled_server):
    """Pagefind leaves a page with no date out of a date-sorted answer, and only the undated
    folder's shard was asked again unsorted: an article whose Date was blanked by hand (in its
    year's folder until a retag files it) was in no search sorted by date, the default of a
    search by filters alone, nor in the Date unknown year's."""
    page = browser.new_page()
    errors, _ = watch(page)
    person = quote("Ana Čapek")
    for query in (f"person={person}", f"person={person}&sort=oldest", "q=harbour&sort=newest&all=1"):  # fmt: skip
        page.goto(f"{misfiled_server}/search/?{query}")
        assert f"/{YEARS[1]}/story-98/" in every_result(page), query
    page.goto(f"{misfiled_server}/search/?year={quote('Date unknown')}")
    assert titles(page) == ["Harbour story 98"]
    assert errors == []
    page.close()


def test_counts_of_a_search_not_in_every_year_yet_say_which_years(browser, undated_server):
    page = browser.new_page()
    errors, fetched = watch(page)
    page.goto(f"{undated_server}/search/?q=lighthouse")
    assert sorted(titles(page)) == ["Harbour story 6", "Harbour story 9"]  # (2015-2016 only)
    fetched.clear()
    open_menus(page)
    searched = "Found in 2015–2016 (searched so far)"
    assert menu(page, "person") == [[searched, ["Ana Čapek (1)"]]]
    assert menu(page, "year") == [
        [searched, ["2016 (1)", "2015 (1)"]],
        ["Not searched yet (estimates)", ["2013 (about 1)", "2012 (about 1)", "Date unknown (about 2)"]],
    ]  # fmt: skip
    # counted from the searched shard's filter files, no other shard's
    assert {shard_of(url) for url, _ in fetched} == {"filters", "2015-2016"}
    page.click("#search-all-years")
    page.wait_for_url("**all=1**")
    assert len(titles(page)) == 6
    counts_done(page)
    assert menu(page, "person") == ["Ana Čapek (3)"]
    assert menu(page, "year") == ["2016 (1)", "2015 (1)", "2013 (1)", "2012 (1)", "Date unknown (2)"]  # fmt: skip
    # with no words, a person's years are the build's counts, whichever shards were searched
    page.goto(f"{undated_server}/search/?person={quote('Ana Čapek')}")
    titles(page)
    open_menus(page)
    assert menu(page, "person") == ["Ana Čapek (4)"]  # (the search without it: every article)
    assert menu(page, "year") == ["2016 (2)", "2012 (1)", "Date unknown (1)"]
    assert errors == []
    page.close()
