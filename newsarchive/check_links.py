"""The link checker: crawl the built site served under a sub-path on 127.0.0.1.

Every page reachable from the home page, and every other page of the site (an old address
leading on, a hidden article: linked from nowhere), is fetched over HTTP, as a browser would
get it from GitHub Pages under /repo/; every internal link, the address a page sends its
reader on to, each asset, feed entry and the search index's own files must answer 200.
External links are not followed (the archive links to many sites).
"""

from __future__ import annotations

import functools
import json
import re
import threading
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlparse


class _SubPathHandler(SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, *args) -> None:
        pass


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name) and not (tag == "form" or tag == "a" and values.get(name) == "#"):
                self.links.append(values[name])
        if tag == "form" and values.get("action"):
            self.links.append(values["action"])
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            found = _REFRESH_URL.search(values.get("content") or "")
            if found:
                self.links.append(found.group(1).strip("'\" "))


#: The address a refresh sends its reader on to: `0; url=../new/`.
_REFRESH_URL = re.compile(r"url\s*=\s*(\S+)", re.I)


@dataclass
class CrawlResult:
    pages: int = 0
    checked: int = 0
    broken: list[tuple[str, str, str]] = field(default_factory=list)  # (url, found on, why)


def serve(output: Path, prefix: str) -> tuple[ThreadingHTTPServer, str]:
    """Serve output/ at http://127.0.0.1:<port><prefix> in a background thread."""
    handler = functools.partial(
        type("Handler", (_SubPathHandler,), {"prefix": prefix}), directory=str(output)
    )
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as err:
        return err.code, "", b""


def _search_files(base: str) -> list[str]:
    """The files the search page loads first: the shard list, Pagefind's script, then each
    shard's entry file, metadata and WebAssembly (shared, through the entry's `wasm` field),
    of each part of a shard in parts (the newest's newest quarter apart), and the same of the
    years index (pagefind/years/, with its years.json), which an index of two shards or more
    has (the search page asks it which shards to search)."""
    manifest = urljoin(base, "pagefind/shards.json")
    status, _, body = _fetch(manifest)
    if status != 200:
        return [manifest]
    files = [manifest, urljoin(base, "pagefind/pagefind.js")]
    shards = json.loads(body)
    if len(shards) > 1:
        files.append(urljoin(base, "pagefind/years/years.json"))
        shards.append({"path": "years/"})
    for path in [part for shard in shards for part in shard.get("parts", [shard["path"]])]:
        bundle = urljoin(base, f"pagefind/{path}")
        entry = urljoin(bundle, "pagefind-entry.json")
        files.append(entry)
        status, _, body = _fetch(entry)
        if status != 200:
            continue
        for language in json.loads(body).get("languages", {}).values():
            files.append(urljoin(bundle, f"pagefind.{language['hash']}.pf_meta"))
            files.append(urljoin(bundle, f"wasm.{language['wasm']}.pagefind"))
    return files


#: A feed's links, and the one it gives as its own address (rel="self").
_FEED_LINK = re.compile(r"<link\b[^>]*>")
_HREF = re.compile(r'href="([^"]+)"')


def feed_links(url: str, feed: str, base: str) -> list[str]:
    """The links of the feed fetched at `url`, those under the address it gives as its own
    mapped onto `base`: a local build's feeds link to `make serve`'s address (FEED_DOMAIN),
    not to where the checker serves the site, so their entries went unchecked."""
    links, root, own = [], None, url.removeprefix(base)
    for tag in _FEED_LINK.findall(feed):
        if href := _HREF.search(tag):
            links.append(href[1])
            if 'rel="self"' in tag and own != url and href[1].endswith("/" + own):
                root = href[1].removesuffix(own)
    if root is None or root == base or "://" not in root:  # (a relative link needs no mapping)
        return links
    return [base + link.removeprefix(root) if link.startswith(root) else link for link in links]


def crawl(base: str, site_root: str | None = None, pages: Iterable[str] = ()) -> CrawlResult:
    """Fetch every internal page and resource reachable from `base`, and `pages` (paths under
    it: those nothing may link to); collect what is broken.

    `site_root` is the absolute address the pages use for the site (publish builds), which
    is mapped onto `base`; relative links need no mapping.
    """
    result = CrawlResult()
    seen: set[str] = set()
    queue = deque([(base, "(start)")])
    for url in _search_files(base):
        queue.append((url, "(search index)"))
    queue.extend((base + page, "(a page of the site)") for page in pages)

    def internal(url: str) -> str | None:
        if site_root and url.startswith(site_root.rstrip("/") + "/"):
            url = base + url[len(site_root.rstrip("/")) + 1 :]
        parsed = urlparse(url)
        if not url.startswith(base) or parsed.scheme not in ("http", "https"):
            return None
        return url.split("#")[0].split("?")[0]

    while queue:
        url, found_on = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = _fetch(url)
        result.checked += 1
        if status != 200:
            result.broken.append((url, found_on, f"HTTP {status}"))
            continue
        if kind == "text/html":
            result.pages += 1
            parser = _Links()
            parser.feed(body.decode("utf-8", "replace"))
            targets = parser.links
        elif kind in ("application/xml", "text/xml", "application/atom+xml") or url.endswith(
            ".xml"
        ):
            targets = feed_links(url, body.decode("utf-8", "replace"), base)
        else:
            continue
        for target in targets:
            absolute = internal(urljoin(url, target))
            if absolute and absolute not in seen:
                queue.append((absolute, url))
    return result


def check_site(output: Path, prefix: str = "/repo/", site_root: str | None = None) -> CrawlResult:
    httpd, base = serve(output, prefix)
    try:
        return crawl(base, site_root, site_pages(output))
    finally:
        httpd.shutdown()


def site_pages(output: Path) -> list[str]:
    """Every HTML page of the built site, as a path under its address (a folder's index.html
    as the folder: the address its links use); the search index's are fetched apart."""
    pages = []
    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output).as_posix()
        if relative.split("/", 1)[0] == "pagefind":
            continue
        pages.append(relative.removesuffix("index.html"))
    return pages
