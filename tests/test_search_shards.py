"""Search index shards: a large archive's index in runs of years, re-indexed only where pages
changed; in a real browser, a cold search downloads only the first shard that can hold
matches (the years index and the filter counts say which, and how many more there are), and
every match is reached by asking for the other shards."""

from __future__ import annotations

import gc
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unicodedata
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, urljoin

import pytest
from conftest import (
    REPO,
    SHARED,
    build_site,
    needs_chromium,
    new_archive,
    our_settings,
    served,
    write_article,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive import check_links

sys.path.insert(0, str(REPO / "plugins"))
import search_index  # noqa: E402
from search_index import shards, unstopped_list_items  # noqa: E402

YEARS = [2012, 2013, 2014, 2015, 2016, 2017]
#: Real articles in many languages (shared, read at run time).
GROUND_TRUTH = SHARED / "benchmarks" / "extraction" / "ground-truth.json"


#: The most articles a shard of sharded_archive holds (its settings' SEARCH_SHARD_PAGES).
ARCHIVE_SHARD_PAGES = 5


def sharded_archive(root: Path, per_year: int = 2) -> Path:
    """Articles in six years, with settings that put at most five articles in a shard (two
    years, of two articles a year). The newest year's last article is dated in April, the
    others in March: the newest shard is indexed in two parts (its newest month apart)."""
    new_archive(root)
    for i, year in enumerate(YEARS):
        for j in range(per_year):
            n = i * per_year + j
            people = {0: "Ana Čapek", 8: "Ana Čapek", 9: "Ana Čapek", 5: "Solo Person"}
            extra = {"People": people[n]} if n in people else {}
            month = 4 if year == YEARS[-1] and j == per_year - 1 else 3
            write_article(root / "content" / "articles" / str(year), n,
                          Date=f"{year}-{month:02d}-{1 + j:02d} 10:00", Title=f"Harbour story {n}", **extra)  # fmt: skip
            path = root / "content" / "articles" / str(year) / f"story-{n}.md"
            path.write_text(
                path.read_text(encoding="utf-8").replace(
                    f"Body of story {n}.",
                    f"The harbour board met in {year} about berth {n}. "
                    + ("A lighthouse keeper spoke. " if n % 3 == 0 else ""),
                ),
                encoding="utf-8",
            )
    return our_settings(
        root / "sharded_pelicanconf.py", f"SEARCH_SHARD_PAGES = {ARCHIVE_SHARD_PAGES}\n"
    )


def shard_stamps(output: Path) -> dict[str, bytes]:
    """Each shard's years and the fingerprint of the pages it was indexed from."""
    return {p.parent.name: p.read_bytes() for p in (output / "pagefind").glob("*/newsarchive-shard.json")}  # fmt: skip


def folder_state(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under a folder, with its modification time and bytes (and the folder's own)."""
    state = {".": (folder.stat().st_mtime_ns, b"")}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            state[path.relative_to(folder).as_posix()] = (path.stat().st_mtime_ns, path.read_bytes())  # fmt: skip
    return state


def stamp_times(output: Path) -> dict[str, int]:
    """When each shard's bundle was last indexed (its entry file is Pagefind's: a bundle whose
    stamp was only relabelled keeps it)."""
    stamps = (output / "pagefind").glob("*/newsarchive-shard.json")
    return {p.parent.name: (p.parent / "pagefind-entry.json").stat().st_mtime_ns for p in stamps}


def years_map(output: Path, part: str = "years") -> dict:
    return json.loads((output / "pagefind" / part / "years.json").read_text())


def folder(root: Path, articles: int) -> Path:
    """A year folder with this many article pages (and a month page, which is not one)."""
    for n in range(articles):
        (root / f"story-{n}").mkdir(parents=True)
        (root / f"story-{n}" / "index.html").write_text("")
    (root / "03").mkdir(parents=True)
    (root / "03" / "index.html").write_text("")
    return root


def test_pagefind_is_started_as_its_binary_not_through_an_interpreter():
    """Each shard's run starts Pagefind's binary itself: `python -m pagefind` would start an
    interpreter only to find the binary and exec it."""
    command = search_index.pagefind_command("site", glob="2020/**/*.html", bundle="out")
    assert Path(command[0]).name in ("pagefind_extended", "pagefind")
    assert command[1:] == ["--site", "site", "--glob", "2020/**/*.html", "--output-path", "out"]
    version = subprocess.run([command[0], "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("pagefind ")


def test_the_newest_year_is_a_shard_of_its_own_and_the_others_are_packed_oldest_first(tmp_path):
    def planned(counts: dict[str, int], target: int) -> list[tuple[list[str], int]]:
        site = Path(tempfile.mkdtemp(dir=tmp_path))
        folders = {year: folder(site / year, n) for year, n in counts.items()}
        return [(shard.years, shard.pages) for shard in shards.plan(folders, target)]

    years = {"undated": 1, "2012": 2, "2013": 2, "2014": 2, "2015": 2, "2016": 2}
    assert planned(years, 4) == [
        (["undated", "2012"], 3), (["2013", "2014"], 4), (["2015"], 2), (["2016"], 2),
    ]  # fmt: skip
    # a new year: the year before it joins the packing, the shards before that keep theirs
    assert planned({**years, "2017": 1}, 4)[:2] == planned(years, 4)[:2]
    assert planned({**years, "2017": 1}, 4)[2:] == [(["2015", "2016"], 4), (["2017"], 1)]
    # smaller than a shard: one shard, with the newest year in it
    assert planned(years, 12) == [(list(years), 11)]
    assert planned(years, 11)[-1] == (["2016"], 2)
    # a year larger than a shard is a shard alone (a shard is whole years)
    assert planned({"2015": 1, "2016": 9, "2017": 1}, 3) == [(["2015"], 1), (["2016"], 9), (["2017"], 1)]  # fmt: skip
    assert shards.plan({}, 3) == []


def test_a_packed_shard_holds_at_most_the_target_unless_one_year_is_more(tmp_path):
    """A cold search downloads a whole shard: packed on until it held the target, a shard of
    the 20,000-article benchmark held three years (3,528 articles, 2,500 wanted), and "the"
    oldest first fetched 324 KB, over the search page's 300 KB budget."""
    site = tmp_path / "site"
    for year in range(2008, 2025):  # (the benchmark's years, at a hundredth of their articles)
        folder(site / str(year), 12)
    planned = shards.plan(shards.period_folders(site), 25)
    assert [shard.pages for shard in planned] == [24] * 8 + [12]
    assert [shard.years for shard in planned][:2] == [["2008", "2009"], ["2010", "2011"]]


def test_years_are_packed_oldest_first_into_shards(tmp_path):
    settings = sharded_archive(tmp_path)
    output = build_site(tmp_path, settings)
    manifest = json.loads((output / "pagefind" / "shards.json").read_text())
    assert [s["years"] for s in manifest] == [["2017"], ["2016"], ["2014", "2015"], ["2012", "2013"]]  # fmt: skip
    assert [s["articles"] for s in manifest] == [2, 2, 4, 4]
    # the newest in two parts: its year's earlier pages (March), its newest month's (April)
    assert [s.get("parts") for s in manifest] == [["2017/", "2017-recent/"], None, None, None]
    for shard in manifest:  # each bundle: its entry, metadata and chunks; no runtime of its own
        for path in shard.get("parts", [shard["path"]]):
            bundle = output / "pagefind" / path
            assert (bundle / "pagefind-entry.json").exists() and list(bundle.glob("*.pf_meta"))
            assert not list(bundle.glob("*.js")) and not list(bundle.glob("wasm.*"))
    assert (output / "pagefind" / "pagefind.js").exists()
    # the years index: a page with a section per year and bucket of counts, sharing the
    # runtime; in two parts, the newest shard's year apart from the others
    for part, years in (("years", YEARS[:-1]), ("years-newest", YEARS[-1:])):
        made = years_map(output, part)
        assert made["years"] == [str(y) for y in years] and made["layout"] == shards.YEARS_LAYOUT  # fmt: skip
        assert made["articles"] == {str(y): 2 for y in years} and made["bounds"] == list(shards.YEAR_WORD_BOUNDS)  # fmt: skip
        assert len(made["ends"]) == len(years) * len(
            shards.YEAR_WORD_BOUNDS
        )  # (Pagefind counted them)
        assert not list((output / "pagefind" / part).glob("*.js"))
        assert not (output / "pagefind" / part / "fragment").exists()  # words, not their text
    # the newest part's page starts with the past years' words (a word's matches not among
    # them are not in the past part, and Pagefind's nearest words there do not count)
    assert years_map(output, "years-newest")["settled"] > 0 and "settled" not in years_map(output)
    # filter counts per year, only for values that have a page (Solo Person has one article)
    counts = output / "pagefind" / "filters"
    years = [str(y) for y in YEARS]
    assert json.loads((counts / "person.json").read_text()) == {"years": years, "values": {"Ana Čapek": 3}}  # fmt: skip
    bucket = counts / "person" / f"{shards.filter_bucket('Ana Čapek')}.json"
    assert json.loads(bucket.read_text()) == {"years": years, "values": {"Ana Čapek": [0, 1, 4, 2]}}  # fmt: skip
    assert [p.name for p in (counts / "person").iterdir()] == [bucket.name]
    assert json.loads((counts / "year.json").read_text())["values"] == {y: 2 for y in years}


def test_a_rebuild_reindexes_only_the_shards_that_changed_and_matches_a_full_build(tmp_path):
    settings = sharded_archive(tmp_path / "a")
    output = build_site(tmp_path / "a", settings)
    stamps = stamp_times(output)
    years = {part: folder_state(output / "pagefind" / part) for part in ("years", "years-newest")}  # fmt: skip
    build_site(tmp_path / "a", settings)  # nothing changed: nothing re-indexed
    assert stamp_times(output) == stamps
    assert {part: folder_state(output / "pagefind" / part) for part in years} == years
    # an old article edited (words the past years have): its shard and the years index of
    # past years, not the newest's
    story = tmp_path / "a" / "content" / "articles" / "2012" / "story-0.md"
    story.write_text(story.read_text().replace("berth 0.", "berth 0 about the harbour."))
    build_site(tmp_path / "a", settings)
    after = stamp_times(output)
    assert [name for name in after if after[name] != stamps[name]] == ["2012-2013"]
    assert folder_state(output / "pagefind" / "years-newest") == years["years-newest"]
    assert folder_state(output / "pagefind" / "years") != years["years"]
    assert years_map(output)["sources"] != json.loads(years["years"]["years.json"][1])["sources"]
    # a word new to the past years: the newest part's list of their words changes too
    story.write_text(story.read_text().replace("berth 0 about", "berth 0 and a new crane about"))
    build_site(tmp_path / "a", settings)
    assert [name for name in stamp_times(output) if stamp_times(output)[name] != after[name]] == ["2012-2013"]  # fmt: skip
    assert years_map(output, "years-newest")["settled"] != json.loads(years["years-newest"]["years.json"][1])["settled"]  # fmt: skip
    # The same content built from scratch: the same shards, indexed from the same pages.
    # (Pagefind's own file names vary from run to run, so the stamps are what is compared.)
    shutil.copytree(tmp_path / "a" / "content", tmp_path / "b" / "content")
    fresh = build_site(tmp_path / "b", settings)
    assert shard_stamps(output) == shard_stamps(fresh)
    assert (output / "pagefind" / "shards.json").read_bytes() == (
        fresh / "pagefind" / "shards.json"
    ).read_bytes()


def test_a_year_whose_articles_are_all_deleted_leaves_the_index_as_a_clean_build_does(tmp_path):
    """Its list pages are still on disk while the index is planned (the build removes them
    after): they must not make a shard of their own, which Pagefind, finding no article page
    in it, would index whole, and whose results would lead to removed pages."""
    settings = sharded_archive(tmp_path / "a")
    output = build_site(tmp_path / "a", settings)
    shutil.rmtree(tmp_path / "a" / "content" / "articles" / str(YEARS[-1]))
    build_site(tmp_path / "a", settings)
    manifest = json.loads((output / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert str(YEARS[-1]) not in json.dumps(manifest)
    for bundle in (output / "pagefind").iterdir():
        for url in fragment_urls(bundle) if bundle.is_dir() else []:
            assert (output / url.strip("/") / "index.html").exists(), url
    shutil.copytree(tmp_path / "a" / "content", tmp_path / "b" / "content")
    fresh = build_site(tmp_path / "b", settings)
    assert shard_stamps(output) == shard_stamps(fresh)
    assert (output / "pagefind" / "shards.json").read_bytes() == (
        fresh / "pagefind" / "shards.json"
    ).read_bytes()


def fragment_urls(bundle: Path) -> list[str]:
    """The URLs of the pages a Pagefind bundle indexes (from its fragments)."""
    urls = []
    for fragment in bundle.glob("fragment/*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.append(json.loads(data[data.index(b"{") :])["url"])
    return sorted(urls)


def pagefind_tree(output: Path) -> dict[str, bytes]:
    """The files of the index Pagefind makes the same from the same pages: the manifest, the
    stamps, the pages' fragments, filter counts and years maps (its chunks, metadata and
    entry files, named by hashes that vary from run to run, the stamps stand for)."""
    root = output / "pagefind"
    found = {}
    for path in root.rglob("*"):
        relative = path.relative_to(root).as_posix()
        if (
            path.is_file()
            and (path.suffix == ".json" or "/fragment/" in relative)
            and path.name != "pagefind-entry.json"
        ):
            found[relative] = path.read_bytes()
    return found


def test_news_of_the_newest_month_reindexes_its_bundle_and_the_small_years_index_only(tmp_path):
    settings = sharded_archive(tmp_path / "a")
    output = build_site(tmp_path / "a", settings)
    stamps = stamp_times(output)
    earlier = folder_state(output / "pagefind" / "2017")
    past_years = folder_state(output / "pagefind" / "years")
    newest_years = folder_state(output / "pagefind" / "years-newest")
    assert fragment_urls(output / "pagefind" / "2017") == ["/2017/story-10/"]  # 1 March
    assert fragment_urls(output / "pagefind" / "2017-recent") == ["/2017/story-11/"]  # 2 April
    articles = tmp_path / "a" / "content" / "articles"
    write_article(articles / "2017", 20, Date="2017-04-20 10:00", Title="Harbour story 20")
    build_site(tmp_path / "a", settings)
    after = stamp_times(output)
    assert [name for name in after if after[name] != stamps[name]] == ["2017-recent"]
    assert fragment_urls(output / "pagefind" / "2017-recent") == ["/2017/story-11/", "/2017/story-20/"]  # fmt: skip
    # the year's earlier pages and the years index of past years are left as they were: not
    # a byte, not a modification time
    assert folder_state(output / "pagefind" / "2017") == earlier
    assert folder_state(output / "pagefind" / "years") == past_years
    assert folder_state(output / "pagefind" / "years-newest") != newest_years
    assert years_map(output, "years-newest")["articles"] == {"2017": 3}
    manifest = json.loads((output / "pagefind" / "shards.json").read_text())
    assert manifest[0] == {"path": "2017/", "years": ["2017"], "articles": 3, "parts": ["2017/", "2017-recent/"]}  # fmt: skip
    # a new year: 2017 joins the packing (its shard with 2016 indexed once, in one bundle),
    # 2018 stands alone, the shards before keep their boundaries and their index
    write_article(articles / "2018", 21, Date="2018-01-02 10:00", Title="Harbour story 21")
    build_site(tmp_path / "a", settings)
    manifest = json.loads((output / "pagefind" / "shards.json").read_text())
    assert [s["path"] for s in manifest] == ["2018/", "2016-2017/", "2014-2015/", "2012-2013/"]
    assert not any("parts" in s for s in manifest)  # (2018's one month: one bundle)
    rolled = stamp_times(output)
    assert {name: rolled[name] for name in ("2012-2013", "2014-2015")} == {name: stamps[name] for name in ("2012-2013", "2014-2015")}  # fmt: skip
    for gone in ("2016", "2017", "2017-recent"):
        assert not (output / "pagefind" / gone).exists()
    assert years_map(output)["years"] == [str(y) for y in YEARS]
    assert years_map(output, "years-newest")["years"] == ["2018"]
    # and all of it is what a build from scratch of the same content gives
    shutil.copytree(tmp_path / "a" / "content", tmp_path / "b" / "content")
    fresh = build_site(tmp_path / "b", settings)
    assert shard_stamps(output) == shard_stamps(fresh)
    for name in ("shards.json", "years/years.json", "years-newest/years.json"):
        assert (output / "pagefind" / name).read_bytes() == (fresh / "pagefind" / name).read_bytes()
    assert sorted(p.name for p in (output / "pagefind").iterdir()) == sorted(p.name for p in (fresh / "pagefind").iterdir())  # fmt: skip


def test_a_new_month_reindexes_its_quarter_and_a_new_quarter_or_back_dated_article_the_year(tmp_path):  # fmt: skip
    settings = sharded_archive(tmp_path / "a")
    output = build_site(tmp_path / "a", settings)
    articles = tmp_path / "a" / "content" / "articles" / "2017"

    def rebuilt(write) -> list[str]:
        before = stamp_times(output)
        write()
        build_site(tmp_path / "a", settings)
        after = stamp_times(output)
        return sorted(name for name in after.keys() | before.keys() if after.get(name) != before.get(name))  # fmt: skip

    def parts() -> dict[str, list[str]]:
        names = ("2017", "2017-recent")
        return {name: fragment_urls(output / "pagefind" / name) for name in names if (output / "pagefind" / name).exists()}  # fmt: skip

    def same_as_a_clean_build() -> None:
        shutil.rmtree(tmp_path / "b", ignore_errors=True)
        shutil.copytree(tmp_path / "a" / "content", tmp_path / "b" / "content")
        assert pagefind_tree(output) == pagefind_tree(build_site(tmp_path / "b", settings))

    # a back-dated article (February): the earlier pages' bundle, not the newest quarter's
    recent = folder_state(output / "pagefind" / "2017-recent")
    assert rebuilt(lambda: write_article(articles, 20, Date="2017-02-10 10:00", Title="Harbour story 20")) == ["2017"]  # fmt: skip
    assert folder_state(output / "pagefind" / "2017-recent") == recent
    assert parts() == {"2017": ["/2017/story-10/", "/2017/story-20/"], "2017-recent": ["/2017/story-11/"]}  # fmt: skip
    # the first article of a new month of the same quarter (May after April): the quarter's
    # bundle alone, as on any other day; the year's earlier pages are left as they were
    earlier = folder_state(output / "pagefind" / "2017")
    assert rebuilt(lambda: write_article(articles, 21, Date="2017-05-03 10:00", Title="Harbour story 21")) == ["2017-recent"]  # fmt: skip
    assert parts() == {"2017": ["/2017/story-10/", "/2017/story-20/"], "2017-recent": ["/2017/story-11/", "/2017/story-21/"]}  # fmt: skip
    assert folder_state(output / "pagefind" / "2017") == earlier
    # the newest article edited: the quarter's bundle alone
    story = articles / "story-21.md"
    assert rebuilt(lambda: story.write_text(story.read_text().replace("Body of story 21.", "A crane."))) == ["2017-recent"]  # fmt: skip
    # and what a build from scratch of the same content gives (the same bundles, from the
    # same pages, with the same fragments)
    same_as_a_clean_build()
    # the first article of a new quarter (July): the quarter before joins the earlier pages
    assert rebuilt(lambda: write_article(articles, 22, Date="2017-07-04 10:00", Title="Harbour story 22")) == ["2017", "2017-recent"]  # fmt: skip
    assert parts() == {"2017": ["/2017/story-10/", "/2017/story-11/", "/2017/story-20/", "/2017/story-21/"], "2017-recent": ["/2017/story-22/"]}  # fmt: skip
    same_as_a_clean_build()
    # the new quarter's article gone: the second quarter is the newest again
    (articles / "story-22.md").unlink()
    assert rebuilt(lambda: None) == ["2017", "2017-recent"]
    assert parts() == {"2017": ["/2017/story-10/", "/2017/story-20/"], "2017-recent": ["/2017/story-11/", "/2017/story-21/"]}  # fmt: skip
    same_as_a_clean_build()
    # one quarter left: the year is one bundle again (its stamp says so), the other removed;
    # its pages were the quarter's bundle's, but a bundle's folder is its own index
    for n in (10, 20):
        (articles / f"story-{n}.md").unlink()
    build_site(tmp_path / "a", settings)
    assert parts() == {"2017": ["/2017/story-11/", "/2017/story-21/"]}
    assert "parts" not in json.loads((output / "pagefind" / "shards.json").read_text())[0]
    assert json.loads((output / "pagefind" / "2017" / "newsarchive-shard.json").read_text())["parts"] == ["2017"]  # fmt: skip
    same_as_a_clean_build()


def test_a_year_of_one_bundle_keeps_its_index_when_a_new_quarter_makes_it_two(tmp_path):
    settings = sharded_archive(tmp_path / "a")
    articles = tmp_path / "a" / "content" / "articles" / "2017"
    (articles / "story-11.md").unlink()  # 2017: one March article, one bundle
    output = build_site(tmp_path / "a", settings)
    assert "parts" not in json.loads((output / "pagefind" / "shards.json").read_text())[0]
    index = {name: file for name, file in folder_state(output / "pagefind" / "2017").items() if name not in (".", shards.STAMP)}  # fmt: skip
    write_article(articles, 23, Date="2017-04-20 10:00", Title="Harbour story 23")
    build_site(tmp_path / "a", settings)
    # the same pages, now the earlier part: not indexed again, its stamp relabelled
    assert {name: file for name, file in folder_state(output / "pagefind" / "2017").items() if name not in (".", shards.STAMP)} == index  # fmt: skip
    assert json.loads((output / "pagefind" / "2017" / shards.STAMP).read_text())["parts"] == ["2017", "2017-recent"]  # fmt: skip
    assert fragment_urls(output / "pagefind" / "2017-recent") == ["/2017/story-23/"]


#: one_year_archive's articles: (number, date), January to June 2017.
ONE_YEAR = [(30, "2017-01-10"), (31, "2017-02-10"), (32, "2017-03-03"), (33, "2017-03-20"), (34, "2017-05-05"), (35, "2017-06-01"), (36, "2017-06-15")]  # fmt: skip


def one_year_archive(root: Path) -> Path:
    """An archive of one year, seven articles, with settings of at most two articles a
    shard: a researcher's archive of one busy year, which one Pagefind run would index whole
    (20,000 articles of one year: one run of 5.6 GB and 96 s, while the other core idles)."""
    new_archive(root)
    for n, day in ONE_YEAR:
        write_article(root / "content" / "articles" / "2017", n, Date=f"{day} 10:00", Title=f"Harbour story {n}")  # fmt: skip
    return our_settings(root / "one_year_pelicanconf.py", "SEARCH_SHARD_PAGES = 2\n")


def test_a_year_of_more_than_a_shard_is_indexed_in_parts_of_consecutive_months(tmp_path):
    settings = one_year_archive(tmp_path / "a")
    output = build_site(tmp_path / "a", settings)
    # its newest quarter apart (May and June), each side packed oldest month first into parts
    # of at most two articles (a month of more would be a part alone), named by first month
    manifest = json.loads((output / "pagefind" / "shards.json").read_text())
    assert manifest == [{"path": "2017/", "years": ["2017"], "articles": 7, "parts": ["2017/", "2017-03/", "2017-recent/", "2017-06/"]}]  # fmt: skip

    def parts() -> dict[str, list[str]]:
        return {name[:-1]: fragment_urls(output / "pagefind" / name[:-1]) for name in manifest[0]["parts"]}  # fmt: skip

    assert parts() == {
        "2017": ["/2017/story-30/", "/2017/story-31/"],
        "2017-03": ["/2017/story-32/", "/2017/story-33/"],
        "2017-recent": ["/2017/story-34/"],
        "2017-06": ["/2017/story-35/", "/2017/story-36/"],
    }
    # a day's news re-indexes the last part only; the parts before keep their pages (a
    # month of more than a part is cut in pieces, in page order)
    before = stamp_times(output)
    write_article(tmp_path / "a" / "content" / "articles" / "2017", 37, Date="2017-06-20 10:00", Title="Harbour story 37")  # fmt: skip
    build_site(tmp_path / "a", settings)
    after = stamp_times(output)
    assert [name for name in after if after[name] != before.get(name)] == ["2017-06-part2"]
    manifest = json.loads((output / "pagefind" / "shards.json").read_text())
    assert parts()["2017-06"] == ["/2017/story-35/", "/2017/story-36/"]
    assert parts()["2017-06-part2"] == ["/2017/story-37/"]
    # nothing changed: nothing indexed, and no page read to tell (its stamps say so)
    build_site(tmp_path / "a", settings)
    assert stamp_times(output) == after
    # and all of it is what a build from scratch gives
    shutil.copytree(tmp_path / "a" / "content", tmp_path / "b" / "content")
    assert pagefind_tree(output) == pagefind_tree(build_site(tmp_path / "b", settings))


def test_an_archive_of_undated_articles_is_indexed_in_parts(tmp_path):
    """Text dumps without dates: every article undated, one "year" (that was one Pagefind
    run for all of them), now cut in parts of at most the shard's size, in page order."""
    settings = one_year_archive(tmp_path)
    articles = tmp_path / "content" / "articles"
    shutil.rmtree(articles / "2017")
    for n in range(5):
        (articles / "undated").mkdir(parents=True, exist_ok=True)
        (articles / "undated" / f"story-{n}.md").write_text(
            f"Title: Harbour story {n}\nSlug: story-{n}\n\nThe harbour board met about berth {n}.\n",
            encoding="utf-8",
        )
    output = build_site(tmp_path, settings)
    [shard] = json.loads((output / "pagefind" / "shards.json").read_text())
    assert shard["parts"] == ["undated/", "undated-part2/", "undated-part3/"]
    found = [fragment_urls(output / "pagefind" / part) for part in shard["parts"]]
    assert found == [["/undated/story-0/", "/undated/story-1/"], ["/undated/story-2/", "/undated/story-3/"], ["/undated/story-4/"]]  # fmt: skip


def test_month_parts_fill_up_to_the_cap_in_month_order_and_keep_the_pages_order():
    def page(n: int, month: str | None) -> tuple:
        return ("2017", f"2017/story-{n}/index.html", "record", "raw", month)

    pages = [page(1, "2017-03"), page(2, None), page(3, "2017-01"), page(4, "2017-03"), page(5, "2017-02")]  # fmt: skip
    named = {name: [p[1][11:-11] for p in part] for name, part in shards.month_parts("2017", pages, 3)}  # fmt: skip
    assert named == {"2017": ["2", "3", "5"], "2017-03": ["1", "4"]}
    assert [name for name, _ in shards.month_parts("2017", pages, 1)] == ["2017", "2017-01", "2017-02", "2017-03", "2017-03-part2"]  # fmt: skip
    assert shards.month_parts("2017", [], 3) == [("2017", [])]
    # an archive of text dumps without dates: its undated pages in pieces, in page order
    undated = [
        ("undated", f"undated/story-{n}/index.html", "record", "raw", None) for n in range(5)
    ]
    named = {name: [p[1][14:-11] for p in part] for name, part in shards.month_parts("undated", undated, 2)}  # fmt: skip
    assert named == {"undated": ["0", "1"], "undated-part2": ["2", "3"], "undated-part3": ["4"]}


def test_the_newest_shard_is_split_at_its_newest_quarter_read_from_each_pages_date(tmp_path):
    def page(month: str | None, body: bool = True) -> bytes:
        date = f'<time datetime="{month}-11T15:11" data-pagefind-meta="date" data-pagefind-sort="date[datetime]">' if month else ""  # fmt: skip
        mark = " data-pagefind-body" if body else ""
        return f'<html><body><article{mark}><p class="meta" data-pagefind-ignore>{date}</p></article></body></html>'.encode()  # fmt: skip

    assert shards.page_month(page("2017-04")) == "2017-04"
    assert shards.page_month(page(None)) is None
    # only the element Pagefind sorts by date with says the page's month
    assert shards.page_month(b'<time datetime="2017-04-01">x</time>' + page(None)) is None
    site = tmp_path / "output"
    pages = {"story-1": page("2017-03"), "story-2": page("2017-04"), "story-3": page(None),
             "story-4": page("2017-04"), "04": page("2017-05", body=False)}  # fmt: skip
    for name, data in pages.items():
        (site / "2017" / name).mkdir(parents=True)
        (site / "2017" / name / "index.html").write_bytes(data)
    shard = shards.Shard(years=["2017"], folders=[site / "2017"])
    records: dict = {}
    bundles = shards.shard_bundles(shard, shards.read_pages(shard, records), split=True)
    # the newest quarter of its indexed pages apart; an undated page with the earlier ones;
    # a page Pagefind does not index (a month's list) in neither
    assert [(b.name, b.pages) for b in bundles] == [
        ("2017", ["2017/story-1/index.html", "2017/story-3/index.html"]),
        ("2017-recent", ["2017/story-2/index.html", "2017/story-4/index.html"]),
    ]
    assert records["2017/story-2/index.html"][2] == "2017-04"  # kept: not read again
    assert [b.stamp["parts"] for b in bundles] == [["2017", "2017-recent"]] * 2
    # the years' summaries see the whole year, whichever bundle a page is in
    assert shards.shard_stamp(shard, [b.stamp for b in bundles])["year_fingerprints"].keys() == {"2017"}  # fmt: skip
    # the newest month's whole quarter is the recent part (June's: April, May and June)
    for name, month in (("story-5", "2017-05"), ("story-6", "2017-06")):
        (site / "2017" / name).mkdir(parents=True)
        (site / "2017" / name / "index.html").write_bytes(page(month))
    june = shards.shard_bundles(shard, shards.read_pages(shard, records), split=True)
    assert [(b.name, b.pages) for b in june] == [
        ("2017", ["2017/story-1/index.html", "2017/story-3/index.html"]),
        ("2017-recent", ["2017/story-2/index.html", "2017/story-4/index.html", "2017/story-5/index.html", "2017/story-6/index.html"]),
    ]  # fmt: skip
    for name in ("story-1", "story-3", "story-5", "story-6"):
        shutil.rmtree(site / "2017" / name)
    # one bundle when either part would be empty, or for a shard that is not the newest
    alone = shards.shard_bundles(shard, shards.read_pages(shard, records), split=True)
    assert [(b.name, b.pages, b.stamp["parts"]) for b in alone] == [("2017", None, ["2017"])]
    packed = shards.shard_bundles(shard, shards.read_pages(shard, records), split=False)
    assert [(b.name, b.pages, "parts" in b.stamp) for b in packed] == [("2017", None, False)]
    # a tree of links to the pages, at the same paths, removed afterwards
    with shards.linked_pages(site, ["2017/story-2/index.html"], tmp_path / "linked") as tree:
        assert [p.relative_to(tree).as_posix() for p in tree.rglob("*.html")] == ["2017/story-2/index.html"]  # fmt: skip
        assert (tree / "2017/story-2/index.html").stat().st_ino == (site / "2017/story-2/index.html").stat().st_ino  # fmt: skip
    assert list((tmp_path / "linked").iterdir()) == []


def test_a_name_getting_its_first_page_reindexes_only_the_shards_whose_records_changed(tmp_path):
    # Solo Person is named in one article of 2014: a tag without a page. A new article of
    # 2017 names them again: they get a page, and the 2014 article's chip becomes a link. That
    # page is rewritten, but what Pagefind reads of it (its text, filters, metadata) is the
    # same: only the bundle holding the new article (the newest month's) is indexed again.
    settings = sharded_archive(tmp_path / "a")
    output = build_site(tmp_path / "a", settings)
    old_page = output / "2014" / "story-5" / "index.html"
    before = old_page.read_bytes()
    assert b'<span data-pagefind-filter="person">Solo Person</span>' in before
    stamps = {p.parent.name: p.stat().st_mtime_ns for p in (output / "pagefind").glob("*/newsarchive-shard.json")}  # fmt: skip
    menu = json.loads((output / "pagefind" / "filters" / "person.json").read_text())
    assert "Solo Person" not in menu["values"]
    summaries = {p.name: p.read_bytes() for p in (tmp_path / "a" / "cache").glob("search-index-*-years/*.json")}  # fmt: skip
    write_article(tmp_path / "a" / "content" / "articles" / "2017", 99, Date="2017-04-10 10:00",
                  Title="Harbour story 99", People="Solo Person")  # fmt: skip
    build_site(tmp_path / "a", settings)
    after_page = old_page.read_bytes()
    assert after_page != before and b'data-pagefind-filter="person">Solo Person</a>' in after_page
    assert shards.search_record(after_page) == shards.search_record(before)
    after = {p.parent.name: p.stat().st_mtime_ns for p in (output / "pagefind").glob("*/newsarchive-shard.json")}  # fmt: skip
    assert [name for name in after if after[name] != stamps[name]] == ["2017-recent"]
    # the years' summaries (for the years index and filter counts): made again for 2017 only
    again = {p.name: p.read_bytes() for p in (tmp_path / "a" / "cache").glob("search-index-*-years/*.json")}  # fmt: skip
    assert sorted(n for n in summaries if again[n] != summaries[n]) == ["2017-pages.json", "2017.json", "records.json"]  # fmt: skip
    # the menus follow the pages: Solo Person is listed now, with both articles
    menu = json.loads((output / "pagefind" / "filters" / "person.json").read_text())
    assert menu["values"]["Solo Person"] == 2
    # and it all is what a build from scratch gives: the same shards from the same records,
    # the same per-page entries (content-addressed), filter counts and years index
    shutil.copytree(tmp_path / "a" / "content", tmp_path / "b" / "content")
    fresh = build_site(tmp_path / "b", settings)
    assert shard_stamps(output) == shard_stamps(fresh)
    for name in ("shards.json", "years/years.json", "years-newest/years.json"):
        assert (output / "pagefind" / name).read_bytes() == (fresh / "pagefind" / name).read_bytes()

    def tree(root: Path, pattern: str) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.glob(pattern) if p.is_file()}  # fmt: skip

    assert tree(output / "pagefind", "filters/**/*") == tree(fresh / "pagefind", "filters/**/*")
    assert tree(output / "pagefind", "*/fragment/*") == tree(fresh / "pagefind", "*/fragment/*")


def test_a_year_is_summarised_again_reading_only_the_pages_whose_records_changed(
    tmp_path, monkeypatch
):
    # The newest year's summary is made again for every day's news: its pages' readings are
    # kept, and only a page whose search record changed (a new one, an edited one) is read.
    # The records come from read_pages, which reads only files not as it last saw them.
    settings = sharded_archive(tmp_path, per_year=4)
    output = build_site(tmp_path, settings)
    shard = shards.Shard(years=["2017"], folders=[output / "2017"])
    records: dict = {}
    shards.read_pages(shard, records)
    kept: dict = {}
    first = shards.summarise_year(output / "2017", records, kept)
    assert len(kept) == 4 and first == shards.summarise_year(output / "2017")
    edited = output / "2017" / "story-20" / "index.html"
    edited.write_bytes(edited.read_bytes().replace(b"The harbour board", b"The quayside board"))
    (output / "2017" / "story-21").rename(output / "2017" / "story-99")  # a new page, one gone
    reads, opened = [], []
    read_article, read_bytes = shards.read_article, Path.read_bytes
    monkeypatch.setattr(shards, "read_article", lambda page: reads.append(1) or read_article(page))  # fmt: skip
    monkeypatch.setattr(Path, "read_bytes", lambda path: opened.append(path.parent.name) or read_bytes(path))  # fmt: skip
    shards.read_pages(shard, records)
    assert sorted(opened) == ["story-20", "story-99"]  # the rest were as recorded
    opened.clear()
    again = shards.summarise_year(output / "2017", records, kept)
    assert len(reads) == 2 and sorted(opened) == ["story-20", "story-99"]
    monkeypatch.undo()
    assert again == shards.summarise_year(output / "2017")
    assert again[0]["quayside"] == 1 and again[2] == 4
    assert sorted(kept) == sorted(f"2017/{n}/index.html" for n in ("story-20", "story-22", "story-23", "story-99"))  # fmt: skip


def test_indexing_at_the_end_of_a_build_from_scratch_reads_no_page_to_tell_what_changed(
    tmp_path, monkeypatch
):
    # A build from scratch (no stamp of an indexing that ended) indexes every shard whatever
    # changed: the pages it wrote are not read to tell (search_index.changed_pages read each
    # of them), and the pages are read with the cycle collector paused.
    settings = sharded_archive(tmp_path)
    output = build_site(tmp_path, settings)
    asked, collecting = [], []
    changed_pages, run_pagefind = search_index.changed_pages, search_index.run_pagefind
    monkeypatch.setattr(search_index, "changed_pages", lambda *a: asked.append(1) or changed_pages(*a))  # fmt: skip
    monkeypatch.setattr(search_index, "run_pagefind", lambda c: collecting.append(gc.isenabled()) or run_pagefind(c))  # fmt: skip
    written = sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))
    build = {"CACHE_PATH": str(tmp_path / "fresh-cache"), "SEARCH_SHARD_PAGES": ARCHIVE_SHARD_PAGES,
             "OUTPUT_CHANGES": written, "OUTPUT_REMOVED": []}  # fmt: skip
    before = pagefind_tree(output)
    shutil.rmtree(output / "pagefind")
    search_index.build_index(SimpleNamespace(settings=build, output_path=str(output)))
    assert asked == [] and collecting and not any(collecting) and gc.isenabled()

    def indexed(tree: dict) -> dict:  # (the filter menus follow the build's entity pages)
        return {path: data for path, data in tree.items() if not path.startswith("filters/")}

    assert indexed(pagefind_tree(output)) == indexed(before)  # the index the build made
    # with the stamp of that indexing, the next build asks which pages changed
    search_index.build_index(SimpleNamespace(settings=build, output_path=str(output)))
    assert asked == [1]


def test_an_article_page_is_read_as_a_parser_reads_it(demo):
    """The years' summaries read article pages with regular expressions: on every page of the
    demo archive they give exactly the words and filters an HTML parser gives."""
    pages = [p.read_bytes() for p in sorted(demo["output"].glob("*/*/index.html"))]
    read = [(page, shards._body(page)) for page in pages]
    read = [(page, found) for page, found in read if found]
    assert len(read) >= 15
    for page, found in read:
        assert shards.read_article(page) == shards._parsed_article(page, found)


@pytest.mark.parametrize(
    "unusual",
    ["", '<h2 title="a > b">Title</h2>', "<div data-pagefind-ignore><div>inner</div> out</div>",
     '<img src="x.png" alt="x">', "<!-- note -->"],
)  # fmt: skip
def test_any_body_is_read_as_a_parser_reads_it(unusual):
    """What the expressions cannot be sure of is parsed: the words are always the parser's."""
    page = (
        "<html><body><article data-pagefind-body><h1>Tom &amp; Jerry</h1>"
        f"<p>One<b>two</b> three&nbsp;four.</p>{unusual}"
        '<p class="m" data-pagefind-ignore><time data-pagefind-meta="date">1 May 2020</time>'
        '<a data-pagefind-filter="person" data-pagefind-meta="who:Ana Čapek">A</a></p>'
        "<p>Café</p></article></body></html>"
    ).encode()
    words, filters = shards.read_article(page)
    assert (words, filters) == shards._parsed_article(page, shards._body(page))
    # (a parser's text runs the elements' texts together: "Tom & Jerry" + "One" + "two")
    assert {"tom", "jerryonetwo", "three", "four", "may", "ana", "čapek", "capek"} <= words
    assert filters == [("person", "A")] and "inner" not in words


def test_a_search_record_keeps_what_pagefind_reads_and_drops_what_it_ignores():
    page = (
        '<html lang="en"><head><meta name="description" content="Sum." data-pagefind-meta="summary[content]"></head>'
        '<body><article class="story" data-pagefind-body><h1 data-pagefind-meta="title">T</h1>'
        '<p class="meta" data-pagefind-ignore>3 min read</p><div class="body"><p>Text.</p></div>'
        '<nav class="tags" data-pagefind-ignore><p class="chips">{chip}</p></nav>'
        '<section class="related" data-pagefind-ignore><ul><li><a href="../x/">X</a></li></ul></section>'
        "</article></body></html>"
    )
    chip = '<span class="chip" data-pagefind-filter="person">Ana</span>'
    link = '<a class="chip" href="../../people/ana/" data-pagefind-filter="person">Ana</a>'
    record = shards.search_record(page.format(chip=chip).encode())
    # what Pagefind does not read: a chip made a link, the related list, the reading time
    same = [
        page.format(chip=link),
        page.format(chip=chip).replace('href="../x/">X', 'href="../y/">Y'),
        page.format(chip=chip).replace("3 min read", "4 min read"),
    ]
    assert all(shards.search_record(p.encode()) == record for p in same)
    # what it reads: the text, a filter value or name, metadata (in the body or not), lang
    different = [
        page.format(chip=chip).replace("Text.", "Other text."),
        page.format(chip=chip.replace(">Ana<", ">Ana B<")),
        page.format(chip=chip.replace("person", "topic")),
        page.format(chip=chip + '<span data-pagefind-meta="x">y</span>'),
        page.format(chip=chip).replace('content="Sum."', 'content="Other."'),
        page.format(chip=chip).replace('lang="en"', 'lang="fr"'),
        page.format(chip='<span data-pagefind-filter="person">Ana <b>B</b></span>'),
    ]
    assert (
        len({shards.search_record(p.encode()) for p in [page.format(chip=chip), *different]}) == 8
    )
    # what it cannot tell apart safely is kept whole: a comment, an image, an unquoted
    # attribute, an element of the same name inside a mark
    for odd in ("<!-- a -->", '<img src="a.png" alt="">', "<span data-pagefind-filter=person>Ana</span>",
                '<span data-pagefind-filter="person"><span>Ana</span></span>'):  # fmt: skip
        text = page.format(chip=chip + odd)
        assert odd.encode() in shards.search_record(text.encode())
    assert shards.search_record(b"<html><body><p>No body mark.</p></body></html>") is None


#: _UNMASKABLE as it was written before it passed over tags by their first letter.
UNMASKABLE_BEFORE = re.compile(
    rb"<!--|<!\[CDATA|<(?:script|style|textarea|template|title|xmp|plaintext|noscript|iframe|noembed|noframes|img|svg|math)\b",
    re.I,
)
UNMASKABLE_PIECES = [
    *"<>!-[/ \n", "<!--", "<![CDATA[", "<!doctype html>", "<SCRIPT>", "<scripts>", "<Img src=x>",
    "<math", "<p>", "<svg/>", "<x-p>", "<noframes ", "<iframe\n", "< img>", "<b>", "<STYLE",
    "<titles>", "<title>", "<t", "<m", "<n", "data", "é",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(UNMASKABLE_PIECES), max_size=20), st.integers(0, 5))
def test_unmaskable_markup_is_found_where_the_plain_expression_finds_it(pieces, at):
    html = "".join(pieces).encode()
    found = shards._UNMASKABLE.search(html, at)
    before = UNMASKABLE_BEFORE.search(html, at)
    assert (found and found.span()) == (before and before.span())


#: An element marked data-pagefind-ignore, to the first closing tag of its name, in one
#: expression: what shards._ignored_elements finds, faster.
IGNORED_ELEMENT = re.compile(
    rb"<([a-zA-Z][\w-]*)(\s[^>]*\bdata-pagefind-ignore\b[^>]*)>.*?</\1\s*>", re.S | re.I
)


def test_marked_tags_are_found_from_their_marks_as_the_expressions_find_them_at_every_tag():
    # search_record looks for the tags carrying a mark from where the mark's text is, not by
    # trying its expression at every tag: the same tags, on markup made to tell them apart
    pieces = [
        '<p class="meta" data-pagefind-ignore>a</p>', "<P DATA-PAGEFIND-IGNORE>b</P>",
        '<a title="x<y" data-pagefind-filter="person">Ana</a>', "data-pagefind-filter in text",
        '<span class="not-data-pagefind-ignore">c</span>', "<b>d</b> <i data-pagefind-ignored>e</i>",
        '<div data-pagefind-ignore><span data-pagefind-meta="m">f</span></div>',
        '<nav x="1" data-pagefind-ignore="all"><p>g</p>', "<x-y\ndata-pagefind-sort=\"s\">h</x-y>",
        '<em data-pagefind-filter="topic">', "> < data-pagefind-ignore>", "</nav>", "<br data-pagefind-filter=\"x\">",
        '<i title="<b data-pagefind-ignore>">k</b>',
    ]  # fmt: skip
    for n in range(len(pieces)):
        for html in ("".join(pieces[n:] + pieces[:n]).encode(), "".join(reversed(pieces[:n])).encode()):  # fmt: skip
            for pattern, seen, mark in ((shards._MARKED_TAG, html, b"data-pagefind-"),
                                        (IGNORED_ELEMENT, html.lower(), shards._IGNORE)):  # fmt: skip
                for at in (0, 7):
                    found = [m.span() for m in shards._found_tags(pattern, html, seen, mark, at)]
                    assert found == [m.span() for m in pattern.finditer(html, at)], html
            elements = [(tag.start(), end) for tag, end in shards._ignored_elements(html)]
            assert elements == [m.span() for m in IGNORED_ELEMENT.finditer(html)], html


@pytest.fixture(scope="module")
def sharded_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("sharded")
    with served(build_site(root, sharded_archive(root))) as url:
        yield url


def titles(page) -> list[str]:
    page.wait_for_selector("#search[data-state=done]")
    return [h.inner_text() for h in page.query_selector_all("#search-results h2")]


def shard_of(url: str) -> str:
    """The folder under pagefind/ a request fetched from ("" for the shared files)."""
    rest = url.split("/pagefind/", 1)[1]
    return rest.split("/")[0] if "/" in rest else ""


def watch(page) -> tuple[list, list]:
    errors, fetched = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # (a CSP refusal is a console error; a missing file is left to each test to judge)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and not m.text.startswith("Failed to load resource") else None)  # fmt: skip
    page.on("requestfinished", lambda r: fetched.append((r.url, r.sizes()["responseBodySize"])) if "/pagefind/" in r.url else None)  # fmt: skip
    return errors, fetched


@needs_chromium
def test_a_year_in_parts_is_searched_as_one_index(browser, tmp_path):
    root = tmp_path / "site"
    with served(build_site(root, one_year_archive(root))) as url:
        page = browser.new_page()
        errors, fetched = watch(page)
        page.goto(f"{url}/search/?q=harbour&sort=newest")
        newest = [f"Harbour story {n}" for n, _ in reversed(ONE_YEAR)]
        assert titles(page) == newest
        assert {shard_of(url) for url, _ in fetched} == {"", "2017", "2017-03", "2017-recent", "2017-06"}  # fmt: skip
        page.goto(f"{url}/search/?q=harbour&sort=oldest")
        assert titles(page) == newest[::-1]
        page.goto(f"{url}/search/?q=harbour")
        assert sorted(titles(page)) == sorted(newest)
        assert errors == []
        page.close()


@needs_chromium
@pytest.mark.parametrize("base", ["", "/repo"])
def test_a_cold_search_downloads_one_shard_and_every_result_is_reachable(browser, sharded_server, base):  # fmt: skip
    page = browser.new_page()
    errors, fetched = watch(page)
    page.goto(f"{sharded_server}{base}/search/?q=harbour&sort=newest")
    assert titles(page) == ["Harbour story 11", "Harbour story 10"]
    # one shard (the newest, in its two parts: story 11 is in its newest month's) and the
    # years index's two parts; the other shards are not touched
    assert {shard_of(url) for url, _ in fetched} == {"", "years", "years-newest", "2017", "2017-recent"}  # fmt: skip
    assert page.inner_text("#search-status").startswith("2 articles for “harbour” in 2017")
    note = page.inner_text("#search-scope")
    assert "About 10 more articles may match in 2012–2016, not searched yet." in note
    # every result found is shown: "More results" under the list searches the next shard
    assert page.inner_text("#search-more") == "More results: search 2016 too"
    page.click("#search-more")  # the URL says how far the search reached
    page.wait_for_url("**since=2016**")
    assert len(titles(page)) == 4
    assert {shard_of(url) for url, _ in fetched} == {"", "years", "years-newest", "2017", "2017-recent", "2016"}  # fmt: skip
    assert "About 8 more articles may match in 2012–2015" in page.inner_text("#search-scope")
    assert page.query_selector("#search-all-years")  # two shards left: both buttons
    page.click("#search-further")
    page.wait_for_url("**since=2014**")
    assert len(titles(page)) == 8
    assert "About 4 more articles may match in 2012–2013" in page.inner_text("#search-scope")
    assert page.query_selector("#search-all-years") is None  # one shard left: one button
    page.click("#search-further")
    page.wait_for_url("**since=2012**")
    page.wait_for_selector("#search-results li:nth-child(12)")  # (the CSP forbids eval)
    assert page.inner_text("#search-status") == "12 articles for “harbour”"
    assert page.is_hidden("#search-scope")
    assert page.is_hidden("#search-more")  # (reaching further shows a page more: the rest)
    found = [h.inner_text() for h in page.query_selector_all("#search-results h2")]
    assert found == [f"Harbour story {n}" for n in range(11, -1, -1)]  # newest first, all
    # four shards, one runtime: the script and the WebAssembly are downloaded once (the
    # other shards ask for the same address and get it from the browser's cache)
    wasm = [(url, size) for url, size in fetched if url.rsplit("/", 1)[-1].startswith("wasm.")]
    assert {url.split("/pagefind/")[1] for url, _ in wasm} == {"wasm.en.pagefind"}
    assert sorted(size > 0 for _, size in wasm) == [False] * (len(wasm) - 1) + [True]
    assert len([url for url, _ in fetched if url.endswith("/pagefind.js")]) == 1
    # a bookmarked search that reached every year is restored as it was
    page.goto(f"{sharded_server}{base}/search/?q=harbour&sort=oldest&all=1")
    assert titles(page)[:2] == ["Harbour story 0", "Harbour story 1"]  # 2012 first
    assert page.inner_text("#search-status").startswith("12 articles")
    page.click("#search-more")
    page.wait_for_selector("#search-results li:nth-child(12)")
    found = [h.inner_text() for h in page.query_selector_all("#search-results h2")]
    assert found == [f"Harbour story {n}" for n in range(12)]  # oldest first, all
    page.goto(f"{sharded_server}{base}/search/?q=harbour&sort=oldest")
    assert titles(page) == [f"Harbour story {n}" for n in range(4)]
    assert "About 8 more articles may match in 2014–2017" in page.inner_text("#search-scope")
    page.goto(f"{sharded_server}{base}/search/?q=lighthouse&all=1")
    assert sorted(titles(page)) == ["Harbour story 0", "Harbour story 3", "Harbour story 6", "Harbour story 9"]  # fmt: skip
    assert errors == []
    page.close()


@needs_chromium
def test_sorting_a_search_of_every_year_still_searches_every_year(browser, sharded_server):
    """Choosing "Search every year", then "Oldest first": the same matches in another order. The
    page searched the oldest shard alone again (4 of 12): the reader's choice was lost."""
    page = browser.new_page()
    errors, _ = watch(page)
    page.goto(f"{sharded_server}/search/?q=harbour&sort=newest")
    assert len(titles(page)) == 2
    page.click("#search-all-years")
    page.wait_for_url("**all=1**")
    page.wait_for_selector("#search-results li:nth-child(10)")
    assert page.inner_text("#search-status") == "12 articles for “harbour”"
    page.select_option("select[name=sort]", "oldest")
    page.wait_for_url("**sort=oldest**")
    assert titles(page) == [f"Harbour story {n}" for n in range(10)]
    assert page.inner_text("#search-status") == "12 articles for “harbour”"
    assert "all=1" in page.url and page.is_hidden("#search-scope")
    # other words or a filter are another search: it starts with its first shard again
    page.fill("#search-q", "lighthouse")
    page.press("#search-q", "Enter")
    page.wait_for_url("**q=lighthouse**")
    titles(page)
    assert "all=1" not in page.url
    assert errors == []
    page.close()


@needs_chromium
@pytest.mark.parametrize("button", ["#search-further", "#search-all-years"])
def test_the_buttons_searching_more_years_leave_the_focus_on_the_first_result_added(browser, sharded_server, button):  # fmt: skip
    """The buttons "Search 2014–2015 too" and "Search every year", pressed from the keyboard,
    went with the search they started, and the focus with them to the top of the page: a
    keyboard or screen reader user had to find the list again from the start."""
    page = browser.new_page()
    errors, _ = watch(page)
    page.goto(f"{sharded_server}/search/?q=harbour&sort=newest&since=2016")
    before = titles(page)
    assert len(before) == 4
    page.focus(button)
    page.keyboard.press("Enter")
    page.wait_for_url("**all=1**" if button == "#search-all-years" else "**since=2014**")
    after = titles(page)
    assert after[:4] == before and len(after) > 4
    assert page.evaluate("document.activeElement.textContent") == after[4]
    assert errors == []
    page.close()


@needs_chromium
@pytest.mark.parametrize("sort", ["newest", ""])
def test_more_results_past_a_shard_keeps_what_was_shown_and_adds_the_next_shards(browser, tmp_path, sort):  # fmt: skip
    """With more results in a shard than a page shows, "More results: search 2016 too" ran the
    search again for as many results as were shown: the same ones (in order of relevance,
    partly others, reshuffled), and nothing added."""
    root = tmp_path / "site"
    with served(build_site(root, sharded_archive(root, per_year=12))) as url:
        page = browser.new_page()
        errors, _ = watch(page)
        page.goto(f"{url}/search/?q=harbour&sort={sort}")
        titles(page)
        page.click("#search-more")
        page.wait_for_selector("#search-results li:nth-child(12)")
        shown = [h.inner_text() for h in page.query_selector_all("#search-results h2")]
        assert len(shown) == 12  # the newest shard's (2017) all
        assert page.inner_text("#search-more") == "More results: search 2016 too"
        page.click("#search-more")
        page.wait_for_url("**since=2016**")
        page.wait_for_selector("#search-results li:nth-child(22)")
        now = [h.inner_text() for h in page.query_selector_all("#search-results h2")]
        assert now[:12] == shown and len(now) == 22
        of_2016 = [f"Harbour story {n}" for n in range(59, 47, -1)]  # (newest first)
        assert set(now[12:]) < set(of_2016) and len(set(now)) == 22
        if sort == "newest":
            assert now[12:] == of_2016[:10]
        # the first result added has the focus: a keyboard user goes on from there
        assert page.evaluate("document.activeElement.textContent") == now[12]
        assert errors == []
        page.close()


@needs_chromium
@pytest.mark.parametrize("sort", ["", "oldest"])
def test_a_word_of_one_year_goes_straight_to_its_shard_and_no_match_costs_no_shard(browser, sharded_server, sort):  # fmt: skip
    page = browser.new_page()
    errors, fetched = watch(page)
    # only the stories of 2013 name their year: found by the past years' part of the years
    # index, the newest shard (2017) not downloaded
    page.goto(f"{sharded_server}/search/?q=2013&sort={sort}")
    assert sorted(titles(page)) == ["Harbour story 2", "Harbour story 3"]
    assert {shard_of(url) for url, _ in fetched} == {"", "years", "years-newest", "2012-2013"}
    assert page.inner_text("#search-status") == "2 articles for “2013”"
    assert page.is_hidden("#search-scope")  # the years index says no other year has it
    # only the newest year's: found by its own part, no past shard downloaded, even oldest first
    fetched.clear()
    page.goto(f"{sharded_server}/search/?q=2017&sort={sort}")
    assert sorted(titles(page)) == ["Harbour story 10", "Harbour story 11"]
    assert {shard_of(url) for url, _ in fetched} <= {"", "years", "years-newest", "2017", "2017-recent"}  # fmt: skip
    assert page.inner_text("#search-status") == "2 articles for “2017”"
    assert page.is_hidden("#search-scope")
    # in past years only, none in the newest: its shard is skipped, the rest counted
    fetched.clear()
    page.goto(f"{sharded_server}/search/?q=lighthouse&sort={sort}")
    found, searched, rest = {
        "": (["Harbour story 9"], "2016", "About 3 more articles may match in 2012–2015"),
        "oldest": (["Harbour story 0", "Harbour story 3"], "2012–2013", "About 2 more articles may match in 2014–2016"),
    }[sort]  # fmt: skip
    assert titles(page) == found
    assert not {"2017", "2017-recent"} & {shard_of(url) for url, _ in fetched}
    assert page.inner_text("#search-status") == f"{len(found)} article{'s' if len(found) > 1 else ''} for “lighthouse” in {searched}"  # fmt: skip
    assert page.inner_text("#search-scope").startswith(f"{rest}, not searched yet.")
    fetched.clear()
    page.goto(f"{sharded_server}/search/?q=zeppelin")
    assert titles(page) == []
    assert page.inner_text("#search-status") == "0 articles for “zeppelin”"
    # (and the lists of names with pages, for a name spelled otherwise: no shard's files)
    assert {shard_of(url) for url, _ in fetched} <= {"", "years", "years-newest", "filters"}
    names = {url.split("/pagefind/")[1] for url, _ in fetched if shard_of(url) == "filters"}
    assert names <= {f"filters/{key}.json" for key in ("person", "place", "organisation", "topic")}
    # nor beside a word that is there, nor misspelt: nothing left to search either
    for q in ("harbour zeppelin", "harbuor", "lighthuose"):
        page.goto(f"{sharded_server}/search/?q={quote(q)}")
        assert titles(page) == [], q
        assert page.inner_text("#search-status") == f"0 articles for “{q}”"
        assert page.is_hidden("#search-scope"), page.inner_text("#search-scope")
    assert errors == []
    page.close()


@needs_chromium
def test_filter_counts_match_pagefind_and_scope_a_filtered_search(browser, sharded_server):
    page = browser.new_page()
    errors, fetched = watch(page)
    page.goto(f"{sharded_server}/search/")
    page.click("#search-show-filters")
    page.wait_for_selector("select[name=year] option[value='2012']", state="attached")
    menus = {
        key: [o.inner_text() for o in page.query_selector_all(f"select[name={key}] option")][1:]
        for key in ("person", "year")
    }
    assert menus["person"] == ["Ana Čapek (3)"]
    assert menus["year"] == [f"{y} (2)" for y in reversed(YEARS)]
    assert all(shard_of(url) in ("", "filters") for url, _ in fetched)  # no shard's files
    # the same counts from Pagefind itself, summed over every shard (every part of one)
    pagefind = page.evaluate(
        """async () => {
          const runtime = await import(new URL("../pagefind/pagefind.js", location.href));
          const shards = await (await fetch("../pagefind/shards.json")).json();
          const total = {};
          for (const path of shards.flatMap((shard) => shard.parts || [shard.path])) {
            const instance = runtime.createInstance({ basePath: `/pagefind/${path}` });
            await instance.init();
            for (const [key, values] of Object.entries(await instance.filters())) {
              for (const [value, n] of Object.entries(values)) {
                total[key] ||= {};
                total[key][value] = (total[key][value] || 0) + n;
              }
            }
          }
          return total;
        }"""
    )
    # (every tagged name is a filter value; the menus list those with a page)
    assert pagefind["person"] == {"Ana Čapek": 3, "Solo Person": 1}
    assert pagefind["year"] == {str(y): 2 for y in YEARS}
    fetched.clear()
    page.goto(f"{sharded_server}/search/?person={quote('Ana Čapek')}&sort=newest")
    assert titles(page) == ["Harbour story 9", "Harbour story 8"]
    assert page.inner_text("#search-status") == "2 articles in Ana Čapek in 2016"
    assert page.inner_text("#search-scope").startswith("1 more article in 2012–2013, not searched yet.")  # fmt: skip
    page.click("#search-further")
    assert titles(page) == ["Harbour story 9", "Harbour story 8", "Harbour story 0"]
    # 2017 and 2014-2015 hold none of her articles: never downloaded
    assert {shard_of(url) for url, _ in fetched} == {"", "filters", "2016", "2012-2013"}
    page.goto(f"{sharded_server}/search/?person={quote('Ana Čapek')}&sort=newest&since=2014")
    assert titles(page) == ["Harbour story 9", "Harbour story 8"]  # back to 2014: not 2012
    assert page.inner_text("#search-scope").startswith("1 more article in 2012–2013")
    # every year at once with no years index (filters only): the first shard opened searches
    # before the others open (Pagefind 1.5.2 otherwise answers wrongly, or crashes: search.js)
    for _ in range(3):
        page.goto(f"{sharded_server}/search/?person={quote('Ana Čapek')}&sort=newest&all=1")
        assert titles(page) == ["Harbour story 9", "Harbour story 8", "Harbour story 0"]
    assert errors == []
    page.close()


def counted_archive(root: Path) -> Path:
    """Three years, a shard each: 2014 with "lighthouse" in 8 of its 9 articles, 2015 with
    the forms of "elect" in 6 articles (each in its own), 2016 with one of each."""
    new_archive(root)
    bodies = {
        2014: ["A lighthouse keeper spoke."] * 8 + ["The harbour board met."],
        2015: ["Ana was elected."] * 2 + ["The election is near."] * 3 + ["Two elections came."],
        2016: ["A lighthouse keeper spoke of the election."],
    }
    n = 0
    for year, texts in bodies.items():
        folder = root / "content" / "articles" / str(year)
        for j, text in enumerate(texts):
            write_article(folder, n, Date=f"{year}-03-{1 + j:02d} 10:00", Title=f"Story {n}")
            path = folder / f"story-{n}.md"
            path.write_text(path.read_text(encoding="utf-8").replace(f"Body of story {n}.", text), encoding="utf-8")  # fmt: skip
            n += 1
    return our_settings(
        root / "counted_pelicanconf.py", f"SEARCH_SHARD_PAGES = {ARCHIVE_SHARD_PAGES}\n"
    )


@pytest.fixture(scope="module")
def counted_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("counted")
    return build_site(root, counted_archive(root))


@needs_chromium
def test_the_years_index_tells_how_many_more_articles_as_a_range_that_holds_them(browser, counted_site):  # fmt: skip
    page = browser.new_page()
    errors, _ = watch(page)
    with served(counted_site) as url:
        # 8 articles in 2014: in the bucket of 7 to 9 (to 5, a count is exact)
        page.goto(f"{url}/search/?q=lighthouse")
        assert titles(page) == ["Story 15"]
        assert page.inner_text("#search-scope").startswith("Between 7 and 9 more articles may match in 2014, not searched yet.")  # fmt: skip
        # "election" matches three words of 2015 (Pagefind stems them alike): in 2, 3 and 1
        # articles; together in at least 3 (the most of one), at most 6 (all of them)
        page.goto(f"{url}/search/?q=election")
        assert titles(page) == ["Story 15"]
        assert page.inner_text("#search-scope").startswith("Between 3 and 6 more articles may match in 2015, not searched yet.")  # fmt: skip
        page.click("#search-further")
        page.wait_for_url("**since=2015**")
        assert len(titles(page)) == 7
    assert errors == []
    page.close()


@needs_chromium
def test_a_phrase_is_not_promised_where_only_its_words_are(browser, counted_site):
    """Every 2014 article but one says "lighthouse keeper", none "keeper lighthouse": the
    words' counts bound the phrase's from above only. The scope said "Between 5 and 9 more
    articles may match in 2014" for a phrase no article has."""
    page = browser.new_page()
    errors, _ = watch(page)
    with served(counted_site) as url:
        phrase = quote('"keeper lighthouse"')
        page.goto(f"{url}/search/?q={phrase}")
        assert titles(page) == []
        assert page.inner_text("#search-scope").startswith("Up to 9 more articles may match in 2014, not searched yet.")  # fmt: skip
        page.click("#search-further")
        page.wait_for_url("**since=2014**")
        assert titles(page) == []
    assert errors == []
    page.close()


def lighthouse_scope(browser, site: Path, copy: Path, dropped: set[str]) -> str:
    """A copy of the site whose years index maps lack these keys, searched for "lighthouse"
    (Story 15, newest first): what the page says is left to search."""
    shutil.copytree(site, copy)
    for part in ("years", "years-newest"):
        years = copy / "pagefind" / part / "years.json"
        made = json.loads(years.read_text())
        years.write_text(json.dumps({k: v for k, v in made.items() if k not in dropped}))
    page = browser.new_page()
    with served(copy) as url:
        page.goto(f"{url}/search/?q=lighthouse")
        assert titles(page) == ["Story 15"]
        scope = page.inner_text("#search-scope")
    page.close()
    return scope


@needs_chromium
def test_a_years_index_of_another_layout_is_not_read(browser, counted_site, tmp_path):
    # as an archive built before would have it: the page does not read it by its own rules,
    # and no year is ruled out (nor counted)
    scope = lighthouse_scope(browser, counted_site, tmp_path / "old", {"layout"})
    assert scope.startswith("More articles may match in 2014–2015, not searched yet.")


def japanese_site(root: Path) -> Path:
    """counted_archive's site in Japanese, its story 8 in Japanese too: built, its output."""
    settings = counted_archive(root)
    settings.write_text(settings.read_text() + 'DEFAULT_LANG = "ja"\n', encoding="utf-8")
    (root / "content" / "articles" / "2014" / "story-8.md").write_text(
        "Title: Story 8\nDate: 2014-03-09 10:00\nSlug: story-8\n\n東京都の港。\n", encoding="utf-8"
    )
    return build_site(root, settings)


def test_a_years_index_pagefind_split_into_words_itself_says_it_cannot_tell_where(tmp_path):
    # in Japanese, Pagefind splits the text into words itself, not at the spaces the build
    # counts: where the page's sections end, and the past years' words, is not known
    output = japanese_site(tmp_path)
    for part in ("years", "years-newest"):
        assert not {"ends", "settled"} & years_map(output, part).keys()
        assert years_map(output, part)["layout"] == shards.YEARS_LAYOUT


@needs_chromium
def test_a_site_in_a_language_pagefind_has_no_stemmer_for_searches(browser, tmp_path):
    """Pagefind's entry file names no WebAssembly for Japanese ("wasm": null: its runtime
    loads wasm.unknown); sharing the runtime made that "None/../../wasm.None", a file that
    does not exist, and nothing could be searched."""
    output = japanese_site(tmp_path)
    assert (output / "pagefind" / "wasm.unknown.pagefind").exists()
    page = browser.new_page()
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    with served(output) as url:
        page.goto(f"{url}/search/?q={quote('東京')}&all=1")  # (every year: 2014's shard)
        assert titles(page) == ["Story 8"]
    assert failed == []
    page.close()


def wasm_urls(output: Path) -> dict[str, str]:
    """Each bundle's WebAssembly as Pagefind's runtime fetches it (its entry file's name for
    it, "unknown" without one, joined to the bundle's URL), by bundle."""
    urls = {}
    for entry in (output / "pagefind").glob("*/pagefind-entry.json"):
        for language in json.loads(entry.read_text())["languages"].values():
            base = f"http://site/pagefind/{entry.parent.name}/"
            urls[entry.parent.name] = urljoin(base, f"wasm.{language['wasm'] or 'unknown'}.pagefind")  # fmt: skip
    return urls


def test_an_index_sending_pagefind_to_a_missing_webassembly_is_indexed_again(tmp_path):
    """A site in Japanese indexed before its WebAssembly was shared (each bundle sent the
    runtime to wasm.None) could not be searched, and its next builds, seeing no page
    changed, kept it so: the build indexes such a bundle again (as one whose WebAssembly the
    shared runtime lacks), and only once."""
    output = japanese_site(tmp_path)
    for entry in (output / "pagefind").glob("*/pagefind-entry.json"):  # (as those builds left it)
        made = json.loads(entry.read_text())
        for language in made["languages"].values():
            language["wasm"] = "None/../../wasm.None"
        entry.write_text(json.dumps(made))
    broken = wasm_urls(output)
    assert set(broken.values()) == {"http://site/pagefind/wasm.None.pagefind"}
    build_site(tmp_path, tmp_path / "counted_pelicanconf.py")
    fixed = wasm_urls(output)
    assert fixed.keys() == broken.keys()  # (every shard and part of the years index)
    for url in fixed.values():
        assert (output / url.removeprefix("http://site/")).is_file(), url
    # the shared copy gone, the bundles sending the runtime to it are indexed again too
    (output / "pagefind" / "wasm.unknown.pagefind").unlink()
    build_site(tmp_path, tmp_path / "counted_pelicanconf.py")
    assert (output / "pagefind" / "wasm.unknown.pagefind").is_file()
    entries = sorted((output / "pagefind").glob("*/pagefind-entry.json"))
    times = [entry.stat().st_mtime_ns for entry in entries]
    build_site(tmp_path, tmp_path / "counted_pelicanconf.py")
    assert [entry.stat().st_mtime_ns for entry in entries] == times


@needs_chromium
def test_a_years_index_without_its_sections_ends_rules_no_year_out(browser, counted_site, tmp_path):  # fmt: skip
    # (as the build writes it where Pagefind counted the words otherwise: above) every year
    # of a part may hold a match, and the past years' part is asked for every word
    scope = lighthouse_scope(browser, counted_site, tmp_path / "unknown", {"ends", "settled"})
    assert scope.startswith("Up to 15 more articles may match in 2014–2015, not searched yet.")


@needs_chromium
def test_a_year_filter_loads_only_that_years_shard(browser, sharded_server):
    page = browser.new_page()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "/pagefind/" in r.url else None)
    page.goto(f"{sharded_server}/search/?q=harbour&year=2014")
    assert sorted(titles(page)) == ["Harbour story 4", "Harbour story 5"]
    shard_files = [url for url in fetched if url.rsplit("/pagefind/", 1)[1].count("/")]
    assert shard_files and all("/pagefind/2014-2015/" in url for url in shard_files)
    page.close()


@needs_chromium
@pytest.mark.parametrize("query", ["q=2017&", "q=harbour&year=2017&", "year=2017&"])
def test_the_newest_shards_two_parts_are_searched_as_one_index(browser, sharded_server, query):
    # story 10 (1 March 2017) is in the newest shard's earlier part, story 11 (2 April) in its
    # newest quarter's: a search of the shard asks both, and gives their results in one order
    # (a word only 2017 has: the years index is opened first; a year: the parts are)
    site = sharded_server
    names = [f"Harbour story {n}" for n in (10, 11)]
    page = browser.new_page()
    errors, fetched = watch(page)
    for _ in range(2):  # (the second time, the instances are open)
        for sort, expected in (("newest", names[::-1]), ("oldest", names), ("", None)):
            page.goto(f"{site}/search/?{query}sort={sort}")
            found = titles(page)
            if expected is None:  # by relevance: all
                assert sorted(found) == names
            else:
                assert found == expected
            assert page.inner_text("#search-status").startswith(f"{len(names)} articles")
    assert {"2017", "2017-recent"} <= {shard_of(url) for url, _ in fetched}
    # every result leads to its article
    page.goto(f"{site}/search/?{query}sort=newest")
    titles(page)
    links = [(a.inner_text(), a.get_attribute("href")) for a in page.query_selector_all("#search-results h2 a")]  # fmt: skip
    assert len(links) == len(names)
    for title, href in links:
        response = page.goto(urljoin(page.url, href))
        assert response.ok and page.inner_text("h1") == title
    assert errors == []
    page.close()


def test_the_link_checker_fetches_every_bundle_of_the_index(sharded_server):
    files = check_links._search_files(f"{sharded_server}/repo/")
    bundles = {url.split("/pagefind/")[1].split("/")[0] for url in files if url.endswith("pagefind-entry.json")}  # fmt: skip
    assert bundles == {"2017", "2017-recent", "2016", "2014-2015", "2012-2013", "years"}
    assert all(check_links._fetch(url)[0] == 200 for url in files)


def test_one_shard_has_no_years_index_until_the_archive_needs_two(tmp_path):
    # one shard: the search page searches it whole and never asks the years index
    settings = sharded_archive(tmp_path)
    one = settings.read_text().replace("SEARCH_SHARD_PAGES = 5", "SEARCH_SHARD_PAGES = 100")
    settings.write_text(one)
    output = build_site(tmp_path, settings)
    assert len(json.loads((output / "pagefind" / "shards.json").read_text())) == 1
    assert not (output / "pagefind" / "years").exists()
    assert not (output / "pagefind" / "years-newest").exists()
    assert (output / "pagefind" / "filters" / "person.json").exists()  # the menus' counts
    # grown past one shard, it has one; shrunk back to one, it is removed
    settings.write_text(one.replace("SEARCH_SHARD_PAGES = 100", "SEARCH_SHARD_PAGES = 5"))
    build_site(tmp_path, settings)
    parts = [years_map(output, part)["years"] for part in ("years", "years-newest")]
    assert parts == [[str(y) for y in YEARS[:-1]], [str(YEARS[-1])]]
    assert json.loads((output / "pagefind" / "shards.json").read_text())[0]["parts"] == ["2017/", "2017-recent/"]  # fmt: skip
    settings.write_text(one)
    build_site(tmp_path, settings)
    assert not (output / "pagefind" / "years").exists()
    assert not (output / "pagefind" / "years-newest").exists()
    # (one shard is one bundle: the newest year's months are not apart)
    assert not (output / "pagefind" / "2017-recent").exists()
    assert "parts" not in json.loads((output / "pagefind" / "shards.json").read_text())[0]


def test_the_years_index_runs_before_the_shards_still_waiting(tmp_path, monkeypatch):
    """One Pagefind run at a time: the first given (the newest pages') starts at once; then
    the years index's parts, given last (they need every year's summary), before the shards
    still waiting, the largest first, so that a build does not end on one large run alone."""
    output = build_site(tmp_path, sharded_archive(tmp_path))
    shutil.rmtree(output / "pagefind")
    given_all = threading.Event()  # (the first run waits until every run has been given)
    wait = shards.Runs.wait

    def waiting(self):
        given_all.set()
        wait(self)

    monkeypatch.setattr(shards.Runs, "wait", waiting)
    order = []

    def run(command: list[str]) -> str:
        assert order or given_all.wait(60)
        bundle = Path(command[command.index("--output-path") + 1]).name  # .new-<name>-XXXX
        order.append(bundle.removeprefix(".new-").rsplit("-", 1)[0])
        return search_index.run_pagefind(command)

    shards.index_shards(output, ARCHIVE_SHARD_PAGES, search_index.pagefind_command, run, jobs=1)
    manifest = json.loads((output / "pagefind" / "shards.json").read_text())
    assert order[:3] == ["2017", "years", "years-newest"]
    assert order[3:] == ["2014-2015", "2012-2013", "2016", "2017-recent"]  # (4, 4, 2, 1 pages)
    assert sorted(order) == sorted([*(p.rstrip("/") for e in manifest for p in e.get("parts", [e["path"]])), "years", "years-newest"])  # fmt: skip


def test_the_years_index_lists_every_form_pagefind_may_index_a_word_as():
    words = shards.words_of("The U.S.-Russia talks, at Café Nord (2013); don't")
    assert {"the", "usrussia", "us", "russia", "talks", "café", "cafe", "2013", "dont"} <= words
    assert {"u", "s", "don", "t"} <= words  # parts too: a superset never misses a year


def words_before(text: str) -> set[str]:
    """words_of as it was before its tokens were taken apart only where they need it and
    accents were kept per word: the reference the faster one must equal."""
    tokens = set(text.lower().split())
    found = {token for token in tokens if token.isalnum()}
    for token in tokens - found:
        bare = token.strip(shards._PUNCTUATION)
        if bare.isalnum():
            found.add(bare)
            continue
        runs = shards._WORD.findall(token)
        if not runs:
            continue
        found.add("".join(runs))
        if len(runs) > 1:
            found.update(runs)
            found.update("".join(shards._WORD.findall(part)) for part in shards._COMPOUND.split(token))  # fmt: skip
    if not text.isascii():
        found |= {
            "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
            for w in found
            if not w.isascii()
        }
    found.discard("")
    return found


#: Pieces of text that words_of takes apart: punctuation, hyphens, dashes and slashes,
#: accents (composed and combining), curly quotes, other scripts, odd whitespace.
WORD_PIECES = [
    *"!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~ \n\t", "word", "Word", "2019", "u.s.", "e-mail",
    "Café", "cafe\u0301", "naïve", "’", "“", "—", "\u2010", "Ⅻ", "½", "²", "東京", "Čapek",
    "ǅ", "ﬁ", "İ", "ß", "\xa0", "\x1c", "\u2028", "٣",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORD_PIECES), max_size=30))
def test_words_of_random_pieces_are_the_same_as_before(pieces):
    text = "".join(pieces)
    assert shards.words_of(text) == words_before(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80))
def test_words_of_random_text_are_the_same_as_before(text):
    assert shards.words_of(text) == words_before(text)


@pytest.mark.skipif(not GROUND_TRUTH.is_file(), reason="../shared/benchmarks is not here")
def test_words_of_real_articles_are_the_same_as_before():
    """Real articles in many languages (curly quotes, Cyrillic, accents), each read twice:
    the second time from the kept accent-free forms."""
    truth = json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))
    texts = [entry["articleBody"] for entry in truth.values() if entry.get("articleBody")]
    assert len(texts) > 100 and any(not text.isascii() for text in texts)
    for text in texts * 2:
        assert shards.words_of(text) == words_before(text)


def test_a_year_page_writes_each_word_as_often_as_the_bucket_of_its_articles_says():
    # exact to 5 articles, then ranges (7-9: bucket 5); a word in a bucket b stands b + 1
    # times, in that bucket's section; a form with a space in it is written as its parts
    words = Counter({"solo": 1, "pair": 2, "two words": 3, "harbour": 8, "the": 250})
    html, sections = shards.year_page("2014", words, "en")
    assert [shards.word_bucket(n) for n in (1, 5, 6, 7, 9, 10, 99, 100, 5000)] == [0, 4, 4, 5, 5, 6, 12, 13, 13]  # fmt: skip
    assert sections == [1, 2, 6, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 14]
    text = html.split("<main data-pagefind-body>")[1].split("</main>")[0]
    assert text.split() == ["solo", *["pair"] * 2, *["two"] * 3, *["words"] * 3, *["harbour"] * 6, *["the"] * 14]  # fmt: skip
    assert [len(line.split()) for line in text.split("\n")] == sections  # (a line a section)


@pytest.mark.parametrize("part", ["years", "years-newest"])
def test_a_years_index_left_behind_by_a_killed_build_is_made_again(tmp_path, part):
    settings = sharded_archive(tmp_path)
    output = build_site(tmp_path, settings)
    years = output / "pagefind" / part / "years.json"
    made = json.loads(years.read_text())
    other = "years-newest" if part == "years" else "years"
    kept = folder_state(output / "pagefind" / other)
    # as if a build had written the years' new pages, then been killed before indexing them
    years.write_text(json.dumps({**made, "sources": "an earlier build"}))
    build_site(tmp_path, settings)
    assert json.loads(years.read_text()) == made
    shutil.rmtree(output / "pagefind" / part)
    build_site(tmp_path, settings)
    assert json.loads(years.read_text()) == made
    assert folder_state(output / "pagefind" / other) == kept  # the other part left alone


def test_pages_written_by_a_build_killed_while_indexing_are_indexed_by_the_next(tmp_path):
    settings = sharded_archive(tmp_path)
    output = build_site(tmp_path, settings)
    indexed = output.parent / "indexed-before"
    shutil.copytree(output / "pagefind", indexed)
    story = tmp_path / "content" / "articles" / "2012" / "story-0.md"
    story.write_text(story.read_text().replace("berth 0.", "berth 0 and a new crane."))
    build_site(tmp_path, settings)
    changed = shard_stamps(output)
    # As a build killed after writing its pages, before Pagefind ended: the pages are new,
    # the index and its stamp are the old ones, the build's "indexed" stamp is missing.
    shutil.rmtree(output / "pagefind")
    shutil.copytree(indexed, output / "pagefind")
    for stamp in (tmp_path / "cache").glob("search-index-*.json"):
        stamp.unlink()
    assert shard_stamps(output) != changed
    build_site(tmp_path, settings)  # renders nothing: the pages are as the last build left them
    assert shard_stamps(output) == changed


def test_list_items_pagefind_would_end_with_a_full_stop_end_with_a_line_break():
    # (Pagefind adds a stop after a letter, digit, quote, bracket, $ or *; not after ; . ! ?)
    html = (
        "<ul>\n<li>near the border; and</li>\n<li>a <a href='x'>site</a></li>\n"
        "<li>said &quot;no&quot;</li>\n<li>on-site inspections.</li>\n<li>a freeze;</li>\n</ul>"
        "<ol>\n<li>\n<p>first</p>\n</li>\n<li><p>second.</p></li>\n</ol><p>Not an item</p>"
    )
    assert unstopped_list_items(html) == (
        "<ul>\n<li>near the border; and\n</li>\n<li>a <a href='x'>site</a>\n</li>\n"
        "<li>said &quot;no&quot;\n</li>\n<li>on-site inspections.</li>\n<li>a freeze;</li>\n</ul>"
        "<ol>\n<li>\n<p>first\n</p>\n</li>\n<li><p>second.</p></li>\n</ol><p>Not an item</p>"
    )
    assert unstopped_list_items("<p>No list</p>") == "<p>No list</p>"
