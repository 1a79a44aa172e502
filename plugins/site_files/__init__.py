"""Files a published site needs beside its pages, and a check that it fits GitHub Pages.

- robots.txt (pointing to the sitemap when the site's address is known);
- sitemap.xml with every page, when SITEURL is an absolute address (publishconf.py);
- CNAME for a custom domain (the CNAME setting);
- the size check of newsarchive.check_output after everything else has written output/
  (this plugin is listed after search_index): a warning near the 1 GB limit, an error over it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from xml.sax.saxutils import escape

from pelican import signals

from newsarchive.check_output import measure, report

logger = logging.getLogger(__name__)


def page_urls(output: Path) -> list[str]:
    """Site-relative URLs of every HTML page, folder style ('2019/slug/')."""
    urls = []
    for page in sorted(output.rglob("*.html")):
        relative = page.relative_to(output)
        if relative.parts[0] in ("theme", "pagefind") or relative.name == "404.html":
            continue
        url = relative.as_posix()
        urls.append(url[: -len("index.html")] if url.endswith("index.html") else url)
    return urls


def write_if_changed(path: Path, text: str) -> None:
    """Leave an unchanged file alone (its mtime too), like every page of the build."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_site_files(pelican) -> None:
    output = Path(pelican.output_path)
    siteurl = pelican.settings.get("SITEURL", "")
    absolute = siteurl.startswith(("http://", "https://"))
    robots = "User-agent: *\nAllow: /\n"
    if absolute:
        entries = "".join(
            f"<url><loc>{escape(siteurl)}/{escape(url)}</loc></url>\n" for url in page_urls(output)
        )
        write_if_changed(
            output / "sitemap.xml",
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{entries}</urlset>\n",
        )
        robots += f"Sitemap: {siteurl}/sitemap.xml\n"
    write_if_changed(output / "robots.txt", robots)
    if pelican.settings.get("CNAME"):
        write_if_changed(output / "CNAME", pelican.settings["CNAME"] + "\n")


def check_size(pelican) -> None:
    size = measure(Path(pelican.output_path))
    for line in report(size, size.files_by_kind["articles"] or None):
        logger.info(line)
    for level, message in size.problems():
        getattr(logger, level)(message)


def register() -> None:
    signals.finalized.connect(write_site_files)
    signals.finalized.connect(check_size)
