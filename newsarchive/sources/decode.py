"""Bytes to text: gzip, byte-order marks, declared and detected encodings, binary files.

Browsers treat a declared ISO-8859-1 as windows-1252 (WHATWG Encoding), and so do we, so curly
quotes in old pages come out right.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from pathlib import Path

from charset_normalizer import from_bytes

from newsarchive.article import ExtractionError
from newsarchive.settings import MAX_INPUT_BYTES

_CHARSET_DECLARATION = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
}
_BINARY_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x7fELF": "an executable",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing missing, unreadable and oversized files with a clear reason."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ExtractionError("no such file") from None
    if path.is_dir():
        raise ExtractionError("is a folder, not a file")
    if size > MAX_INPUT_BYTES:
        raise ExtractionError(f"file too large ({size:,} bytes; limit {MAX_INPUT_BYTES:,})")
    try:
        return path.read_bytes()
    except OSError as err:
        raise ExtractionError(f"cannot read file ({err.strerror})") from None


def gunzip(data: bytes) -> bytes:
    """Decompress with a size cap, so a gzip bomb fails instead of filling memory."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(MAX_INPUT_BYTES + 1)
    except (OSError, EOFError, zlib.error) as err:
        raise ExtractionError(f"broken gzip file ({err})") from None
    if len(out) > MAX_INPUT_BYTES:
        raise ExtractionError(f"gzip file expands past {MAX_INPUT_BYTES:,} bytes")
    return out


def decode(data: bytes, path: Path, kind: str) -> tuple[str, list[str]]:
    """Decode an input to text; returns the text and warnings about how it was decoded."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data)
    if not data.strip():
        raise ExtractionError("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), []
    _refuse_binary(data)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data) if kind == "html" else None
    if declared:
        return data.decode(declared, errors="replace"), [f"decoded as {declared} (declared)"]
    guess = from_bytes(data[:200_000]).best()
    codec = _WHATWG_ALIASES.get(guess.encoding, guess.encoding) if guess else "cp1252"
    # Western news pages that are not UTF-8 are nearly always windows-1252; detectors often
    # mistake short ones for other single-byte codepages.
    if codec.startswith(("cp125", "iso8859", "latin", "mac")):
        codec = "cp1252"
    return data.decode(codec, errors="replace"), [f"decoded as {codec} (detected, not declared)"]


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET_DECLARATION.search(data[:8192])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    name = _WHATWG_ALIASES.get(name, name)
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return "cp1252" if name.replace("_", "-") in ("windows-1252", "cp1252") else name


def _refuse_binary(data: bytes) -> None:
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise ExtractionError(f"binary file ({what}), not a web page or text dump")
    head = data[:8192]
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if b"\x00" in head or controls > len(head) * 0.05:
        raise ExtractionError("binary file (control bytes), not a web page or text dump")
