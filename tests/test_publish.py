"""Publishing: the Pages workflow, `make publish` and `make github`, the size and link checks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from conftest import REPO, SEED, SHARED, build_site, needs_seed, new_archive, write_article

from newsarchive.check_links import check_site
from newsarchive.check_output import FILE_LIMIT, SITE_LIMIT, measure
from newsarchive.cli import main
from newsarchive.importer import run_import
from newsarchive.site_address import github_pages_url

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
SITEURL = "https://someone.github.io/archive"
BIN = Path(sys.executable).parent


def test_workflow_is_the_one_github_documents():
    flow = yaml.safe_load(WORKFLOW.read_text())
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    triggers = flow[True] if True in flow else flow["on"]  # YAML 1.1 reads `on` as True
    assert triggers["push"]["branches"] == ["main"]
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    assert uses[:4] == [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/cache",
    ]
    assert "actions/upload-pages-artifact" in uses
    upload = next(
        s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact")
    )
    assert upload["with"]["path"] == "output"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert build["steps"][1]["with"]["cache"] == "pip"


def workflow_build_command() -> str:
    flow = yaml.safe_load(WORKFLOW.read_text())
    [command] = [s["run"] for s in flow["jobs"]["build"]["steps"] if "run" in s]
    return command


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A clone of the project, built exactly as the workflow builds it."""
    clone = tmp_path_factory.mktemp("published") / "archive"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    command = workflow_build_command().replace("${{ steps.pages.outputs.base_url }}", SITEURL)
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}
    # the project's own venv stands in for the one the workflow creates
    # (and the seed page comes from the ../shared beside this repository, not the clone)
    make = f"make BIN={BIN} SHARED={SHARED} -o {BIN}/.installed"
    result = subprocess.run(command.replace("make", make, 1), shell=True, cwd=clone, env=env,
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return clone


def test_publish_without_an_address_stops_before_building(published):
    """With no NEWSARCHIVE_SITEURL and no GitHub `origin` (this clone's is a folder), `make
    publish` built a site without its address (no sitemap, no canonical links, a 404 page
    whose links break) and `make github` pushed it. It stops first, with one line."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSARCHIVE_SITEURL", "NEWSARCHIVE_CNAME")}  # fmt: skip
    before = (published / "output" / "index.html").stat().st_mtime_ns
    # (`publish`, which `github` runs first: a `github` that did not stop would push to the
    # clone's origin, this repository)
    result = subprocess.run(["make", f"BIN={BIN}", "-o", f"{BIN}/.installed", "publish"],
                            cwd=published, env=env, capture_output=True, text=True)  # fmt: skip
    assert result.returncode != 0
    assert "error: the published site's address is unknown: set NEWSARCHIVE_SITEURL" in result.stderr  # fmt: skip
    assert "Traceback" not in result.stderr and "pelican" not in result.stdout
    assert (published / "output" / "index.html").stat().st_mtime_ns == before


@pytest.mark.parametrize(
    ("name", "value", "line"),
    [
        ("NEWSARCHIVE_SITEURL", "someone.github.io/archive",
         "error: NEWSARCHIVE_SITEURL is not a web address: 'someone.github.io/archive' (write it whole: https://someone.github.io/archive)"),
        ("NEWSARCHIVE_SITEURL", "https://someone.github.io/my archive",
         "error: NEWSARCHIVE_SITEURL is not a web address: 'https://someone.github.io/my archive' (no spaces, query or fragment)"),
        ("NEWSARCHIVE_CNAME", "https://archive.example.org",
         "error: NEWSARCHIVE_CNAME is not a domain name: 'https://archive.example.org' (write the name alone, as archive.example.org)"),
    ],
)  # fmt: skip
def test_publish_with_an_address_that_is_none_stops_before_building(published, name, value, line):
    """An address without https:// ("someone.github.io/archive") was written into every feed, canonical link
    and the 404 page as a path under each page: feeds of relative links, an unstyled 404
    page with broken links, no sitemap. `make publish` stops first, with one line."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSARCHIVE_SITEURL", "NEWSARCHIVE_CNAME")}  # fmt: skip
    before = (published / "output" / "index.html").stat().st_mtime_ns
    result = subprocess.run(["make", f"BIN={BIN}", "-o", f"{BIN}/.installed", "publish"],
                            cwd=published, env={**env, name: value}, capture_output=True, text=True)  # fmt: skip
    assert result.returncode != 0
    assert line in result.stderr.splitlines()
    assert "Traceback" not in result.stderr and "pelican" not in result.stdout
    assert (published / "output" / "index.html").stat().st_mtime_ns == before


def test_published_site_links_work_under_the_sub_path(published):
    output = published / "output"
    result = check_site(output, "/archive/", site_root=SITEURL)
    assert result.broken == [] and result.pages > 100


@needs_seed
def test_published_site_files(published):
    output = published / "output"
    sitemap = (output / "sitemap.xml").read_text()
    assert (
        f"<loc>{SITEURL}/</loc>" in sitemap
        and f"<loc>{SITEURL}/people/sergei-lavrov/</loc>" in sitemap
    )
    assert (output / "robots.txt").read_text().endswith(f"Sitemap: {SITEURL}/sitemap.xml\n")
    missing = (output / "404.html").read_text()
    assert f'href="{SITEURL}/search/"' in missing  # absolute: it is served at any address
    article = next((output / "2019").glob("dockworkers*/index.html")).read_text()
    url = f"{SITEURL}/2019/dockworkers-walk-out-at-saltmere-over-automation-plan/"
    assert f'<link rel="canonical" href="{url}">' in article
    # links between pages are relative, as in a local build (the address in every link cost
    # ~1.9 KB per article); feeds, the sitemap and the canonical link carry the address
    assert article.count(SITEURL) == 1  # the canonical link's (no og:url repeating it)
    body = article.split("<body>", 1)[1]
    assert 'href="../../people/marisol-quenby/"' in body and SITEURL not in body
    assert f'href="{url}"' in (output / "feeds" / "all.atom.xml").read_text()
    assert '<meta property="og:type" content="article">' in article
    assert '<meta property="article:published_time" content="2019-03-11">' in article


def test_make_github_pushes_the_site_to_gh_pages(published, tmp_path):
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "NEWSARCHIVE_SITEURL": SITEURL,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}  # fmt: skip
    result = subprocess.run(
        ["make", f"BIN={BIN}", "-o", f"{BIN}/.installed", "github", f"GITHUB_REMOTE={bare}"],
        cwd=published, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    files = subprocess.run(["git", "-C", str(bare), "ls-tree", "-r", "--name-only", "gh-pages"],
                           capture_output=True, text=True, check=True).stdout.split()  # fmt: skip
    assert ".nojekyll" in files and "index.html" in files and "sitemap.xml" in files
    assert any(f.startswith("pagefind/") for f in files)


def test_publishing_an_unchanged_site_pushes_nothing(tmp_path, monkeypatch, capsys):
    """Every `make github` pushed a commit to gh-pages, one of no change where the site had
    not changed: GitHub Pages built and deployed the site again, and the branch's history
    grew a commit a run. A changed site still pushes, its commit holding only the change."""
    from newsarchive import gh_pages

    for name, value in (("NAME", "t"), ("EMAIL", "t@t")):
        monkeypatch.setenv(f"GIT_AUTHOR_{name}", value)
        monkeypatch.setenv(f"GIT_COMMITTER_{name}", value)
    archive, remote, output = tmp_path / "archive", tmp_path / "remote.git", tmp_path / "archive" / "output"  # fmt: skip
    for command in (["init", "-q", str(archive)], ["init", "-q", "--bare", str(remote)]):
        subprocess.run(["git", *command], check=True)
    subprocess.run(["git", "-C", str(archive), "commit", "-q", "--allow-empty", "-m", "archive"], check=True)  # fmt: skip
    output.mkdir()
    for page in ("index.html", "2024/story/index.html"):
        (output / page).parent.mkdir(parents=True, exist_ok=True)
        (output / page).write_text(f"<p>{page}</p>\n")
    monkeypatch.chdir(archive)

    def pages_log() -> list[str]:
        log = ["git", "-C", str(remote), "log", "--format=%H", "gh-pages"]
        return subprocess.run(log, capture_output=True, text=True, check=True).stdout.split()

    command = [str(output), "--remote", str(remote), "--branch", "gh-pages"]
    assert gh_pages.main(command) == 0
    [first] = pages_log()
    capsys.readouterr()
    assert gh_pages.main(command) == 0
    assert pages_log() == [first]
    assert capsys.readouterr().out == f"{remote} gh-pages already holds this site: nothing to push\n"  # fmt: skip
    (output / "2024" / "story" / "index.html").write_text("<p>corrected</p>\n")
    assert gh_pages.main(command) == 0
    second, parent = pages_log()
    changed = ["git", "-C", str(remote), "diff", "--name-only", first, second]
    assert parent == first
    assert subprocess.run(changed, capture_output=True, text=True, check=True).stdout.split() == ["2024/story/index.html"]  # fmt: skip


def test_link_checker_finds_a_broken_link(tmp_path, capsys):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="a/">A</a> <a href="missing/">gone</a> <img src="x.png">'
    )
    (site / "a" / "index.html").write_text('<a href="../">home</a>')
    # a page nothing links to (an old address leading on), whose refresh leads nowhere:
    # pages only reachable from the home page were checked
    (site / "old").mkdir()
    (site / "old" / "index.html").write_text(
        '<meta http-equiv="refresh" content="0; url=../moved-away/"><a href="../a/">A</a>'
    )
    result = check_site(site, "/repo/")
    broken = sorted(url.rsplit("/repo/", 1)[1] for url, _, _ in result.broken)
    assert "missing/" in broken and "x.png" in broken and "moved-away/" in broken
    assert main(["check-links", str(site), "--prefix", "/repo/"]) == 1
    assert "broken     http://127.0.0.1:" in capsys.readouterr().err


def test_link_checker_follows_a_local_builds_feed_entries(tmp_path):
    """A local build's feeds link to `make serve`'s address (FEED_DOMAIN), not to where the
    checker serves the site: an entry whose article was gone passed `make check`."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "feeds").mkdir()
    (site / "index.html").write_text('<link rel="alternate" href="feeds/all.atom.xml">')
    (site / "a" / "index.html").write_text("<h1>A</h1>")
    (site / "feeds" / "all.atom.xml").write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        '<link href="http://127.0.0.1:8000/feeds/all.atom.xml" rel="self"/>'
        '<entry><link href="http://127.0.0.1:8000/a/" rel="alternate"/></entry>'
        '<entry><link href="http://127.0.0.1:8000/deleted/" rel="alternate"/></entry></feed>'
    )
    for prefix in ("/repo/", "/"):
        result = check_site(site, prefix)
        # (this site has no search index: its files are reported missing)
        links = [(url, on) for url, on, _ in result.broken if "/pagefind/" not in url]
        broken = [(urlparse(url).path, urlparse(on).path) for url, on in links]
        assert broken == [(f"{prefix}deleted/", f"{prefix}feeds/all.atom.xml")], prefix


def test_link_checker_passes_the_demo_at_root_and_sub_path(demo):
    for prefix in ("/repo/", "/"):
        result = check_site(demo["output"], prefix)
        assert result.broken == [] and result.pages > 100, prefix


def test_size_check(tmp_path, capsys):
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "index.html").write_text("<h1>home</h1>")
    big = site / "pagefind" / "huge.pf_index"
    with big.open("wb") as handle:  # sparse: large on paper, nothing on disk
        handle.truncate(int(SITE_LIMIT * 0.85))
    size = measure(site)
    assert size.by_kind["search index"] == int(SITE_LIMIT * 0.85)
    levels = [level for level, _ in size.problems()]
    assert "warning" in levels  # 85 % of the limit
    assert "error" in levels  # and one file over 100 MB
    assert main(["check-output", str(site)]) == 1
    err = capsys.readouterr().err
    assert "over GitHub's 100 MB file limit" in err and "85% of GitHub Pages' 1 GB limit" in err
    # and where to read what to do about it, a heading the README has
    heading = "When the site nears 1 GB"
    assert f"(README: '{heading}')" in err
    assert f"**{heading}**" in (Path(__file__).parent.parent / "README.md").read_text()
    big.unlink()
    assert main(["check-output", str(site)]) == 0 and FILE_LIMIT > 0


def _reported_files(log: str) -> dict[str, int]:
    """The build's size report: files in all ("site") and per kind."""
    found = {}
    for line in log.splitlines():
        if match := re.search(r"site: [\d.]+ MB in ([\d,]+) files", line):
            found["site"] = int(match[1].replace(",", ""))
        elif match := re.search(r"INFO\s+(\w[\w ]*?)\s+[\d.]+ MB\s+([\d,]+) files", line):
            found[match[1]] = int(match[2].replace(",", ""))
    return found


def test_the_build_reports_the_size_of_every_file_it_left(tmp_path):
    """The pages are measured while the search index is made, the index after it: the two
    together are the whole site, top-level files included (robots.txt is written last)."""
    root = new_archive(tmp_path)
    run_import([SEED], root=root)
    for n in range(3):
        write_article(root / "content" / "articles" / "2020", n, People="Ada Quill")
    for attempt in ("full", "rebuild"):
        if attempt == "rebuild":
            write_article(root / "content" / "articles" / "2020", 9, People="Ada Quill")
        result = subprocess.run(
            [str(BIN / "pelican"), "content", "-o", "output", "-s", str(REPO / "pelicanconf.py"), "-v"],
            cwd=root, capture_output=True, text=True, env={**os.environ, "COLUMNS": "300"},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        size = measure(root / "output")
        reported = _reported_files(result.stdout + result.stderr)
        assert reported["site"] == size.files, attempt
        assert {k: v for k, v in reported.items() if k != "site"} == dict(size.files_by_kind)
        assert size.files_by_kind["search index"] > 0 and (root / "output" / "robots.txt").exists()
        # every feed counted as one, a person's too (it was counted as an entity page)
        feeds = list((root / "output").rglob("*.xml"))
        assert root / "output" / "people" / "ada-quill" / "atom.xml" in feeds
        assert reported["feeds"] == len(feeds), attempt


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("git@github.com:someone/archive.git", "https://someone.github.io/archive"),
        ("https://github.com/Someone/archive", "https://someone.github.io/archive"),
        ("https://github.com/someone/someone.github.io.git", "https://someone.github.io"),
        ("https://gitlab.com/someone/archive.git", None),
    ],
)
def test_site_address_from_the_git_remote(remote, url):
    assert github_pages_url(remote) == url


@needs_seed
def test_a_local_build_after_publishing_renders_every_page_again(tmp_path, monkeypatch):
    """`make html` right after `make publish`, nothing else changed: the pages must lose the
    published address (a local preview must not link to the live site), and back again."""
    monkeypatch.setenv("NEWSARCHIVE_SITEURL", SITEURL)
    root = new_archive(tmp_path)
    run_import([SEED], root=root)

    def article(settings: Path) -> str:
        output = build_site(root, settings)
        return next(t for p in output.glob("*/*/index.html") if "Shoigu" in (t := p.read_text()))

    assert f'<link rel="canonical" href="{SITEURL}/' in article(REPO / "publishconf.py")
    assert (root / "output" / "sitemap.xml").exists()
    assert SITEURL not in article(REPO / "pelicanconf.py")
    # nor a file of the published site's address (the sitemap stayed, listing the live site)
    leftover = [p.name for p in (root / "output").iterdir() if p.is_file() and SITEURL in p.read_text(errors="replace")]  # fmt: skip
    assert leftover == [] and not (root / "output" / "sitemap.xml").exists()
    assert f'<link rel="canonical" href="{SITEURL}/' in article(REPO / "publishconf.py")


@needs_seed
def test_publishing_again_rewrites_nothing_and_a_local_build_drops_the_domain(tmp_path):
    """Each publish emptied output/ first: a full build, and Pagefind's filter files, which
    come out in another order each run, pushed anew every time. And a local build after a
    publish with a custom domain left its output/CNAME behind."""
    root = new_archive(tmp_path)
    run_import([SEED], root=root)
    env = {"NEWSARCHIVE_SITEURL": SITEURL, "NEWSARCHIVE_CNAME": "archive.example.org"}

    def files(output: Path) -> dict[Path, tuple[int, bytes]]:
        # (Pelican copies the theme's files again on every build: the same bytes)
        return {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in output.rglob("*")
                if p.is_file() and "theme" not in p.parts}  # fmt: skip

    output = build_site(root, REPO / "publishconf.py", env)
    first = files(output)
    assert any(p.suffix == ".pf_filter" for p in first)
    build_site(root, REPO / "publishconf.py", env)
    assert files(output) == first
    assert (output / "CNAME").read_text() == "archive.example.org\n"
    build_site(root)
    assert not (output / "CNAME").exists()


def test_make_site_adds_no_demo_article_to_an_archive_of_its_own(tmp_path):
    """`make site` imported samples/ whatever the archive held: run again in your own
    archive, as the README's steps lead to, it added the demo's 16 invented articles. Nor
    does it speak of the demo there: it said "the demo is built without the seed page" on
    every run in an archive of one's own (where ../shared is not)."""
    archive = new_archive(tmp_path / "archive")
    for name in ("Makefile", "pelicanconf.py"):
        (archive / name).write_bytes((REPO / name).read_bytes())
    for folder in ("plugins", "themes", "samples"):
        shutil.copytree(REPO / folder, archive / folder, ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    write_article(archive / "content" / "articles" / "2020", 1)
    skip = f"-o {BIN}/.installed"  # (the venv stands in: for `site` and the make it runs)
    make = ["make", f"BIN={BIN}", *skip.split(), f"MAKE=make {skip}", "site"]
    result = subprocess.run(make, cwd=archive, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "seed" not in result.stdout + result.stderr
    assert [p.name for p in (archive / "content" / "articles").rglob("*.md")] == ["story-1.md"]
    assert (archive / "output" / "2020" / "story-1" / "index.html").exists()
    # IN= imports what it names, into an archive with articles too
    page = REPO / "samples" / "text" / "veloria-desalination-strategy.txt"
    result = subprocess.run([*make, f"IN={page}"], cwd=archive, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(list((archive / "content" / "articles").rglob("*.md"))) == 2
