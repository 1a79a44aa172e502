"""The polite fetcher against a local server on 127.0.0.1: robots.txt, rate limit, retries,
timeouts, redirects, resume, then import. Never the internet."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from conftest import SAMPLES

from newsarchive.cli import main
from newsarchive.sources.fetch import Fetcher, drop_partial_record, fetch_all, urls_in_warc

ARTICLE = (
    SAMPLES / "html" / "meridian-courier" / "saltmere-port-strike-second-week.html"
).read_bytes()
OTHER = (
    SAMPLES / "html" / "harbor-daily" / "kastria-proposes-joint-monitoring-centre.html"
).read_bytes()

FRONT = (
    b"<html><head><title>The Brenvale Courier</title></head><body>"
    + b"".join(
        b'<h2><a href="/n/%d">Harbour story number %d</a></h2><p>The council met again about the'
        b" slipway, and residents of the point asked for an answer before the summer.</p>" % (n, n)
        for n in range(10)
    )
    + b"</body></html>"
)
CONSENT = (b"<html><head><title>Before you continue</title></head><body><h1>Before you continue"
           b"</h1><p>We use cookies and data to deliver our services and measure audiences. Accept"
           b" all or reject all to continue to the page you asked for.</p></body></html>")  # fmt: skip


class Site(BaseHTTPRequestHandler):
    """A news site with every kind of trouble, and a log of what was asked when."""

    log: list[tuple[str, float]] = []
    failures_left = {"/flaky": 2}

    def do_GET(self):  # noqa: N802 (http.server's name)
        Site.log.append((self.path, time.monotonic()))
        if self.path == "/robots.txt":
            return self.reply(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if self.path == "/story":
            return self.reply(200, ARTICLE)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/other-story")
            self.end_headers()
            return None
        if self.path == "/other-story":
            return self.reply(200, OTHER)
        if self.path == "/flaky":
            if Site.failures_left["/flaky"] > 0:
                Site.failures_left["/flaky"] -= 1
                return self.reply(503, b"busy")
            return self.reply(200, ARTICLE.replace(b"second week", b"third week"))
        if self.path == "/slow":
            time.sleep(1.5)
            return self.reply(200, ARTICLE)
        if self.path in ("/taken-down", "/walled"):
            # a story taken down sends readers to the front page; a consent wall, to a page
            # whose address holds the story's, to return to it
            back = f"http://{self.headers['Host']}{self.path}"
            to = "/" if self.path == "/taken-down" else f"/consent?continue={quote(back, safe='')}"
            self.send_response(302)
            self.send_header("Location", to)
            self.end_headers()
            return None
        if self.path.startswith("/web/"):  # the Wayback Machine's captures, as it serves them
            return self.wayback()
        if self.path == "/" or self.path.startswith("/consent?"):
            return self.reply(200, FRONT if self.path == "/" else CONSENT)
        if self.path == "/logo.png":
            return self.reply(200, b"\x89PNG", "image/png")
        return self.reply(404, b"not here")

    def wayback(self):
        """A time asked for leads to the nearest capture; the capture of a story taken down,
        to the capture of the front page it redirected to."""
        to = {"/web/2019/https://brenvale.example/story": "/web/20190514100000/https://brenvale.example/story",
              "/web/20200101000000/https://brenvale.example/gone": "/web/20200101000000/https://brenvale.example/"}.get(self.path)  # fmt: skip
        if to:
            self.send_response(302)
            self.send_header("Location", to)
            self.end_headers()
            return None
        return self.reply(200, FRONT if self.path.endswith(".example/") else ARTICLE)

    def reply(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the fetcher hangs up on /slow: expected, not worth a traceback


class StampingFetcher(Fetcher):
    """The real fetcher, noting the path and moment of each request it sends."""

    def __init__(self, **settings):
        super().__init__(**settings)
        self.sent: list[tuple[str, float]] = []

    def _get(self, url: str):
        self.sent.append((urlparse(url).path, time.monotonic()))
        return super()._get(url)


@pytest.fixture
def site():
    Site.log = []
    Site.failures_left = {"/flaky": 2}
    server = QuietServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_fetch_is_polite_and_complete(site, tmp_path):
    urls = [f"{site}/story", f"{site}/moved", f"{site}/flaky", f"{site}/slow", f"{site}/private/x",
            f"{site}/missing", f"{site}/logo.png", "ftp://example.org/x"]  # fmt: skip
    warc = tmp_path / "raw" / "fetch" / "list.warc.gz"
    fetcher = StampingFetcher(rate=0.2, timeout=0.5, retries=2, backoff=0.05)
    result = fetch_all(urls, warc, fetcher)
    assert result.fetched == [f"{site}/story", f"{site}/moved", f"{site}/flaky"]
    failed = dict(result.failed)
    assert failed[f"{site}/private/x"] == "forbidden by the site's robots.txt"
    assert failed[f"{site}/missing"] == "HTTP 404"
    assert failed[f"{site}/logo.png"].startswith("not an HTML page (image/png")
    assert failed[f"{site}/slow"].startswith("no answer")
    assert failed["ftp://example.org/x"] == "not an http(s) URL"
    paths = [p for p, _ in Site.log]
    assert "/private/x" not in paths  # robots.txt was read first and obeyed
    assert paths.count("/flaky") == 3 and paths.count("/slow") == 3  # retried, then given up
    # one host: requests are spaced (a redirect's second hop follows at once, as browsers do).
    # The spacing is read from the fetcher's own send times: the server's stamps are taken when
    # its thread gets to run, which on a loaded machine can be late and make the next gap look short
    assert [p for p in paths if p != "/other-story"] == [p for p, _ in fetcher.sent]
    times = [t for _, t in fetcher.sent]
    assert all(b - a >= 0.19 for a, b in zip(times, times[1:], strict=False))
    stored = urls_in_warc(warc)
    assert {f"{site}/story", f"{site}/other-story", f"{site}/moved", f"{site}/flaky"} <= stored


def test_fetch_resumes_and_imports(site, tmp_path, capsys):
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# the port strike\n{site}/story\n\n{site}/moved\n{site}/story\n", encoding="utf-8"
    )
    args = ["fetch", str(listing), "--root", str(tmp_path), "--rate", "0.05", "--no-import"]
    assert main(args) == 0
    assert "2 fetched, 0 fetched before, 0 failed" in capsys.readouterr().err
    Site.log = []
    assert main(args[:-1]) == 0  # resumed: nothing to fetch again; then imported
    err = capsys.readouterr().err
    assert "0 fetched, 2 fetched before, 0 failed" in err
    assert "2 imported" in err
    # the import is reported as `import` reports it: report, summary, people review
    assert "report:" in err and "review:" in err
    assert (tmp_path / "reports" / "people-review.json").exists()
    assert [p for p, _ in Site.log] == []
    titles = sorted(p.read_text().split("\n", 1)[0] for p in (tmp_path / "content").rglob("*.md"))
    assert titles == ["Title: Kastria proposes joint monitoring center as arms talks resume",
                      "Title: Saltmere port strike enters second week as talks collapse"]  # fmt: skip
    warc = Path(tmp_path / "raw" / "fetch" / "urls.warc.gz")
    assert warc.exists()


def test_fetch_strict_fails_when_a_url_failed(site, tmp_path, capsys):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{site}/story\n{site}/missing\n", encoding="utf-8")
    args = ["fetch", str(listing), "--root", str(tmp_path), "--rate", "0.05", "--no-import"]
    assert main(args) == 0  # listed, not fatal
    assert main([*args, "--strict"]) == 1
    assert f"failed     {listing}:2 {site}/missing: HTTP 404" in capsys.readouterr().err


def test_a_record_cut_short_by_a_kill_is_dropped_before_fetching_more(site, tmp_path):
    warc = tmp_path / "urls.warc.gz"
    fetch_all([f"{site}/story"], warc, Fetcher(rate=0.05))
    whole = warc.read_bytes()
    fetch_all([f"{site}/other-story"], warc, Fetcher(rate=0.05))
    # killed halfway through appending the second record
    warc.write_bytes(warc.read_bytes()[: len(whole) + (len(warc.read_bytes()) - len(whole)) // 2])
    result = fetch_all([f"{site}/story", f"{site}/other-story"], warc, Fetcher(rate=0.05))
    assert result.already == [f"{site}/story"] and result.fetched == [f"{site}/other-story"]
    assert urls_in_warc(warc) == {f"{site}/story", f"{site}/other-story"}
    assert drop_partial_record(warc) == 0


def test_a_url_list_as_people_write_it(site, tmp_path, capsys):
    """A BOM (Notepad), comments after URLs, an accented path, a space, a cp1252 file: the
    space ended the whole run in a traceback (http.client's InvalidURL), the accented path in
    'no answer (ordinal not in range(128))', the BOM in 'not an http(s) URL'."""
    from newsarchive.cli import main
    from newsarchive.sources.fetch import as_uri, read_url_list

    listing = tmp_path / "urls.txt"
    listing.write_bytes(
        f"\ufeff{site}/story  # the strike\r\n{site}/café.html\r\n{site}/my story\r\n".encode()
    )
    assert read_url_list(listing) == {
        f"{site}/story": 1,
        f"{site}/caf%C3%A9.html": 2,
        f"{site}/my%20story": 3,
    }
    latin = tmp_path / "latin.txt"
    latin.write_bytes(f"{site}/café.html\n".encode("cp1252"))
    assert read_url_list(latin) == {f"{site}/caf%C3%A9.html": 1}
    assert as_uri("https://bücher.example/a?q=ü") == "https://xn--bcher-kva.example/a?q=%C3%BC"
    assert as_uri(f"{site}/caf%C3%A9.html") == f"{site}/caf%C3%A9.html"  # encoded already
    code = main(["fetch", str(listing), "--root", str(tmp_path), "--rate", "0", "--no-import"])
    err = capsys.readouterr().err
    assert code == 0 and "1 fetched, 0 fetched before, 2 failed" in err
    # asked for as a browser would
    assert f"failed     {listing}:2 {site}/caf%C3%A9.html: HTTP 404" in err
    # a URL no request can carry fails alone, with its reason
    result = fetch_all(["http://exa mple.org/x", f"{site}/story"], tmp_path / "b.warc.gz",
                       Fetcher(rate=0, retries=0))  # fmt: skip
    assert result.fetched == [f"{site}/story"] and result.failed[0][1].startswith("no answer (")
    assert main(["fetch", str(tmp_path / "none.txt"), "--root", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == f"error: {tmp_path / 'none.txt'}: no such file"


def test_a_failed_url_names_the_line_of_the_list(site, tmp_path, capsys):
    """Every failure names the list and the line to fix (as an editor counts lines: a form
    feed or U+2028 in a comment is no line end), the line a URL listed twice is first on."""
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "# the week's stories \u2028 (a separator inside a comment)\r\n"
        f"{site}/story\r\n"
        "\r\n"
        f"{site}/missing  # gone\r\n"
        f"{site}/private/x\r\n"
        "# below: \f a form feed\r\n"
        "ftp://example.org/x\r\n"
        f"{site}/logo.png\r\n"
        f"{site}/missing\r\n"
        "http://exa mple.org/x\r\n"
        f"{site}/slow\r\n",
        encoding="utf-8",
    )
    args = ["fetch", str(listing), "--root", str(tmp_path), "--rate", "0", "--retries", "0",
            "--timeout", "0.5"]  # fmt: skip
    assert main([*args, "--no-import"]) == 0
    failed = [line for line in capsys.readouterr().err.splitlines() if line.startswith("failed")]
    assert failed[:4] == [
        f"failed     {listing}:4 {site}/missing: HTTP 404",
        f"failed     {listing}:5 {site}/private/x: forbidden by the site's robots.txt",
        f"failed     {listing}:7 ftp://example.org/x: not an http(s) URL",
        f"failed     {listing}:8 {site}/logo.png: not an HTML page (image/png)",
    ]
    assert failed[4].startswith(f"failed     {listing}:10 http://exa mple.org/x: no answer (")
    assert failed[5].startswith(f"failed     {listing}:11 {site}/slow: no answer (")  # timed out
    assert len(failed) == 6


def test_a_redirect_to_the_front_page_or_a_consent_wall_is_no_article(site, tmp_path):
    """A story taken down redirects to the site's front page, and a consent wall to a page
    that returns to the story: fetch stored the page it ended on, and the import made the
    front page and the cookie notice articles of their own."""
    warc = tmp_path / "raw" / "fetch" / "list.warc.gz"
    result = fetch_all([f"{site}/story", f"{site}/taken-down", f"{site}/walled", f"{site}/moved"],
                       warc, Fetcher(rate=0.05))  # fmt: skip
    assert result.fetched == [f"{site}/story", f"{site}/moved"]
    failed = dict(result.failed)
    assert failed[f"{site}/taken-down"] == (
        f"redirected to the site's front page ({site}/): taken down?"
    )
    assert failed[f"{site}/walled"].startswith(f"redirected to {site}/consent?continue=http")
    assert failed[f"{site}/walled"].endswith(", which leads back to it: a consent or login page?")
    assert urls_in_warc(warc) == {f"{site}/story", f"{site}/moved", f"{site}/other-story"}
    # a Wayback Machine capture is judged by the page it captured
    captures = [f"{site}/web/2019/https://brenvale.example/story",
                f"{site}/web/20200101000000/https://brenvale.example/gone"]  # fmt: skip
    result = fetch_all(captures, warc, Fetcher(rate=0.05))
    assert result.fetched == captures[:1]
    assert dict(result.failed)[captures[1]] == (
        f"redirected to the site's front page ({site}/web/20200101000000/https://brenvale.example/)"
        ": taken down?"
    )
