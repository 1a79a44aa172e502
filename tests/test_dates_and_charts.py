"""Date archives and the static SVG charts, with their text alternatives."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime
from types import SimpleNamespace

import lxml.html
import pytest
from conftest import PELICAN, REPO, build_site, needs_seed, new_archive, write_article

from newsarchive.charts import CROWDED, bar_chart, bar_list, per_year_of, table

sys.path.insert(0, str(REPO / "plugins"))
from entity_pages.index import Taxonomy, build_index  # noqa: E402
from parallel_reading import MIN_PARALLEL as PARALLEL_READING_MIN  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"


def test_bar_chart_is_accessible_svg():
    svg = bar_chart(
        [("2019", 3), ("2020", 0), ("2021", 5)], "Articles per year", links=["a/", None, "c/"]
    )
    root = ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
    # with links, a group: a screen reader reaches no link inside an image
    assert root.get("role") == "group"
    ident = root.find(f"{SVG}title").get("id")[:-2]
    assert (root.get("aria-labelledby"), root.get("aria-describedby")) == (
        f"{ident}-t",
        f"{ident}-d",
    )
    plain = bar_chart([("2019", 3), ("2020", 0)], "Articles per year", links=[None, "b/"])
    assert 'role="img" aria-labelledby=' in plain  # (its one link is to an empty bar: none)
    assert root.find(f"{SVG}title").text == "Articles per year"
    assert root.find(f"{SVG}desc").text == "8 articles from 2019 to 2021; the most, 5, in 2021."
    # each bar's title: a linked one's on its link (its name), whose target is its whole column
    titles = [t.text for t in root.iter(f"{SVG}title")][1:]
    assert titles == ["2019: 3", "2020: 0", "2021: 5"]
    links = list(root.iter(f"{SVG}a"))
    assert [a.get("href") for a in links] == ["a/", "c/"]  # no link to an empty bar
    columns = [a.find(f"{SVG}rect") for a in links]
    assert [(c.get("class"), c.get("x"), c.get("y"), c.get("width")) for c in columns] == [
        ("hit", "0", "0", "213"), ("hit", "427", "0", "213")]  # fmt: skip
    assert "style" not in root.attrib  # (not tappable: as wide as its container)
    assert bar_chart([], "Nothing") == ""


def test_a_charts_text_alternative_names_every_tallest_bar_when_they_tie():
    def desc(bars):
        svg = bar_chart(bars, "Per year")
        root = ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
        return root.find(f"{SVG}desc").text

    assert desc([("2015", 1), ("2016", 1), ("2017", 0)]) == (
        "2 articles from 2015 to 2017; the most, 1, in each of 2015 and 2016."
    )
    assert desc([("2015", 2), ("2016", 1), ("2017", 2), ("2018", 2)]) == (
        "7 articles from 2015 to 2018; the most, 2, in each of 2015, 2017 and 2018."
    )
    many = [(str(year), 1 + (year % 3 == 0)) for year in range(2008, 2025)]
    assert desc(many) == (
        "22 articles from 2008 to 2024; the most, 2, in 5 of the 17, from 2010 to 2022."
    )
    assert desc([("2015", 3), ("2016", 3)]) == "6 articles from 2015 to 2016; 3 in each."
    assert desc([("2015", 0), ("2016", 0)]) == "0 articles from 2015 to 2016."


def test_a_tappable_chart_keeps_every_column_24_pixels_wide():
    for n in (3, 12, 40):
        svg = bar_chart([(str(i), 1) for i in range(n)], "Many", links=["x/"] * n, tappable=True)
        root = ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
        least = int(re.fullmatch(r"min-width:(\d+)px", root.get("style"))[1])
        columns = [int(r.get("width")) for r in root.iter(f"{SVG}rect") if r.get("class") == "hit"]
        assert len(columns) == n and min(columns) * least / 640 >= 24, n


def test_bar_list_is_a_list_of_names_bars_and_counts():
    html = bar_list([("Ada <Quill>", 4, "people/ada/"), ("Bo Reyes", 1, None)], "With Cy")
    root = lxml.html.fragment_fromstring(html)  # as a browser reads it (no </li>)
    assert root.tag == "ol" and root.get("aria-label") == "With Cy"
    first, second = root
    assert first[0].tag == "a" and first[0].get("href") == "people/ada/"
    assert first[0].text == "Ada <Quill>"
    assert second[0].tag == "span" and second[0].text == "Bo Reyes"  # no page: not a link
    assert [row[1][0].get("style") for row in root] == ["width:85%", "width:21%"]
    assert [row[1][0].tail for row in root] == ["4", "1"]
    assert bar_list([], "Nothing") == ""


def test_axis_labels_never_overlap_or_fall_off_the_edge():
    """Months from December 2010: "2010" under the first bar would print over "2011"."""
    months = [("2010-12", 1)] + [(f"2011-{m:02}", m) for m in range(1, 13)] + [("2012-01", 2)]
    months += [(f"2012-{m:02}", 0) for m in range(2, 60)]  # narrow bars: 2012 apart from 2011
    axis = [None] * len(months)
    axis[0], axis[1], axis[13] = "2010", "2011", "2012"  # each year's first month
    svg = bar_chart(months, "Articles per month", axis=axis)
    root = ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
    texts = [(t.text, float(t.get("x").rstrip("%")), t.get("class")) for t in root.iter(f"{SVG}text")]  # fmt: skip
    assert [text for text, _, _ in texts] == ["2011", "2012"]
    assert all(15 <= x * CROWDED / 100 <= CROWDED - 15 for _, x, _ in texts)
    # on a phone, where the first year would fall off the edge, it is left out (marked "w")
    assert [mark for _, _, mark in texts] == ["w", None]


def test_table_and_per_year():
    years = per_year_of([2015, 2017, 2017])
    assert years == [("2015", 1), ("2016", 0), ("2017", 2)]
    html = table(years, "Articles per year", ("Year", "Articles"))
    assert (
        "<td>2016</td><td>0</td>" in html
        and "<summary>Articles per year as a table</summary>" in html
    )


def read(output, path):
    return (output / path / "index.html").read_text(encoding="utf-8")


def link_text(html: str, href: str) -> str:
    """A link's text as a screen reader reads it: visually hidden words included."""
    inner = re.search(rf'<a href="{re.escape(href)}">(.*?)</a>', html)
    assert inner, href
    return " ".join(re.sub(r"<[^>]+>", "", inner.group(1)).split())


@needs_seed
def test_date_overview(demo):
    html = read(demo["output"], "dates")
    assert '<svg class="chart by-month"' in html and "<desc id=" in html
    # and, for phones, a bar a year, each leading to its year
    assert (
        '<svg class="chart by-year"' in html and '<a href="../2019/"><title>2019: 2</title>' in html
    )
    assert "Articles per year as a table" in html
    assert 'href="../2019/"' in html and 'href="../2019/03/"' in html
    assert 'href="../undated/">Date unknown</a>' in html
    # a month's count is not heard as its day ("Mar 2"): the year and what is counted are said
    years = html.split('<ol class="years">')[1]  # the chips, not the chart's bars
    assert link_text(years, "../2019/03/") == "Mar 2019, 2 articles"
    assert link_text(years, "../2018/09/") == "Sep 2018, 1 article"
    assert '<span class="n">2<span class="visually-hidden"> articles</span></span></h2>' in html


@needs_seed
def test_year_month_and_undated_pages(demo):
    year = read(demo["output"], "2019")
    # a year leads to its months (with counts), which list the articles
    assert (
        "2 articles, by month" in year
        and link_text(year.split('class="chips"')[1], "../2019/03/") == "March 2019, 2 articles"
    )
    assert "aria-labelledby" in year  # the year's chart of months
    month = read(demo["output"], "2019/03")
    assert '<h1 class="page-title">March 2019</h1>' in month
    assert month.count("<li>") == 2 and "Dockworkers walk out at Saltmere" in month
    undated = read(demo["output"], "undated")
    assert "Insiders: Major Headway Unlikely From U.S.-Russia Talks" in undated
    assert "2 articles whose original pages do not say when they were published" in undated
    # the heading says so, not every line again
    assert "Date unknown" not in undated.split('<ol class="archive">')[1]
    assert not (demo["output"] / "1900").exists()  # the sentinel date never shows
    # each year and month leads to the next and the previous one with articles
    assert 'rel="next" href="../2020/">← 2020</a>' in year
    assert 'rel="prev" href="../2018/">2018 →</a>' in year
    newest = read(demo["output"], "2024")
    assert 'rel="prev"' in newest and 'rel="next"' not in newest
    assert re.search(r'rel="prev" href="../../2018/\d\d/">\w+ 2018 →</a>', month)
    assert re.search(r'rel="next" href="../../20(19|20)/\d\d/">← \w+ 20(19|20)</a>', month)


def test_entity_pages_chart_mentions_per_year(demo):
    html = read(demo["output"], "people/mirela-santangelo")
    assert "Articles mentioning Mirela Santangelo, per year" in html
    assert "<title>2021: 0</title>" in html  # years without mentions are shown as such


def test_an_entitys_chart_says_how_many_undated_articles_it_leaves_out(demo):
    """Teodor Vasku's page says 5 articles; its chart's description said 4, not why."""
    html = read(demo["output"], "people/teodor-vasku")
    assert "5 articles" in html
    assert re.search(r"<desc [^>]*>4 articles from \d{4} to \d{4}; [^<]*; and 1 article of unknown date, not charted\.</desc>", html)  # fmt: skip
    assert "not charted" not in read(demo["output"], "people/mirela-santangelo")


def test_an_entitys_years_are_read_with_its_articles():
    """The index keeps each entity's dated articles' years as it files them: the chart read
    each article's date again, ~0.2 s at 20,000 articles (an article's attributes are a cache
    miss each). Undated articles (the sentinel date) are left out, as the chart leaves them."""
    people = Taxonomy(key="people", field="people", title="People", url="people/{slug}/",
                      save_as="people/{slug}/index.html", index_url="people/",
                      index_save_as="people/index.html")  # fmt: skip
    dates = [(2017, "Ada; Bo"), (2017, "Ada"), (2015, "Ada; Bo"), (1900, "Ada")]  # newest first
    articles = [
        SimpleNamespace(people=names, date=datetime(year, 1, 1), date_unknown=year == 1900)
        for year, names in dates
    ]
    ada, bo = (build_index(articles, [people])["people"][name] for name in ("Ada", "Bo"))
    assert ada.years == [2017, 2017, 2015] and bo.years == [2017, 2015]
    assert ada.dated == articles[:3]
    assert ada.years == [a.date.year for a in ada.dated]
    assert per_year_of(ada.years) == [("2015", 1), ("2016", 0), ("2017", 2)]
    assert bo.dated is bo.articles  # (none undated: the list itself, not a copy)


def test_hand_written_dates_are_read_as_written(tmp_path):
    """A blank Date is no date; one without a day or a year, one whose day and month could be
    either (12/03/2016), or no date at all, fails that article with a line naming the file and
    the reason (Pelican took the day from today's, or dropped the article saying only that it
    could not process it), and the build goes on: with enough new files to be read in worker
    processes too (plugins/parallel_reading)."""
    root = new_archive(tmp_path)
    folder = root / "content" / "articles" / "2016"
    for n in range(PARALLEL_READING_MIN + 1):
        write_article(folder, n, Date=f"2016-03-{1 + n % 28:02d}")
    write_article(folder, 900, Date="", Title="Cleared by hand")
    write_article(folder, 901, Date="2016-05", Title="Month only")
    write_article(folder, 902, Date="2016-13-45", Title="No such day")
    write_article(folder, 903, Date="March 12", Title="No year")  # (Pelican took this year's)
    write_article(folder, 904, Date="12/03/2016", Title="Which order")  # (read as 3 December)
    result = subprocess.run(
        [str(PELICAN), str(root / "content"), "-o", str(root / "output"),
         "-s", str(REPO / "pelicanconf.py")],
        cwd=root, capture_output=True, text=True, env={**os.environ, "COLUMNS": "400"},
    )  # fmt: skip
    log = " ".join(result.stdout.split())
    assert "story-901.md: Date: '2016-05' has no day (write YYYY-MM-DD" in log
    assert "story-902.md: Date: '2016-13-45' is not a date" in log
    assert "story-903.md: Date: 'March 12' has no year (write YYYY-MM-DD" in log
    assert "story-904.md: Date: '12/03/2016' could be 3 December 2016 or 12 March 2016" in log
    assert "Traceback" not in result.stdout + result.stderr
    output = root / "output"
    assert (output / "2016" / "story-900" / "index.html").exists()  # (its file's folder)
    assert len(list((output / "2016").glob("story-*/index.html"))) == PARALLEL_READING_MIN + 2
    assert not [path for n in (901, 902, 903, 904) for path in output.rglob(f"story-{n}")]


@pytest.mark.parametrize("many", [False, True])
def test_an_articles_time_keeps_the_offset_its_date_stated(tmp_path, many):
    """`<time datetime>` dropped a stated offset: an article dated 22:12 at UTC+3 said 22:12
    with no offset, which a reader's tools take for their own local time. The offset stated
    is kept; a date that stated none gets none made up. With files enough to be read in
    worker processes too (plugins/parallel_reading)."""
    root = new_archive(tmp_path)
    folder = root / "content" / "articles" / "2019"
    dates = {1: "2019-12-14 22:12+03:00", 2: "2019-12-15 06:40-05:30",
             3: "2019-12-16 09:05+00:00", 4: "2019-12-17 11:30", 5: "2019-12-18"}  # fmt: skip
    for n in range(6, PARALLEL_READING_MIN + 2 if many else 0):
        dates[n] = "2019-11-02 08:00"
    for n, day in dates.items():
        write_article(folder, n, Date=day)
    output = build_site(root)
    found = {}
    for n in (1, 2, 3, 4, 5):
        page = lxml.html.parse(str(output / "2019" / f"story-{n}" / "index.html"))
        [time] = page.getroot().xpath("//article//time")
        found[n] = time.get("datetime")
    assert found == {1: "2019-12-14T22:12+03:00", 2: "2019-12-15T06:40-05:30",
                     3: "2019-12-16T09:05+00:00", 4: "2019-12-17T11:30", 5: "2019-12-18"}  # fmt: skip
