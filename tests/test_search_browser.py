"""Search in a real browser: Playwright driving Debian's chromium against the built demo site.

The site is served on 127.0.0.1 at the root and under /repo/ (as on GitHub Pages project
sites). `make test` installs chromium; without it these tests skip, saying why.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import quote

import pytest
from conftest import REPO, contrast, needs_chromium, needs_seed

pytestmark = needs_chromium


def results(page) -> list[str]:
    """Result titles, once the page says its search is done."""
    page.wait_for_selector("#search[data-state=done]")
    return [h.inner_text() for h in page.query_selector_all("#search-results h2")]


SEED = "Insiders: Major Headway Unlikely From U.S.-Russia Talks"


@needs_seed
@pytest.mark.parametrize("base", ["", "/repo"])
def test_searching_shoigu_finds_the_seed(page, server, base):
    page.goto(f"{server}{base}/")
    page.fill("#site-q", "Shoigu")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search/?q=Shoigu")
    assert results(page) == [SEED]
    page.click(f"#search-results a:text('{SEED}')")
    page.wait_for_selector("h1")
    assert page.inner_text("h1") == SEED
    assert page.url.startswith(f"{server}{base}/undated/")
    assert page.errors == [] and page.outside == []


@pytest.mark.parametrize("base", ["", "/repo"])
def test_person_filter_narrows_and_the_url_restores_it(page, server, base):
    filter_files = []
    page.on("request", lambda r: filter_files.append(r.url) if "/filters/" in r.url else None)
    page.goto(f"{server}{base}/search/?q=water")
    everything = results(page)
    assert len(everything) >= 4
    assert filter_files == []  # filter values are fetched only when asked for
    page.click("#search-show-filters")
    page.wait_for_selector("select[name=person] option[value='Jonas Friedl']", state="attached")
    assert filter_files  # the build's small counts (pagefind/filters/), not Pagefind's filters
    assert not [url for url in filter_files if "pf_filter" in url]
    page.select_option("select[name=person]", "Jonas Friedl")
    page.wait_for_url("**person=Jonas+Friedl**")
    narrowed = results(page)
    assert narrowed and set(narrowed) < set(everything)
    links = [a.get_attribute("href") for a in page.query_selector_all("#search-results h2 a")]
    for href in links:  # every result is an article that names him
        assert href.startswith(f"{base}/")
        page.goto(f"{server}{href}")
        assert page.query_selector("nav.tags a:text('Jonas Friedl')")
    url = f"{server}{base}/search/?q=water&person={quote('Jonas Friedl')}"
    page.goto(url)
    assert results(page) == narrowed
    assert page.input_value("#search-q") == "water"
    assert page.input_value("select[name=person]") == "Jonas Friedl"
    assert page.errors == []


def test_filter_only_search_and_sort(page, server):
    page.goto(f"{server}/search/?person={quote('Mirela Santangelo')}&sort=oldest")
    titles = results(page)
    assert len(titles) == 8
    assert titles[0] == "Tessa Valley farmers warn of third dry winter"  # 2017, the oldest
    page.select_option("select[name=sort]", "newest")
    page.wait_for_url("**sort=newest**")
    newest = "Santangelo claims victory as Dask concedes Velorian election"
    assert results(page)[0] == newest
    # no words to find: each result shows its article's opening words (article pages carry no
    # summary of their own), not its title again
    opening = page.inner_text("#search-results li >> nth=0 >> p.summary")
    page.click(f"#search-results a:text('{newest}')")
    page.wait_for_selector("article .body")
    body = " ".join(page.inner_text("article .body").split())
    assert len(opening.split()) >= 20 and body.startswith(opening.removesuffix(" …"))


@pytest.mark.parametrize("typed", ["mirela  santangelo", "MIRELA SANTANGELO", "Mirela Santangeló"])
def test_a_filter_typed_in_the_address_reads_as_the_archives_name(page, server, typed):
    """Pagefind matches a filter's value exactly: an address typed or edited by hand
    (`?person=mirela santangelo`) found nothing. The archive's name it means is searched,
    and the address says it."""
    page.goto(f"{server}/search/?person={quote(typed)}")
    assert len(results(page)) == 8
    assert page.url.endswith("?person=Mirela+Santangelo")
    assert page.input_value("select[name=person]") == "Mirela Santangelo"
    options = page.eval_on_selector_all("select[name=person] option", "os => os.map(o => o.value)")
    assert typed not in options
    assert page.is_hidden("#search-note")
    page.goto(f"{server}/search/?person={quote('zoe lindqvist amara')}")  # (Zoë Lindqvist-Amara)
    assert len(results(page)) == 4 and "person=Zo%C3%AB+Lindqvist-Amara" in page.url
    assert page.errors == []


def test_a_filter_the_archive_has_no_name_for_says_so_and_what_it_may_mean(page, server):
    page.goto(f"{server}/search/?person=Santangelo")
    assert results(page) == []
    assert page.inner_text("#search-note") == (
        "No person is named “Santangelo” in this archive. Did you mean: Mirela Santangelo?"
    )
    page.click("#search-note a")
    assert len(results(page)) == 8 and page.url.endswith("?person=Mirela+Santangelo")
    assert page.is_hidden("#search-note")
    page.goto(f"{server}/search/?q=drought&place={quote('Nowhere Special')}")
    assert results(page) == []
    assert page.inner_text("#search-note") == "No place is named “Nowhere Special” in this archive."
    page.fill("#search-q", "harbour")  # a search of the reader's own: the note goes
    page.select_option("select[name=place]", "")
    page.wait_for_selector("#search[data-state=done]")
    assert page.is_hidden("#search-note")
    assert page.errors == []


def test_a_name_spelled_otherwise_is_offered_as_the_archive_spells_it(page, server):
    """A word no article has finds nothing, and Pagefind suggests nothing: a name spelled
    one or two letters otherwise ("Santangello", "Fridl") is offered as the archive's
    names spell it, if that search finds articles."""
    page.goto(f"{server}/search/?q={quote('Santangello')}")
    assert results(page) == []
    assert page.inner_text("#search-note") == "Did you mean “Santangelo”?"
    page.click("#search-note a")
    assert len(results(page)) >= 8 and page.url.endswith("?q=Santangelo")
    assert page.is_hidden("#search-note")
    page.goto(f"{server}/search/?q={quote('jonas fridl')}")
    assert results(page) == []
    assert page.inner_text("#search-note") == "Did you mean “jonas Friedl”?"
    for q in ("qwertyuiop", "Santangelo xylophone"):  # nothing near, or nothing found so
        page.goto(f"{server}/search/?q={quote(q)}")
        assert results(page) == []
        assert page.is_hidden("#search-note"), q
    assert page.errors == []


def test_excerpts_show_the_body_around_the_matches_not_the_title_again(page, server):
    # Pagefind's text of a page starts with its title: its own excerpt of a match in the
    # first lines began with the title's last words ("inspection regime. The fourth round of
    # missile talks"), right under the title
    page.goto(f"{server}/search/?q=missile")
    titles = results(page)
    assert "Lindhaven arms talks stall over inspection regime" in titles
    shown = [
        (
            li.query_selector("h2 a").get_attribute("href"),
            li.query_selector("p.summary").inner_text(),
            [m.inner_text() for m in li.query_selector_all("p.summary mark")],
        )
        for li in page.query_selector_all("#search-results li")
    ]
    stall = page.inner_text(
        "#search-results li:has(a:text('Lindhaven arms talks stall')) p.summary"
    )
    assert stall.startswith("The fourth round of missile talks")
    assert len(shown) == len(titles)
    for title, (href, text, marks) in zip(titles, shown, strict=True):
        assert marks and all(m.lower().strip(".,;:'\"“”").startswith("missile") for m in marks), (
            title,
            marks,
        )
        assert not text.startswith(title.split()[-1]), (title, text)
        # (Pagefind's text ends a heading without a full stop with one: "Background. The")
        page.goto(f"{server}{href}")
        page.wait_for_selector("article .body")
        body = words(page.inner_text("article .body"))
        assert words(text.removeprefix("… ").removesuffix(" …")) in body, (title, text)


def words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", text).split())


@needs_seed
def test_person_page_links_to_a_scoped_search(page, server):
    page.goto(f"{server}/people/sergei-lavrov/")
    page.click("text=Search these articles")
    page.wait_for_url("**/search/?person=Sergei%20Lavrov")
    assert results(page) == [SEED]


@needs_seed
def test_a_word_no_article_has_finds_nothing(page, server):
    """Pagefind answers a word its index lacks with the longest start of it that it has:
    "artery" listed three articles for their "a". The page says nothing matches; a half-typed
    word, a stem and an exact word still find what they did."""
    for q in ("artery", "arms artery", "qwertyuiop", "missile xylophone", "missle", "talkz"):
        page.goto(f"{server}/search/?q={quote(q)}")
        assert results(page) == []
        assert page.inner_text("#search-status") == f"0 articles for “{q}”"
    # other forms of a word find what it finds, and a part of a compound its article (the
    # seed says "Russia" only in "U.S.-Russia")
    for forms in (("missile", "missiles"), ("talks", "talk", "talking"), ("agree", "agreed", "agrees"), ("close", "closed")):  # fmt: skip
        found = []
        for form in forms:
            page.goto(f"{server}/search/?q={form}")
            found.append(sorted(results(page)))
        assert found[0] and all(f == found[0] for f in found), forms
    page.goto(f"{server}/search/?q=russia")
    assert SEED in results(page)
    page.goto(f"{server}/search/?q=inspection")
    inspection = results(page)
    assert len(inspection) >= 3
    for q in ("inspectio", "inspections"):
        page.goto(f"{server}/search/?q={q}")
        assert sorted(results(page)) == sorted(inspection)  # (ranked a little differently)
    assert page.errors == []


def test_a_query_with_markup_is_text_not_code(page, server):
    attack = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
    page.goto(f"{server}/search/?q={quote(attack)}")
    results(page)
    assert page.evaluate("window.pwned") is None
    assert page.query_selector("#search img, #search script") is None
    assert attack in page.inner_text("#search-status")  # shown as the text it is
    assert page.input_value("#search-q") == attack
    assert page.errors == []


def test_without_javascript_the_page_says_so(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/search/")
    text = page.inner_text("main")
    assert "needs JavaScript" in text and "all articles by date" in text
    # no menus or button that would do nothing
    assert not page.is_visible("#search-filters") and not page.is_visible("#search-show-filters")
    context.close()


def dates(page) -> list[date | None]:
    """Every result's date (None: undated), once "More results" has shown them all."""
    page.wait_for_selector("#search[data-state=done]")
    while page.is_visible("#search-more"):
        shown = len(page.query_selector_all("#search-results li"))
        page.click("#search-more")
        page.wait_for_selector(f"#search-results li:nth-child({shown + 1})")
    metas = [p.inner_text() for p in page.query_selector_all("#search-results p.meta")]
    return [None if m.startswith("Date unknown") else parse_day(m.split(" · ")[0]) for m in metas]


def parse_day(text: str) -> date:
    return datetime.strptime(text, "%d %B %Y").date()


@needs_seed
@pytest.mark.parametrize("q", ["Lavrov", "talks"])
def test_sorting_by_date_keeps_undated_articles_after_the_dated(page, server, q):
    """Pagefind leaves a page without a date to sort by out of sorted results: "Lavrov"
    found its one (undated) article by relevance and none newest first."""
    page.goto(f"{server}/search/?q={q}")
    everything = dates(page)
    status = page.inner_text("#search-status")
    assert None in everything
    for sort in ("newest", "oldest"):
        page.goto(f"{server}/search/?q={q}&sort={sort}")
        found = dates(page)
        assert page.inner_text("#search-status") == status
        assert sorted(found, key=str) == sorted(everything, key=str)
        dated = [d for d in found if d is not None]
        assert found == dated + [None] * found.count(None)  # undated last, either way
        assert dated == sorted(dated, reverse=sort == "newest")
    assert page.errors == []


def newest_first_undated_last(found: list[date | None]) -> bool:
    dated = [d for d in found if d is not None]
    return found == dated + [None] * (len(found) - len(dated)) and dated == sorted(dated, reverse=True)  # fmt: skip


@pytest.mark.parametrize(
    "query", [f"person={quote('Mirela Santangelo')}", "source=Harbor+Daily+Wire", "topic=Drought"]
)
def test_browsing_a_filter_without_words_lists_the_newest_first(page, server, query):
    # no words to rank by: Pagefind's order was no order ("2019, 2019, 2020, 2020, 2018, ...")
    page.goto(f"{server}/search/?{query}")
    found = dates(page)
    assert len(found) >= 4 and newest_first_undated_last(found)
    assert page.input_value("select[name=sort]") == ""  # (the URL is left as it was)
    # and the menu does not say "Relevance" for it; with words it does
    shown = "select[name=sort] option:checked"
    assert page.inner_text(shown) == "Default: newest first"
    page.fill("#search-q", "Santangelo")
    page.press("#search-q", "Enter")
    page.wait_for_function(
        "document.querySelector('select[name=sort]').selectedOptions[0].text === 'Relevance'"
    )


@needs_seed
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_open_filters_stay_within_the_page(browser, server, width):
    """A <fieldset> is as wide as its widest line (min-content) unless told otherwise: the
    row of filter menus widened the page to ~2,000 px and put the sort menu off-screen."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{server}/search/?q=Lavrov")
    results(page)
    page.click("#search-show-filters")
    page.wait_for_selector("select[name=year] option:nth-child(2)", state="attached")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator("select[name=sort]").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    # every menu in sight, none scrolled out of its row (the Year menu was, at any width)
    row = page.locator("#search-filters").bounding_box()
    for menu in page.query_selector_all("#search-filters select"):
        box = menu.bounding_box()
        assert row["x"] <= box["x"] and box["x"] + box["width"] <= row["x"] + row["width"]
        assert row["y"] <= box["y"] and box["y"] + box["height"] <= row["y"] + row["height"]
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_shared_search_shows_its_filters(browser, server, width):
    """A link to a search with three filters opened with the menus in one row scrolling
    sideways: at 1280 px the person's menu was cut in half, the topic's and the source's out
    of sight, so a colleague could not see (or undo) what narrowed the list."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    filters = {"person": "Marisol Quenby", "topic": "Labour disputes", "source": "The Meridian Courier"}  # fmt: skip
    page.goto(f"{server}/search/?q=strike&" + "&".join(f"{k}={quote(v)}" for k, v in filters.items()))  # fmt: skip
    assert results(page)
    row = page.locator("#search-filters").bounding_box()
    for key, value in filters.items():
        assert page.input_value(f"select[name={key}]") == value
        box = page.locator(f"select[name={key}]").bounding_box()
        assert row["x"] <= box["x"] and box["x"] + box["width"] <= row["x"] + row["width"], key
        assert row["y"] <= box["y"] and box["y"] + box["height"] <= row["y"] + row["height"], key
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


@pytest.mark.parametrize(
    ("width", "query"), [(390, "q=Lavrov"), (1280, "q=strike&person=Marisol+Quenby")]
)
def test_the_filter_button_shows_its_whole_label(browser, server, width, query):
    # squeezed in its row, it wrapped its label and the row's fixed height cut lines off
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{server}/search/?{query}")
    results(page)
    button = page.locator("#search-show-filters")
    row = page.locator("#search-filters").bounding_box()
    box = button.bounding_box()
    assert row["y"] <= box["y"] and box["y"] + box["height"] <= row["y"] + row["height"]
    assert row["x"] <= box["x"] and box["x"] + box["width"] <= row["x"] + row["width"]
    assert box["x"] + box["width"] <= width
    # one line of text, none of it clipped inside the button
    assert button.evaluate("b => b.scrollWidth <= b.clientWidth && b.scrollHeight <= b.clientHeight")  # fmt: skip
    line = button.evaluate("b => parseFloat(getComputedStyle(b).lineHeight) || 0")
    assert line and box["height"] < 2 * line
    context.close()


def test_the_search_names_itself_and_is_the_pages_one_search_form(page, server):
    page.goto(f"{server}/search/?q=missile")
    results(page)
    assert page.title() == "“missile” · Search · News Archive"
    # one form: the header's, empty beside the filled one, is on every other page only
    assert len(page.query_selector_all("form[role=search]")) == 1
    assert page.query_selector("#site-q") is None
    page.fill("#search-q", "")
    page.press("#search-q", "Enter")
    page.wait_for_function("document.title === 'Search · News Archive'")
    page.goto(f"{server}/")
    assert page.query_selector("#site-q") is not None
    # a search by filters is named by them: each was "Search · News Archive" in the history
    page.goto(f"{server}/search/?person={quote('Jonas Friedl')}&year=2020")
    results(page)
    assert page.title() == "Jonas Friedl, 2020 · Search · News Archive"
    page.goto(f"{server}/search/?q=water&topic=Drought")
    results(page)
    assert page.title() == "“water” in Drought · Search · News Archive"


def test_opening_the_filter_menus_moves_focus_to_the_first_menu(page, server):
    # the button goes once the menus are there: its focus fell to the page's body
    page.goto(f"{server}/search/?q=missile")
    results(page)
    page.focus("#search-show-filters")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-show-filters", state="detached")
    assert page.evaluate("document.activeElement.name") == "person"


def test_more_results_moves_focus_to_the_first_new_result(page, server):
    # the button hides once every result is shown: focus fell back to the top of the page
    page.goto(f"{server}/search/?q=the")
    assert len(results(page)) == 10
    page.focus("#search-more")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results li:nth-child(11)")
    # (a selector, not wait_for_function: the CSP forbids eval)
    page.wait_for_selector("#search-results li:nth-child(11) h2 a:focus", timeout=5000)
    page.keyboard.press("Tab")  # on through that result, not from the top of the page
    assert page.evaluate("document.activeElement.closest('#search-results li:nth-child(12)') !== null")  # fmt: skip


def test_back_from_a_result_shows_the_list_as_it_was_left(page, server):
    """Back from the 15th result listed the first 10 again, at the top of the page: a browser
    with no back/forward cache (Playwright's chromium keeps none) runs the search again, and
    what "More results" had added was gone."""
    page.goto(f"{server}/search/?q=the")
    assert len(results(page)) == 10
    page.click("#search-more")
    page.wait_for_selector("#search-results li:nth-child(15)")
    titles = results(page)
    link = page.locator("#search-results li:nth-child(15) h2 a")
    link.scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 500
    link.click()
    page.wait_for_selector("article h1")
    page.go_back()
    assert results(page) == titles
    assert abs(page.evaluate("window.scrollY") - scrolled) < 5
    # and so is a search left for another on the page itself
    page.fill("#search-form input[name=q]", "Santangelo")
    page.press("#search-form input[name=q]", "Enter")
    page.wait_for_url("**/search/?q=Santangelo")
    page.go_back()
    page.wait_for_url("**/search/?q=the")
    page.wait_for_selector("#search-results li:nth-child(15)")
    assert results(page) == titles


def test_a_new_search_starts_at_its_first_page(page, server):
    """After "More results", a search typed on the page listed as many results as the last
    one had shown, each fetched at once, not its first ten."""
    page.goto(f"{server}/search/?q=the")
    page.wait_for_selector("#search[data-state=done]")
    page.click("#search-more")
    page.wait_for_selector("#search-results li:nth-child(11)")
    page.fill("#search-form input[name=q]", "said")
    page.press("#search-form input[name=q]", "Enter")
    page.wait_for_url("**/search/?q=said")
    assert len(results(page)) == 10
    assert page.is_visible("#search-more")


def test_a_menu_browsed_with_the_arrow_keys_is_one_step_back(page, server):
    """Chromium chooses at each arrow key in a closed menu: each person passed was a search
    in the history of its own, so Back went through them one by one."""
    page.goto(f"{server}/search/?q=talks")
    results(page)
    page.click("#search-show-filters")
    page.wait_for_selector("select[name=person] option:nth-child(4)", state="attached")
    page.focus("select[name=person]")
    entries = page.evaluate("history.length")
    for _ in range(3):  # (each searched: the keys pause at each)
        page.keyboard.press("ArrowDown")
        chosen = page.eval_on_selector("select[name=person]", "s => s.value")
        wanted = "person=" + quote(chosen).replace("%20", "+")
        page.wait_for_url(lambda url, wanted=wanted: url.endswith(wanted))
        results(page)
    assert page.evaluate("history.length") == entries + 1
    page.go_back()
    page.wait_for_url("**/search/?q=talks")
    # a choice with the pointer is a step of its own, as before
    page.select_option("select[name=person]", index=1)
    page.wait_for_url(re.compile(r"person="))
    first = page.url
    results(page)
    page.select_option("select[name=person]", index=2)
    page.wait_for_url(lambda url: url != first)
    results(page)
    page.go_back()
    page.wait_for_url(first)


def test_a_menu_browsed_with_the_arrow_keys_is_searched_once_the_keys_pause(page, server):
    """Each person passed with the arrow keys ran a search of its own (its filter files, its
    shards): only the one the keys stop at is searched now."""
    page.goto(f"{server}/search/?q=talks")
    results(page)
    page.click("#search-show-filters")
    page.wait_for_selector("select[name=person] option:nth-child(5)", state="attached")
    page.evaluate(
        """() => { window.__busy = 0;
          new MutationObserver(() => { if (document.getElementById('search').dataset.state === 'busy') window.__busy += 1; })
            .observe(document.getElementById('search'), { attributes: true, attributeFilter: ['data-state'] }); }"""
    )  # fmt: skip
    page.focus("select[name=person]")
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    chosen = page.eval_on_selector("select[name=person]", "s => s.value")
    page.wait_for_url(re.compile(r"person="))
    results(page)
    assert page.url.endswith("person=" + quote(chosen).replace("%20", "+"))
    assert page.evaluate("window.__busy") == 1


def test_tag_chips_are_evenly_spaced_and_the_pager_reaches_the_edge(page, server):
    # the site header's rule for its links (nav a: a right margin) held for the tags (a
    # nav too): a linked chip stood 1rem further from the next than a name without a page
    page.goto(f"{server}/2017/tessa-valley-farmers-warn-of-third-dry-winter/")
    gaps = page.evaluate(
        """() => [...document.querySelectorAll('nav.tags p')].flatMap((p) => {
          const chips = [...p.children].filter((c) => c.tagName !== 'B').map((c) => c.getBoundingClientRect());
          const pairs = chips.slice(1).map((c, i) => [chips[i], c]);
          return pairs.filter(([a, b]) => Math.abs(a.top - b.top) < 2)
            .map(([a, b]) => Math.round(b.left - a.right));  // (on one line)
        })"""
    )
    assert page.query_selector("nav.tags p > span") and len(gaps) > 5
    assert len(set(gaps)) == 1, gaps
    # the pager's "Older article →" ends where the pager does
    edges = page.evaluate(
        """() => { const nav = document.querySelector('nav.pager');
          const right = nav.getBoundingClientRect().right - parseFloat(getComputedStyle(nav).paddingRight);
          return [right, nav.querySelector('a[rel=prev]').getBoundingClientRect().right]; }"""
    )
    assert abs(edges[0] - edges[1]) < 1, edges


def test_excerpts_keep_the_texts_own_punctuation(page, server):
    # Pagefind ends a paragraph with a full stop, even one ending in a quote: 'baseline.". The'
    page.goto(f"{server}/search/?q=baseline")
    results(page)
    summary = page.inner_text("#search-results p.summary")
    assert 'It is a new baseline." The authority' in summary
    page.goto(f"{server}/search/?person={quote('Jonas Friedl')}")
    for text in [p.inner_text() for p in page.query_selector_all("#search-results p.summary")]:
        assert not re.search(r"""[.!?]["”’')]+\.""", text), text


def test_excerpts_of_a_list_have_no_full_stop_the_text_lacks(page, server):
    # Pagefind ends a list item ending in a letter with a full stop of its own: "exercises
    # near the border; and. the creation of a working group"
    page.goto(f"{server}/search/?q=notification")
    assert "Veloria and Kastria agree to resume missile talks in Lindhaven" in results(page)
    summary = page.inner_text(
        "#search-results li:has(a:text('Veloria and Kastria agree')) p.summary"
    )
    assert "near the border; and the creation of a working group" in summary, summary


def test_a_quoted_phrase_is_shown_as_typed(page, server):
    phrase = quote('"missile talks"')
    page.goto(f"{server}/search/?q={phrase}")
    assert results(page)
    assert page.inner_text("#search-status").endswith(' for "missile talks"')  # not “"…"”


def test_a_phrase_beside_other_words_is_still_a_phrase(page, server):
    """Pagefind takes a query as a phrase only when all of it is one: `Veloria "missile
    talks"` listed every article with the three words anywhere, and a phrase in curly quotes
    (as a phone types them) was two words; so were the filter menus' counts."""

    def found(q: str) -> set[str]:
        page.goto(f"{server}/search/?q={quote(q)}")
        return set(results(page))

    phrase, veloria = found('"missile talks"'), found("Veloria")
    both = phrase & veloria
    assert both and both < found("Veloria missile talks")  # (the phrase is the narrower)
    assert found('Veloria "missile talks"') == both == found('"missile talks" Veloria')
    assert page.inner_text("#search-status") == f'{len(both)} articles for "missile talks" Veloria'
    assert found("“missile talks”") == phrase < found("missile talks")
    page.goto(f"{server}/search/?q={quote('Veloria “missile talks”')}")
    assert set(results(page)) == both
    page.click("#search-show-filters")
    page.wait_for_selector("#search-filters[data-counts=done]")
    counts = [
        int(re.search(r"\((\d+)\)$", o.inner_text()).group(1))
        for o in page.query_selector_all("select[name=source] option[value]:not([value=''])")
    ]
    assert sum(counts) == len(both)  # (an article has one source)
    assert page.errors == []


def test_a_minus_or_an_or_says_how_the_query_was_read(page, server):
    """There is no -word and no OR (the help page says so), and a query with them ran as
    words with no word of it: `missile -Lindhaven` listed the articles that name Lindhaven,
    the opposite of what was asked. The status now says how the query was read."""
    page.goto(f"{server}/search/?q={quote('missile Lindhaven')}")
    both = results(page)
    page.goto(f"{server}/search/?q={quote('missile -Lindhaven')}")
    assert results(page) == both
    assert page.inner_text("#search-status") == (
        f"{len(both)} articles for “missile -Lindhaven”. “-Lindhaven” was searched as"
        " “Lindhaven”: the search cannot leave a word out."
    )
    page.goto(f"{server}/search/?q={quote('missile OR drought')}")
    results(page)
    assert page.inner_text("#search-status").endswith(
        "”. OR was searched as a word: every word counts."
    )
    for q in ("missile talks", "U.S.-Russia", '"missile -talks"', "Ford"):  # (nothing to say)
        page.goto(f"{server}/search/?q={quote(q)}")
        results(page)
        assert "searched as" not in page.inner_text("#search-status"), q
    assert page.errors == []


def test_the_search_script_parses_in_safari_before_16_4():
    """A regular expression's lookbehind, "(?<=^|\\s)" (Safari 16.4, March 2023), is a
    syntax error to older Safari, on every iPhone kept at iOS 15 or 16.3: the whole script
    did not load, and there was no search at all. The rest of it asks for Safari 14 (`||=`)."""
    script = (REPO / "themes" / "newsarchive" / "static" / "js" / "search.js").read_text("utf-8")
    assert re.findall(r".*\(\?<[=!].*", script) == []


#: Colours painted one over the other on a canvas's pixel, as the browser paints them: the
#: pixel's [r, g, b] (the first lines of a function for page.evaluate).
PIXEL = """const pixel = (...colours) => {
  const context = document.createElement('canvas').getContext('2d');
  for (const colour of colours) {
    context.fillStyle = colour;
    context.fillRect(0, 0, 1, 1);
  }
  return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
};
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_matched_words_stand_out_in_light_and_dark(browser, server, scheme):
    # dark mode's highlight was a brown barely off the background (1.7:1)
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{server}/search/?q=missile")
    results(page)
    # each colour as the browser paints it (a mark's over the page's) on a pixel of a canvas
    mark, text, background = page.evaluate(
        "() => {"
        + PIXEL
        + """
          const page = getComputedStyle(document.body).backgroundColor;
          const mark = getComputedStyle(document.querySelector('#search-results mark'));
          return [pixel(page, mark.backgroundColor), pixel(mark.color), pixel(page)];
        }"""
    )
    assert contrast(mark, background) >= (1.5 if scheme == "light" else 2.0)
    assert contrast(text, mark) >= 4.5
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_boxes_placeholders_can_be_read_in_light_and_dark(browser, server, scheme):
    """The header's search box shows its name only as a placeholder (its label is for screen
    readers): in the browser's grey, 4.49:1 on the light background and 3.9:1 on the dark."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{server}/")
    text, background = page.evaluate(
        "() => {"
        + PIXEL
        + """
          const box = document.querySelector('#site-q');
          const under = getComputedStyle(box).backgroundColor;
          const placeholder = getComputedStyle(box, '::placeholder');
          const ink = `color-mix(in srgb, ${placeholder.color} ${placeholder.opacity * 100}%, transparent)`;
          return [pixel(under, ink), pixel(under)];
        }"""
    )
    assert page.get_attribute("#site-q", "placeholder") == "Search the archive"
    assert contrast(text, background) >= 4.5, (text, background)
    context.close()


@needs_seed
def test_the_search_help_page_is_linked_and_true_to_the_search(page, server):
    """The search page links to "How to search" (a hidden page: not in the site's menu), and
    what that page promises holds on the demo archive's index."""
    page.goto(f"{server}/search/")
    page.click(".search-help a")
    page.wait_for_url("**/search-help/")
    assert page.inner_text("h1") == "How to search"
    assert "How to search" not in page.inner_text("body > header nav")

    def found(q: str) -> set[str]:
        page.goto(f"{server}/search/?q={quote(q)}")
        return set(results(page))

    missile, inspection = found("missile"), found("inspection")
    assert found("missile inspection") == missile & inspection < missile  # every word counts
    drought = found("drought")  # no OR: it is one more word every article must have
    assert found("missile OR drought") <= missile & drought < missile | drought
    assert found("missiles") == missile and found("MISSILE") == missile  # forms, capitals
    assert found("inspect") == found("inspection") != set()  # the start of a word
    assert SEED in found('"missile defense"') < found("missile defense")  # a phrase
    assert found('Hagel "missile defense"') == found('"missile defense"') & found("Hagel")
    assert page.errors == []
