"""Person, topic, organisation and place pages in the built demo site."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import lxml.html
from conftest import REPO, build_site, needs_seed, new_archive, write_article

SEED_TITLE = "Insiders: Major Headway Unlikely From U.S.-Russia Talks"
SEVEN = {"barack-obama": "Barack Obama", "vladimir-putin": "Vladimir Putin",
         "chuck-hagel": "Chuck Hagel", "john-kerry": "John Kerry", "sergei-shoigu": "Sergei Shoigu",
         "sergei-lavrov": "Sergei Lavrov", "sergei-ryabkov": "Sergei Ryabkov"}  # fmt: skip


def page(output, path):
    return (output / path / "index.html").read_text(encoding="utf-8")


MOVED = 'http-equiv="refresh"'


def entity_slugs(folder) -> list[str]:
    """The slugs of the entity pages in a taxonomy's folder (not of an old address's page)."""
    pages = [p for p in folder.iterdir() if p.is_dir()]
    return sorted(p.name for p in pages if MOVED not in (p / "index.html").read_text())


@needs_seed
def test_the_seeds_seven_people_have_pages(demo):
    for slug, name in SEVEN.items():
        html = page(demo["output"], f"people/{slug}")
        assert f"<h1>{name}</h1>" in html
        assert SEED_TITLE in html
        assert (
            '<h3 id="undated">Date unknown</h3>' in html
        )  # the seed is listed honestly as undated
        assert "<li><a href" in html and "Date unknown <a" not in html  # (said once)


@needs_seed
def test_person_page_facts(demo):
    html = page(demo["output"], "people/sergei-lavrov")
    assert '<p class="role">Russian Minister of Foreign Affairs</p>' in html
    assert "1 article" in html
    # the excerpt shows where he is mentioned
    assert "Russian Foreign Minister Sergei Lavrov" in html
    # co-mentioned people link to their pages
    assert 'href="../../people/john-kerry/"' in html
    assert 'href="../../topics/missile-defense/"' in html
    # his one article is undated, and a feed entry needs a date: no feed, rather than an
    # empty one a reader would subscribe to in vain
    assert not (demo["output"] / "people" / "sergei-lavrov" / "atom.xml").exists()
    assert "Atom feed" not in html and "application/atom+xml" not in html


def test_entity_feeds_list_entries_without_copying_summaries(demo):
    """A person's or topic's feed: each entry's title, link and date, no summary (every feed
    that names an article would carry a copy); the site's feed keeps them."""
    atom = "{http://www.w3.org/2005/Atom}"
    for path in ("people/mirela-santangelo/atom.xml", "topics/drought/atom.xml"):
        entries = ET.parse(demo["output"] / path).getroot().findall(f"{atom}entry")
        assert len(entries) >= 4, path
        for entry in entries:
            assert entry.findtext(f"{atom}title") and entry.find(f"{atom}published") is not None
            assert entry.find(f"{atom}link[@rel='alternate']").get("href").startswith("http")
            assert entry.find(f"{atom}summary") is None and entry.find(f"{atom}content") is None
    site = ET.parse(demo["output"] / "feeds" / "all.atom.xml").getroot().findall(f"{atom}entry")
    assert all(entry.findtext(f"{atom}summary") for entry in site)


def test_each_feed_has_its_own_id_title_and_page(demo):
    """Feed readers tell feeds apart by id: Pelican gave them all the site's address."""
    atom = "{http://www.w3.org/2005/Atom}"
    feeds = {
        path.relative_to(demo["output"]).as_posix(): ET.parse(path).getroot()
        for path in demo["output"].rglob("*.xml")
        if ET.parse(path).getroot().tag == f"{atom}feed"
    }
    assert len(feeds) > 20
    # (but the corrections feed: nothing in the demo was corrected after it was saved)
    empty = [path for path, feed in feeds.items() if not feed.findall(f"{atom}entry")]
    assert empty == ["feeds/corrections.atom.xml"]
    old_addresses = {}  # a page that leads on (a merged name, a new slug) keeps its feed
    for path in feeds:  # each entity feed is linked from its page
        if not path.startswith("feeds/"):
            html = page(demo["output"], path.removesuffix("/atom.xml"))
            if found := re.search(r'http-equiv="refresh" content="0; url=../../([^"]+)"', html):
                old_addresses[path] = found[1] + "atom.xml"
            else:
                assert f'href="../../{path}"' in html
    assert old_addresses  # (the demo's topics.yml gives topics slugs other than their names')
    for old, new in old_addresses.items():  # the same feed: same id, same entries
        assert ET.tostring(feeds[old]) == ET.tostring(feeds[new])
    ids = [feed.findtext(f"{atom}id") for path, feed in feeds.items() if path not in old_addresses]
    assert len(set(ids)) == len(ids)
    drought = feeds["topics/drought/atom.xml"]
    assert drought.findtext(f"{atom}title") == "News Archive - Drought"
    assert drought.findtext(f"{atom}id").endswith("/topics/drought/atom.xml")
    assert drought.find(f"{atom}link[@rel='alternate']").get("href").endswith("/topics/drought/")
    site = feeds["feeds/all.atom.xml"]
    assert site.findtext(f"{atom}title") == "News Archive"
    assert site.find(f"{atom}link[@rel='alternate']").get("href").endswith("/")


@needs_seed
def test_people_with_many_articles_and_the_index(demo):
    html = page(demo["output"], "people/mirela-santangelo")
    assert len(re.findall(r"</a>(?: <cite>[^<]+</cite>)?<p>", html)) >= 8  # with excerpts
    years = re.findall(r'<h3 id="y\d{4}">(\d{4})</h3>', html)
    assert years == sorted(years, reverse=True) and len(years) >= 4
    index = page(demo["output"], "people")
    assert index.index("Mirela Santangelo") < index.index('id="letter-')  # most mentioned first
    assert 'href="#letter-L"' in index and "Sergei Lavrov" in index


def test_the_a_to_z_lists_a_name_with_an_accent_under_its_letter(tmp_path):
    """ "Jürgen Öttinger" was listed after Z under a letter "Ö" of his own, and "Ida Łoś" and
    the source "Écho du Val" likewise: names were ordered by code point, which puts every
    accented capital after "z". A Cyrillic name keeps its own alphabet's letter."""
    new_archive(tmp_path)
    folder = tmp_path / "content" / "articles" / "2020"
    people = "Jürgen Öttinger; Oskar Olsen; Ida Łoś; Lena Lange; Zofia Zawada; Олег Смирнов"
    for n, source in enumerate(["Écho du Val", "Écho du Val", "Daily Wire", "Daily Wire"]):
        write_article(folder, n, People=people, Source=source)
    output = build_site(tmp_path)

    def letters(index: str) -> dict[str, list[str]]:
        tree = lxml.html.fromstring(index)
        return {
            section.get("id"): [a.text_content() for a in section.xpath(".//li/a")]
            for section in tree.xpath("//section[@class='letter']")
        }

    assert letters(page(output, "people")) == {
        "letter-L": ["Lena Lange", "Ida Łoś"],
        "letter-O": ["Oskar Olsen", "Jürgen Öttinger"],
        "letter-Z": ["Zofia Zawada"],
        "letter-С": ["Олег Смирнов"],
    }
    assert letters(page(output, "sources")) == {
        "letter-D": ["Daily Wire"],
        "letter-E": ["Écho du Val"],
    }


def listed_excerpts(html_text: str) -> list[str]:
    """Each listed article's excerpt, as an HTML parser reads the list (the template leaves
    out the </p> and </li> HTML lets it): a paragraph in each line's own list item."""
    tree = lxml.html.fromstring(html_text)
    lines = tree.xpath("//ol[contains(@class, 'entity-articles')]/li[not(@class)]")
    return [p.text_content().strip() for line in lines for p in line.xpath("./p")]


def test_excerpts_are_one_line_where_the_entity_is_named(demo):
    # a person's: around the name; a topic's: around one of the words that give the topic
    # (its name is rarely in the text), not the article's whole summary again
    for path, word, least in (("people/mirela-santangelo", "Santangelo", 8), ("topics/drought", "drought", 4)):  # fmt: skip
        excerpts = listed_excerpts(page(demo["output"], path))
        assert len(excerpts) >= least and all(0 < len(e) <= 100 for e in excerpts), path
        assert sum(word in e.lower() or word in e for e in excerpts) >= len(excerpts) // 2, path
    # an article opening with the name: its first word is no cut word ("…Santangelo is on")
    excerpts = listed_excerpts(page(demo["output"], "people/mirela-santangelo"))
    assert "Mirela Santangelo is on course to become Veloria's…" in excerpts
    assert all(not e.startswith("…Santangelo") for e in excerpts)
    # within the paragraph that names him: a heading's words ran into it ("…concerns Teodor
    # Vasku, Kastria's")
    excerpts = listed_excerpts(page(demo["output"], "people/teodor-vasku"))
    assert any(e.startswith("Teodor Vasku, Kastria's chief negotiator,") for e in excerpts), (
        excerpts
    )
    assert not any("concerns Teodor" in e for e in excerpts)


@needs_seed
def test_topic_pages_and_hierarchy(demo):
    html = page(demo["output"], "topics/arms-control")
    assert "<h2>Narrower topics</h2>" in html
    assert 'href="../../topics/missile-defense/"' in html
    child = page(demo["output"], "topics/missile-defense")
    assert 'class="kicker"' in child and "Arms control" in child
    assert SEED_TITLE in child
    assert page(demo["output"], "topics/drought").count("<li>") >= 4


@needs_seed
def test_article_page_links_its_tags(demo):
    html = page(demo["output"], "undated/insiders-major-headway-unlikely-from-u-s-russia-talks")
    tags = html[html.index('<nav class="tags"') :].split("</nav>")[0]
    for slug, name in SEVEN.items():
        # a lean chip: the link and its search filter, no class (styled by context)
        assert f'<a href="../../people/{slug}/" data-pagefind-filter="person">{name}</a>' in tags
    assert 'href="../../topics/us-russia-relations/"' in tags
    assert "class=" not in tags.split(">", 1)[1]


def test_no_page_below_the_threshold(demo):
    # named in one article and not in the registry: a tag, not a page
    assert not (demo["output"] / "people" / "willem-haverkamp").exists()
    html = page(demo["output"], "2023/low-water-on-the-tessa-forces-grain-barges-to-lighten-loads")
    tags = html[html.index('<nav class="tags"') :].split("</nav>")[0]
    assert ' <span data-pagefind-filter="person">Willem Haverkamp</span> ' in tags


def test_entity_pages_paginate(tmp_path):
    new_archive(tmp_path)
    for n in range(205):
        folder = tmp_path / "content" / "articles" / "2020"
        write_article(folder, n, People="Ada Quill; Bo Reyes", Topics="Elections")
    output = build_site(tmp_path)
    first = page(output, "people/ada-quill")
    # the newest 105 on the first page, the oldest 100 on page 1 (numbered from the oldest)
    assert "Newest articles" in first and 'href="../../people/ada-quill/page/1/"' in first
    older = page(output, "people/ada-quill/page/1")
    lines = [html.split('<ol class="archive entity-articles">')[1].count("<li>") for html in (first, older)]  # fmt: skip
    assert lines == [105, 100]
    assert not (output / "people" / "ada-quill" / "page" / "2").exists()
    assert "205 articles" in first
    # the people named beside her: a row each, the linked name, a bar and the count
    row = (
        '<li><a href="../../people/bo-reyes/">Bo Reyes</a><span><i style="width:85%"></i>205</span>'
    )
    assert row in first


def test_a_long_lists_years_lead_to_the_page_and_heading_of_each(tmp_path):
    """A person in 2,000 articles has 20 pages of them: a reader after 2016 paged through
    them one by one. The first page leads to each year's heading, on the page holding the
    year's newest article, and to the undated ones (pages of 100: a year a page or two)."""
    new_archive(tmp_path)
    folder = tmp_path / "content" / "articles"
    for n in range(330):  # 66 a year, 2015-2019, newest first as they are numbered down
        year = 2019 - n // 66
        people = "Ada Quill; Bo Reyes" if n < 5 else "Ada Quill"
        write_article(folder / str(year), n, People=people, Date=f"{year}-06-{1 + n % 28:02d} 10:{n % 60:02d}")  # fmt: skip
    for n in range(330, 333):
        write_article(folder / "undated", n, People="Ada Quill")
        story = folder / "undated" / f"story-{n}.md"
        story.write_text(re.sub(r"(?m)^Date: .*\n", "", story.read_text("utf-8")), "utf-8")
    output = build_site(tmp_path)
    first = lxml.html.fromstring(page(output, "people/ada-quill"))
    jump = first.xpath('//nav[@aria-label="Articles by year"]/a')
    links = {a.text: a.get("href") for a in jump}
    # 333 lines: the newest 133 on the first page (2019, 2018, 2017's newest), 100 on page 2
    # and on page 1 (the oldest)
    assert list(links) == ["2019", "2018", "2017", "2016", "2015", "Date unknown"]
    assert links == {
        "2019": "#y2019",
        "2018": "#y2018",
        "2017": "#y2017",
        "2016": "../../people/ada-quill/page/2/#y2016",
        "2015": "../../people/ada-quill/page/1/#y2015",
        "Date unknown": "../../people/ada-quill/page/1/#undated",
    }
    for label, href in links.items():  # each leads to the heading of its year
        path, anchor = href.removeprefix("../../").split("#")
        there = lxml.html.fromstring(page(output, path.rstrip("/") or "people/ada-quill"))
        heading = there.get_element_by_id(anchor)
        assert heading.text == label
        following = heading.getparent().getnext()  # the year's newest article there
        assert label == "Date unknown" or following.text_content().startswith(f"{label}-06-")
    # older pages and a list of one page have none
    assert 'aria-label="Articles by year"' not in page(output, "people/ada-quill/page/1")
    assert 'aria-label="Articles by year"' not in page(output, "people/bo-reyes")


def test_an_older_page_of_a_list_has_a_title_of_its_own(tmp_path):
    """Every page of a list had its first page's <title> ("Ada Quill · People · ..."): the
    same words in the browser's history and tabs, and read out on arrival, for each."""
    new_archive(tmp_path)
    for n in range(205):
        write_article(tmp_path / "content" / "articles" / "2020", n, People="Ada Quill")
    output = build_site(tmp_path)
    titles = {
        path: page(output, path).split("<title>")[1].split("</title>")[0]
        for path in ("people/ada-quill", "people/ada-quill/page/1", "archives", "archives/page/1",
                     "2020/01", "2020/01/page/1")
    }  # fmt: skip
    assert titles == {
        "people/ada-quill": "Ada Quill · People · News Archive",
        "people/ada-quill/page/1": "Ada Quill, page 1 · People · News Archive",
        "archives": "All articles · News Archive",
        "archives/page/1": "All articles, page 1 · News Archive",
        "2020/01": "January 2020 · News Archive",
        "2020/01/page/1": "January 2020, page 1 · News Archive",
    }


@needs_seed
def test_source_pages(demo):
    html = page(demo["output"], "sources/global-security-newswire")
    assert "<h1>Global Security Newswire</h1>" in html and SEED_TITLE in html
    assert "The Meridian Courier" in page(demo["output"], "sources")


def test_related_articles_and_neighbours_in_time(demo):
    html = page(demo["output"], "2019/dockworkers-walk-out-at-saltmere-over-automation-plan")
    assert 'rel="next" href="../../2019/saltmere-port-strike' in html  # the newer article
    # related articles are earlier ones (news arriving later leaves a page as it is): the
    # strike's second week relates to its start
    [newer] = demo["output"].glob("2019/saltmere-port-strike*/index.html")
    later = newer.read_text(encoding="utf-8")
    related = later[later.index("<h2>Related articles</h2>") :].split("</section>")[0]
    titles = re.findall(r'">([^<]+)</a>', related)
    assert titles[0] == "Dockworkers walk out at Saltmere over automation plan"
    assert len(titles) <= 3 and "Saltmere port strike enters" not in related
    assert 'rel="prev" href="../../2018/' in html
    assert re.search(r"· \d+ min read</p>", html)


@needs_seed
def test_home_page_overview(demo):
    html = (demo["output"] / "index.html").read_text(encoding="utf-8")
    assert (
        "17 articles: 15 from 22 April 2015 to 7 October 2024, and 2 whose date is unknown." in html
    )
    top = html[html.index("Most mentioned people") :].split("</section>")[0]
    assert top.index("Mirela Santangelo") < top.index("Hedda Marstrand")
    assert 'href="./topics/"' in html and 'href="./search/"' in html


def test_a_registry_edit_shows_on_the_next_build(tmp_path):
    # the registry is read from a cache between builds: an edited entry is read again
    new_archive(tmp_path)
    (tmp_path / "data").mkdir()
    registry = tmp_path / "data" / "people.yml"
    registry.write_text("- name: Ada Quill\n  slug: ada-quill\n  role: Harbour master\n")
    write_article(tmp_path / "content" / "articles" / "2020", 1, People="Ada Quill")
    output = build_site(tmp_path)
    assert '<p class="role">Harbour master</p>' in page(output, "people/ada-quill")
    registry.write_text("- name: Ada Quill\n  slug: ada-quill\n  role: Port captain\n")
    build_site(tmp_path)
    assert '<p class="role">Port captain</p>' in page(output, "people/ada-quill")
    registry.write_text("- name: Bo Reyes\n  slug: bo-reyes\n")
    build_site(tmp_path)
    assert not (output / "people" / "ada-quill").exists()  # one article, no longer known


@needs_seed
def test_sources_publish_articles_rather_than_mention_them(demo):
    index = page(demo["output"], "sources")
    assert "each listing the articles it published" in index and "Most articles" in index
    source = page(demo["output"], "sources/global-security-newswire")
    assert '<meta name="description" content="1 article in News Archive from Global' in source
    assert "mention" not in source
    # nor on one with a chart; and it leads to the search of its articles, as a person's does
    courier = page(demo["output"], "sources/the-meridian-courier")
    assert "Articles from The Meridian Courier, per year" in courier and "mention" not in courier
    assert 'search/?source=The%20Meridian%20Courier">Search these articles</a>' in courier
    people = page(demo["output"], "people")
    assert "each listing the articles that mention them" in people
    lavrov = page(demo["output"], "people/sergei-lavrov")  # (one article: "mentions")
    assert 'content="1 article in News Archive that mentions Sergei Lavrov"' in lavrov
    assert 'content="8 articles in News Archive that mention Mirela Santangelo"' in page(
        demo["output"], "people/mirela-santangelo"
    )


def test_one_entity_however_its_articles_spell_it(tmp_path):
    # An editor's hand edit, an older import or another outlet's style spells a name otherwise
    # in case, accents, spaces or punctuation: still one page, under the most used spelling
    # (or the data/ file's), and every article links to it.
    new_archive(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "people.yml").write_text("- name: Declan Royce-Ferrand\n  slug: declan-royce-ferrand\n")  # fmt: skip
    folder = tmp_path / "content" / "articles" / "2020"
    spellings = [("PolitiFact", "Declan Royce Ferrand", "José Díaz"),
                 ("Politifact", "declan royce-ferrand", "Jose Diaz"),
                 ("PolitiFact", "Declan Royce-Ferrand", "José Díaz")]  # fmt: skip
    for n, (source, person, other) in enumerate(spellings):
        write_article(folder, n, Source=source, People=f"{person}; {other}")
    output = build_site(tmp_path)
    assert sorted(p.name for p in (output / "sources").iterdir() if p.is_dir()) == ["politifact"]
    assert "3 articles" in page(output, "sources/politifact")
    assert "<h1>PolitiFact</h1>" in page(output, "sources/politifact")
    people = sorted(p.name for p in (output / "people").iterdir() if p.is_dir())
    assert people == ["declan-royce-ferrand", "jose-diaz"]
    assert "<h1>Declan Royce-Ferrand</h1>" in page(output, "people/declan-royce-ferrand")
    assert "<h1>José Díaz</h1>" in page(output, "people/jose-diaz")
    for n in range(3):
        html = page(output, f"2020/story-{n}")
        assert ">Declan Royce-Ferrand</a>" in html and ">José Díaz</a>" in html


def test_a_name_in_capitals_is_shown_as_other_articles_write_it(tmp_path):
    # "Experts told USA TODAY" on two wire pages, "USA Today" on one: the page is USA Today's
    new_archive(tmp_path)
    folder = tmp_path / "content" / "articles" / "2020"
    for n, name in enumerate(["USA TODAY", "USA Today", "USA TODAY"]):
        write_article(folder, n, Organisations=name)
    output = build_site(tmp_path)
    assert entity_slugs(output / "organisations") == ["usa-today"]
    assert "<h1>USA Today</h1>" in page(output, "organisations/usa-today")
    assert ">USA Today</a>" in page(output, "2020/story-0")


def test_a_name_filed_both_ways_goes_where_most_articles_file_it(tmp_path):
    # the small model calls Spotify a place in one article of three: one organisation page,
    # every article's chip leading to it; a tie (Hollywood) moves nothing
    new_archive(tmp_path)
    folder = tmp_path / "content" / "articles" / "2020"
    tags = [{"Organisations": "Spotify; Hollywood"}, {"Organisations": "Spotify; Hollywood"},
            {"Organisations": "Hollywood"}, {"Places": "Spotify; Hollywood"},
            {"Places": "Hollywood"}, {"Places": "Hollywood"}]  # fmt: skip
    for n, fields in enumerate(tags):  # (as the tagger filed them: Auto_ copies alike)
        write_article(folder, n, **fields, **{f"Auto_{k}": v for k, v in fields.items()})
    output = build_site(tmp_path)
    assert entity_slugs(output / "organisations") == ["hollywood", "spotify"]
    assert entity_slugs(output / "places") == ["hollywood"]
    assert "3 articles" in page(output, "organisations/spotify")
    assert "/organisations/spotify/" in page(output, "2020/story-3")


def test_a_declared_alias_filed_both_ways_stays_as_written(tmp_path):
    # data/places.yml declares "NY" an alias of New York: two older articles filing it as an
    # organisation do not take the place from the one that files it as data/ says
    new_archive(tmp_path)
    folder = tmp_path / "content" / "articles" / "2020"
    for n, fields in enumerate([{"Organisations": "NY"}, {"Organisations": "NY"},
                                {"Places": "NY"}]):  # fmt: skip
        write_article(folder, n, **fields, **{f"Auto_{k}": v for k, v in fields.items()})
    output = build_site(tmp_path)
    assert "/places/new-york/" in page(output, "2020/story-2")
    assert "1 article" in page(output, "places/new-york")


def test_a_name_an_editor_filed_by_hand_stays_where_they_filed_it(tmp_path):
    # the tagger filed Hollywood as an organisation in seven articles; an editor moved it to
    # Places in three (Auto_Organisations keeps the tagger's word): there it stays a place
    new_archive(tmp_path)
    folder = tmp_path / "content" / "articles" / "2020"
    for n in range(7):
        moved = {"Places": "Hollywood"} if n >= 4 else {"Organisations": "Hollywood"}
        write_article(folder, n, **moved, Auto_Organisations="Hollywood")
    output = build_site(tmp_path)
    assert "3 articles" in page(output, "places/hollywood")
    assert "/places/hollywood/" in page(output, "2020/story-6")
    assert "4 articles" in page(output, "organisations/hollywood")


def test_the_demo_files_its_invented_countries_as_places(demo):
    # data/places.yml declares the demo world's countries and towns, which the small model
    # calls organisations: each is a place page with its description, and no organisation.
    output = demo["output"]
    for slug in ("veloria", "kastria", "hallvik", "arben"):
        assert (output / "places" / slug / "index.html").exists(), slug
        assert not (output / "organisations" / slug).exists(), slug
    assert '<p class="role">Veloria&#39;s invented neighbour (fictional)</p>' in page(
        output, "places/kastria"
    )
    assert not (output / "organisations" / "halcyon").exists()  # data/not-names.yml


def test_data_files_name_what_articles_call_otherwise(tmp_path):
    # An alias in data/ (a hand edit's "Obama", a page's own handle "NYTimes") is shown under
    # the declared name: one page, and the byline and search filter say it the same way.
    new_archive(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "people.yml").write_text(
        "- name: Barack Obama\n  slug: barack-obama\n  aliases: [Obama]\n", encoding="utf-8"
    )
    (tmp_path / "data" / "sources.yml").write_text(
        "- name: The New York Times\n  slug: nyt\n  aliases: [NYTimes]\n"
        "  description: Daily newspaper, New York\n",
        encoding="utf-8",
    )
    folder = tmp_path / "content" / "articles" / "2020"
    write_article(folder, 1, Source="NYTimes", People="Obama")
    write_article(folder, 2, Source="The New York Times", People="Barack Obama")
    output = build_site(tmp_path)
    assert entity_slugs(output / "sources") == ["nyt"]
    assert MOVED in page(output, "sources/nytimes")  # (an alias's address leads to it)
    source = page(output, "sources/nyt")
    assert "2 articles" in source and "Daily newspaper, New York" in source
    assert entity_slugs(output / "people") == ["barack-obama"]
    html = page(output, "2020/story-1")
    # (the byline, the search's source filter and meta: no "NYTimes" anywhere)
    assert ">The New York Times</a>" in html and "NYTimes" not in html
    assert ">Barack Obama</a>" in html


def test_a_renamed_topic_keeps_the_articles_filed_under_its_old_name(tmp_path):
    # topics.yml renames "Missile defense" to "Missile defence", keeping the old name as an
    # alias: an article an editor filed by hand under the old name is on the one new page.
    new_archive(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "topics.yml").write_text(
        "- name: Missile defence\n  slug: missile-defence\n  aliases: [Missile defense]\n"
        "  phrases: {missile defence: 3}\n",
        encoding="utf-8",
    )
    folder = tmp_path / "content" / "articles" / "2020"
    write_article(folder, 1, Topics="Missile defense")
    write_article(folder, 2, Topics="Missile defence")
    output = build_site(tmp_path)
    assert entity_slugs(output / "topics") == ["missile-defence"]
    assert "2 articles" in page(output, "topics/missile-defence")
    # the old name's address leads to the page
    assert "url=../../topics/missile-defence/" in page(output, "topics/missile-defense")


def test_a_merged_persons_old_address_leads_to_the_page(tmp_path):
    """An editor merges two spellings of one person (the second made an alias in data/): the
    second's page, linked and bookmarked while it stood, leads to the merged page; it is no
    page of the sitemap. So does a person's page given a new slug."""
    root = new_archive(tmp_path)
    articles = root / "content" / "articles" / "2020"
    for n, name in enumerate(["Ada Quill", "Ada Quill", "Adah Quill", "Adah Quill", "Bo Rask"]):
        write_article(articles, n, People=f"{name}; Cy Rask")
    output = build_site(root)
    assert "<h1>Adah Quill</h1>" in page(output, "people/adah-quill")
    (root / "data").mkdir()
    (root / "data" / "people.yml").write_text(
        "- name: Ada Quill\n  slug: ada-quill\n  aliases: [Adah Quill, Quill]\n"
        "- name: Bo Rask\n  slug: rask\n",
        encoding="utf-8",
    )
    env = {"NEWSARCHIVE_SITEURL": "https://example.org/archive"}
    for output in (build_site(root), build_site(root, REPO / "publishconf.py", env)):
        moved = page(output, "people/adah-quill")
        assert '<meta http-equiv="refresh" content="0; url=../../people/ada-quill/">' in moved
        assert '<a href="../../people/ada-quill/">Ada Quill</a>' in moved
        # a page as the others are, while it leads on: a heading, sized for a phone
        assert "<h1>Ada Quill</h1>" in moved and 'name="viewport"' in moved
        # it runs nothing, as every page but the search page (tests/test_sanitise.py)
        assert "Content-Security-Policy\" content=\"default-src 'none';" in moved
        assert "4 articles" in page(output, "people/ada-quill")
        assert "url=../../people/ada-quill/" in page(output, "people/quill")  # (an alias too)
        # a feed cannot redirect: the old one carries the merged page's entries, and names
        # the new feed as its address
        old_feed = (output / "people/adah-quill/atom.xml").read_text(encoding="utf-8")
        new_feed = (output / "people/ada-quill/atom.xml").read_text(encoding="utf-8")
        assert old_feed.count("<entry>") == 4 and old_feed == new_feed
        # a new slug: the name's own leads to it
        assert "url=../../people/rask/" in page(output, "people/bo-rask")
    assert '<link rel="canonical" href="https://example.org/archive/people/ada-quill/">' in moved
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/people/ada-quill/<" in sitemap and "adah-quill" not in sitemap


def test_a_persons_excerpt_is_not_another_name_ending_with_the_surname(tmp_path):
    """An article that writes the person's name otherwise than the page ("Jeffrey D. Sachs")
    got the excerpt around its first "Sachs": the bank's, "Goldman Sachs"."""
    new_archive(tmp_path)
    folder = tmp_path / "content" / "articles" / "2020"
    folder.mkdir(parents=True)
    for n in (1, 2):
        (folder / f"story-{n}.md").write_text(
            f"Title: Story {n}\nDate: 2020-01-0{n} 10:00\nSlug: story-{n}\n"
            "People: Jeffrey Sachs\nOrganisations: Goldman Sachs\n\n"
            f"Goldman Sachs reported higher profits in quarter {n}, and its shares rose. The "
            "economist Jeffrey D. Sachs said the bank was lucky this year.\n",
            encoding="utf-8",
        )
    excerpts = listed_excerpts(page(build_site(tmp_path), "people/jeffrey-sachs"))
    assert excerpts == ["…rose. The economist Jeffrey D. Sachs said the bank was lucky this…"] * 2


READ_REGISTRIES = """
import sys
from pathlib import Path

sys.path.insert(0, sys.argv[1] + "/plugins")
import entity_pages

keys = ("people", "topics", "organisations", "places", "sources")
known = {key: entity_pages.known_entities(key, Path(sys.argv[1]) / "data") for key in keys}
assert all(known.values()), known
print("spacy" in sys.modules)
"""


def test_a_build_reads_the_registries_without_importing_spacy():
    """plugins/entity_pages reads data/'s registries through newsarchive.entities on a first
    build: spaCy (~0.5 s of CPU to import, on one core) is imported only where a pipeline is
    loaded, and its stop words, which names.py needs, are the same set read without it."""
    result = subprocess.run([sys.executable, "-c", READ_REGISTRIES, str(REPO)],
                            capture_output=True, text=True, check=True)  # fmt: skip
    assert result.stdout.strip() == "False"
    from spacy.lang.en.stop_words import STOP_WORDS

    from newsarchive.entities.stop_words import STOP_WORDS as read_without_spacy

    assert read_without_spacy == STOP_WORDS
