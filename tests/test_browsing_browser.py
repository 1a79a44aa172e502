"""Reading the archive in a real browser: navigation, charts, no outside requests, no errors,
and every page but search working without JavaScript."""

from __future__ import annotations

import itertools

import pytest
from conftest import (
    build_site,
    contrast,
    needs_chromium,
    needs_seed,
    new_archive,
    served,
    write_article,
)

pytestmark = needs_chromium


def test_home_to_person_to_article_to_related(page, server):
    page.goto(f"{server}/")
    page.click("section.neighbours a:has-text('Mirela Santangelo')")
    page.wait_for_url("**/people/mirela-santangelo/")
    assert page.inner_text("h1") == "Mirela Santangelo"
    page.click("ol.entity-articles a:has-text('Santangelo claims victory')")
    page.wait_for_url("**/2024/santangelo-claims-victory-as-dask-concedes-velorian-election/")
    assert "Santangelo claims victory" in page.inner_text("h1")
    related = page.query_selector_all("article > section a")
    assert related
    title = related[0].inner_text()
    related[0].click()
    page.wait_for_load_state()
    assert page.inner_text("h1") == title
    page.click("nav.tags a >> nth=0")
    page.wait_for_load_state()
    assert page.query_selector("header.entity h1")
    assert page.errors == [] and page.outside == []


@needs_seed
def test_an_old_spelling_of_a_persons_address_leads_to_the_page(page, server):
    # "Sergey Lavrov" is an alias of Sergei Lavrov in data/people.yml
    page.goto(f"{server}/people/sergey-lavrov/")
    page.wait_for_url("**/people/sergei-lavrov/")
    assert page.inner_text("h1") == "Sergei Lavrov"
    assert page.errors == [] and page.outside == []


@needs_seed
def test_the_links_of_a_persons_people_chart_can_be_tapped(browser, server):
    """Each row's link was 20 px tall, the rows touching: under WCAG 2.5.8's 24 px minimum."""
    page = browser.new_page(viewport={"width": 390, "height": 800}, has_touch=True)
    page.goto(f"{server}/people/sergei-lavrov/")
    boxes = [link.bounding_box() for link in page.query_selector_all("ol.bars a")]
    assert len(boxes) >= 5
    assert [b for b in boxes if b["height"] < 24 or b["width"] < 24] == []
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_bar_lists_bars_show_in_forced_colours(browser, server, scheme):
    """In Windows' high contrast (forced colours), every background is the page's: the bars
    of "Often mentioned with" vanished, a blank column between the names and the counts."""
    context = browser.new_context(color_scheme=scheme, forced_colors="active")
    page = context.new_page()
    page.goto(server + "/people/mirela-santangelo/")
    colours = page.evaluate(
        """() => {
          const rgb = (colour) => colour.match(/[\\d.]+/g).slice(0, 3).map(Number);
          return {
            page: rgb(getComputedStyle(document.body).backgroundColor),
            bars: [...document.querySelectorAll('ol.bars i')].map(
              (i) => rgb(getComputedStyle(i).backgroundColor)),
          };
        }"""
    )
    assert len(colours["bars"]) >= 5
    assert all(contrast(bar, colours["page"]) >= 3 for bar in colours["bars"]), colours
    context.close()


@needs_seed
def test_an_entity_list_starts_under_its_heading(page, server):
    """The first year of an entity's articles sat ~52 px under "Articles": the year's own
    top spacing, meant to part it from the year before, stacked on the heading's."""
    for path in ("/people/mirela-santangelo/", "/people/sergei-lavrov/"):
        page.goto(server + path)
        gap = page.evaluate(
            """() => {
                const heading = [...document.querySelectorAll("h2")].find((h) => h.textContent === "Articles");
                const year = document.querySelector(".entity-articles li.year h3");
                return year.getBoundingClientRect().top - heading.getBoundingClientRect().bottom;
            }"""
        )
        assert 0 <= gap <= 30, (path, gap)


def test_charts_render_with_text_alternatives(page, server):
    for path in ("/dates/", "/people/mirela-santangelo/", "/topics/drought/", "/2019/"):
        page.goto(server + path)
        for chart in page.query_selector_all("svg.chart:visible"):
            box = chart.bounding_box()
            assert box and box["width"] > 200 and box["height"] > 20, path
            labelled = chart.get_attribute("aria-labelledby").split()
            texts = [
                page.evaluate("i => document.getElementById(i).textContent", i) for i in labelled
            ]
            assert all(texts), path
            assert chart.query_selector("rect title, a > title")  # bars, each with its figure
    # the people named with a person: a list, each row its linked name, a bar and the count
    page.goto(server + "/people/mirela-santangelo/")
    rows = page.query_selector_all("ol.bars li")
    assert rows and page.get_attribute("ol.bars", "aria-label")
    widths = [row.query_selector("i").bounding_box()["width"] for row in rows]
    assert widths[0] > 50 and widths == sorted(widths, reverse=True)
    assert rows[0].query_selector("a").inner_text() and rows[0].inner_text().strip()[-1].isdigit()
    page.goto(server + "/dates/")
    page.click("details.chart-table summary")
    assert page.is_visible("details.chart-table table")
    assert page.errors == [] and page.outside == []


@pytest.mark.parametrize(
    ("width", "touch"), [(320, False), (390, False), (390, True), (1024, True), (1280, False)]
)
def test_every_bar_of_the_dates_charts_can_be_tapped_on_a_phone(browser, server, width, touch):
    """At 390 px the overview's bars were a month each, 3 px wide: on a phone or a touch
    screen it charts years instead, and a bar's target is its whole column, 24 px wide at
    least (WCAG 2.2's target size minimum), scrolling in its figure rather than the page."""
    context = browser.new_context(viewport={"width": width, "height": 800}, has_touch=touch)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    phone = width <= 640 or touch
    for path, chart in (("/dates/", "by-year" if phone else "by-month"), ("/2019/", "")):
        page.goto(server + path)
        shown = page.query_selector_all("svg.chart:visible")
        assert [c.get_attribute("class") for c in shown] == [f"chart {chart}".strip()], path
        targets = [a.bounding_box() for a in shown[0].query_selector_all("a")]
        assert targets and all(box["height"] >= 24 for box in targets), path
        if phone or path != "/dates/":  # (a month a bar: a pointer's, a few pixels wide)
            assert all(box["width"] >= 24 for box in targets), (path, targets)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    page.goto(server + "/dates/")
    if phone:  # a year's bar leads to its year, whose months are as easy to tap
        (page.tap if touch else page.click)("svg.chart:visible a[href='../2019/']")
        page.wait_for_url("**/2019/")
    assert errors == []
    context.close()


def test_a_charts_axis_labels_are_never_squeezed_nor_crowded(browser, server):
    """The labels were the stretched drawing's text: on a phone, a year 640 units wide in
    ~330 pixels was squeezed to half its width. Now each is as wide on a phone as on a
    desktop, inside its chart, and clear of the next one shown."""
    widths: dict[str, set[int]] = {}
    for viewport in (320, 390, 700, 1280):
        page = browser.new_page(viewport={"width": viewport, "height": 800})
        for path in ("/dates/", "/2019/", "/people/sergei-lavrov/", "/topics/drought/"):
            page.goto(server + path)
            for chart in page.query_selector_all("svg.chart:visible"):
                edge = chart.bounding_box()
                boxes = [(t.text_content(), t.bounding_box()) for t in chart.query_selector_all("text")]  # fmt: skip
                boxes = [(text, box) for text, box in boxes if box]  # (the hidden have none)
                assert boxes, (viewport, path)
                for text, box in boxes:
                    assert edge["x"] <= box["x"] and box["x"] + box["width"] <= edge["x"] + edge["width"]  # fmt: skip
                    widths.setdefault(text, set()).add(round(box["width"]))
                for (_, left), (_, right) in itertools.pairwise(boxes):
                    assert left["x"] + left["width"] + 2 <= right["x"], (viewport, path)
        page.close()
    assert len(widths) >= 8 and all(max(w) - min(w) <= 1 for w in widths.values()), widths


@pytest.mark.parametrize(
    "path",
    ["/", "/dates/", "/2019/03/", "/undated/", "/people/", pytest.param("/people/sergei-lavrov/", marks=needs_seed),
     "/topics/", "/sources/harbor-daily-wire/",
     pytest.param("/undated/insiders-major-headway-unlikely-from-u-s-russia-talks/", marks=needs_seed)],
)  # fmt: skip
def test_pages_work_without_javascript(browser, server, path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    response = page.goto(server + path)
    assert response.status == 200
    assert page.inner_text("h1")
    links = page.query_selector_all("main a[href]")
    assert links  # and they are plain links, not scripted ones
    assert all(not a.get_attribute("href").startswith("javascript:") for a in links)
    context.close()


# Every shown text and its colour as painted on white paper (a browser prints no backgrounds
# unless told): [[text, [r, g, b]], ...]; an SVG text's colour is its fill.
PRINTED_TEXT = """() => {
  const pixel = (colour) => {
    const context = document.createElement('canvas').getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, 1, 1);
    context.fillStyle = colour;
    context.fillRect(0, 0, 1, 1);
    return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    const parent = walker.currentNode.parentElement;
    if (!text || !parent.checkVisibility() || !parent.getClientRects().length) continue;
    const style = getComputedStyle(parent);
    found.push([text.slice(0, 40), pixel(parent instanceof SVGElement ? style.fill : style.color)]);
  }
  return found;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_printed_page_is_dark_text_on_white_without_the_sites_controls(browser, server, scheme):
    """Printed from a browser in dark mode, the site's name was near-white on the paper, the
    byline, the tags and the charts' labels pale (2.3:1); in either mode the header's search
    form and the pagers were printed (their screen rules came after the print ones)."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.emulate_media(media="print")
    article = "/2019/saltmere-port-strike-enters-second-week-as-talks-collapse/"
    for path in (article, "/people/mirela-santangelo/", "/2019/"):
        page.goto(server + path)
        texts = page.evaluate(PRINTED_TEXT)
        assert len(texts) > 10, path
        faint = [(text, rgb) for text, rgb in texts if contrast(rgb, [255, 255, 255]) < 4.5]
        assert faint == [], (path, faint)
        assert page.is_visible("body > header > a")  # the site's name, but not its controls
        assert not page.is_visible("body > header form") and not page.is_visible(".pager"), path
        assert not page.is_visible("body > header nav"), path
    # a bar list's bars are its figures, printed like text
    page.goto(server + "/people/mirela-santangelo/")
    adjust = page.eval_on_selector("ol.bars i", "i => getComputedStyle(i).printColorAdjust")
    assert adjust == "exact"
    context.close()


SPANISH = "Los regantes del valle piden agua"
ARABIC = "المزارعون في الوادي يطالبون بالمياه؟"
ARABIC_SOURCE = "صحيفة الوادي"
ARABIC_AUTHOR = "سامر نجيب"


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory):
    """An archive of an English article, a Spanish one and an Arabic one, all on the drought,
    served."""
    root = new_archive(tmp_path_factory.mktemp("languages"))
    folder = root / "content" / "articles" / "2020"
    write_article(folder, 1, Title=SPANISH, Language="es", Topics="Drought",
                  Summary="Los agricultores reclamaron más agua para sus cultivos.")  # fmt: skip
    body = "Los agricultores del valle reclamaron ayer más agua tras tres meses sin lluvia."
    page = folder / "story-1.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Body of story 1.", body), "utf-8")
    write_article(folder, 2, Title="Valley farmers ask for water", Language="en", Topics="Drought")
    write_article(folder, 3, Title=ARABIC, Language="ar", Topics="Drought",
                  Summary="طالب المزارعون أمس بمزيد من المياه.", Source=ARABIC_SOURCE,
                  Authors=ARABIC_AUTHOR)  # fmt: skip
    page = folder / "story-3.md"
    body = "طالب المزارعون في الوادي أمس بمزيد من المياه (وفق مصادر محلية)."
    page.write_text(page.read_text(encoding="utf-8").replace("Body of story 3.", body), "utf-8")
    with served(build_site(root)) as url:
        yield url


def language_of(page, text: str) -> str:
    """The language the page gives the (smallest) element with this text."""
    return page.get_by_text(text).first.evaluate("e => e.closest('[lang]').getAttribute('lang')")


def test_an_articles_own_words_in_another_language_say_so_and_only_they(page, two_languages):
    """A Spanish article's page said lang="es" on the whole <article>: its date, "min read",
    tags, notes and links, the site's English, were read in a Spanish voice; and its title
    and summary listed on the home, month and topic pages and under another article's
    "Related articles" said nothing, read in an English voice (WCAG 3.1.2)."""
    page.goto(f"{two_languages}/2020/story-1/")
    assert language_of(page, SPANISH) == "es"
    assert language_of(page, "tres meses sin lluvia") == "es"
    for furniture in ("min read", "Topics", "address unknown", "Newer article"):
        assert language_of(page, furniture) == "en", furniture
    page.goto(f"{two_languages}/")
    assert language_of(page, SPANISH) == "es"
    assert language_of(page, "Los agricultores reclamaron") == "es"
    assert language_of(page, "Valley farmers ask for water") == "en"
    assert language_of(page, "Summary of story 2.") == "en"
    for path in ("/2020/01/", "/topics/drought/", "/2020/story-2/"):
        page.goto(two_languages + path)
        assert language_of(page, SPANISH) == "es", path
        assert language_of(page, "Valley farmers ask for water") == "en", path
    assert page.is_visible(f"article > section a:has-text('{SPANISH}')")  # (related)


def test_a_search_result_in_another_language_says_so(page, two_languages):
    """The search listed the Spanish article's title and excerpt with nothing to say they are
    Spanish: a screen reader read them in an English voice."""
    page.goto(f"{two_languages}/search/?q=agua")
    page.wait_for_selector("#search[data-state=done]")
    assert language_of(page, SPANISH) == "es"
    assert page.eval_on_selector("#search-results p.summary", "p => p.lang") == "es"
    assert page.eval_on_selector("#search-results p.meta", "p => p.closest('[lang]').lang") == "en"
    page.goto(f"{two_languages}/search/?topic=Drought")
    page.wait_for_selector("#search[data-state=done]")
    assert language_of(page, SPANISH) == "es"
    assert language_of(page, "Valley farmers ask for water") == "en"


WIDE = """Levels at the valley's reservoirs, by week, as the water authority reported them.

| Reservoir | Week 1 | Week 2 | Week 3 | Week 4 | Week 5 | Week 6 | Change since January |
|---|---|---|---|---|---|---|---|
| Upper Tessa Number One | 41 per cent | 39 per cent | 37 per cent | 36 per cent | 35 per cent | 33 per cent | minus eighteen points |

The series is at https://water.example/reports/2020/reservoirs/weekly-levels-by-reservoir-and-basin.csv for anyone.

    level = read("https://water.example/reports/2020/reservoirs/weekly-levels-by-reservoir.csv")
"""


@pytest.fixture(scope="module")
def wide_article(tmp_path_factory):
    """An archive of one article with a table, a long address and a line of code, under a
    title of one long word, served."""
    root = new_archive(tmp_path_factory.mktemp("wide"))
    folder = root / "content" / "articles" / "2020"
    title = "Reservoirstandsberichterstattungsverordnungsentwurf"
    write_article(folder, 1, Title=title, Summary="Levels at https://water.example/reports/2020/reservoirs/weekly-levels.csv weekly.")  # fmt: skip
    page = folder / "story-1.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Body of story 1.", WIDE), "utf-8")
    with served(build_site(root)) as url:
        yield url


def test_an_articles_table_address_and_code_fit_a_phone(browser, wide_article):
    """At 320 px (or 400 % zoom) an article with a table, a long address or a line of code,
    or a title of one long word, scrolled the whole page sideways (1,194 px wide): each
    line of text had to be read by scrolling back and forth (WCAG 1.4.10)."""
    page = browser.new_page(viewport={"width": 320, "height": 700})
    for path in ("/2020/story-1/", "/"):
        page.goto(wide_article + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    page.goto(wide_article + "/2020/story-1/")
    # the table scrolls in itself, and is still a table to a screen reader
    assert page.eval_on_selector("article table", "t => t.scrollWidth > t.clientWidth")
    assert page.locator("article table").aria_snapshot().startswith("- table")
    page.close()


def direction_of(page, text: str) -> str:
    """The direction the page lays out the (smallest) element with this text in."""
    return page.get_by_text(text).first.evaluate("e => getComputedStyle(e).direction")


def test_an_article_in_arabic_reads_right_to_left_wherever_it_is(page, two_languages):
    """An Arabic article's title and text were laid out left to right, like the site's
    English: aligned left, the full stop after "(وفق مصادر محلية)" and the title's question
    mark at the wrong end of their lines; listed among others, its title did the same."""
    page.goto(f"{two_languages}/2020/story-3/")
    assert direction_of(page, ARABIC) == "rtl"
    assert direction_of(page, "وفق مصادر محلية") == "rtl"
    assert direction_of(page, "min read") == "ltr"
    for path in ("/", "/topics/drought/", "/search/?topic=Drought"):
        page.goto(two_languages + path)
        if path.startswith("/search/"):
            page.wait_for_selector("#search[data-state=done]")
        assert direction_of(page, ARABIC) == "rtl", path
        assert direction_of(page, "Valley farmers ask for water") == "ltr", path


#: The left and right of the first run of a text in an element, as laid out.
_TEXT_BOX = """(element, text) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const at = walker.currentNode.data.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(walker.currentNode, at);
    range.setEnd(walker.currentNode, at + text.length);
    const box = range.getBoundingClientRect();
    return [box.left, box.right];
  }
  return null;
}"""


def test_an_arabic_name_leaves_the_sites_words_beside_it_in_their_order(page, two_languages):
    """An Arabic article's byline read "14 December 2019 · 1 · سامر نجيب · صحيفة الوادي min
    read", and the Sources page's chip "1 صحيفة الوادي": beside a name written right to
    left, the line's numbers and separators were laid out in its direction."""
    page.goto(f"{two_languages}/2020/story-3/")
    meta = page.locator("p.meta")
    source, author, minutes = (
        meta.evaluate(_TEXT_BOX, text) for text in (ARABIC_SOURCE, ARABIC_AUTHOR, "1 min read")
    )
    assert source[1] <= author[0] < author[1] <= minutes[0], (source, author, minutes)
    page.goto(f"{two_languages}/sources/")
    for chip in (
        page.locator("p.chips a", has_text=ARABIC_SOURCE),
        page.locator("ul.entity-list li", has_text=ARABIC_SOURCE),
    ):
        name = chip.evaluate(_TEXT_BOX, ARABIC_SOURCE)
        count = chip.locator("span.n").evaluate(_TEXT_BOX, "1")
        assert name[1] < count[0], (name, count)
