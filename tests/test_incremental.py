"""Incremental builds (plugins/incremental_output, plugins/search_index): a rebuild after
changes gives exactly the output of a clean build of the same content, byte for byte; an
unchanged rebuild touches nothing. Real Pelican builds, in two workers, of a synthetic archive
large enough for the parallel path.

Pagefind itself is not byte-reproducible: two runs on the same pages write different filter
and metadata files (its internal ordering). Its per-page fragments are content-addressed and
reproducible, so the index is compared by those and by its page count."""

from __future__ import annotations

import json
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, build_site, our_settings, write_article

sys.path.insert(0, str(REPO / "benchmarks"))
import synthetic  # noqa: E402

ARTICLES = 150


def build(root: Path) -> Path:
    """Build root/content into root/output with our settings, in two workers, the cache in
    root/cache (the settings file is written once: rewritten, it would be a changed input)."""
    settings = root / "settings.py"
    if not settings.exists():
        our_settings(
            settings,
            "BUILD_JOBS = 2\n"
            # short pages, so that lists of this small archive have several
            'PAGINATED_TEMPLATES = {"archives": 20, "entity": 5, "period": 5}\n',
        )
    return build_site(root, settings)


def is_current(root: Path) -> int:
    """The exit status of `make html`'s check: 0 when the last build is still current."""
    check = [sys.executable, "-m", "newsarchive.build_state", "content", "output", "settings.py"]
    return subprocess.run(check, cwd=root, capture_output=True).returncode


def snapshot(output: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under output/: its bytes and modification time. Pelican copies the theme's
    static files on every build (same bytes, a new mtime): their mtime is left out."""
    return {
        name: (path.read_bytes(), 0 if name.startswith("theme/") else path.stat().st_mtime_ns)
        for path in sorted(output.rglob("*"))
        if path.is_file() and (name := path.relative_to(output).as_posix())
    }


def test_rebuild_after_changes_equals_clean_build(tmp_path):
    root = tmp_path / "incremental"
    synthetic.generate(root, ARTICLES)
    output = build(root)
    first = snapshot(output)
    assert any(name.startswith("pagefind/") for name in first)

    # Nothing changed: nothing is rewritten, the search index is kept; `make html` would not
    # even start Pelican.
    assert is_current(root) == 0
    build(root)
    assert snapshot(output) == first

    # Three new articles, one edited, one deleted.
    articles = sorted((root / "content" / "articles").rglob("*.md"))
    synthetic.add_articles(root, ARTICLES, 3)
    with articles[0].open("a", encoding="utf-8") as out:
        out.write("\nA paragraph added by hand.\n")
    deleted = articles[len(articles) // 2]
    deleted_page = f"{deleted.parent.name}/{deleted.stem}/index.html"
    assert deleted_page in first
    deleted.unlink()
    assert is_current(root) == 1
    build(root)
    rebuilt = snapshot(output)
    assert deleted_page not in rebuilt
    # Most article pages do not show what changed, so they are not rewritten.
    pages = [name for name in first if re.fullmatch(r"\d{4}/[^/]+-\d+/index\.html", name)]
    kept = [name for name in pages if name in rebuilt and rebuilt[name] == first[name]]
    assert len(pages) >= ARTICLES - 1 and len(kept) > len(pages) // 2

    assert_equals_clean_build(root, rebuilt, tmp_path / "clean", ARTICLES + 3 - 1)

    # A day's news: 25 more articles, newer than all (a new page of the home list fills up).
    # The older pages of a list keep their bytes (and are not even rendered).
    synthetic.add_articles(root, ARTICLES + 3, 25)
    build(root)
    again = snapshot(output)
    # (but for the newest of them, whose "Newer" link goes to a new page once one fills up)
    older = [n for n in rebuilt if re.fullmatch(r"(archives|people/[^/]+)/page/1/index.html", n)
             and n.replace("/1/", "/2/") in rebuilt]  # fmt: skip
    assert len(older) > 5 and all(again[n] == rebuilt[n] for n in older)
    assert_equals_clean_build(root, again, tmp_path / "clean2", ARTICLES + 3 - 1 + 25)


COURIER = "sources/courier/atom.xml"


def test_a_date_corrected_by_hand_keeps_the_articles_address(tmp_path):
    """An article's address is its file's folder, not its Date: a Date moved to another year,
    cleared, or typed into an undated article leaves every address as it was (links from
    elsewhere keep working), the date pages list it by its new Date; a file moved to another
    folder leaves a page at its old address that leads to the new one. Each rebuild is what a
    clean build of the same files gives."""
    root = synthetic.generate(tmp_path / "dated", 30).root
    articles = root / "content" / "articles"
    write_article(articles / "2019", 1, Date="2019-06-01", Title="Moved back", Source="Courier")
    write_article(articles / "2019", 2, Date="2019-06-02", Title="Cleared")
    write_article(articles / "undated", 3, Date="", Title="Dated later")
    output = build(root)
    addresses = {"Moved back": "2019/story-1", "Cleared": "2019/story-2",
                 "Dated later": "undated/story-3"}  # fmt: skip
    for title, address in addresses.items():
        assert f">{title}</h1>" in (output / address / "index.html").read_text(encoding="utf-8")

    for n, date in ((1, "2015-02-03"), (2, ""), (3, "2011-04-05")):
        path = next(articles.rglob(f"story-{n}.md"))
        text = re.sub(r"(?m)^Date:.*$", f"Date: {date}", path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
    build(root)
    rebuilt = snapshot(output)
    for title, address in addresses.items():
        assert f">{title}</h1>" in rebuilt[f"{address}/index.html"][0].decode()
    # the address its Date gave it before addresses were folders leads to it too
    assert 'url=../../2019/story-1/"' in rebuilt["2015/story-1/index.html"][0].decode()
    assert 'url=../../undated/story-3/"' in rebuilt["2011/story-3/index.html"][0].decode()
    assert b"Moved back" in rebuilt["2015/02/index.html"][0]
    assert b"Dated later" in rebuilt["2011/04/index.html"][0]
    assert b"Cleared" in rebuilt["undated/index.html"][0]
    assert_equals_clean_build(root, rebuilt, tmp_path / "clean", 33)

    # Its file moved to its date's folder (as retag and import move one), the folder it left
    # noted: its old address sends the browser to the new one, and is no article to index;
    # its feed entry keeps its id.
    feed_id = re.search(r"<id>([^<]*story-1/)</id>", rebuilt[COURIER][0].decode())
    old = articles / "2019" / "story-1.md"
    text = old.read_text(encoding="utf-8").replace("\n\n", "\nMoved_From: 2019\n\n", 1)
    (articles / "2015" / "story-1.md").write_text(text, encoding="utf-8")
    old.unlink()
    build(root)
    moved = snapshot(output)
    assert ">Moved back</h1>" in moved["2015/story-1/index.html"][0].decode()
    redirect = moved["2019/story-1/index.html"][0].decode()
    assert 'http-equiv="refresh" content="0; url=../../2015/story-1/"' in redirect
    assert '<meta name="robots" content="noindex">' in redirect
    assert f"<id>{feed_id[1]}</id>" in moved[COURIER][0].decode()  # not a new entry
    assert feed_id[1].endswith("/2019/story-1/")
    assert_equals_clean_build(root, moved, tmp_path / "clean-moved", 33)
    # the next rebuild (another article edited) leaves that page as it is, mtime and all
    other = next(p for p in sorted(articles.rglob("*.md")) if not p.name.startswith("story-"))
    with other.open("a", encoding="utf-8") as out:
        out.write("\nA paragraph added by hand.\n")
    build(root)
    assert snapshot(output)["2019/story-1/index.html"] == moved["2019/story-1/index.html"]


def test_a_slug_changed_by_hand_keeps_the_old_address_working(tmp_path):
    """An imported article's file is named by the slug it was imported with: a Slug typed by
    hand later moves its page, and the address of its file's name leads to the new one (as
    one written into Moved_From, "folder/slug", does after an import renamed the file), no
    article to index; its feed entry keeps its id. Each rebuild is a clean build's."""
    root = synthetic.generate(tmp_path / "renamed", 30).root
    articles = root / "content" / "articles"
    write_article(articles / "2019", 1, Date="2019-06-01", Title="Renamed", Source="Courier",
                  Id="0123456789abcdef")  # fmt: skip
    write_article(articles / "2019", 2, Date="2019-06-02", Title="Written by hand")
    output = build(root)
    feed_id = re.search(r"<id>([^<]*story-1/)</id>", snapshot(output)[COURIER][0].decode())

    for n, slug in ((1, "a-better-name"), (2, "hand-named")):
        path = articles / "2019" / f"story-{n}.md"
        text = path.read_text(encoding="utf-8").replace(f"Slug: story-{n}", f"Slug: {slug}")
        path.write_text(text, encoding="utf-8")
    path = articles / "2019" / "story-3.md"  # renamed by an import, which noted the old name
    write_article(path.parent, 3, Date="2019-06-03", Title="Noted", Moved_From="2018/old-three")
    build(root)
    rebuilt = snapshot(output)
    assert ">Renamed</h1>" in rebuilt["2019/a-better-name/index.html"][0].decode()
    redirect = rebuilt["2019/story-1/index.html"][0].decode()
    assert 'http-equiv="refresh" content="0; url=../../2019/a-better-name/"' in redirect
    assert 'url=../../2019/story-3/"' in rebuilt["2018/old-three/index.html"][0].decode()
    assert "2019/story-2/index.html" not in rebuilt  # (no Id: the file's name is the editor's)
    assert f"<id>{feed_id[1]}</id>" in rebuilt[COURIER][0].decode()  # not a new entry
    assert_equals_clean_build(root, rebuilt, tmp_path / "clean", 33)


def test_a_file_renamed_by_hand_rebuilds_as_a_clean_build_does(tmp_path):
    """An imported article's file renamed by hand (git mv, its Slug kept): its page stays,
    the address of its new file name leads to it, and its feed entries take that address as
    their id, as a clean build writes them. The rebuild rewrote the redirect page but kept
    every feed as it was, with the old ids: a clean build (the Pages workflow's) then gave
    the same site other ids."""
    root = synthetic.generate(tmp_path / "renamed", 30).root
    folder = root / "content" / "articles" / "2019"
    write_article(folder, 1, Date="2019-06-01", Title="Renamed", Source="Courier",
                  Id="0123456789abcdef")  # fmt: skip
    build(root)
    (folder / "story-1.md").rename(folder / "a-name-of-my-own.md")
    output = build(root)
    rebuilt = snapshot(output)
    assert ">Renamed</h1>" in rebuilt["2019/story-1/index.html"][0].decode()
    assert 'url=../../2019/story-1/"' in rebuilt["2019/a-name-of-my-own/index.html"][0].decode()
    assert_equals_clean_build(root, rebuilt, tmp_path / "clean", 31)


def assert_equals_clean_build(root: Path, rebuilt: dict, clean: Path, articles: int) -> None:
    """root's output (snapshot rebuilt) is what a clean build of the same content gives."""
    shutil.copytree(root / "content", clean / "content")
    expected = snapshot(build(clean))

    def comparable(files: dict) -> dict[str, bytes]:
        """Everything but the search index files Pagefind names differently on every run
        (metadata, word and filter chunks, and the entry file naming them)."""
        return {
            name: data
            for name, (data, _) in files.items()
            if not re.fullmatch(
                r"pagefind/[^/]+/(index/|filter/|pagefind\.|pagefind-entry).*", name
            )
        }

    assert sorted(comparable(rebuilt)) == sorted(comparable(expected))
    differing = [n for n, data in comparable(expected).items() if comparable(rebuilt)[n] != data]
    assert differing == []
    # articles indexed (the years index, pagefind/years/, has a page per year, not per article)
    pages = [
        sum(json.loads(data)["languages"]["en"]["page_count"]
            for name, (data, _) in files.items()
            if name.endswith("/pagefind-entry.json") and not name.startswith("pagefind/years/"))
        for files in (rebuilt, expected)
    ]  # fmt: skip
    assert pages[0] == pages[1] == articles


def cached_articles(root: Path) -> dict[str, dict]:
    """The article cache (plugins/article_cache): source file -> the article's stored state."""
    if str(REPO) not in sys.path:  # (the cached settings name pelicanconf's ARTICLE_ORDER_BY,
        sys.path.append(str(REPO))  # found when another test has imported it first)
    found = {}
    for path in (root / "cache").glob("articles-*/*.articles.pickle"):
        _, entries = pickle.loads(path.read_bytes())
        found.update({Path(source).name: state for source, (_, state) in entries.items()})
    return found


def test_article_cache_keeps_what_each_article_derives(tmp_path):
    """The article cache keeps each article's formatted URLs and list digest, so a rebuild
    does not work them out again for the articles it did not read; an edited article's are
    worked out again (a stale digest would leave the lists showing it unrendered)."""
    root = tmp_path / "derived"
    synthetic.generate(root, 12)
    build(root)
    before = cached_articles(root)
    assert len(before) == 12
    for name, state in before.items():
        urls = set(state["_url_settings"].values())
        assert urls == {f"{state['date']:%Y}/{state['slug']}/", f"{state['date']:%Y}/{state['slug']}/index.html"}, name  # fmt: skip
        assert re.fullmatch(r"[0-9a-f]{24}", state["_signature_brief"]), name

    edited = sorted((root / "content" / "articles").rglob("*.md"))[3]
    edited.write_text(edited.read_text(encoding="utf-8").replace("Title: ", "Title: Revised: ", 1),
                      encoding="utf-8")  # fmt: skip
    output = build(root)
    after = cached_articles(root)
    assert after[edited.name]["_signature_brief"] != before[edited.name]["_signature_brief"]
    assert {n: s["_signature_brief"] for n, s in after.items() if n != edited.name} == {
        n: s["_signature_brief"] for n, s in before.items() if n != edited.name
    }
    # the lists naming it show the new title (its brief changed, so they were rendered)
    assert "Revised: " in (output / "archives" / "index.html").read_text(encoding="utf-8")


def cache_files(root: Path) -> dict[str, int]:
    """The article cache's files (plugins/article_cache), name -> modification time."""
    return {p.name: p.stat().st_mtime_ns for p in (root / "cache").glob("articles-*/*.pickle")}


def test_article_cache_rewrites_only_the_folders_that_changed(tmp_path):
    """A day's article rewrites its own folder's cache files only; after a settings change
    every article is made again, from what the reader made of it last time (no file is
    converted again, so the reading level is left as it is)."""
    root = tmp_path / "folders"
    synthetic.generate(root, 40)
    build(root)
    first = cache_files(root)
    folders = {p.parent.name for p in (root / "content" / "articles").rglob("*.md")}
    assert len(first) == 2 * len(folders) > 4  # finished articles and reads, per year

    (added,) = synthetic.add_articles(root, 40, 1)
    build(root)
    second = cache_files(root)
    changed = sorted(name for name in second if second[name] != first.get(name))
    assert changed == sorted(n for n in second if n.startswith(f"{added.parent.name}-"))
    assert len(changed) == 2
    assert added.name in cached_articles(root)

    settings = root / "settings.py"
    settings.write_text(settings.read_text(encoding="utf-8") + 'SITESUBTITLE = "Changed"\n',
                        encoding="utf-8")  # fmt: skip
    output = build(root)
    third = cache_files(root)
    reads = [name for name in third if name.endswith(".read.pickle")]
    assert all(third[name] == second[name] for name in reads)
    assert all(third[n] != second[n] for n in third if n.endswith(".articles.pickle"))
    assert "Changed" in (output / "index.html").read_text(encoding="utf-8")
    assert len(cached_articles(root)) == 41


#: A plugin that notes, once the articles' pages are queued and again beside their rendering,
#: how many article cache files there are and how many render workers are alive.
BESIDE_PROBE = """
import multiprocessing
from pathlib import Path

from pelican import signals


def note(generator, writer):
    cache = Path(generator.settings["CACHE_PATH"])
    seen = []

    def count():
        files = len(list(cache.glob("articles-*/*.articles.pickle")))
        seen.append(f"{files} {len(multiprocessing.active_children())}")
        (cache.parent / "probe.txt").write_text("\\n".join(seen), encoding="utf-8")

    count()
    writer.beside_rendering(count)


def register():
    signals.article_writer_finalized.connect(note)
"""


def build_probed(root: Path, name: str, source: str, placed: str) -> None:
    """Build 300 articles (enough pages to render in workers: MIN_PARALLEL) in two workers,
    with the plugin `name` (its `source`) put among PLUGINS by `placed`, a line of settings."""
    synthetic.generate(root, 300)
    probe = root / "probe"
    probe.mkdir()
    (probe / f"{name}.py").write_text(source, encoding="utf-8")
    our_settings(
        root / "settings.py",
        f"BUILD_JOBS = 2\nPLUGIN_PATHS = [*PLUGIN_PATHS, {str(probe)!r}]\n{placed}\n",
    )
    build(root)


def test_article_cache_is_written_while_the_article_pages_render(tmp_path):
    """The article cache's files, ~1 s of pickling at 20,000 articles, are written once the
    article pages' workers are forked, beside them, not before (when one core idled)."""
    root = tmp_path / "beside"
    # (after the article cache's receiver, before the one that renders the pages)
    build_probed(root, "beside_probe", BESIDE_PROBE,
                 'PLUGINS.insert(PLUGINS.index("incremental_output"), "beside_probe")')  # fmt: skip
    queued, beside = (root / "probe.txt").read_text(encoding="utf-8").split("\n")
    years = len({p.parent.name for p in (root / "content" / "articles").rglob("*.md")})
    assert queued == "0 0"  # (the pages queued: no cache file yet, no worker)
    assert beside == f"{years} 2"
    assert len(cached_articles(root)) == 300


#: A plugin that notes how many render workers are alive once the articles generator's
#: pages are queued and flushed, and how many article pages are on disk when they are said
#: to be written.
QUEUEING_PROBE = """
import multiprocessing
from pathlib import Path

from blinker import signal
from pelican import signals


def queued(generator, writer):
    Path(writer.output_path, "..", "queued.txt").write_text(str(len(multiprocessing.active_children())))


def written(writer, previous):
    pages = len(list(Path(writer.output_path).glob("20*/*/index.html")))
    Path(writer.output_path, "..", "written.txt").write_text(str(pages))


def register():
    signals.article_writer_finalized.connect(queued)
    signal("newsarchive-articles-written").connect(written)
"""


def test_other_pages_are_queued_while_the_article_pages_render(tmp_path):
    """The generators after the articles' queue their pages (~1 s at 20,000 articles, on one
    core) while the article pages' workers render, and the article pages are all written
    when the build says so (ARTICLES_WRITTEN)."""
    root = tmp_path / "queueing"
    build_probed(root, "queueing_probe", QUEUEING_PROBE, 'PLUGINS = [*PLUGINS, "queueing_probe"]')
    assert (root / "queued.txt").read_text() == "2"  # (the workers render meanwhile)
    assert (root / "written.txt").read_text() == "300"


#: Two builds in one process, as `pelican --autoreload` runs them: the first fails in a
#: generator after the articles' (their pages' workers rendering meanwhile), the second
#: succeeds; then how many worker processes are left.
TWO_BUILDS = """
import multiprocessing
import sys

from pelican import Pelican, signals
from pelican.generators import Generator
from pelican.settings import read_settings


class FailingOnce(Generator):
    failed = False

    def generate_output(self, writer):
        if not FailingOnce.failed:
            FailingOnce.failed = True
            raise RuntimeError("a template error")


settings = read_settings(sys.argv[1], override={"PATH": sys.argv[2], "OUTPUT_PATH": sys.argv[3]})
pelican = Pelican(settings)
signals.get_generators.connect(lambda pelican: FailingOnce, weak=False)
try:
    pelican.run()
except RuntimeError:
    pass
pelican.run()
print(len(multiprocessing.active_children()))
"""


def test_a_failed_build_leaves_no_render_workers_to_the_next(tmp_path):
    """A build that fails while its article pages render (a template error in a later
    generator) leaves those workers; the next build in the same process ends them."""
    root = tmp_path / "failing"
    synthetic.generate(root, 300)  # (enough pages to render in workers: MIN_PARALLEL)
    settings = our_settings(root / "settings.py", "BUILD_JOBS = 2\n")
    command = [sys.executable, "-c", TWO_BUILDS, str(settings), str(root / "content"),
               str(root / "output")]  # fmt: skip
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "0"


def test_damaged_article_cache_is_named_and_read_again(tmp_path):
    """A truncated cache file (a full disk, a copy cut short) costs its folder's articles a
    second reading, with a warning naming the file: never a failed or a wrong build."""
    root = tmp_path / "damaged"
    synthetic.generate(root, 12)
    first = snapshot(build(root))
    damaged = sorted((root / "cache").glob("articles-*/*.articles.pickle"))[0]
    damaged.write_bytes(damaged.read_bytes()[:100])
    settings = root / "settings.py"
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", str(settings)],
        cwd=root, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    log = " ".join((result.stdout + result.stderr).split())
    assert "WARNING Article cache" in log and f"{damaged.name} unreadable" in log
    again = snapshot(root / "output")
    assert {n: d for n, (d, _) in again.items() if not n.startswith("pagefind/")} == {
        n: d for n, (d, _) in first.items() if not n.startswith("pagefind/")
    }
    assert len(cached_articles(root)) == 12


def test_a_new_article_that_files_a_name_elsewhere_rebuilds_the_older_pages(tmp_path):
    """A name some articles give as an organisation and others as a place is filed as most of
    them file it (plugins/entity_pages/index.py): a new article can move it, and the older
    articles' pages, whose files did not change, must link to where it is now."""
    from conftest import write_article

    root = tmp_path / "archive"
    shutil.copytree(REPO / "content" / "pages", root / "content" / "pages")
    folder = root / "content" / "articles" / "2020"
    for n, key in enumerate(["Organisations"] * 3 + ["Places"] * 3):
        write_article(folder, n, **{key: "Spotify", f"Auto_{key}": "Spotify"})  # three to three
    output = build(root)
    assert "/places/spotify/" in (output / "2020" / "story-5" / "index.html").read_text()
    write_article(folder, 6, Organisations="Spotify", Auto_Organisations="Spotify")  # 4 to 3
    build(root)
    rebuilt = snapshot(output)
    assert "/organisations/spotify/" in rebuilt["2020/story-5/index.html"][0].decode()
    assert_equals_clean_build(root, rebuilt, tmp_path / "clean", 7)


FINGERPRINT = """
import sys
from pelican import Pelican
from pelican.readers import Readers
from pelican.settings import read_settings
settings = read_settings(sys.argv[1], override={"PATH": sys.argv[2], "PLUGIN_PATHS": [sys.argv[3]]})
Pelican(settings)
import article_cache
print(article_cache.reading_fingerprint(settings, Readers(settings)))
"""


def test_the_reading_fingerprint_covers_the_markdown_converters_code(tmp_path):
    """What Markdown made of a file is kept under the reading fingerprint: it changes with
    the code of the Markdown converter's shortcuts (plugins/lean_pelican, a module apart from
    the reader's class), so a changed shortcut does not leave stale HTML in the cache."""
    plugins = tmp_path / "plugins"
    shutil.copytree(REPO / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "content").mkdir()

    def fingerprint() -> str:
        command = [sys.executable, "-c", FINGERPRINT, str(REPO / "pelicanconf.py"),
                   str(tmp_path / "content"), str(plugins)]  # fmt: skip
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    before = fingerprint()
    assert len(before.strip()) == 64 and fingerprint() == before
    shortcuts = plugins / "lean_pelican" / "markdown_fast_paths.py"
    shortcuts.write_text(shortcuts.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert fingerprint() != before
