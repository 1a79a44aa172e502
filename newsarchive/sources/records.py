"""Inputs that hold many pages: scraper JSON Lines / JSON, and WARC files.

Each record becomes its own RawDocument, named after the file and the record
("crawl.jsonl#12", "crawl.warc.gz#3"), so one bad record fails alone. A JSON Lines or WARC
file is only scanned for where its records start (RecordRef); each record is read by the
worker that extracts it, so importing a crawl of any size holds one record at a time.

A JSON record's fields (url, title, date, authors, source) act as its sidecar; its `html` is
extracted like a saved page, its `text` is taken as the article's own text. WARC response
records with HTML become pages; every other record is skipped and counted.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader
from warcio.exceptions import ArchiveLoadFailed

from newsarchive.article import ExtractionError
from newsarchive.settings import MAX_INPUT_BYTES
from newsarchive.sources.decode import decode, read_bytes

JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")
WARC_SUFFIXES = (".warc", ".warc.gz")
_CHUNK = 1 << 16  # bytes read at a time to find where a gzipped WARC's members end
#: Field names scrapers use, in order of preference; --fields puts the user's own first (a
#: record without it falls back to these).
FIELD_NAMES = {
    "url": ("url", "link", "canonical_url", "source_url"),
    "title": ("title", "headline"),
    "html": ("html", "content_html", "raw_html", "page_html"),
    "text": ("text", "content", "body", "article", "article_text"),
    "date": (
        "date",
        "published",
        "published_at",
        "datePublished",
        "pubdate",
        "publish_date",
        "published_date",
        "date_published",
        "publication_date",
        "pub_date",
    ),  # fmt: skip
    "authors": ("authors", "author", "byline"),
    "source": ("source", "site", "site_name", "sitename", "source-hostname", "publisher"),
}


#: A text field that is a page's markup ("<html ...", "<p>...</p>"), not the article's text.
_MARKUP = re.compile(
    r"^\s*<(?:!doctype|html|head|body|article|div|section|p)\b|</p>\s*<p\b|<br\s*/?>", re.I
)


def _is_address(value) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def container_suffix(path: Path) -> str | None:
    name = path.name.lower()
    return next((s for s in WARC_SUFFIXES + JSON_SUFFIXES if name.endswith(s)), None)


class RecordError(ExtractionError):
    """A record that cannot be read; `name` says which one."""

    def __init__(self, name: str, reason: str):
        super().__init__(reason)
        self.name = name


def _field(record: dict, key: str, mapping: dict[str, str]):
    names = (mapping[key], *FIELD_NAMES[key]) if key in mapping else FIELD_NAMES[key]
    return next((record[n] for n in names if record.get(n) not in (None, "", [])), None)


def _json_lines(path: Path) -> Iterator[tuple[int, int, RecordError | None]]:
    """(number, byte offset, error or None) of each JSON line, read a line at a time (a
    scraper's export may be gigabytes: the size limit is a record's)."""
    try:
        with path.open("rb") as stream:
            number, offset = 0, 0
            while line := stream.readline(MAX_INPUT_BYTES + 1):
                number += 1
                if len(line) > MAX_INPUT_BYTES and not line.endswith(b"\n"):
                    yield number, offset, RecordError(f"{path}#{number}", _too_large(stream, line))
                elif line.strip():
                    yield number, offset, None
                offset = stream.tell()
    except OSError as err:
        raise ExtractionError(f"cannot read file ({err.strerror})") from None


def _parsed_line(line: bytes, name: str) -> object:
    try:
        return json.loads(line)
    except (ValueError, RecursionError) as err:
        raise RecordError(name, f"not valid JSON ({_json_error(err)})") from None


def _too_large(stream, start: bytes) -> str:
    """Skip the rest of an oversized line; the reason it fails."""
    size = len(start)
    while True:
        chunk = stream.readline(1 << 20)
        size += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            break
    return f"record too large ({size:,} bytes; limit {MAX_INPUT_BYTES:,})"


def _json_array(path: Path) -> Iterator[tuple[int, bytes, object]]:
    """The records of a file holding one JSON array (read whole: within the size limit)."""
    try:
        data = read_bytes(path)
    except ExtractionError as err:
        raise ExtractionError(f"{err}: write the records as JSON Lines, one per line") from None
    try:
        items = json.loads(data)
    except (ValueError, RecursionError) as err:
        raise ExtractionError(f"not valid JSON ({_json_error(err)})") from None
    for number, item in enumerate(items if isinstance(items, list) else [items], start=1):
        text = json.dumps(item, ensure_ascii=False, sort_keys=True)
        yield number, text.encode("utf-8", "surrogatepass"), item


def _json_error(err: Exception) -> str:
    if isinstance(err, RecursionError):
        return "nested too deeply"
    if isinstance(err, UnicodeDecodeError):
        return f"not UTF-8 at byte {err.start}"
    if isinstance(err, json.JSONDecodeError):
        # json's message ends "... at" where it appends the place: "Invalid control character at"
        problem = err.msg.removesuffix(" at")
        where = (
            f"line {err.lineno}, column {err.colno}" if err.lineno > 1 else f"column {err.colno}"
        )
        return f"{problem[:1].lower()}{problem[1:]} at {where}"
    return str(err)


def _is_array(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(4096).lstrip().startswith(b"[")
    except OSError as err:
        raise ExtractionError(f"cannot read file ({err.strerror})") from None


def json_documents(path: Path, mapping: dict[str, str] | None = None) -> Iterator:
    """The records of a JSON Lines file as RecordRefs (each read when it is extracted), or of a
    JSON array as RawDocuments; RecordErrors for records that fail here."""
    mapping = mapping or {}
    if _is_array(path):
        for number, raw, record in _json_array(path):
            try:
                yield json_document(path, number, raw, record, mapping)
            except RecordError as err:
                yield err
        return
    for number, offset, error in _json_lines(path):
        yield error or RecordRef(path, number, offset, tuple(sorted(mapping.items())))


def json_document(path: Path, number: int, raw: bytes, record: object, mapping: dict):
    """A JSON record as a RawDocument: its html or text, and its fields as the sidecar."""
    from newsarchive.sources import RawDocument

    name = f"{path}#{number}"
    if not isinstance(record, dict):
        raise RecordError(name, "record is not a JSON object")
    html, text = _field(record, "html", mapping), _field(record, "text", mapping)
    if not html and isinstance(text, str) and _MARKUP.search(text[:5000]):
        html, text = text, None  # Scrapy's `body` is the page
    if not html and not text:
        raise RecordError(name, "record has no html or text field")
    sidecar = {k: v for k in ("url", "title", "date", "authors", "source")
               if (v := _field(record, k, mapping)) is not None}  # fmt: skip
    if "source" not in mapping and _is_address(sidecar.get("source")):
        # trafilatura's JSON: `source` is the page's address, its site name is apart
        sidecar.setdefault("url", sidecar["source"])
        names = [n for n in FIELD_NAMES["source"][1:] if record.get(n)]
        if names:
            sidecar["source"] = record[names[0]]
        else:
            del sidecar["source"]
    return RawDocument(path=path, name=name, kind="html" if html else "plaintext", data=raw,
                       text=str(html or text), suffix=".json", sidecar=sidecar)  # fmt: skip


def warc_documents(path: Path, counts: dict | None = None) -> Iterator:
    """RecordRefs for the HTML responses of a WARC file (each read when it is extracted);
    `counts` tallies them and the rest."""
    counts = counts if counts is not None else {}
    # the record being read; the last one read, where it starts, and the last page
    at = {"record": 1, "last": 0, "offset": 0, "page": 0}
    try:
        source = _unzipped_copy(path) if _one_gzip_stream(path) else path
        with source.open("rb") as stream:
            try:
                yield from _warc_pages(path, stream, counts, at, source)
            except Exception as err:  # warcio trips on a broken record anywhere
                cut = _cut_record(stream, at)
                yield _truncated(path, cut) if cut else _unreadable(path, at["record"], err)
            else:
                if cut := _quiet_cut(stream, at, counts):
                    yield _truncated(path, cut)
    except OSError as err:
        yield _unreadable(path, at["record"], err)


def _warc_pages(path: Path, stream, counts: dict, at: dict, source: Path) -> Iterator[RecordRef]:
    """The listing itself, of `stream` (`source` opened: the file, or its unzipped copy);
    `at` follows it, for the message if it fails."""
    records = ArchiveIterator(stream)
    for number, record in _numbered(records, at):
        if not str(record.format).startswith("warc"):
            # warcio reads anything as an old-style ARC record; a .warc file is not one
            raise ValueError(f"record {number} is not a WARC record")
        # (whether it is a page first: warcio's offset, asked before, leaves no content to read)
        page = _html_response(record)
        at["last"], at["offset"] = number, records.get_record_offset()
        if page is None and (moved := _redirect(record)) is not None:
            counts["redirects"] = counts.get("redirects", 0) + 1
            yield moved
            continue
        if page is None:
            # (a revisit: a re-crawl's mark that a page had not changed since a capture)
            kind = "revisits" if record.rec_type == "revisit" else "skipped"
            counts[kind] = counts.get(kind, 0) + 1
            continue
        counts["pages"] = counts.get("pages", 0) + 1
        at["page"] = number
        yield RecordRef(path, number, at["offset"], copy=source if source != path else None)


def _one_gzip_stream(path: Path) -> bool:
    """Whether a WARC is gzipped whole (`gzip crawl.warc`), not a gzip member a record: warcio
    reads its first record and refuses the rest, and no record after the first can be read
    from where it starts. (Found on its second record: the first is all that is unzipped.)"""
    try:
        with path.open("rb") as stream:
            if stream.read(2) != b"\x1f\x8b":
                return False
            stream.seek(0)
            records = ArchiveIterator(stream)
            next(records, None)
            next(records, None)
    except ArchiveLoadFailed as err:
        return "non-chunked gzip" in str(err)
    except Exception:  # broken or cut short: the listing says how
        return False
    return False


#: The unzipped copies of WARCs gzipped whole made by this process: path -> (its size and
#: time, the copy). Removed when the process ends.
_COPIES: dict[Path, tuple[tuple[int, int], Path]] = {}


def _unzipped_copy(path: Path) -> Path:
    """An uncompressed copy of a WARC gzipped whole, in the system's temporary folder, from
    which each record can be read where it starts; as far as it goes where the file is cut
    short (the listing then says which record it ends inside)."""
    stat = path.stat()
    stamp = (stat.st_size, stat.st_mtime_ns)
    if path in _COPIES and _COPIES[path][0] == stamp and _COPIES[path][1].exists():
        return _COPIES[path][1]
    if not _COPIES:
        atexit.register(_remove_copies, os.getpid())
    handle, name = tempfile.mkstemp(prefix="newsarchive-", suffix=".warc")
    _COPIES[path] = (stamp, Path(name))
    with path.open("rb") as zipped, os.fdopen(handle, "wb") as copy:
        member, data = _gzip_member(), zipped.read(_CHUNK)
        try:
            while data:
                copy.write(member.decompress(data, _CHUNK))  # (a bomb: no more at a time)
                data = member.unconsumed_tail or member.unused_data or zipped.read(_CHUNK)
                if member.eof and data:  # (members one after another, as gzip joins files)
                    member = _gzip_member()
        except zlib.error:  # broken past here: the listing finds where its records stop
            pass
    return Path(name)


def _remove_copies(pid: int) -> None:
    if os.getpid() == pid:  # (not a worker process forked from this one)
        for _, copy in _COPIES.values():
            copy.unlink(missing_ok=True)


def _truncated(path: Path, number: int) -> RecordError:
    if number == 1:
        return RecordError(str(path), "truncated WARC file (it ends inside its first record)")
    return RecordError(f"{path}#{number}", "truncated WARC record (the file ends inside it)")


def _unreadable(path: Path, number: int, err: Exception) -> RecordError:
    if number > 1:  # the records before it were read
        return RecordError(f"{path}#{number}", f"unreadable WARC record ({_warc_reason(err)}): "
                           f"the file's later records, if any, were not read")  # fmt: skip
    return RecordError(str(path), f"unreadable WARC file ({_warc_reason(err)})")


def _warc_reason(err: Exception) -> str:
    """Why warcio could not read a record, on one line: its own message, or the name of what it
    tripped on inside a broken record (an AttributeError on a header that is not there)."""
    if isinstance(err, StopIteration):
        return "no record where the listing found one: has the file changed since?"
    if isinstance(err, (ArchiveLoadFailed, OSError, ValueError)) and str(err).strip():
        return _printable(str(err).strip().splitlines()[0].strip())
    return f"malformed or cut short: {type(err).__name__} in warcio"


def _cut_record(stream, at: dict) -> int | None:
    """The record a WARC ends inside, or None: a download or copy that stopped, which warcio
    reports as whatever it trips on (or, uncompressed, not at all)."""
    stream.seek(at["offset"])
    gzipped = b"\x1f\x8b".startswith(stream.read(2))  # (a file cut after its first byte too)
    whole = (_members_before_cut if gzipped else _records_before_cut)(stream, at["offset"])
    return None if whole is None else max(at["last"], 1) + whole


def _quiet_cut(stream, at: dict, counts: dict) -> int | None:
    """The record a WARC that warcio read to its end is cut short in: warcio takes the end of
    the file for the end of its records. Not a page it found (imported as far as it goes, its
    text says it is cut short); a record it counted as skipped is taken off the count."""
    cut = _cut_record(stream, at)
    if cut is None or cut == at["page"]:
        return None
    if cut == at["last"]:
        counts["skipped"] -= 1
    return cut


def _members_before_cut(stream, offset: int) -> int | None:
    """How many whole gzip members the file holds from `offset` on before the one it ends inside;
    None when it ends after a whole one, or is not gzip, or is broken rather than cut short."""
    try:
        stream.seek(offset)
        data, member, whole = stream.read(_CHUNK), _gzip_member(), 0
        if not data:
            return None
        while data:
            member.decompress(data, _CHUNK)  # only where members end matters: the text is dropped
            data = member.unconsumed_tail or member.unused_data or stream.read(_CHUNK)
            if member.eof and data:
                member, whole = _gzip_member(), whole + 1
        return None if member.eof else whole
    except (OSError, zlib.error):
        return None


def _records_before_cut(stream, offset: int) -> int | None:
    """How many whole records an uncompressed WARC holds from `offset` on before the one it ends
    inside (in its headers, or before the end its Content-Length declares); None when it ends
    after a whole one, or where what follows is no WARC record (broken, not cut short)."""
    size, whole = stream.seek(0, 2), 0
    stream.seek(offset)
    try:
        while (length := _block_length(stream, size)) is not None:
            end = stream.tell() + length
            if end > size:
                return whole
            whole += 1
            stream.seek(end)
    except _EndsInside:
        return whole
    return None


class _EndsInside(Exception):
    """The file ends inside the WARC headers being read."""


def _block_length(stream, size: int) -> int | None:
    """The Content-Length of the WARC record starting at the stream's place (blank lines before
    it skipped), leaving the stream where its block starts; None at the end of the file, or where
    no record with a length starts. Raises _EndsInside when the file ends inside its headers."""
    line = b"\r\n"
    while line in (b"\r\n", b"\n"):
        line = stream.readline(_CHUNK)
    if not line.startswith(b"WARC/"):
        # the file ending inside the version line ("WAR") is a record cut short; not "<html>"
        if line and stream.tell() == size and b"WARC/".startswith(line):
            raise _EndsInside
        return None
    length = None
    while (line := stream.readline(_CHUNK)) not in (b"\r\n", b"\n"):
        if not line.endswith(b"\n"):
            if stream.tell() == size:
                raise _EndsInside
            return None  # a header line too long to be one
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = value.strip()
    return int(length) if length and length.isdigit() else None


def _gzip_member():
    return zlib.decompressobj(zlib.MAX_WBITS | 16)


def warc_document(path: Path, name: str, record):
    """A WARC response record as a RawDocument: its payload, target URL and date."""
    from newsarchive.sources import RawDocument

    if encoding := _undecodable_encoding(record):
        raise RecordError(name, f"the page is compressed as '{encoding}' (its HTTP Content-Encoding),"
                          f" which cannot be read here{_DECOMPRESSOR.get(encoding, '')}")  # fmt: skip
    payload = record.content_stream().read(MAX_INPUT_BYTES + 1)
    if not payload and getattr(record.raw_stream, "limit", 0):  # bytes it should have, missing
        raise RecordError(name, "truncated WARC record (the file ends inside it)")
    if len(payload) > MAX_INPUT_BYTES:  # a record's gzip Content-Encoding too
        raise RecordError(name, f"record larger than {MAX_INPUT_BYTES:,} bytes")
    url = record.rec_headers.get_header("WARC-Target-URI")
    captured = _warc_date(record.rec_headers.get_header("WARC-Date"))
    try:
        text, warnings = decode(payload, path, "html", _served_charset(record))
    except ExtractionError as err:
        raise RecordError(name, str(err)) from None
    return RawDocument(path=path, name=name, kind="html", data=payload, text=text, suffix=".html",
                       sidecar={"url": url} if url else {}, warnings=warnings,
                       captured=captured)  # fmt: skip


#: What warcio needs to undo a Content-Encoding it reads only with a package installed.
_DECOMPRESSOR = {"br": " without the brotli package (pip install brotli)"}


def _undecodable_encoding(record) -> str | None:
    """The response's Content-Encoding where warcio cannot undo it here (Brotli, which a
    browser-based crawler stores as the server sent it, without the brotli package; zstd): its
    bytes were refused as "binary file (control bytes)", which said nothing of why."""
    encoding = (record.http_headers.get_header("Content-Encoding") or "").strip().lower()
    if encoding in ("", "identity") or encoding in BufferedReader.get_supported_decompressors():
        return None
    return encoding


_CHARSET_PARAMETER = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)


def _served_charset(record) -> str | None:
    """The charset the server named in the response's Content-Type (`text/html;
    charset=iso-8859-2`), or None."""
    content_type = record.http_headers.get_header("Content-Type") or ""
    found = _CHARSET_PARAMETER.search(content_type)
    return found.group(1) if found else None


@dataclass(frozen=True)
class RecordRef:
    """A record of a JSON Lines or WARC file, by the byte offset it starts at: the worker that
    extracts it reads it, so an import never holds a whole crawl or export in memory."""

    path: Path
    number: int
    offset: int
    mapping: tuple[tuple[str, str], ...] = ()
    #: The uncompressed copy `offset` is in, for a WARC gzipped whole (_unzipped_copy).
    copy: Path | None = None

    @property
    def name(self) -> str:
        return f"{self.path}#{self.number}"

    def load(self):
        """The record as a RawDocument; RecordError when it cannot be read."""
        try:
            with (self.copy or self.path).open("rb") as stream:
                stream.seek(self.offset)
                if container_suffix(self.path) in WARC_SUFFIXES:
                    return warc_document(self.path, self.name, next(iter(ArchiveIterator(stream))))
                line = stream.readline(MAX_INPUT_BYTES + 1)
        except RecordError:
            raise
        except Exception as err:  # warcio trips on a broken record anywhere
            raise RecordError(self.name, f"unreadable record ({_warc_reason(err)})") from None
        # without its line ending, a record cut short reads "unterminated string", not
        # "invalid control character" (the newline, taken into the string)
        line = line.rstrip(b"\r\n")
        record = _parsed_line(line, self.name)
        return json_document(self.path, self.number, line, record, dict(self.mapping))


def _numbered(records: Iterator, at: dict) -> Iterator:
    """(number, record) pairs; `at["record"]` is the number of the one being read, so a failure
    while reading the next names it."""
    number = 0
    while True:
        at["record"] = number + 1
        try:
            record = next(records)
        except StopIteration:
            return
        number += 1
        yield number, record


def _printable(text: str, limit: int = 80) -> str:
    """A message fit for one line: what a broken record's bytes put in it is left out."""
    text = "".join(ch if ch.isprintable() and ord(ch) < 0x2000 else "?" for ch in text)
    text = re.sub(r"\?{2,}", "…", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _warc_date(value: str | None) -> datetime | None:
    try:
        return (
            datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)
            if value
            else None
        )
    except ValueError:
        return None


@dataclass(frozen=True)
class Redirect:
    """A crawl's redirect: the address asked for, and the one it sent the crawler on to (a
    short link, an old address of an article: listed in its Copies where it is archived)."""

    asked: str
    to: str


def _redirect(record) -> Redirect | None:
    """A response that sends the crawler on (301, 302, 303, 307, 308 with a Location)."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    location = (record.http_headers.get_header("Location") or "").strip()
    asked = record.rec_headers.get_header("WARC-Target-URI") or ""
    if status not in {"301", "302", "303", "307", "308"} or not location or "://" not in asked:
        return None
    return Redirect(asked, urljoin(asked, location))


def _html_response(record) -> str | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not content_type:  # (a server that names no type: the page's first bytes say)
        return "html" if _looks_like_html(record) else None
    return "html" if "html" in content_type else None


#: How an HTML document begins (after any byte order mark, spaces and comments).
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b)", re.I | re.S
)


def _looks_like_html(record) -> bool:
    """Whether a response that names no Content-Type begins as an HTML page does (read from
    its first bytes: the listing reads no further)."""
    return bool(_HTML_START.match(record.content_stream().read(1024)))


def documents(
    path: Path, mapping: dict[str, str] | None = None, counts: dict | None = None
) -> Iterator:
    """The documents a container file holds (RecordError items for records that fail)."""
    suffix = container_suffix(path)
    counts = counts if counts is not None else {}
    found = 0
    items = (
        warc_documents(path, counts) if suffix in WARC_SUFFIXES else json_documents(path, mapping)
    )
    try:
        for item in items:
            found += 1
            yield item
    except ExtractionError as err:  # the whole file (a JSON array that does not parse)
        found += 1
        yield RecordError(str(path), str(err))
    if not found and not counts:
        yield RecordError(str(path), "no records (an empty file?)")
