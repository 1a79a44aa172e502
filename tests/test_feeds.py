"""Atom feeds, local and published: valid by RFC 4287, every author named, absolute addresses."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

import lxml.html
import pytest
from conftest import REPO, build_site, new_archive, write_article

from newsarchive.importer import run_import
from newsarchive.store import read_header

A = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
SITEURL = "https://example.org/archive"
#: (settings, environment, the address feeds link to): a local build links to `make serve`
BUILDS = {
    "local": (REPO / "pelicanconf.py", {}, "http://127.0.0.1:8000"),
    "published": (REPO / "publishconf.py", {"NEWSARCHIVE_SITEURL": SITEURL}, SITEURL),
}
#: RFC 4151: tag:authority,date:specific (the authority a DNS name or an email address)
TAG_URI = re.compile(r"tag:([^@\s,:]+@)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?"
                     r",\d{4}(-\d\d(-\d\d)?)?:[^\s#]*")  # fmt: skip
#: RFC 9562 (4122): a name-based UUID, version 5
UUID_URN = re.compile(
    r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
)


@pytest.fixture(scope="module", params=sorted(BUILDS))
def built(request, tmp_path_factory) -> dict:
    """Three articles (two authors, none, one) built with local or published settings; the
    first two share a person, and all a source, so entity feeds hold them too."""
    settings, env, address = BUILDS[request.param]
    root = new_archive(tmp_path_factory.mktemp(request.param))
    folder = root / "content" / "articles" / "2020"
    source = {"Source": "The Test Courier"}
    write_article(folder, 1, Authors="Hana Okafor; Benedikt Sørlie", People="Ada Quill", **source)
    write_article(folder, 2, People="Ada Quill", **source)
    write_article(folder, 3, Authors="Clara Westbrook", **source)
    undated = root / "content" / "articles" / "undated"
    write_article(undated, 4, Date="", People="Ada Quill", Title="Undated story", **source)
    output = build_site(root, settings, env)
    feeds = atom_feeds(output)
    assert feeds.pop("feeds/corrections.atom.xml").find(f"{A}entry") is None  # (none corrected)
    return {"output": output, "address": address, "feeds": feeds}


def settings_plus(folder: Path, base: Path, lines: str) -> Path:
    """A settings file that is `base` (pelicanconf.py or publishconf.py) and `lines` after."""
    path = folder / f"{base.stem}_plus.py"
    path.write_text(f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
                    f"from {base.stem} import *  # noqa: F403\n{lines}\n")  # fmt: skip
    return path


def atom_feeds(output: Path) -> dict[str, ET.Element]:
    """Every Atom feed the build wrote, by its path under output/."""
    found = {}
    for path in sorted(output.rglob("*.xml")):
        root = ET.parse(path).getroot()
        if root.tag == f"{A}feed":
            found[path.relative_to(output).as_posix()] = root
    return found


def is_valid_id(value: str) -> bool:
    """An Atom id is an absolute IRI: here a tag: URI, an http(s) address or a urn:uuid."""
    if not value or "None" in value:
        return False
    parts = urlparse(value)
    return (bool(TAG_URI.fullmatch(value) or UUID_URN.fullmatch(value))
            or (parts.scheme in ("http", "https") and parts.netloc != ""))  # fmt: skip


def is_absolute(href: str | None) -> bool:
    parts = urlparse(href or "")
    return parts.scheme in ("http", "https") and parts.netloc != ""


def author_names(element: ET.Element) -> list[str]:
    return [(a.findtext(f"{A}name") or "").strip() for a in element.findall(f"{A}author")]


def alternate(element: ET.Element) -> str | None:
    for link in element.findall(f"{A}link"):
        if link.get("rel", "alternate") == "alternate":
            return link.get("href")
    return None


def atom_problems(feed: ET.Element) -> list[str]:
    """What RFC 4287 (and a feed reader) would find wrong with a feed, one line each."""
    problems = element_problems(feed, "feed")
    for entry in feed.findall(f"{A}entry"):
        label = repr(entry.findtext(f"{A}title"))
        problems += element_problems(entry, label)
        if not author_names(entry) and not author_names(feed):
            problems.append(f"{label} has no author, and neither has the feed")
    return problems


def element_problems(element: ET.Element, label: str) -> list[str]:
    """What a feed and an entry both need: an id that is a URI, a title, a time, an absolute
    link, and a name for each author."""
    problems = [f"{label} has no {tag}" for tag in ("id", "title", "updated") if not element.findtext(f"{A}{tag}")]  # fmt: skip
    if not is_valid_id(element.findtext(f"{A}id") or ""):
        problems.append(f"{label}: id {element.findtext(f'{A}id')!r} is not a valid URI")
    if not is_absolute(alternate(element)):
        problems.append(f"{label} links to {alternate(element)!r}, not an absolute address")
    if "" in author_names(element):
        problems.append(f"{label} has an author without a name")
    return problems


def entry_titled(feed: ET.Element, title: str) -> ET.Element:
    for entry in feed.findall(f"{A}entry"):
        if entry.findtext(f"{A}title") == title:
            return entry
    raise AssertionError(f"no entry titled {title!r}")


def test_an_entry_without_authors_is_credited_to_the_site(built):
    feeds = built["feeds"]
    assert {"feeds/all.atom.xml", "people/ada-quill/atom.xml"} <= set(feeds)
    for path, feed in feeds.items():
        assert author_names(entry_titled(feed, "Story 2")) == [], path  # no <author><name/>
        assert author_names(feed) == ["News Archive"], path  # SITENAME: there is no AUTHOR


def test_an_entry_names_every_author_in_order(built):
    for path, feed in built["feeds"].items():
        names = {e.findtext(f"{A}title"): author_names(e) for e in feed.findall(f"{A}entry")}
        assert names["Story 1"] == ["Hana Okafor", "Benedikt Sørlie"], path
        assert names.get("Story 3", ["Clara Westbrook"]) == ["Clara Westbrook"], path


def test_an_undated_article_is_in_no_feed(built):
    """(Its page, listed on the site, has no date an entry could carry.)"""
    feeds = built["feeds"]
    assert {"feeds/all.atom.xml", "people/ada-quill/atom.xml"} <= set(feeds)
    for path, feed in feeds.items():
        titles = [e.findtext(f"{A}title") for e in feed.findall(f"{A}entry")]
        assert "Undated story" not in titles and titles, path


def test_feeds_are_valid_atom(built):
    assert {path: atom_problems(feed) for path, feed in built["feeds"].items()} == {
        path: [] for path in built["feeds"]
    }


def test_feed_addresses_carry_the_site_address(built):
    """Links absolute, an entry's id its article's address: in a local build, `make serve`'s."""
    address = built["address"]
    for path, feed in built["feeds"].items():
        assert alternate(feed).startswith(address + "/"), path
        assert feed.findtext(f"{A}id") == f"{address}/{path}"  # a feed's id: its own address
        for entry in feed.findall(f"{A}entry"):
            link = alternate(entry)
            assert link.startswith(address + "/"), (path, link)
            assert entry.findtext(f"{A}id") == link, path


@pytest.mark.parametrize("build", sorted(BUILDS))
def test_an_entrys_id_stays_when_its_date_is_corrected(build, tmp_path):
    """The same article at the same address keeps its entry id when its Date moves to another
    year or day (Pelican's tag: id held the date: readers showed the article as a new one)."""
    settings, env, _ = BUILDS[build]
    root = new_archive(tmp_path)
    article = root / "content" / "articles" / "2020" / "story-1.md"
    ids = []
    for day in ("2020-01-02", "2017-06-30"):
        write_article(article.parent, 1, Date=f"{day} 10:01", People="Ada Quill")
        write_article(article.parent, 2, People="Ada Quill")
        feeds = atom_feeds(build_site(root, settings, env))
        ids.append([entry_titled(feeds[path], "Story 1").findtext(f"{A}id")
                    for path in ("feeds/all.atom.xml", "people/ada-quill/atom.xml")])  # fmt: skip
    assert ids[0] == ids[1] and ids[0][0].endswith("/2020/story-1/")


def test_demo_feeds_are_valid_atom(demo):
    feeds = atom_feeds(demo["output"])
    assert {path: atom_problems(feed) for path, feed in feeds.items()} == {
        path: [] for path in feeds
    }
    feed = feeds["feeds/all.atom.xml"]
    election = entry_titled(feed, "Santangelo claims victory as Dask concedes Velorian election")
    assert author_names(election) == ["Benedikt Sørlie", "Clara Westbrook"]
    orbiter = entry_titled(feed, "Halcyon Lunar Orbiter Passes Its Toughest Test on the Ground")
    assert author_names(orbiter) == [] and author_names(feed) == ["News Archive"]


def test_a_build_without_an_address_gives_ids_that_are_uris_and_stay(tmp_path):
    """With relative URLs and no FEED_DOMAIN, every entry's id was `tag:None,2020-01-02:...`
    and a feed's its relative path: not URIs (RFC 4287). Now urn:uuid: names from each page's
    path, the same in another build of the archive, a date corrected within its year too."""
    settings = settings_plus(tmp_path, REPO / "pelicanconf.py", "FEED_DOMAIN = ''")
    ids = []
    for name, day in (("first", "2020-01-02"), ("again", "2020-03-09")):
        root = new_archive(tmp_path / name)
        folder = root / "content" / "articles" / "2020"
        write_article(folder, 1, Date=f"{day} 10:01", People="Ada Quill")
        write_article(folder, 2, People="Ada Quill")
        feeds = atom_feeds(build_site(root, settings))
        assert {"feeds/all.atom.xml", "people/ada-quill/atom.xml"} <= set(feeds)
        found = {}
        for path, feed in feeds.items():
            found[path] = feed.findtext(f"{A}id")
            for entry in feed.findall(f"{A}entry"):
                found[(path, entry.findtext(f"{A}title"))] = entry.findtext(f"{A}id")
        assert all(is_valid_id(value) and value.startswith("urn:uuid:") for value in found.values())
        ids.append(found)
    assert ids[0] == ids[1]
    first, everything, person = ids[0], "feeds/all.atom.xml", "people/ada-quill/atom.xml"
    assert first[person] != first[everything]  # each feed its own id
    assert first[(person, "Story 1")] == first[(everything, "Story 1")]  # one article, one id
    assert first[(everything, "Story 1")] != first[(everything, "Story 2")]


def test_a_title_is_the_same_text_on_its_pages_and_in_its_feeds(tmp_path):
    """A title is text, as typed: markup in it shows as written on the article's page (its
    <title> and heading), on the lists, the entity pages, the search's record and the feeds
    (Pelican's feeds stripped it: "A <em>story</em>" was "A story", "AT&amp;T" was "AT&T")."""
    title = 'Why <blink> died & "AT&amp;T" <em>said</em> so'
    root = new_archive(tmp_path)
    write_article(root / "content" / "articles" / "2020", 1, Title=title, People="Ada Quill",
                  Source="The Test Courier")  # fmt: skip
    write_article(root / "content" / "articles" / "2020", 2, People="Ada Quill")
    output = build_site(root)
    page = lxml.html.parse(str(output / "2020" / "story-1" / "index.html")).getroot()
    assert page.findtext(".//title").startswith(title + " · ")
    assert page.findtext(".//h1") == title
    for listing in ("index.html", "archives/index.html", "people/ada-quill/index.html",
                    "sources/the-test-courier/index.html", "2020/01/index.html"):  # fmt: skip
        texts = [a.text_content() for a in lxml.html.parse(str(output / listing)).iter("a")]
        assert title in texts, listing
    for path in ("feeds/all.atom.xml", "people/ada-quill/atom.xml",
                 "sources/the-test-courier/atom.xml"):  # fmt: skip
        titles = [e.findtext(f"{A}title") for e in atom_feeds(output)[path].iter(f"{A}entry")]
        assert title in titles, path
    records = [gzip.decompress(p.read_bytes()) for p in output.rglob("*.pf_fragment")]
    found = [json.loads(r.removeprefix(b"pagefind_dcd")) for r in records if b"story-1/" in r]
    assert [record["meta"]["title"] for record in found] == [title]


@pytest.mark.parametrize("build", sorted(BUILDS))
def test_an_rss_feed_names_every_author(build, tmp_path):
    """RSS feeds are off by default; switched on (FEED_ALL_RSS), an item named only the
    article's first author (Pelican's one <dc:creator>)."""
    base, env, address = BUILDS[build]
    settings = settings_plus(tmp_path, base, "FEED_ALL_RSS = 'feeds/all.rss.xml'")
    root = new_archive(tmp_path / "site")
    folder = root / "content" / "articles" / "2020"
    write_article(folder, 1, Authors="Hana Okafor; Benedikt Sørlie")
    write_article(folder, 2)
    write_article(folder, 3, Authors="Clara Westbrook")
    output = build_site(root, settings, env)
    items = ET.parse(output / "feeds" / "all.rss.xml").getroot().findall("channel/item")
    creators = {i.findtext("title"): [c.text for c in i.findall(f"{DC}creator")] for i in items}
    assert creators == {"Story 1": ["Hana Okafor", "Benedikt Sørlie"], "Story 2": [],
                        "Story 3": ["Clara Westbrook"]}  # fmt: skip
    assert all(i.findtext("link").startswith(address + "/") for i in items)
    assert author_names(entry_titled(atom_feeds(output)["feeds/all.atom.xml"], "Story 1")) == [
        "Hana Okafor", "Benedikt Sørlie"]  # fmt: skip


def test_an_entrys_time_is_the_moment_its_page_gave(demo):
    """The page says 16:45 at UTC+1 (JSON-LD "2021-11-30T16:45:00+01:00"): the article's `Date:`
    kept 16:45 and dropped the offset, and its feed entry said 16:45 in UTC, an hour late."""
    [path] = (demo["root"] / "content" / "articles" / "2021").glob("halcyon-probe-sends-*.md")
    assert read_header(path)["date"] == "2021-11-30 16:45+01:00"
    feed = atom_feeds(demo["output"])["feeds/all.atom.xml"]
    entry = entry_titled(feed, "Halcyon probe sends first images from lunar orbit")
    assert entry.findtext(f"{A}published") == "2021-11-30T16:45:00+01:00"
    page = (demo["output"] / "2021" / path.stem / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2021-11-30T16:45+01:00"' in page and ">30 November 2021<" in page


def _saved_page(path: Path, text: str, modified: str = "") -> Path:
    """An invented saved page of the Fenwick Gazette, published on 3 March 2020 (and, where
    given, saying when it was modified)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stated = f'<meta property="article:modified_time" content="{modified}">' if modified else ""
    paragraph = (f"<p>The town council of Brellford voted to close the old ferry landing after "
                 f"engineers found cracks in its pilings. {text}</p>")  # fmt: skip
    path.write_text(
        '<html><head><title>Brellford closes ferry landing</title><link rel="canonical" '
        'href="https://fenwick.example/2020/ferry-landing"><meta property="og:site_name" '
        'content="Fenwick Gazette"><meta property="article:published_time" '
        f'content="2020-03-03T09:15:00+00:00">{stated}</head><body><article><h1>Brellford closes ferry '
        f"landing</h1>{paragraph * 3}</article></body></html>",
        encoding="utf-8",
    )
    return path


def test_a_corrected_article_is_updated_in_every_feed_it_is_in(tmp_path):
    """A correction imported in place (Revisions) left the entry's <updated> at the
    publication time: feed readers never showed it. It is the correction's time (the
    article's Modified) in the site's feed and the source's, and the feed's own <updated>;
    the build after the import writes the same feeds as a clean build."""
    root = new_archive(tmp_path / "archive")
    page = _saved_page(tmp_path / "in" / "ferry.html", "Residents said it came too late.")
    run_import([page], root=root, tag=False)
    build_site(root)
    _saved_page(page, "Correction: two councillors voted against, not none.")
    [outcome] = run_import([page], root=root, tag=False)
    assert outcome.status == "updated"
    modified = read_header(Path(outcome.path)).get("modified", "").replace(" ", "T")
    feeds = atom_feeds(build_site(root))
    for path in ("feeds/all.atom.xml", "sources/fenwick-gazette/atom.xml"):
        entry = entry_titled(feeds[path], "Brellford closes ferry landing")
        assert entry.findtext(f"{A}published") == "2020-03-03T09:15:00+00:00", path
        assert entry.findtext(f"{A}updated") > "2020-03-04", path  # (imported today)
        assert entry.findtext(f"{A}updated") == modified, path
        assert feeds[path].findtext(f"{A}updated") == entry.findtext(f"{A}updated"), path
    clean = new_archive(tmp_path / "clean")
    shutil.copytree(root / "content" / "articles", clean / "content" / "articles")
    rebuilt = {p: (root / "output" / p).read_bytes() for p in feeds}
    assert rebuilt == {p: (build_site(clean) / p).read_bytes() for p in feeds}


def test_a_correction_is_dated_by_the_time_its_page_states(tmp_path):
    """A corrected page that says when it was modified (article:modified_time, JSON-LD's
    dateModified) dates the correction by it, in its own offset, not by the day of import."""
    root = new_archive(tmp_path / "archive")
    page = _saved_page(tmp_path / "in" / "ferry.html", "Residents said it came too late.")
    run_import([page], root=root, tag=False)
    _saved_page(page, "Correction: two councillors voted against.", "2020-03-05T14:00:00+01:00")
    [outcome] = run_import([page], root=root, tag=False)
    assert read_header(Path(outcome.path))["modified"] == "2020-03-05 14:00:00+01:00"
    for path, feed in atom_feeds(build_site(root)).items():
        entry = entry_titled(feed, "Brellford closes ferry landing")
        assert entry.findtext(f"{A}updated") == "2020-03-05T14:00:00+01:00", path


def test_a_correction_to_an_old_article_reaches_the_corrections_feed(tmp_path):
    """The site's feed lists the newest articles by their date: a correction to a story of
    2015 (its Modified) reached no feed reader. feeds/corrections.atom.xml lists the
    corrected articles, the latest correction first; with none corrected it is an empty
    feed, the same on every build (feedgenerator dated it by the clock)."""
    root = new_archive(tmp_path / "archive")
    folder = root / "content" / "articles"
    for n in range(21):  # (the site's feed holds the newest 20)
        write_article(folder / "2020", n)
    output = build_site(root)
    empty = (output / "feeds" / "corrections.atom.xml").read_bytes()
    assert ET.fromstring(empty).findall(f"{A}entry") == []
    assert ET.fromstring(empty).findtext(f"{A}updated") == "1970-01-01T00:00:00+00:00"
    assert (build_site(root) / "feeds" / "corrections.atom.xml").read_bytes() == empty
    home = (output / "index.html").read_text(encoding="utf-8")
    assert 'title="News Archive: corrections" href="./feeds/corrections.atom.xml"' in home
    write_article(folder / "2015", 7, Date="2015-02-03 09:00", Title="Pier repairs approved",
                  Modified="2020-06-01 12:00+00:00", Revisions="1")  # fmt: skip
    write_article(folder / "2016", 8, Date="2016-02-03 09:00", Title="Ferry fares rise",
                  Modified="2019-01-01 12:00+00:00", Revisions="1")  # fmt: skip
    feeds = atom_feeds(build_site(root))
    corrections = feeds["feeds/corrections.atom.xml"]
    entries = corrections.findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == [
        "Pier repairs approved",
        "Ferry fares rise",
    ]
    assert entries[0].findtext(f"{A}updated") == "2020-06-01T12:00:00+00:00"
    assert corrections.findtext(f"{A}title") == "News Archive - Corrections"
    assert "Pier repairs approved" not in ET.tostring(feeds["feeds/all.atom.xml"], encoding="unicode")  # fmt: skip
