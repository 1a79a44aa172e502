"""Search index shards: a large archive's index in runs of years, re-indexed only where pages
changed, searched shard by shard in a real browser with the same results as one index."""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import REPO, SubPathHandler, build_site, needs_chromium, new_archive, write_article

YEARS = [2012, 2013, 2014, 2015, 2016, 2017]


def sharded_archive(root: Path, per_year: int = 2) -> Path:
    """Articles in six years, with settings that put about three articles in a shard."""
    new_archive(root)
    for i, year in enumerate(YEARS):
        for j in range(per_year):
            n = i * per_year + j
            write_article(root / "content" / "articles" / str(year), n,
                          Date=f"{year}-03-{1 + j:02d} 10:00", Title=f"Harbour story {n}")  # fmt: skip
            path = root / "content" / "articles" / str(year) / f"story-{n}.md"
            path.write_text(
                path.read_text(encoding="utf-8").replace(
                    f"Body of story {n}.",
                    f"The harbour board met in {year} about berth {n}. "
                    + ("A lighthouse keeper spoke. " if n % 3 == 0 else ""),
                ),
                encoding="utf-8",
            )
    settings = root / "sharded_pelicanconf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "from pelicanconf import *  # noqa: F403\n\nSEARCH_SHARD_PAGES = 3\n",
        encoding="utf-8",
    )
    return settings


def shard_stamps(output: Path) -> dict[str, bytes]:
    """Each shard's years and the fingerprint of the pages it was indexed from."""
    return {p.parent.name: p.read_bytes() for p in (output / "pagefind").glob("*/newsarchive-shard.json")}  # fmt: skip


def test_years_are_packed_oldest_first_into_shards(tmp_path):
    import json

    settings = sharded_archive(tmp_path)
    output = build_site(tmp_path, settings)
    manifest = json.loads((output / "pagefind" / "shards.json").read_text())
    assert [s["years"] for s in manifest] == [["2016", "2017"], ["2014", "2015"], ["2012", "2013"]]
    assert [s["articles"] for s in manifest] == [4, 4, 4]
    for shard in manifest:  # each shard: its entry, metadata and chunks; no runtime of its own
        bundle = output / "pagefind" / shard["path"]
        assert (bundle / "pagefind-entry.json").exists() and list(bundle.glob("*.pf_meta"))
        assert not list(bundle.glob("*.js")) and not list(bundle.glob("wasm.*"))
    assert (output / "pagefind" / "pagefind.js").exists()


def test_a_rebuild_reindexes_only_the_shards_that_changed_and_matches_a_full_build(tmp_path):
    settings = sharded_archive(tmp_path / "a")
    output = build_site(tmp_path / "a", settings)
    stamps = {p.parent.name: p.stat().st_mtime_ns for p in (output / "pagefind").glob("*/newsarchive-shard.json")}  # fmt: skip
    build_site(tmp_path / "a", settings)  # nothing changed: nothing re-indexed
    again = {p.parent.name: p.stat().st_mtime_ns for p in (output / "pagefind").glob("*/newsarchive-shard.json")}  # fmt: skip
    assert again == stamps
    story = tmp_path / "a" / "content" / "articles" / "2012" / "story-0.md"
    story.write_text(story.read_text().replace("berth 0.", "berth 0 and a new crane."))
    build_site(tmp_path / "a", settings)
    after = {p.parent.name: p.stat().st_mtime_ns for p in (output / "pagefind").glob("*/newsarchive-shard.json")}  # fmt: skip
    assert [name for name in after if after[name] != stamps[name]] == ["2012-2013"]
    # The same content built from scratch: the same shards, indexed from the same pages.
    # (Pagefind's own file names vary from run to run, so the stamps are what is compared.)
    shutil.copytree(tmp_path / "a" / "content", tmp_path / "b" / "content")
    fresh = build_site(tmp_path / "b", settings)
    assert shard_stamps(output) == shard_stamps(fresh)
    assert (output / "pagefind" / "shards.json").read_bytes() == (
        fresh / "pagefind" / "shards.json"
    ).read_bytes()


@pytest.fixture(scope="module")
def sharded_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("sharded")
    output = build_site(root, sharded_archive(root))
    handler = functools.partial(SubPathHandler, directory=str(output))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def titles(page) -> list[str]:
    page.wait_for_selector("#search[data-state=done]")
    return [h.inner_text() for h in page.query_selector_all("#search-results h2")]


@needs_chromium
@pytest.mark.parametrize("base", ["", "/repo"])
def test_a_search_asks_every_shard_and_lists_all_results(browser, sharded_server, base):
    page = browser.new_page()
    errors, fetched = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfinished", lambda r: fetched.append((r.url, r.sizes()["responseBodySize"])) if "/pagefind/" in r.url else None)  # fmt: skip
    page.goto(f"{sharded_server}{base}/search/?q=harbour&sort=newest")
    found = titles(page)
    # three shards, one runtime: the script and the WebAssembly are downloaded once (the
    # other shards ask for the same address and get it from the browser's cache)
    metas = [url for url, _ in fetched if url.endswith(".pf_meta")]
    assert len({url.split("/pagefind/")[1].split("/")[0] for url in metas}) == 3
    wasm = [(url, size) for url, size in fetched if url.rsplit("/", 1)[-1].startswith("wasm.")]
    assert {url.split("/pagefind/")[1] for url, _ in wasm} == {"wasm.en.pagefind"}
    assert sorted(size > 0 for _, size in wasm) == [False] * (len(wasm) - 1) + [True]
    assert len([url for url, _ in fetched if url.endswith("/pagefind.js")]) == 1
    assert page.inner_text("#search-status").startswith("12 articles")
    assert found[:2] == ["Harbour story 11", "Harbour story 10"]  # 2017 first
    page.click("#search-more")
    page.wait_for_selector("#search-results li:nth-child(12)")  # (the CSP forbids eval)
    page.goto(f"{sharded_server}{base}/search/?q=harbour&sort=oldest")
    assert titles(page)[:2] == ["Harbour story 0", "Harbour story 1"]  # 2012 first
    page.goto(f"{sharded_server}{base}/search/?q=lighthouse")
    assert sorted(titles(page)) == ["Harbour story 0", "Harbour story 3", "Harbour story 6", "Harbour story 9"]  # fmt: skip
    assert errors == []
    page.close()


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
