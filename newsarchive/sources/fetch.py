"""`newsarchive fetch URLS.txt`: a polite fetcher for lists of URLs, into a WARC under raw/.

Polite: it reads each host's robots.txt and skips what it forbids, waits RATE seconds between
two requests to the same host, gives up on a request after TIMEOUT seconds, and retries
server errors and timeouts with growing pauses. Every HTML page it gets is written to one
WARC file (raw/fetch/<list name>.warc.gz, one gzip member per record, so an interrupted run
leaves a readable file); a second run skips the URLs that file already holds, so a fetch can
be resumed. The WARC is then imported like any other.
"""

from __future__ import annotations

import http.client
import io
import os
import re
import time
import urllib.error
import urllib.request
import urllib.robotparser
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlparse, urlsplit, urlunsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsarchive import __version__
from newsarchive.sources import wayback
from newsarchive.sources.decode import decode, read_bytes

USER_AGENT = f"newsarchive/{__version__} (+archive builder; polite fetcher)"
RATE = 1.0  # seconds between two requests to one host
TIMEOUT = 20.0
RETRIES = 3
BACKOFF = 1.0  # first pause before a retry; doubled each time
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class FetchResult:
    fetched: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


#: What a request cannot carry, the exceptions it ends in: a network failure (OSError), an
#: address it cannot read (ValueError) or one http.client refuses (InvalidURL: a space).
REQUEST_ERRORS = (OSError, ValueError, http.client.HTTPException)
#: A comment after a URL: "https://example.org/a  # the strike story".
_TRAILING_COMMENT = re.compile(r"\s+#.*$")
#: The line endings an editor counts lines by (str.splitlines also splits on form feeds and
#: U+2028, which would put a failure's line number off from the one the editor shows).
_LINE_END = re.compile(r"\r\n|\r|\n")


def read_url_list(path: Path) -> dict[str, int]:
    """URLs one per line, as URIs (as_uri), each with the number of the line it is first on
    (so a failure can name it); blank lines and # comments, whole lines or after a URL,
    ignored. The file is read as import reads text (a BOM, cp1252)."""
    urls: dict[str, int] = {}
    text = decode(read_bytes(path), path, "text")[0]
    for number, line in enumerate(_LINE_END.split(text), start=1):
        line = _TRAILING_COMMENT.sub("", line).strip()
        if line and not line.startswith("#"):
            urls.setdefault(as_uri(line), number)
    return urls


def as_uri(url: str) -> str:
    """A URL as a request can carry it: an accented path ("/café.html") and spaces
    percent-encoded, an international host name in its ASCII (IDNA) form, as browsers do;
    what is already encoded is left as it is."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or url.isascii() and " " not in url:
        return url
    host = parts.hostname or ""
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return url  # (not a host name: the request fails with its reason)
    netloc = host + (f":{parts.port}" if parts.port else "")
    safe = "/:@!$&'()*+,;=%~-._"
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe=safe),
                       quote(parts.query, safe=safe + "?"), quote(parts.fragment, safe=safe)))  # fmt: skip


def urls_in_warc(path: Path) -> set[str]:
    """The request URLs an earlier run already stored (to resume)."""
    if not path.exists():
        return set()
    done = set()
    with path.open("rb") as stream:
        try:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    done.add(record.rec_headers.get_header("WARC-Target-URI"))
                    requested = record.rec_headers.get_header("WARC-Requested-URI")
                    if requested:
                        done.add(requested)
        except Exception:  # a record cut short by an interruption: what came before counts
            pass
    return done


class Fetcher:
    def __init__(self, rate: float = RATE, timeout: float = TIMEOUT, retries: int = RETRIES,
                 backoff: float = BACKOFF, sleep: Callable[[float], None] = time.sleep):  # fmt: skip
        self.rate, self.timeout, self.retries, self.backoff = rate, timeout, retries, backoff
        self.sleep = sleep
        self.last_request: dict[str, float] = {}
        self.robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def _wait_for(self, host: str) -> None:
        since = time.monotonic() - self.last_request.get(host, -1e9)
        if since < self.rate:
            self.sleep(self.rate - since)
        self.last_request[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        parts = urlparse(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.robots:
            parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
            try:
                self._wait_for(parts.netloc)
                status, _, body, _ = self._get(origin + "/robots.txt")
                parser.parse(body.decode("utf-8", "replace").splitlines() if status == 200 else [])
            except REQUEST_ERRORS:
                parser.parse([])  # no robots.txt to be had: nothing is forbidden
            self.robots[origin] = parser
        return self.robots[origin].can_fetch(USER_AGENT, url)

    def _get(self, url: str) -> tuple[int, str, bytes, list[tuple[str, str]]]:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read(MAX_BYTES + 1)
                return response.status, response.geturl(), body, list(response.headers.items())
        except urllib.error.HTTPError as err:
            return err.code, url, b"", list(err.headers.items()) if err.headers else []

    def fetch(self, url: str) -> tuple[int, str, bytes, list[tuple[str, str]]]:
        """GET with the host's rate limit, retrying server errors and timeouts."""
        pause = self.backoff
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            self._wait_for(urlparse(url).netloc)
            try:
                answer = self._get(url)
            except REQUEST_ERRORS:  # timeouts, refused connections
                if last:
                    raise
            else:
                if answer[0] < 500 or last:
                    return answer
            self.sleep(pause)
            pause *= 2
        raise AssertionError("the last attempt returns or raises")


def _whole_members_end(path: Path) -> int:
    """Where the last complete gzip member of a file ends (each record is one member)."""
    end = position = 0
    member = zlib.decompressobj(wbits=31)
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            while chunk:
                try:
                    member.decompress(chunk)
                except zlib.error:
                    return end
                if not member.eof:
                    position += len(chunk)
                    break
                position += len(chunk) - len(member.unused_data)
                end, chunk = position, member.unused_data
                member = zlib.decompressobj(wbits=31)
    return end


def drop_partial_record(path: Path) -> int:
    """Cut the fetch WARC back to its last complete record (what a killed run was appending),
    so the records appended next are readable; returns the bytes dropped."""
    if not path.exists():
        return 0
    size, end = path.stat().st_size, _whole_members_end(path)
    if end < size:
        with path.open("r+b") as stream:
            stream.truncate(end)
            os.fsync(stream.fileno())
    return size - end


def fetch_all(urls: list[str], warc: Path, fetcher: Fetcher | None = None) -> FetchResult:
    """Fetch what the WARC does not hold yet; append each HTML page to it as it comes."""
    fetcher = fetcher or Fetcher()
    result = FetchResult()
    drop_partial_record(warc)
    done = urls_in_warc(warc)
    warc.parent.mkdir(parents=True, exist_ok=True)
    for url in urls:
        if url in done:
            result.already.append(url)
            continue
        if urlparse(url).scheme not in ("http", "https"):
            result.failed.append((url, "not an http(s) URL"))
            continue
        if not fetcher.allowed(url):
            result.failed.append((url, "forbidden by the site's robots.txt"))
            continue
        try:
            status, final, body, headers = fetcher.fetch(url)
        except REQUEST_ERRORS as err:
            result.failed.append((url, f"no answer ({getattr(err, 'reason', err)})"))
            continue
        content_type = dict((k.lower(), v) for k, v in headers).get("content-type", "")
        if status != 200:
            result.failed.append((url, f"HTTP {status}"))
        elif "html" not in content_type.lower():
            result.failed.append((url, f"not an HTML page ({content_type or 'no content type'})"))
        elif len(body) > MAX_BYTES:
            result.failed.append((url, "page too large"))
        elif elsewhere := redirected_elsewhere(url, final):
            result.failed.append((url, elsewhere))
        else:
            _append(warc, url, final, headers, body)
            result.fetched.append(url)
    return result


def redirected_elsewhere(requested: str, final: str) -> str | None:
    """Why the page a redirect ended on is not the page asked for, or None: a site's front
    page (where news sites send a story they took down) or a page whose address holds the
    one asked for, to return to it (a consent or login wall). Either was imported as an
    article of its own. A Wayback Machine capture is judged by the page it captured: the
    archive redirects to the capture nearest the time asked for, and from a capture of a
    redirect to the capture of where it led."""
    asked, got = (urlsplit(wayback.captured_address(u) or u) for u in (requested, final))
    if final == requested or asked.path in ("", "/"):
        return None
    if got.path in ("", "/"):
        return f"redirected to the site's front page ({final}): taken down?"
    for _, value in parse_qsl(got.query):
        if urlsplit(value).path == asked.path:
            return f"redirected to {final}, which leads back to it: a consent or login page?"
    return None


def _append(
    warc: Path, requested: str, final: str, headers: list[tuple[str, str]], body: bytes
) -> None:
    """One response record, written and flushed as its own gzip member."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    extra = {"WARC-Requested-URI": requested} if final != requested else None
    record = writer.create_warc_record(final, "response", payload=io.BytesIO(body), http_headers=http,
                                       warc_headers_dict=extra or {})  # fmt: skip
    writer.write_record(record)
    with warc.open("ab") as stream:
        stream.write(buffer.getvalue())
        stream.flush()
        os.fsync(stream.fileno())
