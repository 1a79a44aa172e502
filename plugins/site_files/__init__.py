"""Files a published site needs beside its pages, and a check that it fits GitHub Pages.

- robots.txt (pointing to the sitemap when the site's address is known);
- sitemap.xml with every page, when SITEURL is an absolute address (publishconf.py);
- CNAME for a custom domain (the CNAME setting);
- the size check of newsarchive.check_output after everything else has written output/
  (this plugin is listed after search_index): a warning near the 1 GB limit, an error over it.
  With plugins/incremental_output, the pages are measured as soon as they are written, in a
  thread, while the search index is made; the index and the files at the top after it.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from xml.sax.saxutils import escape

from blinker import signal
from pelican import signals

from newsarchive.check_output import SiteSize, measure, report
from newsarchive.output_files import remove_scratch_from_output, scratch_folder, write_whole
from newsarchive.store import atomic_write

logger = logging.getLogger(__name__)


def page_urls(output: Path, leading_elsewhere: set[str] = frozenset()) -> list[str]:
    """Site-relative URLs of every HTML page but drafts and the pages `leading_elsewhere` (an
    entity's old address: plugins/entity_pages), folder style ('2019/slug/')."""
    urls = []
    for page in sorted(output.rglob("*.html")):
        relative = page.relative_to(output)
        if relative.parts[0] in ("theme", "pagefind", "drafts") or relative.name == "404.html":
            continue
        url = relative.as_posix()
        url = url[: -len("index.html")] if url.endswith("index.html") else url
        if url not in leading_elsewhere:
            urls.append(url)
    return urls


#: The pages of this build not listed in the sitemap, by sender: those that lead to another
#: (newsarchive-moved-pages, sent by plugins/entity_pages and plugins/archive_metadata), and
#: the hidden articles.
_unlisted: dict[str, set[str]] = {}


def note_moved_pages(sender, urls: list[str]) -> None:
    _unlisted[type(sender).__name__] = set(urls)


def note_hidden_articles(generator) -> None:
    """`Status: hidden` articles: at their address, listed nowhere (the sitemap neither)."""
    _unlisted["hidden"] = {article.url for article in generator.hidden_articles}


def forget_unlisted_pages(pelican) -> None:
    _unlisted.clear()  # (a build without those plugins sends none)


def write_if_changed(path: Path, text: str, scratch: Path) -> None:
    """Leave an unchanged file alone (its mtime too), like every page of the build; write a
    changed one whole."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        write_whole(path, text.encode("utf-8"), scratch)


#: In the cache: the CNAME the last build wrote, so a build without one removes it.
CNAME_WRITTEN = "site-files-cname.txt"
SITEMAP_START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
)


def write_site_files(pelican) -> None:
    output = Path(pelican.output_path)
    scratch = scratch_folder(pelican.settings["CACHE_PATH"], output)
    scratch.mkdir(parents=True, exist_ok=True)
    siteurl = pelican.settings.get("SITEURL", "")
    absolute = siteurl.startswith(("http://", "https://"))
    robots = "User-agent: *\nAllow: /\n"
    sitemap = output / "sitemap.xml"
    if absolute:
        entries = "".join(
            f"<url><loc>{escape(siteurl)}/{escape(url)}</loc></url>\n"
            for url in page_urls(output, set().union(*_unlisted.values()))
        )
        write_if_changed(sitemap, f"{SITEMAP_START}{entries}</urlset>\n", scratch)
        robots += f"Sitemap: {siteurl}/sitemap.xml\n"
    elif sitemap.exists() and sitemap.read_text(errors="replace").startswith(SITEMAP_START):
        sitemap.unlink()  # (ours, of `make publish` before this local build: the live site's)
    write_if_changed(output / "robots.txt", robots, scratch)
    cname, ours = output / "CNAME", Path(pelican.settings["CACHE_PATH"]) / CNAME_WRITTEN
    if pelican.settings.get("CNAME"):
        write_if_changed(cname, pelican.settings["CNAME"] + "\n", scratch)
        if (
            not ours.exists()
            or ours.read_text(encoding="utf-8") != pelican.settings["CNAME"] + "\n"
        ):
            ours.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(ours, (pelican.settings["CNAME"] + "\n").encode("utf-8"))
    elif ours.exists():  # (ours, of `make publish` before this local build: not this site's)
        if cname.exists() and cname.read_bytes() == ours.read_bytes():
            cname.unlink()
        ours.unlink()
    remove_scratch_from_output(output)  # (the last files written through it)


#: Written last, at `finalized`: the search index (plugins/search_index).
LAST_WRITTEN = "pagefind"
#: The pages' measure, being made: output path -> (thread, [SiteSize]).
_measuring: dict[str, tuple[threading.Thread, list[SiteSize]]] = {}


def measure_pages(writer) -> None:
    """Every page is written: measure them (all but the search index and the files at the
    top) in a thread, while the search index is made."""
    output = Path(writer.output_path)
    result: list[SiteSize] = []

    def run() -> None:
        result.append(measure(output, lambda name: name != LAST_WRITTEN, top_files=False))

    thread = threading.Thread(target=run, name="measure-pages", daemon=True)
    _measuring[str(output)] = (thread, result)
    thread.start()


def site_size(output: Path) -> SiteSize:
    """The whole site's measure: the pages' (if measure_pages ran), then the rest."""
    started = _measuring.pop(str(output), None)
    if started is None:
        return measure(output)
    thread, result = started
    thread.join()
    rest = measure(output, lambda name: name == LAST_WRITTEN, top_files=True)
    return result[0].add(rest) if result else measure(output)


def check_size(pelican) -> None:
    size = site_size(Path(pelican.output_path))
    for line in report(size, size.files_by_kind["articles"] or None):
        logger.info(line)
    for level, message in size.problems():
        getattr(logger, level)(message)


def register() -> None:
    signals.initialized.connect(forget_unlisted_pages)
    signal("newsarchive-moved-pages").connect(note_moved_pages)
    signals.article_generator_finalized.connect(note_hidden_articles)
    signals.finalized.connect(write_site_files)
    signals.finalized.connect(check_size)
    signal("newsarchive-output-written").connect(measure_pages)  # (incremental_output's)
