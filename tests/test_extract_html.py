"""HTML extraction on the demo pages: three site layouts, each with its own boilerplate."""

from __future__ import annotations

import warnings
from datetime import datetime
from pathlib import Path

import pytest
from conftest import SAMPLES, SHARED
from lxml import html as lxml_html
from markdown import markdown as render_markdown

from newsarchive.article import ExtractionError, NotAnArticle
from newsarchive.extract.authors import normalise_authors
from newsarchive.extract.body import (
    continued_body,
    drop_page_chrome,
    html_text,
    restore_link_spaces,
)
from newsarchive.extract.dates import parse_date, url_date
from newsarchive.extract.metadata import without_publisher
from newsarchive.extract.to_markdown import html_to_markdown
from newsarchive.importer import extract_file
from newsarchive.retag import markdown_text

MC = SAMPLES / "html" / "meridian-courier"
HD = SAMPLES / "html" / "harbor-daily"
NW = SAMPLES / "html" / "northwind-observer"

EXPECTED = [
    (
        MC / "veloria-kastria-agree-to-resume-missile-talks.html",
        "Veloria and Kastria agree to resume missile talks in Lindhaven",
        datetime(2015, 4, 22, 9, 14),
        ["Clara Westbrook", "Tomasz Reel"],
        "The Meridian Courier",
    ),
    (
        HD / "saltmere-dockworkers-walk-out-over-automation.html",
        "Dockworkers walk out at Saltmere over automation plan",
        datetime(2019, 3, 11, 14, 20),
        ["Marguerite Lanois", "Felix Adeyemi-Strand"],
        "Harbor Daily Wire",
    ),
    (
        HD / "halcyon-lunar-probe-cleared-for-launch.html",
        "Halcyon lunar probe cleared for launch after heat-shield review",
        datetime(2021, 6, 14),
        ["Jun-ho Varga", "Soraya Pell"],
        "Harbor Daily Wire",
    ),
    (
        HD / "tessa-river-low-water-grain-barges.html.gz",
        "Low water on the Tessa forces grain barges to lighten loads",
        datetime(2023, 7, 19, 8, 0),
        ["Dana Whitcombe", "Felix Adeyemi-Strand"],
        "Harbor Daily Wire",
    ),
    (
        NW / "tessa-valley-farmers-warn-of-third-dry-winter.htm",
        "Tessa Valley farmers warn of third dry winter",
        datetime(2017, 3, 3),
        ["Anna Feld"],
        "Northwind Observer",
    ),
]


@pytest.mark.parametrize(("path", "title", "date", "authors", "source"), EXPECTED)
def test_metadata(path, title, date, authors, source):
    article = extract_file(path)
    assert article.title == title  # no "– Site name" suffix, not the site name in <h1>
    assert article.date == date
    assert article.authors == authors
    assert article.source == source


def test_site_name_wins_over_an_earlier_application_name(tmp_path):
    """The meta tags are read in order of trust, not of place: MSN's pages give their own
    title as application-name before og:site_name."""
    page = MC / "veloria-kastria-agree-to-resume-missile-talks.html"
    html = page.read_text(encoding="utf-8").replace(
        "<head>", '<head>\n<meta name="application-name" content="Missile talks resume">', 1
    )
    copy = tmp_path / page.name
    copy.write_text(html, encoding="utf-8")
    assert extract_file(copy).source == "The Meridian Courier"


def test_date_only_in_url_comes_from_the_canonical_url_not_from_links():
    article = extract_file(HD / "halcyon-lunar-probe-cleared-for-launch.html")
    assert article.date_source == "url"
    assert (
        article.url
        == "https://harbordaily.example/2021/06/14/halcyon-lunar-probe-cleared-for-launch/"
    )


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://harbordaily.example/2021/06/14/halcyon-probe/", (2021, 6, 14)),
        ("https://ledger.example/politics/2019/nov/18/pension-vote/", (2019, 11, 18)),
        ("https://ledger.example/news/2019/Sept/3/pension-vote", (2019, 9, 3)),
        ("https://wire.example/news/pension-vote-hearing-2019-11-19/", (2019, 11, 19)),
        ("https://wire.example/2019-11-18-pension-vote.html", (2019, 11, 18)),
        ("https://wire.example/top-10-of-2019-12-things/", None),
        ("https://wire.example/2019/11/pension-vote/", None),  # no day: htmldate's turn
        ("https://wire.example/2019/02/30/pension-vote/", None),
    ],
)
def test_dates_in_addresses(url, day):
    assert url_date(url) == (datetime(*day) if day else None)


def test_a_time_zone_name_dateutil_does_not_know_is_no_warning():
    """A stray Python warning on stderr names no file: the offset is dropped anyway."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert parse_date("Nov. 18, 2019 10:00 AM EST") == datetime(2019, 11, 18, 10)


def test_windows_1252_page_is_decoded():
    article = extract_file(HD / "halcyon-first-images-lunar-orbit.html")
    assert "Zoë" in article.body_text
    assert "\ufffd" not in article.body_text
    assert any("cp1252" in w for w in article.warnings)


def test_markdown_keeps_structure_and_makes_links_absolute():
    md = extract_file(MC / "veloria-kastria-agree-to-resume-missile-talks.html").body_markdown
    assert "\n## " in md  # ATX subheading
    assert "\n> " in md  # blockquote
    assert "\n- " in md  # list
    assert "**" in md or "*" in md  # emphasis kept
    links = [part.split(")")[0] for part in md.split("](")[1:]]
    assert links and all(link.startswith("https://") for link in links)


@pytest.mark.parametrize("path", sorted(MC.glob("*.html")) + sorted(HD.glob("*.html*")))
def test_page_chrome_stays_out_of_the_body(path):
    text = extract_file(path).body_text.lower()
    for chrome in ("cookie", "advertisement", "newsletter", "subscribe to keep reading",
                   "most read", "read more:", "comments", "share on", "all rights reserved"):  # fmt: skip
        assert chrome not in text, chrome


def test_undeclared_sloppy_page_still_extracts():
    article = extract_file(NW / "santangelo-launches-leadership-bid-in-hallvik.htm")
    assert article.title == "Santangelo launches PLF leadership bid in Hallvik"
    assert article.date == datetime(2020, 2, 10)
    assert article.authors == ["Ruth Almqvist"]
    assert len(article.body_text.split()) > 300
    # no canonical link: the headline's permalink (rel="bookmark") is its address, and the
    # " - Northwind Observer" of its <title> then names the source (both were missing)
    url = "http://www.northwindobserver.example/politics/santangelo-launches-leadership-bid-in-hallvik.htm"
    assert (article.url, article.source) == (url, "Northwind Observer")


def long_page(path: Path, title: str, head: str = "", after: str = "") -> Path:
    """A page of 30 paragraphs of ferry news under `title` (`head` in its head, `after` after
    the article)."""
    body = "".join(
        f"<p>The ferry company said sailing {n} of the winter timetable would leave {n} minutes "
        f"earlier, and passengers on route {n} should check the harbour notices.</p>"
        for n in range(30)
    )
    path.write_text(
        f"<html><head><title>{title}</title>{head}</head><body><h1>{title.split(' - ')[0]}</h1>"
        f"<article>{body}</article>{after}</body></html>",
        encoding="utf-8",
    )
    return path


def test_a_bookmark_link_to_another_post_is_not_the_pages_address(tmp_path):
    page = long_page(
        tmp_path / "p.html",
        "Ferry timetable changes - Avel Post",
        after="<aside><a rel='bookmark' href='https://avelpost.example/other'>Lorry curfew "
        "extended across the city</a></aside>",
    )
    assert extract_file(page).url is None


def teasers(count: int) -> str:
    """A list of stories as a section front lays it out: a linked headline, its first lines."""
    return "".join(
        f"<article><h2><a href='/news/{n}'>Quay {n} reopens after repairs</a></h2><p>The harbour "
        f"board said berth {n} would reopen on Monday, and that ferries on route {n} would use it "
        f"again from the spring.</p><p class='meta'>2016-01-{n + 1:02d}</p></article>"
        for n in range(count)
    )


def test_a_list_of_stories_with_their_standfirsts_is_no_article(tmp_path):
    """A section front, each story a linked headline and its first lines, was imported as an
    article of twenty unrelated paragraphs (a list of bare links was refused already)."""
    page = tmp_path / "local.html"
    page.write_text(f"<html><head><title>Local news</title></head><body><main><h1>Local news</h1>{teasers(8)}</main></body></html>")  # fmt: skip
    with pytest.raises(ExtractionError, match="paragraphs are other stories' standfirsts"):
        extract_file(page)
    # an article with a box of other stories' teasers after it is still its article
    related = long_page(tmp_path / "p.html", "Ferry timetable changes - Avel Post",
                        after=f"<aside><h2>More news</h2>{teasers(4)}</aside>")  # fmt: skip
    assert extract_file(related).title == "Ferry timetable changes"


def test_a_list_of_stories_declaring_itself_an_article_is_a_failure_not_excluded(tmp_path):
    """A list of stories is no article, listed as excluded (no failure for --strict); but a
    page refused so that declares itself a NewsArticle is an article the extractor failed
    on, which --strict must count."""
    page = tmp_path / "local.html"
    page.write_text(f"<html><head><title>Local news</title></head><body><main><h1>Local news</h1>{teasers(8)}</main></body></html>")  # fmt: skip
    with pytest.raises(NotAnArticle):
        extract_file(page)
    declared = '<script type="application/ld+json">{"@type": "NewsArticle"}</script></head>'
    page.write_text(page.read_text().replace("</head>", declared))
    with pytest.raises(ExtractionError, match="a list of stories") as refused:
        extract_file(page)
    assert not isinstance(refused.value, NotAnArticle)


def test_a_list_of_links_the_extractor_gave_without_its_links_is_no_article(tmp_path):
    """An author's second page of headlines (`/author/<name>/page/2/`), a bare list of links,
    came out of the extractor's fallback as text without its links, so nothing counted them,
    and it was imported as an undated article made of eight headlines."""
    items = "".join(f"<li><a href='/2020/0{n}/quay-{n}/'>Quay {n} reopens to the ferries after the winter repairs</a></li>" for n in range(1, 9))  # fmt: skip
    page = tmp_path / "index.html"
    page.write_text(f"<html><head><title>Ines Marlow</title></head><body><nav><a href='/'>Home</a></nav><main><h1>Ines Marlow</h1><ul>{items}</ul></main></body></html>")  # fmt: skip
    with pytest.raises(NotAnArticle, match=r"^no article text found \(80 of 8\d words are links"):
        extract_file(page)
    # an article that names a linked headline of the page in its text is still its article
    after = "<aside><a href='/x'>The ferry company said sailing</a></aside>"
    assert extract_file(long_page(tmp_path / "p.html", "Ferry timetable", after=after)).title


@pytest.mark.parametrize(
    ("saved", "what"),
    [
        (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Comments on: Quay reopens</title></channel></rss>',
            "an RSS feed",
        ),  # fmt: skip
        (
            '\ufeff<?xml version="1.0"?><!-- generator --><feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title></feed>',
            "an Atom feed",
        ),  # fmt: skip
        (
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://courier.example/a</loc></url></urlset>',
            "a sitemap",
        ),  # fmt: skip
        ('{"name": "The Courier", "namespaces": ["wp/v2"], "routes": {}}', "a JSON document"),
    ],
)
def test_a_feed_or_json_saved_as_a_page_says_what_it_is(tmp_path, saved, what):
    """A crawler saves a site's feeds and API answers under a page's name (`feed/index.html`,
    one for every post of a WordPress site): each failed "no article text found (login wall,
    index or empty page?)", sending the user to look for login walls in thousands of lines."""
    page = tmp_path / "index.html"
    page.write_text(saved, encoding="utf-8")
    with pytest.raises(ExtractionError, match=f"^{what}, not a web page$"):
        extract_file(page)
    # an XHTML page, its XML declaration first, is a page
    xhtml = long_page(tmp_path / "x.html", "Ferry timetable changes")
    xhtml.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n' + xhtml.read_text(), encoding="utf-8")  # fmt: skip
    assert extract_file(xhtml).title == "Ferry timetable changes"


@pytest.mark.parametrize("count", [1, 2])
def test_a_list_of_one_or_two_stories_is_no_article(tmp_path, count):
    """The last page of a tag (`/tag/harbour/page/2/`) or a month's archive, one or two
    stories under their linked headlines, was imported as an article made of their
    standfirsts (under the tag's name, dated by a teaser, tagged with the stories' people)."""
    page = tmp_path / "index.html"
    page.write_text(f"<html><head><title>Tag: harbour</title></head><body><main><h1>Tag: harbour</h1>{teasers(count)}</main></body></html>")  # fmt: skip
    with pytest.raises(ExtractionError, match=f"{count} of its {count} paragraphs are other stories. standfirsts"):  # fmt: skip
        extract_file(page)


def test_a_short_post_under_its_own_linked_headline_is_an_article(tmp_path):
    """A blog's post whose headline links to the post itself, and a brief under a linked
    section's name, are no list of stories: their headings are no other stories'."""
    text = ("The harbour board will meet on Thursday evening in the town hall to vote on the "
            "dredging plan, the board's chair said, after two years of argument over its cost.")  # fmt: skip
    for heading in ("<h2><a href='/2021/03/board-to-vote'>Harbour board to vote on the dredging plan</a></h2>",  # fmt: skip
                    "<h3><a href='/harbour/'>Harbour news</a></h3><h2>Harbour board to vote on the dredging plan</h2>"):  # fmt: skip
        page = tmp_path / "post.html"
        page.write_text(f"<html><head><title>Harbour board to vote on the dredging plan</title></head><body><article>{heading}<div><p>{text}</p></div></article></body></html>")  # fmt: skip
        assert extract_file(page).body_text == text


@pytest.mark.parametrize(("stated", "plausible"), [("2999-07-01T10:00:00Z", False), ("1987-03-02", False), ("2019-03-02", True)])  # fmt: skip
def test_a_date_turned_down_is_named_not_taken_for_no_date(tmp_path, stated, plausible):
    """A page dated in the future was reported as giving no date ("the page does not say")."""
    head = f"<meta property='article:published_time' content='{stated}'>"
    article = extract_file(long_page(tmp_path / "p.html", "Quay reopens", head))
    if plausible:
        assert article.date == datetime(2019, 3, 2)
        assert not any("date" in w for w in article.warnings)
        return
    assert article.date is None
    assert article.warnings[-2:] == [
        f"the page's date {stated!r} is not a plausible date: ignored",
        "date unknown (use --date or a sidecar)",
    ]


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        (["Analysis by Clara Westbrook"], ["Clara Westbrook"]),
        (["Clara Westbrook November"], ["Clara Westbrook"]),  # the date ran into the name
        (["Tomasz Reel Monday", "November"], ["Tomasz Reel"]),
        ("Anna Feld, MS, RDN", ["Anna Feld"]),  # credentials are not co-authors
        (["Soraya Pell", "DANA WHITCOMBE Associated Press"], ["Soraya Pell", "Dana Whitcombe"]),
        ("By JOHN SMITH and Jane Doe", ["John Smith", "Jane Doe"]),
        (["PTI"], ["PTI"]),  # an agency's initials stay initials
        (["Ruth Almqvist. Harbor Daily Wire"], ["Ruth Almqvist"]),
        (["kevin-r"], []),  # a login
        (["Jdadmin"], []),
        (["As"], []),
        (["Theresa May", "June Varga"], ["Theresa May", "June Varga"]),  # names, not months
        (["Martin Luther King, Jr."], ["Martin Luther King, Jr."]),
        # a byline's label, as trafilatura reads it without its colon (Wday's "Текст:")
        (["Текст Вера Ольхова"], ["Вера Ольхова"]),
        ("Text: Ruth Almqvist", ["Ruth Almqvist"]),
        # "by" and "and" in other languages; a particle or a name joined by "y" stays
        ("Par Élodie Marchetti-Lefèvre", ["Élodie Marchetti-Lefèvre"]),
        ("Von Jürgen Weißmüller und Käthe Großkopf", ["Jürgen Weißmüller", "Käthe Großkopf"]),
        ("Por María José Núñez y Íñigo Peñalosa", ["María José Núñez", "Íñigo Peñalosa"]),
        ("Του Σταύρου Παπαδημητρόπουλου", ["Σταύρου Παπαδημητρόπουλου"]),
        ("Автор: Дарья Кузьмичёва и Илья Соловьёв", ["Дарья Кузьмичёва", "Илья Соловьёв"]),
        ("José Ortega y Gasset", ["José Ortega y Gasset"]),
        (["von der Leyen", "Di Stefano"], ["von der Leyen", "Di Stefano"]),
    ],
)
def test_author_names_are_cleaned(raw, names):
    assert normalise_authors(raw) == names


def test_the_publication_is_not_an_author_beside_a_person():
    people = ["Marguerite Lanois", "Harbor Daily Wire"]
    assert without_publisher(people, "Harbor Daily Wire", None) == ["Marguerite Lanois"]
    site = ["Marguerite Lanois", "Harbordaily.com"]
    assert without_publisher(site, None, "https://www.harbordaily.com/x") == ["Marguerite Lanois"]
    assert without_publisher(["Harbor Daily Wire"], "Harbor Daily Wire", None) == [
        "Harbor Daily Wire"  # the only byline there is
    ]


def test_page_furniture_at_the_edges_and_promos_between_paragraphs_go():
    story = [
        "<p>Dockworkers at Saltmere voted on Tuesday to end a nine-day strike.</p>",
        "<p>The union said the port authority had agreed to phase in the new cranes.</p>",
        "<p>“We said thank you to the crews who held the line,” the union’s chair said.</p>",
    ]
    page = "".join([
        "<h1>Saltmere strike ends</h1>",
        "<ul><li>Order Reprints</li><li>Print Article</li></ul>",
        "<p>This copy is for your personal, non-commercial use only.</p>",
        "<p>https://harbordaily.example/articles/saltmere-strike-ends-51574168486</p>",
        story[0],
        "<p><strong>DON'T MISS</strong></p>",
        '<p><a href="https://x.example/1">Port cranes arrive</a> <strong>INSIGHT]</strong></p>',
        "<p><strong>VIDEO]</strong></p>",
        '<p><a href="https://x.example/2">Ferry fares rise again</a></p>',
        story[1],
        '<p><a href="https://x.example/3">Also on harbordaily.example Tugs idle</a></p>',
        "<p>[button link=https://x.example/subscribe]</p>",
        story[2],
        "<p><em>Like this story? Share it with a friend!</em></p>",
        "<p>An error has occurred, please try again later.</p>",
        "<p>Thank you</p>",
        "<p>Copyright ©2019 Harbor Daily Wire. All Rights Reserved</p>",
        "<h3>Comments</h3><p>comments</p>",
    ])  # fmt: skip
    assert drop_page_chrome(page) == "<h1>Saltmere strike ends</h1>" + "".join(story)


def test_a_body_that_is_all_furniture_is_left_for_the_article_check():
    page = "<p>Print Article</p><p>Comments</p>"
    assert drop_page_chrome(page) == page


def test_the_space_after_a_link_comes_back_where_the_page_has_it():
    page = '<p>Just after the last <a href="https://x.example/p">Halcyon Pro</a> was released, '
    page += 'two <a href="https://x.example/m">Halcyon Mini</a>s followed.</p>'
    extracted = '<p><a href="https://x.example/p">Halcyon Pro</a>was released, two '
    extracted += '<a href="https://x.example/m">Halcyon Mini</a>s followed.</p>'
    restored = restore_link_spaces(extracted, page)
    assert "Halcyon Pro</a> was released" in restored
    assert "Halcyon Mini</a>s followed" in restored  # the page glues that one itself


def test_a_body_cut_around_advertisements_is_put_back_together():
    first = "".join(
        f"<p>Paragraph {n} of the story about the Saltmere port strike.</p>" for n in (1, 2)
    )
    rest = "".join(
        f"<p>Paragraph {n} of the story, after the advertisement.</p>" for n in (3, 4, 5)
    )
    page = (
        f'<html><body><div class="story body__container">{first}</div>'
        '<div class="ad"><p>Advertisement</p></div>'
        f'<div class="story body__container">{rest}'
        '<ul><li><a href="/more">More great stories</a></li></ul></div>'
        '<div class="footer"><p>Paragraph 6, the site footer, not the story.</p></div></body></html>'
    )
    whole = continued_body(first, lxml_html.document_fromstring(page))
    assert whole == first + rest  # the promo list and the footer stay out
    alone = f'<html><body><div class="story">{first}</div><div class="x">{rest}</div></body></html>'
    assert continued_body(first, lxml_html.document_fromstring(alone)) == first


def _story_page(tmp_path, body: str) -> Path:
    """A page of our own: a long enough story with `body` in the middle of it."""
    story = "".join(
        f"<p>The band said leg {n} of the tour would start {n} days after the album's release, "
        "and tickets go on sale on Friday through the venues.</p>"
        for n in range(12)
    )
    page = tmp_path / "tour.html"
    page.write_text(
        "<html><head><title>The Harbour Band set a tour</title></head><body><article>"
        f"<h1>The Harbour Band set a tour</h1>{story}{body}{story}</article></body></html>",
        encoding="utf-8",
    )
    return page


def test_line_breaks_survive_into_the_markdown(tmp_path):
    """A `<br>` is a hard line break in the Markdown (two spaces at the line's end): tidying
    the lines took them away, so the dates ran into one line, and `retag` (which reads the
    Markdown) tagged another text than the import."""
    dates = "<p>Tour dates:<br>June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL<br>"
    dates += "June 10 -- MIDFLORIDA Amphitheatre, Tampa, FL<br></p>"
    article = extract_file(_story_page(tmp_path, dates))
    assert "Tour dates:  \nJune 9 -- Coral Sky Amphitheatre, West Palm Beach, FL  \nJune 10" in (
        article.body_markdown
    )
    assert "Tampa, FL\n" in article.body_markdown  # a break ending a paragraph is none
    assert markdown_text(article.body_markdown) == article.body_text


def test_an_empty_element_trafilatura_writes_the_xml_way_stays_empty(tmp_path):
    """trafilatura wrote the bold it emptied (a spacer `<div>` and the words after it gone) as
    `<strong/>`, which HTML reads as a start tag: bold then ran over the headings after it,
    and the Markdown showed `**### **1. Plan ahead**`."""
    heading = '<h2><strong><div class="spacer"></div>Five tips for the tour</strong>'
    heading += '<strong> season ahead:<div class="spacer"></div></strong></h2>'
    heading += "<h3><strong>1. Plan ahead</strong></h3>"
    markdown = extract_file(_story_page(tmp_path, heading)).body_markdown
    assert "\n### **1. Plan ahead**\n" in markdown
    assert "****" not in markdown and "**###" not in markdown
    # (the empty elements are gone before trafilatura reads the page; a bold holding only a
    # line break it still empties, and writes so)
    (tmp_path / "br").mkdir()
    note = "<p>Tour notes<strong><br></strong> for the season.</p><h3><strong>1. Plan ahead</strong></h3>"  # fmt: skip
    markdown = extract_file(_story_page(tmp_path / "br", note)).body_markdown
    assert "\n### **1. Plan ahead**\n" in markdown
    assert "****" not in markdown and "**###" not in markdown


def test_a_page_laid_out_in_a_table_is_paragraphs_and_a_data_table_stays(tmp_path):
    """A page laid out in a table came out as one Markdown table cell holding the headline,
    the byline and every paragraph run together; a table of data stays a table."""
    story = "".join(
        f"<p>Paragraph {n}: the committee asked the agency why the rocket flies once a year, "
        "and the agency said the budget allows no more.</p>"
        for n in range(10)
    )
    scores = "<table><tr><th>Team</th><th>Score</th></tr><tr><td>Viera</td><td>3</td></tr>"
    scores += "<tr><td>Rockledge</td><td>1</td></tr></table>"
    page = tmp_path / "rocket.html"
    page.write_text(
        "<html><head><title>The Orbit Review: A bigger role for a big rocket</title>"
        '<meta name="author" content="Jeff Foust"></head><body><table><tr><td></td><td>'
        "<h1>A bigger role for a big rocket</h1><h3>by Jeff Foust<br>Monday, November 18, 2019"
        f"</h3>{story}{scores}<p>The last paragraph, after the scores.</p></td><td></td></tr>"
        "</table><table><tr><td><p>The rocket's core stage. (credit: the agency)</p></td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    markdown = extract_file(page).body_markdown
    assert "bigger role" not in markdown  # the headline, shown apart
    assert "the budget allows no more.\n\nParagraph 1:" in markdown
    assert "| Team | Score |\n| --- | --- |\n| Viera | 3 |" in markdown
    assert markdown.endswith("\n\nThe rocket's core stage. (credit: the agency)\n")


def test_a_byline_with_its_date_at_the_top_of_the_body_goes(tmp_path):
    """ "by Jeff Foust<br>Monday, November 18, 2019" above the text is the byline the page
    shows apart, as "by Jeff Foust" alone was; a line that goes on is the article's."""
    byline = "<h3>by Jeff Foust<br>Monday, November 18, 2019</h3>"
    page = _story_page(tmp_path, "")
    html = page.read_text(encoding="utf-8").replace("</title>", "</title><meta name='author' "
                                                    "content='Jeff Foust'>")  # fmt: skip
    page.write_text(html.replace("tour</h1>", "tour</h1>" + byline), encoding="utf-8")
    markdown = extract_file(page).body_markdown
    assert markdown.startswith("The band said leg 0")
    kept = "<p>by Jeff Foust and the union, a statement on Monday, November 18, 2019</p>"
    page.write_text(html.replace("tour</h1>", "tour</h1>" + kept), encoding="utf-8")
    assert extract_file(page).body_markdown.startswith("by Jeff Foust and the union")


def test_the_publication_an_attribution_names_is_not_an_author(tmp_path):
    """A republished story's byline names its writer and the outlet it first ran in; the
    attribution line makes that outlet the source, and it was still listed as an author."""
    page = _story_page(tmp_path, "")
    html = page.read_text(encoding="utf-8").replace(
        "</title>", "</title><meta name='author' content='Dana Whit, Orbit Daily'>"
    )
    note = "<p><strong>This article was originally published by Orbit Daily.</strong></p>"
    page.write_text(html.replace("</article>", note + "</article>"), encoding="utf-8")
    article = extract_file(page)
    assert (article.source, article.authors) == ("Orbit Daily", ["Dana Whit"])


def test_a_box_of_links_at_the_start_of_the_body_goes():
    """Billboard's story opened with a box of four headlines of other stories under the name
    of an event: the tagger took "Ariana Grande & Billie" and more for organisations."""
    box = '<h3>2019 Harbour Music Awards</h3><p><a href="https://x.example/1"></a></p>'
    box += '<h3><a href="https://x.example/1">Ada Quill leads the nominations: see the list</a>'
    box += '</h3><p></p><h3><a href="https://x.example/2">The Harbour Band added</a></h3>'
    story = '<p>A half century on, <a href="https://x.example/band">the band</a> tours.</p>'
    story += "<p>Founding members will reunite for a tour next year.</p>"
    assert drop_page_chrome("<h1>The band sets a tour</h1>" + box + story) == (
        "<h1>The band sets a tour</h1>" + story
    )
    # one link is no box; nor is a first paragraph of links a longer heading opens
    one = '<h3>Watch</h3><p><a href="https://x.example/v">The video of the show</a></p>'
    assert drop_page_chrome(one + story) == one + story


def test_a_no_break_space_at_a_bolds_edge_still_parts_the_words(tmp_path):
    """USA Today's "<strong>Epstein's inner circle eyed:&nbsp;</strong>Jeffrey Epstein is
    dead" read "eyed:Jeffrey" on the site: markdownify keeps only a plain space there."""
    lead = "<p><strong>Inner circle eyed:&nbsp;</strong>Jeffrey Epstein is dead.</p>"
    article = extract_file(_story_page(tmp_path, lead))
    assert "**Inner circle eyed:** Jeffrey Epstein is dead." in article.body_markdown
    assert markdown_text(article.body_markdown) == article.body_text


def test_a_bold_holding_only_a_space_keeps_the_space(tmp_path):
    """Vox's "throughout the country<strong> </strong>and more people" read "countryand":
    markdownify drops a bold that holds only a space, and the space with it."""
    lead = "<p>A growing population throughout the country<strong> </strong>and more people "
    lead += "moving to cities.</p><p><strong>Path A</strong>:<strong>&nbsp;</strong>Iceland.</p>"
    article = extract_file(_story_page(tmp_path, lead))
    assert "the country and more people" in article.body_markdown
    assert "**Path A**: Iceland." in article.body_markdown
    assert markdown_text(article.body_markdown) == article.body_text


def test_words_that_look_like_markdown_at_a_lines_start_stay_words(tmp_path):
    """BGR's "<li>802. 11AC Wi-Fi</li>" came out "- 802. 11AC Wi-Fi", which Markdown reads as a
    list numbered from 802 inside the bullet ("11AC Wi-Fi" on the site); "#MeToo" opening a
    paragraph was a heading. A list the page has stays a list."""
    body = "<ul><li><span>802. 11AC Wi-Fi</span></li><li>Up to 10 hours of battery</li></ul>"
    body += "<p>#HarbourTour began in 1989. It sold out.</p><p>1989. The year it began.</p>"
    body += "<ol><li>Plan ahead</li><li>- 5 degrees at night: bring a coat</li></ol>"
    article = extract_file(_story_page(tmp_path, body))
    markdown = article.body_markdown
    assert "- 802\\. 11AC Wi-Fi\n- Up to 10 hours" in markdown
    assert "\\#HarbourTour began in 1989. It sold out.\n\n1989\\. The year" in markdown
    assert "- Plan ahead\n- \\- 5 degrees" in markdown
    assert markdown_text(article.body_markdown) == article.body_text
    html = render_markdown(article.body_markdown, extensions=["extra"])
    assert "<li>802. 11AC Wi-Fi</li>" in html and "<h1>" not in html


def test_the_words_after_an_empty_element_are_kept(tmp_path):
    """trafilatura's precision mode deletes an empty element with the words after it: a
    spacer `<div></div>` opening a bold heading took "5 Tips to Enjoy Game D" from Beachbody's
    "5 Tips to Enjoy Game Day Parties", and every "Meal Prep Menu for Eating Plan A" went."""
    heading = '<h2><strong><div class="spacer"></div>Five tips for the tour</strong>'
    heading += '<strong> season ahead:<div class="spacer"></div></strong></h2>'
    heading += '<p><b><span class="icon"></span>Tickets</b> go on sale on Friday.</p>'
    article = extract_file(_story_page(tmp_path, heading))
    assert "## **Five tips for the tour** **season ahead:**" in article.body_markdown
    assert "**Tickets** go on sale on Friday." in article.body_markdown
    assert markdown_text(article.body_markdown) == article.body_text


def test_tag_lists_comment_notes_and_follow_prompts_go():
    """What sites leave at a body's end: a list of the page's tags (a "Tags" label over links,
    one `<br>` apart), a note on comments (The Space Review's, between paragraphs), an
    invitation to follow or subscribe, a citation of the page, and headings of nothing."""
    story = [
        "<p>Dockworkers at Saltmere voted on Tuesday to end a nine-day strike.</p>",
        "<p>Tags on the new cranes were checked, the union said; comments are welcome.</p>",
        "<p>The union said the port authority had agreed to phase in the new cranes.</p>",
    ]
    page = "".join([
        story[0],
        "<p>Note: we are temporarily moderating all comments submitted to deal with spam.</p>",
        story[1],
        story[2],
        "<p><strong>Tags<br><a href='https://x.example/t/port'>port strike</a>, "
        "<a href='https://x.example/t/saltmere'>Saltmere</a></strong></p>",
        "<p>Filed under: <a href='https://x.example/c/ports'>Ports</a> |</p>",
        "<p><em>Follow <a href='https://x.example/'>Harbor Daily</a> on Twitter and "
        "Instagram.</em></p>",
        "<p>If you enjoyed this article, we have a proposition for you: subscribe.</p>",
        "<p><strong>Citation</strong>: Saltmere strike ends (2019, November 18) retrieved "
        "20 November 2019 from https://harbordaily.example/saltmere</p>",
        "<h3>You may also like:</h3><h4>Tell us what YOU think...</h4>",
        "<p><a href='https://x.example/subscribe'></a></p>",
    ])  # fmt: skip
    assert drop_page_chrome(page) == "".join(story)


def test_a_reading_time_a_lone_date_and_the_writers_addresses_at_the_edges_go():
    """A body kept the page's header ("Reading time: 1 minute", "November 20, 2019 - 11:28
    AMT", an emptied "Also:" label) and its writer's lines at the end (an e-mail address, a
    Twitter address, "Write to ... at", a rule over "More AP NBA: https://…")."""
    story = [
        "<p>Dockworkers at Saltmere voted on November 19, 2019 to end a nine-day strike.</p>",
        "<p>Also: the union said the port authority had agreed to phase in the new cranes.</p>",
    ]
    page = "".join([
        "<p>Reading time: 1 minute</p>",
        "<p>November 20, 2019 - 11:28 AMT</p>",
        story[0],
        "<p><strong>Also:</strong></p>",
        story[1],
        "<p><em>dana.whit@harbordaily.example</em></p>",
        "<p>twitter.com/danawhit</p>",
        "<p><strong>Write to</strong> Dana Whit at <a href='mailto:d@x.example'>d@x.example</a></p>",
        "<p>___</p>",
        "<p>More AP ports: https://apnews.example/ports</p>",
    ])  # fmt: skip
    assert drop_page_chrome(page) == "".join(story)
    # a study's reference is the article's, though it reads like a link to more coverage
    cited = "<p>More information: https://doi.example/10.1000/saltmere</p>"
    assert drop_page_chrome(story[0] + cited) == story[0] + cited


def test_a_sections_name_above_the_headline_goes_with_it(tmp_path):
    """AppleInsider's body opened "Review", then the headline; The Hollywood Reporter's with
    its section's link "TECH": the headline was kept because it was not the first block.
    A short first line not followed by the headline is the article's."""
    page = _story_page(tmp_path, "")
    html = page.read_text(encoding="utf-8")
    kicker = "<p>Review</p><h1>"
    page.write_text(html.replace("<h1>", kicker), encoding="utf-8")
    assert extract_file(page).body_markdown.startswith("The band said leg 0")
    lead = "<p>Ticket news.</p><p>The Harbour Band set a tour: a short lead.</p>"
    page.write_text(html.replace("<h1>", lead + "<h1>"), encoding="utf-8")
    assert extract_file(page).body_markdown.startswith("Ticket news.")


def test_the_pages_own_headline_goes_from_the_body_where_the_title_is_the_social_one(tmp_path):
    """A page whose og:title ("HS Roundup") is not its <h1> ("High School Roundup: ..."): the
    title is the og:title, and the body opened with the <h1> as a heading, the headline twice
    on the article's page and in its summary."""
    page = _story_page(tmp_path, "")
    html = page.read_text(encoding="utf-8").replace(
        "<head><title>The Harbour Band set a tour</title>",
        '<head><title>Harbour Band tour</title><meta property="og:title" content="Harbour Band tour">',
    )
    page.write_text(html, encoding="utf-8")
    article = extract_file(page)
    assert article.title == "Harbour Band tour"
    assert article.body_markdown.startswith("The band said leg 0")
    # a heading further in that reads as the headline does is the article's own
    later = "<h2>The Harbour Band set a tour</h2><p>Their tour in full follows.</p>"
    page.write_text(html.replace("</article>", later + "</article>"), encoding="utf-8")
    assert "## The Harbour Band set a tour" in extract_file(page).body_markdown


def test_a_sentence_the_extractor_cut_at_a_link_is_one_paragraph_again():
    """trafilatura leaves a link or an emphasis inside a sentence between two paragraphs now
    and then: "... cited by Taiwanese publication" / DigiTimes / ". A preview ..." were three
    paragraphs, the link alone on its line."""
    from newsarchive.extract.body import rejoin_split_sentences

    cut = (
        "<p>Sources were cited by the Taiwanese publication </p><i><a href='d/'>DigiTimes</a></i>"
        "<p>. A preview was shared.</p><p>Apple said little, and </p><a href='e/'>it</a>"
        "<p><em>declined</em> to comment on the report.</p>"
    )
    assert rejoin_split_sentences(cut) == (
        '<p>Sources were cited by the Taiwanese publication <i><a href="d/">DigiTimes</a></i>. '
        'A preview was shared.</p><p>Apple said little, and <a href="e/">it</a> '
        "<em>declined</em> to comment on the report.</p>"
    )
    # a paragraph that ends a sentence, or one that opens with a capital (or "iPhone"), stays;
    # so do two paragraphs with nothing between them, a label over its line or a poem's lines
    # (but for a word no sentence ends with, or a mark none opens with), and what stands
    # between blocks
    kept = (
        "<p>A heading</p><p>iPhone sales rose.</p><p>It ended.</p><p>and then</p>"
        "<p>Key points</p><p>more than 100 people died.</p><p>Roses are red</p>"
        "<p>violets are blue</p>"
    )
    assert rejoin_split_sentences(kept) == kept
    assert rejoin_split_sentences(
        "<p>the same options as the</p><p><a href='m/'>mid-2019 models</a> did.</p>between"
        "<p>He said</p><p>, and left.</p>"
    ) == (
        '<p>the same options as the <a href="m/">mid-2019 models</a> did.</p>between'
        "<p>He said, and left.</p>"
    )


@pytest.mark.skipif(
    not (SHARED / "benchmarks" / "extraction" / "html").is_dir(),
    reason="the shared benchmark pages are read in place: not found",
)
def test_a_benchmark_page_cut_at_its_links_reads_as_its_paragraphs():
    [page] = (SHARED / "benchmarks" / "extraction" / "html").glob("232a43fb*")
    markdown = extract_file(page).body_markdown
    assert (
        "cited by hit-or-miss Taiwanese publication *[DigiTimes](https://www.digitimes.com/)*. A"
        " preview of the report"
    ) in markdown
    assert "\n\n, we would not" not in markdown and "source is *DigiTimes*, we would" in markdown


def test_a_date_line_in_another_language_at_the_bodys_start_is_the_pages_header(tmp_path):
    """ "sexta-feira, 22 de outubro de 2010 às 20:13" under the headline stayed the article's
    first line: dates were read in English only, and a line of a date and eight words in all
    was too long for one. A sentence that names a day stays."""
    from newsarchive.extract.dates import is_date_line, text_date

    assert text_date("publiziert am 25. September 2018") == datetime(2018, 9, 25)
    assert text_date("1º de março de 2020") == datetime(2020, 3, 1)
    assert text_date("le 1er avril 2016, 10h") == datetime(2016, 4, 1)
    assert text_date("12 de diciembre del 2019") == datetime(2019, 12, 12)
    assert text_date("31 febbraio 2019") is None
    assert is_date_line("sexta-feira, 22 de outubro de 2010 às 20:13", 4)
    assert not is_date_line("The council met on 3 March 2019 to vote.", 4)
    page = _story_page(tmp_path, "")
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace("</h1>", "</h1>sexta-feira, 22 de outubro de 2010 às 20:13"), "utf-8"
    )
    assert extract_file(page).body_markdown.startswith("The band said leg 0")
    page.write_text(html.replace("</h1>", "</h1><p>The band met on 3 March 2019.</p>"), "utf-8")
    assert extract_file(page).body_markdown.startswith("The band met on 3 March 2019.")


def test_a_titles_end_that_begins_with_the_hosts_name_is_no_part_of_the_headline(tmp_path):
    """ "About bugs – Vortex Cannon Entertainment" on vortexcannon.org kept its site's name:
    the name is longer than the host's, and the <h1> too short beside it to agree."""
    story = "<p>" + "The band said the tour would start in June, with tickets on Friday. " * 9
    page = tmp_path / "tour.html"  # (an about page's address would make it no article)
    page.write_text(
        "<html><head><title>About us – Harbour Band Entertainment</title><link rel='canonical' "
        "href='https://harbourband.example/tour'></head><body><article><h1>About us</h1>"
        f"{story}</p></article></body></html>",
        encoding="utf-8",
    )
    assert extract_file(page).title == "About us"
    page.write_text(
        page.read_text(encoding="utf-8").replace("About us –", "Harbour Band news –"),
        encoding="utf-8",
    )  # a headline that begins with the name is the headline
    assert extract_file(page).title == "Harbour Band news"


def test_a_bold_cut_in_two_is_one_bold_in_the_markdown():
    """Beachbody's heading is two bolds cut mid-word, as trafilatura gives it ("…Game
    D</strong><strong>ay Parties"): the Markdown read "**…Game D****ay Parties**"."""
    html = "<h2><strong> Five tips for the tour se</strong><strong>ason ahead:</strong></h2>"
    html += "<p><em>Harbour</em><em>side</em> and <b>the band</b> <b>itself</b></p>"
    markdown = html_to_markdown(html)
    assert (
        markdown
        == "## **Five tips for the tour season ahead:**\n\n*Harbourside* and **the band** **itself**\n"
    )
    assert markdown_text(markdown) == html_text(html)


@pytest.mark.parametrize(
    ("lang", "day", "warned"),
    [
        ("en-US", datetime(2020, 3, 4), False),
        ("en_US", datetime(2020, 3, 4), False),
        ("en-GB", datetime(2020, 4, 3), False),
        ("en", datetime(2020, 4, 3), True),
    ],
)
def test_a_date_in_figures_is_read_in_the_pages_order(tmp_path, lang, day, warned):
    """ "Published 03/04/2020" on a page of United States English was imported as 3 April
    (htmldate reads figures day first, as most of the world does), and an English page that
    names no region was read so without a word of the other reading, March 4."""
    page = _story_page(tmp_path, "")
    html = page.read_text(encoding="utf-8").replace("<html>", f'<html lang="{lang}">')
    page.write_text(html.replace("</h1>", '</h1><p class="date">Published 03/04/2020</p>'))
    article = extract_file(page)
    assert (article.date, article.date_source) == (day, "htmldate")
    doubts = [w for w in article.warnings if "03/04/2020" in w]
    assert doubts == (
        ["date '03/04/2020' read day first, 3 April 2020 (a page from the United States would "
         "mean 4 March 2020: give that with --date or a sidecar)"] if warned else []
    )  # fmt: skip


def test_a_date_in_figures_that_reads_one_way_only_is_not_in_doubt(tmp_path):
    # "14/03/2020" has no month 14, and a <time datetime> says which day "03/04/2020" is
    page = _story_page(tmp_path, "")
    html = page.read_text(encoding="utf-8").replace("<html>", '<html lang="en">')
    for line, day in (
        ('<p class="date">Published 14/03/2020</p>', datetime(2020, 3, 14)),
        ('<time datetime="2020-04-03">03/04/2020</time>', datetime(2020, 4, 3)),
    ):
        page.write_text(html.replace("</h1>", f"</h1>{line}"))
        article = extract_file(page)
        assert article.date == day and not [w for w in article.warnings if "day first" in w]
    # nor does a French page's: every language but English writes the day first
    story = "".join(
        f"<p>Le conseil municipal a voté jeudi la fermeture de la piscine numéro {n}, jugée trop "
        "coûteuse à rénover, et les clubs de natation devront partager un autre bassin.</p>"
        for n in range(8)
    )
    page.write_text(
        '<html lang="fr"><head><title>La piscine fermera</title></head><body><article>'
        f'<h1>La piscine fermera</h1><p class="date">Publié le 03/04/2020</p>{story}'
        "</article></body></html>",
        encoding="utf-8",
    )
    article = extract_file(page)
    assert article.date == datetime(2020, 4, 3) and not [w for w in article.warnings if "day first" in w]  # fmt: skip


def test_a_greek_date_line_at_the_bodys_start_is_the_pages_header(tmp_path):
    """ "Δημοσιεύθηκε: 7 Απριλίου 2022" under a Greek headline was the article's first line
    (and its summary's): Greek month names were not read."""
    page = _story_page(tmp_path, "")
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</h1>", "</h1><p>Δημοσιεύθηκε: 7 Απριλίου 2022</p>"), "utf-8")
    assert extract_file(page).body_markdown.startswith("The band said leg 0")


def test_a_date_line_under_the_headline_dates_a_page_htmldate_cannot_read(tmp_path):
    """A Russian page with "15 января 2021, 11:40" under its headline, or a Spanish one with
    "Publicado el 5 de noviembre de 2018 - 10:21 CET", was imported undated: htmldate reads month names in English,
    French, German, Indonesian and Turkish only. A date in a list of other stories below the
    article's text dates nothing."""
    story = "".join(
        f"<p>Руководство завода номер {n} объявило о прекращении производства с первого марта, "
        "и без работы могут остаться около тысячи двухсот человек в городе и области.</p>"
        for n in range(8)
    )
    page = tmp_path / "zavod.html"
    for line, day in (
        ("<time>15 января 2021, 11:40</time>", datetime(2021, 1, 15)),
        (
            '<div class="fecha">Publicado el 5 de noviembre de 2018 - 10:21 CET</div>',
            datetime(2018, 11, 5),
        ),
    ):
        page.write_text(
            "<html><head><title>Завод закрывается</title></head><body><h1>Завод закрывается</h1>"
            f"<div>Автор: Дарья Кузьмичёва</div>{line}"
            f"{story}</body></html>",
            encoding="utf-8",
        )
        article = extract_file(page)
        assert (article.date, article.date_source) == (day, "text")
    page.write_text(
        "<html><head><title>Завод закрывается</title></head><body><h1>Завод закрывается</h1>"
        f"{story}<h2>Другие новости</h2>"
        "<ul><li>15 января 2021</li><li>16 января 2021</li></ul></body></html>",
        encoding="utf-8",
    )
    assert extract_file(page).date is None
    # a site's name in an <h1> of its own, the day the page was saved under it, is no
    # headline: the date is the one under the article's
    page.write_text(
        '<html><head><title>Завод закрывается</title></head><body><h1><a href="/">Вестник</a></h1>'
        "<div>20 мая 2024</div><h1>Завод в Заречье закрывается</h1><time>15 января 2021</time>"
        f"{story}</body></html>",
        encoding="utf-8",
    )
    assert extract_file(page).date == datetime(2021, 1, 15)
    # nor where the text is no paragraphs (<div>s) and the list lies a page's elements down:
    # the walk from the headline looks at a header's worth of elements, not the whole page
    others = "".join(f'<li><a href="/n/{n}">Другие новости {n}</a></li>' for n in range(100))
    page.write_text(
        "<html><head><title>Завод закрывается</title></head><body><h1>Завод закрывается</h1>"
        f"{story.replace('<p>', '<div>').replace('</p>', '</div>')}"
        f"<ul>{others}<li>15 января 2021</li></ul></body></html>",
        encoding="utf-8",
    )
    assert extract_file(page).date is None


def test_a_byline_in_another_language_names_its_writers(tmp_path):
    """ "Von Jürgen Weißmüller und Käthe Großkopf" in a <div class="autor"> gave no authors
    and "Par Élodie Marchetti" the author "Par Élodie Marchetti": bylines were read in English
    ("By", "and", a class "author") and names in ASCII capitals."""
    from newsarchive.extract.authors import byline_names

    assert byline_names("Par Élodie Marchetti, le 12 mars 2019") == ["Élodie Marchetti"]
    assert byline_names("Autor: Małgorzata Wójcik-Źrebiec") == ["Małgorzata Wójcik-Źrebiec"]
    assert byline_names("Par ailleurs le maire a parlé") == []
    assert byline_names("By Élodie Marchetti and Jean Dupont") == [
        "Élodie Marchetti",
        "Jean Dupont",
    ]
    page = _story_page(tmp_path, "")
    html = page.read_text(encoding="utf-8")
    byline = '<div class="autor">Von Jürgen Weißmüller und Käthe Großkopf</div>'
    page.write_text(html.replace("</h1>", f"</h1>{byline}"), "utf-8")
    assert extract_file(page).authors == ["Jürgen Weißmüller", "Käthe Großkopf"]


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Par Odile Marchand le 14 décembre 2019 à 10h32", ["Odile Marchand"]),
        ("Par Odile Marchand de notre rédaction", ["Odile Marchand"]),
        ("Par Marie du Pont le 3 mars 2020", ["Marie du Pont"]),
        ("Door Jan van der Berg", ["Jan van der Berg"]),
        ("Par Jean de La Fontaine", ["Jean de La Fontaine"]),
    ],
)
def test_a_particle_is_part_of_a_name_only_before_more_of_it(tmp_path, byline, names):
    """A French byline "Par Odile Marchand le 14 décembre 2019" gave the author "Odile
    Marchand le" (the date's "le" taken for a particle, as in "de La Fontaine"), and "Jan van
    der Berg" was "Jan van de", the "de" of "der"."""
    from newsarchive.extract.authors import byline_names

    assert byline_names(byline) == names
    page = _story_page(tmp_path, "")
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</h1>", f'</h1><p class="byline">{byline}</p>'), "utf-8")
    assert extract_file(page).authors == names


def test_an_arabic_byline_names_its_writers(tmp_path):
    """ "بقلم: سامر نجيب" ("by the pen of") gave the author "بقلم سامر نجيب" on a saved page
    and no author in a text dump: Arabic has no capitals, which a name was told by."""
    from newsarchive.extract.authors import byline_names

    assert byline_names("كتب: سامي يوسف، ليلى منصور") == ["سامي يوسف", "ليلى منصور"]
    assert byline_names("كتبت: هدى سالم - القاهرة") == ["هدى سالم"]
    assert byline_names("كتب جديدة في معرض الكتاب") == []  # "books": a headline, no byline
    story = "".join(
        f"<p>قال المجلس البلدي إن المرحلة رقم {n} من مشروع الحديقة الكبيرة على ضفة النهر ستنتهي "
        "قبل الصيف المقبل، وإن السكان سيشاركون في اختيار الأشجار والمقاعد.</p>"
        for n in range(8)
    )
    page = tmp_path / "hadiqa.html"
    page.write_text(
        '<html lang="ar" dir="rtl"><head><title>حديقة على ضفة النهر</title></head><body>'
        '<article><h1>حديقة على ضفة النهر</h1><p class="byline">بقلم: سامر نجيب</p>'
        f"{story}</article></body></html>",
        encoding="utf-8",
    )
    assert extract_file(page).authors == ["سامر نجيب"]
    dump = tmp_path / "hadiqa.txt"
    dump.write_text(
        "صحيفة الوادي\nالرئيسية | محليات\n\nحديقة على ضفة النهر\n\nبقلم: سامر نجيب\n\n"
        + "\n\n".join(p.removeprefix("<p>").removesuffix("</p>") for p in story.split("</p>")),
        encoding="utf-8",
    )
    article = extract_file(dump)
    assert article.authors == ["سامر نجيب"]
    assert article.body_text.startswith("قال المجلس البلدي")


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Por Ana García en Madrid", ["Ana García"]),
        ("Par Élodie Marchetti en Bretagne, le 12 mars 2019", ["Élodie Marchetti"]),
        ("Door Jan de Vries en Piet Jansen", ["Jan de Vries", "Piet Jansen"]),
    ],
)
def test_en_joins_two_writers_but_is_no_part_of_a_name(byline, names):
    """Spanish and French "en" is "in", Dutch "en" "and": "Por Ana García en Madrid" gave the
    writer "Ana García en Madrid" (a place of one word is not split off as a second writer)."""
    from newsarchive.extract.authors import byline_names

    assert byline_names(byline) == names


#: A live blog's entries (invented): (datetime, the time as shown, the entry's words).
LIVE_ENTRIES = [
    ("2023-05-09T10:42:00Z", "10:42 GMT", "Minister Tobiah Renquist arrives at the Vellmar harbour office for the talks on the dredging contract, flanked by two advisers."),
    ("2023-05-09T11:05:00Z", "11:05 GMT", "The harbour board's chair, Ilsabet Morrow, says the board will not accept a plan that delays the spring shipping season."),
    ("2023-05-09T11:37:00Z", "11:37 GMT", "Dock workers gather outside the building with banners about overtime pay; police say the gathering is peaceful so far."),
]  # fmt: skip
#: Three ways live blogs mark an entry up: its time before its paragraph, in a line of its
#: own above a heading, in the entry's <header>, and inside its paragraph.
LIVE_LAYOUTS = {
    "time, paragraph": '<div class="entry"><time datetime="{iso}">{shown}</time><p>{text}</p></div>',
    "time line, heading": '<div class="block"><p class="block-time"><time datetime="{iso}">{shown}</time></p><h3>Update</h3><p>{text}</p></div>',
    "entry header": '<article class="post"><header><time datetime="{iso}">{shown}</time></header><p>{text}</p></article>',
    "in the paragraph": '<li><p><time datetime="{iso}">{shown}</time> {text}</p></li>',
}  # fmt: skip


def live_blog(path: Path, layout: str) -> Path:
    entries = "".join(
        LIVE_LAYOUTS[layout].format(iso=iso, shown=shown, text=text)
        for iso, shown, text in LIVE_ENTRIES
    )
    wrapper = ("<ul>{}</ul>" if layout == "in the paragraph" else "<div>{}</div>").format(entries)
    path.write_text(
        "<html><head><title>Live: Vellmar harbour talks</title>"
        '<meta property="article:published_time" content="2023-05-09T10:30:00+00:00"></head>'
        "<body><article><h1>Live: Vellmar harbour talks</h1><p>By Marit Osei-Lund <time "
        'datetime="2023-05-09T10:30:00Z">9 May 2023</time></p><p>Follow our coverage of the '
        f"talks on the future of the harbour's dredging contract as they happen.</p>{wrapper}"
        "</article></body></html>",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("layout", sorted(LIVE_LAYOUTS))
def test_a_live_blogs_entries_keep_their_times(tmp_path, layout):
    """Each entry of a live blog has its own <time>; trafilatura deletes <time> elements with
    their text, so the Markdown lost every entry's time. Each entry's paragraph now starts
    with its time, as the page shows it, once."""
    article = extract_file(live_blog(tmp_path / "live.html", layout))
    for _, shown, text in LIVE_ENTRIES:
        assert f"**{shown}** {text}\n" in article.body_markdown, layout
    assert article.body_markdown.count("GMT") == len(LIVE_ENTRIES)
    assert article.date == datetime(2023, 5, 9, 10, 30)  # (the page's dates read as before)


def test_times_of_a_byline_or_a_list_of_other_stories_are_no_live_blog(tmp_path):
    """A lone <time> (the byline's) and the dates of a list of other stories (their headings
    link away) are no entries: nothing is added to the text."""
    cards = "".join(
        f'<div class="card"><time datetime="2023-05-0{n}">{n} May</time><h3><a href="/s/{n}">'
        f"Story {n}</a></h3><p>A standfirst of the story number {n} in a few more words.</p></div>"
        for n in (1, 2, 3)
    )
    page = long_page(tmp_path / "story.html", "Harbour dredging contract signed",
                     after=f'<div class="related">{cards}</div>')  # fmt: skip
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("<p>", '<p><time datetime="2023-05-09">9 May</time> ', 1))
    assert "**" not in extract_file(page).body_markdown


#: Two paragraphs of a site's own page, in the newsroom's words (invented).
SITE_PAGE = (
    "<p>The Lindmark Courier reported on the valley's mills, its river crossings and its town"
    " council for forty years, from a print works on Mill Lane.</p><p>Write to the newsroom at"
    " 12 Mill Lane, or call the switchboard between nine and five on weekdays; letters to the"
    " editor may be edited for length.</p>"
)
CAPTIONS = "".join(
    f"<figure><img src='/img/{n}.jpg'><figcaption>Picture {n}: water rises over the towpath by"
    " the old lock gates as the people of Mill Lane carry sandbags to their doors.</figcaption>"
    "</figure>"
    for n in range(6)
)


def _site_page(path: Path, title: str, body: str, head: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"<html><head><title>{title} - Lindmark Courier</title>{head}</head><body><main>"
        f"<h1>{title}</h1>{body}</main></body></html>",
        encoding="utf-8",
    )
    return path


def _ld(kind: str) -> str:
    return f'<script type="application/ld+json">{{"@context": "https://schema.org", "@graph": [{{"@type": "{kind}"}}]}}</script>'  # fmt: skip


@pytest.mark.parametrize(
    ("saved", "title", "body", "head", "what"),
    [
        ("site.example/about/index.html", "About us", SITE_PAGE, "", "an about page"),
        ("site.example/contact-us.html", "Reach us", SITE_PAGE, "", "a contact page"),
        (
            "site.example/legal/privacy-policy/index.html",
            "Privacy",
            SITE_PAGE,
            "",
            "a privacy policy",
        ),
        (
            "site.example/people/index.html",
            "Our newsroom",
            SITE_PAGE,
            _ld("AboutPage"),
            "an about page",
        ),
        (
            "site.example/staff/tvell.html",
            "Tomas Vell",
            SITE_PAGE,
            _ld("ProfilePage"),
            "a person's profile page",
        ),
        (
            "site.example/author/tomas-vell/index.html",
            "Tomas Vell",
            SITE_PAGE,
            "<meta name='author' content='Tomas Vell'><meta name='date' content='2019-05-02'>",
            "an author's page",
        ),
        (
            "site.example/search/index.html?q=mill.html",
            "Results for mill",
            SITE_PAGE,
            "",
            "a page of search results",
        ),
        (
            "site.example/index.html?s=mill.html",
            "Results for mill",
            SITE_PAGE,
            "",
            "a page of search results",
        ),
        ("site.example/2019/floods/index.html", "The floods", CAPTIONS, "", "a gallery"),
        (
            "site.example/2019/05/ferry-fares/index.html",
            "Oops! Page not found",
            "<p>Sorry, the page you asked for is not here. Try the search box above, or go"
            " back to the front page for the latest news from the valley.</p>",
            "",
            "a page-not-found page",
        ),
        (
            "site.example/gallery/floods/index.html",
            "The floods",
            "<p>Our pictures.</p>" + CAPTIONS,
            _ld("ImageGallery"),
            "a gallery of pictures",
        ),
    ],
)
def test_a_sites_own_pages_are_no_articles(tmp_path, saved, title, body, head, what):
    """A crawled site's about, contact and legal pages, its authors' pages, its search
    results and its galleries of captions were each imported as an undated article: they
    are no articles, each said to be what it is (by the type it declares, or by its address
    or its captions where it has no date and no byline)."""
    page = _site_page(tmp_path / saved, title, body, head)
    with pytest.raises(NotAnArticle, match=f"^{what}, not an article \\("):
        extract_file(page)


@pytest.mark.parametrize(
    ("saved", "head", "body"),
    [
        ("site.example/2019/about/index.html", "", SITE_PAGE),  # (under a number: an article's)
        (
            "site.example/about/index.html",
            "<meta name='author' content='Ines Marlow'><meta name='date' content='2019-05-02'>",
            SITE_PAGE,
        ),
        ("site.example/contact/index.html", _ld("NewsArticle") + _ld("ContactPage"), SITE_PAGE),
        ("site.example/story.php?s=4512.html", "", SITE_PAGE),  # (an old CMS's story number)
        (
            "site.example/2019/floods/index.html",
            "<meta name='date' content='2019-05-02'>",
            CAPTIONS,
        ),
        (
            "site.example/2019/floods/index.html",
            "",
            SITE_PAGE
            + "<div itemscope itemtype='https://schema.org/ImageGallery'>"
            + CAPTIONS[:400]
            + "</figure></div>",
        ),
    ],
)
def test_an_article_at_such_an_address_or_with_pictures_is_still_an_article(tmp_path, saved, head, body):  # fmt: skip
    """The signals of a site's own page that count only together do not refuse an article:
    a dated and signed page under an about page's address, an undated one under a number,
    a page declaring itself a NewsArticle, a dated gallery, an article holding a gallery."""
    page = _site_page(tmp_path / saved, "Mill Lane floods again", body, head)
    assert extract_file(page).title == "Mill Lane floods again"


@pytest.mark.parametrize("title", ["Front page not found in the archive, says library", "404 Club closes its doors"])  # fmt: skip
def test_a_headline_that_speaks_of_a_page_not_found_is_still_an_articles(tmp_path, title):
    """A site's page-not-found page (a soft 404: served as a page, saved by the crawl) is
    no article; a story whose headline only speaks of one is."""
    page = _site_page(tmp_path / "site.example/2019/library/index.html", title, SITE_PAGE)
    assert extract_file(page).title == title


def test_a_cookie_consent_page_is_no_article(tmp_path):
    """A crawl follows a news site's redirect to its consent wall and stores the wall as a
    page of its own: it was imported as an article, "Before you continue", and every other
    story behind the wall was its duplicate. A short brief that names one of its phrases is
    an article still."""
    wall = tmp_path / "consent.html"
    wall.write_text("<html><head><title>Before you continue</title></head><body><h1>Before you"
                    " continue</h1><p>We use cookies and data to deliver our services and to"
                    " measure our audiences. Accept all or reject all to continue to the story"
                    " you asked for.</p><button>Accept all</button></body></html>")  # fmt: skip
    with pytest.raises(ExtractionError, match=r"^no article text found \(2\d words: a cookie consent page\)$"):  # fmt: skip
        extract_file(wall)
    brief = ("The harbour board said on Monday it would not accept all of the dredging firm's"
             " terms, and asked for a new offer before the summer season starts at the quay.")  # fmt: skip
    page = tmp_path / "brief.html"
    page.write_text(f"<html><head><title>Board turns down dredging terms</title></head><body><article><h1>Board turns down dredging terms</h1><p>{brief}</p></article></body></html>")  # fmt: skip
    assert extract_file(page).body_text == brief
