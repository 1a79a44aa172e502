"""Shared fixtures: the repository's paths, and the demo archive imported and built once."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsarchive.importer import run_import

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
SHARED = REPO.parent / "shared"
#: The user's scraped page, read where it lives (it is not ours to commit): ../shared beside
#: the clone, as in CI. Tests that need it skip, saying why, where it is absent.
SEED = SHARED / "samples" / "gsn-2013-us-russia-talks.txt"
needs_seed = pytest.mark.skipif(
    not SEED.is_file(), reason=f"the seed page is read from {SEED}, which is absent"
)
PELICAN = Path(sys.executable).with_name("pelican")


def build_site(
    root: Path, settings: Path = REPO / "pelicanconf.py", env: dict[str, str] | None = None
) -> Path:
    """Build root/content into root/output with the real Pelican and our settings (and
    `env` added to the environment)."""
    output = root / "output"
    result = subprocess.run(
        [str(PELICAN), str(root / "content"), "-o", str(output), "-s", str(settings)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def our_settings(path: Path, lines: str = "") -> Path:
    """A settings file at `path`: the repository's pelicanconf.py, then `lines` (Python)."""
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *  # noqa: F403\n"
        + lines,
        encoding="utf-8",
    )
    return path


def new_archive(root: Path) -> Path:
    """An empty archive at root, with the repository's static pages."""
    shutil.copytree(REPO / "content" / "pages", root / "content" / "pages")
    return root


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> dict:
    """The bundled samples (and the seed page, where ../shared has it) imported and built,
    as `make site` does."""
    root = new_archive(tmp_path_factory.mktemp("demo"))
    outcomes = run_import([SAMPLES, SEED] if SEED.is_file() else [SAMPLES], root=root)
    output = build_site(root)
    return {"root": root, "output": output, "outcomes": outcomes}


def build_with_probe(root: Path, probe: str) -> None:
    """Build root/content with our settings, two workers, no search index, and `probe` as
    one more plugin (its code; PROBE_REPORT names the file it may write its findings to)."""
    (root / "probe").mkdir()
    (root / "probe" / "__init__.py").write_text(probe, encoding="utf-8")
    settings = our_settings(
        root / "settings.py",
        f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(root)!r}]\nPLUGINS = [*PLUGINS, 'probe']\n"
        f"SEARCH_INDEX = False\nBUILD_JOBS = 2\nPROBE_REPORT = {str(root / 'probe.json')!r}\n",
    )
    subprocess.run([str(PELICAN), str(root / "content"), "-o", str(root / "output"), "-s",
                    str(settings), "--fatal", "errors"], cwd=root, check=True,
                   capture_output=True)  # fmt: skip


def write_article(folder: Path, n: int, **fields: str) -> None:
    """A small hand-written article, story-<n>, dated in January 2020 unless told otherwise."""
    header = {"Title": f"Story {n}", "Date": f"2020-01-{1 + n % 28:02d} 10:{n % 60:02d}",
              "Slug": f"story-{n}", "Summary": f"Summary of story {n}.", **fields}  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    text = "".join(f"{key}: {value}\n" for key, value in header.items())
    (folder / f"story-{n}.md").write_text(f"{text}\nBody of story {n}.\n", encoding="utf-8")


def article_html(output: Path, title: str) -> str:
    """The built page of the article with this exact title."""
    for page in output.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        if f">{title}</h1>" in text and "<article" in text:
            return text
    raise AssertionError(f"no built article titled {title!r}")


# Browser tests: Playwright driving Debian's chromium against the demo site on 127.0.0.1.


def contrast(a: list[float], b: list[float]) -> float:
    """WCAG's contrast ratio of two sRGB colours (0-255)."""

    def luminance(rgb: list[float]) -> float:
        c = [v / 255 for v in rgb]
        c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]  # fmt: skip
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() or shutil.which("chromium") is None,
    reason="Debian's chromium is not installed (make test installs it: apt-get install chromium)",
)


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site at / and again under /repo/, like a GitHub Pages project site."""

    def translate_path(self, path: str) -> str:
        if path.startswith("/repo/"):
            path = path[len("/repo") :]
        return super().translate_path(path)

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def served(output: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1 (at / and under /repo/) while the block runs: its URL."""
    handler = functools.partial(SubPathHandler, directory=str(output))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(demo):
    with served(demo["output"]) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.outside = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on(
        "request",
        lambda req: (
            page.outside.append(req.url)
            if not req.url.startswith(("http://127.0.0.1", "data:"))
            else None
        ),
    )
    yield page
    context.close()
