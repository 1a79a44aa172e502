"""Bytes to text: gzip, byte-order marks, declared and detected encodings, binary files.

Browsers treat a declared ISO-8859-1 as windows-1252 (WHATWG Encoding), and so do we, so curly
quotes in old pages come out right.
"""

from __future__ import annotations

import bisect
import codecs
import os
import re
import string
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass
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


_SURROGATE = re.compile("[\ud800-\udfff]")
#: Characters XML (so lxml) refuses: C0 controls but tab and newlines, and two non-characters.
_NOT_XML = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def valid_unicode(text: str) -> str:
    """Text that encodes as UTF-8 and that every parser takes: surrogate pairs (JSON and YAML
    escapes give them apart) joined, lone surrogates replaced, NUL characters dropped, other
    control characters made spaces."""
    if _SURROGATE.search(text):
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return _NOT_XML.sub(" ", text.replace("\x00", ""))


def composed(text: str) -> str:
    """The text in Unicode's composed form (NFC), as decode() gives a file's: a JSON record's
    "e\u0301" is "\u00e9", so the tagger and the registry read the name it is in."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing missing, unreadable and oversized files with a clear reason."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        if path.is_symlink():  # (the link is there: "no such file" sent users looking for it)
            target = os.fsencode(os.readlink(path)).decode("utf-8", "replace")
            raise ExtractionError(f"broken link: {target} does not exist") from None
        raise ExtractionError("no such file") from None
    except OSError as err:  # (a loop of links, a path too long, no permission to look)
        raise ExtractionError(f"cannot read file ({err.strerror})") from None
    if path.is_dir():
        raise ExtractionError("is a folder, not a file")
    if size > MAX_INPUT_BYTES:
        raise ExtractionError(f"file too large ({size:,} bytes; limit {MAX_INPUT_BYTES:,})")
    try:
        return path.read_bytes()
    except OSError as err:
        raise ExtractionError(f"cannot read file ({err.strerror})") from None


#: How the warning about a gzip file cut short begins.
GZIP_CUT_SHORT = "gzip file cut short"


def gunzip(data: bytes) -> tuple[bytes, str | None]:
    """Decompress with a size cap, so a gzip bomb fails instead of filling memory. A file cut
    short (a download stopped, a copy that ran out of room) gives its bytes before the cut and
    a warning saying so, as a saved page cut short is read as far as it goes; its members one
    after another, as gzip writes them when files are joined."""
    out, rest = b"", data
    while rest[:2] == b"\x1f\x8b":
        inflate = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            out += inflate.decompress(rest, MAX_INPUT_BYTES + 1 - len(out))
        except zlib.error as err:
            raise ExtractionError(f"broken gzip file ({err})") from None
        if len(out) > MAX_INPUT_BYTES:
            raise ExtractionError(f"gzip file expands past {MAX_INPUT_BYTES:,} bytes")
        if not inflate.eof:
            if not out.strip():
                raise ExtractionError("broken gzip file (it ends before any of its text)")
            return out, f"{GZIP_CUT_SHORT}: read the {len(out):,} bytes before the cut"
        rest = inflate.unused_data
    return out, None


#: DOS codepages a detector gives short Western text (not Cyrillic cp866, Greek cp869, ...).
_DOS_WESTERN = ("cp437", "cp775", "cp850", "cp858")


def decode(data: bytes, path: Path, kind: str, served: str | None = None) -> tuple[str, list[str]]:
    """Decode an input to text; returns the text and warnings about how it was decoded.
    `served` is the charset the server sent with a page (a WARC record's HTTP Content-Type):
    browsers read the page in it, whatever its <meta> says."""
    decoded = _decode(data, path, kind, served)
    text, warnings = decoded.text, decoded.warnings
    if decoded.repairs:
        text, warnings = _repaired(text, warnings)
    return _composed(text, warnings)


@dataclass
class _Decoded:
    """How decode() read an input: the text before any mojibake repair, its warnings, the
    bytes it decoded (gunzipped) and with which codec, whether it took NUL bytes out first,
    and whether it repairs mojibake (not in text it had to guess the encoding of)."""

    text: str
    warnings: list[str]
    data: bytes
    codec: str
    without_nuls: bool = False
    repairs: bool = True


def _decode(data: bytes, path: Path, kind: str, served: str | None = None) -> _Decoded:
    warnings = []
    if data[:2] == b"\x1f\x8b":
        data, cut = gunzip(data)
        warnings += [cut] if cut else []
    if not data.strip():
        raise ExtractionError("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _Decoded(data.decode(codec, errors="replace"), warnings, data, codec)
    _refuse_binary(data)
    utf16 = _utf16_without_bom(data)
    if utf16:
        notes = [*warnings, f"decoded as {utf16} (no BOM)"]
        return _Decoded(data.decode(utf16, errors="replace"), notes, data, utf16)
    original, without_nuls = data, b"\x00" in data
    if without_nuls:
        warnings.append(f"{data.count(0)} NUL bytes removed")
        data = data.replace(b"\x00", b"")

    def decoded(text: str, codec: str, notes: list[str], repairs: bool = True) -> _Decoded:
        return _Decoded(text, notes, original, codec, without_nuls, repairs)

    try:
        return decoded(data.decode("utf-8"), "utf-8", warnings)
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    if _mostly_utf8(text):  # cut mid-character, or a stray byte: the detector is misled too
        broken = text.count("\ufffd")
        notes = [*warnings, f"decoded as utf-8 ({broken} bytes not UTF-8 replaced)"]
        return decoded(text, "utf-8", notes)
    declarations = _declarations(data, served) if kind == "html" else []
    for declared, how in declarations:
        try:
            notes = [*warnings, f"decoded as {declared} ({how})"]
            return decoded(data.decode(declared), declared, notes, repairs=False)
        except UnicodeDecodeError:  # a declaration that lies: the bytes are not in it
            pass
    declared = declarations[0][0] if declarations else None
    guess = from_bytes(data[:200_000]).best()
    codec = _WHATWG_ALIASES.get(guess.encoding, guess.encoding) if guess else "cp1252"
    if codecs.lookup(codec).name.startswith("utf-8"):
        # The detector reads a sample: one whose bytes are all ASCII, it calls what the page
        # declares, UTF-8; the whole is not, so "café" came out "caf\ufffd".
        codec = "cp1252"
    # Western news pages that are not UTF-8 are nearly always windows-1252; detectors often
    # mistake short ones for other single-byte codepages, DOS ones too ("René Müller in
    # Zürich" comes back as Baltic cp775, and lost its people). The detector's code page is
    # kept only where windows-1252 reads as mojibake and it does not (Russian in cp1251,
    # Polish in cp1250, Greek in cp1253).
    if codec.startswith(("cp125", "iso8859", "latin", "mac", *_DOS_WESTERN)) and codec != "cp1252":
        sample = data[:200_000]
        own = _mojibake(sample.decode(codec, errors="replace"))
        codec = codec if own < _mojibake(sample.decode("cp1252", errors="replace")) else "cp1252"
    how = f"the page declares {declared}, which its bytes are not" if declared else "not declared"
    notes = [*warnings, f"decoded as {codec} (detected, {how})"]
    return decoded(data.decode(codec, errors="replace"), codec, notes, repairs=False)


#: Signs and figures a Western text may have right after a letter ("5 km²" aside).
_WESTERN_SIGNS = set("°€£¥¢©®™§±×÷«»¡¿·–—‘’“”„…•†‡‰′″")


def _mojibake(text: str) -> int:
    """How many words of `text` read as another code page's letters in windows-1252 do: a
    word of accented Latin letters alone ("Ëàâðîâ", Russian), or a letter followed by a
    sign or figure no Western word has there ("spotka³", Polish)."""
    count = 0
    for word in text.split():
        word = word.strip(string.punctuation)
        if len(word) >= 3 and word.isalpha() and all(ord(c) > 127 and "LATIN" in unicodedata.name(c, "") for c in word):  # fmt: skip
            count += 1
            continue
        count += any(
            ord(c) > 127 and not c.isalpha() and c not in _WESTERN_SIGNS and word[i - 1].isalpha()
            for i, c in enumerate(word) if i
        )  # fmt: skip
    return count


def _mostly_utf8(text: str) -> bool:
    """Whether bytes that are not all UTF-8 (`text`, read as UTF-8 with replacements) are
    UTF-8 damaged in a few places (a page cut mid-character, a stray byte): more of their
    non-ASCII characters read as UTF-8 than not. Read as windows-1252, or as the detector's
    guess, every accent of such a page came out as two letters ("CafÃ©")."""
    broken = text.count("\ufffd")
    return len(text) - len(text.encode("ascii", errors="ignore")) - broken > broken


def _declarations(data: bytes, served: str | None) -> list[tuple[str, str]]:
    """(codec, how it was declared) of the charsets a page is said to be in, the one to try
    first first: the server's (as browsers do), unless the page's <meta> names another that
    reads its text with fewer words in another code page's letters (a server's default
    iso-8859-1 sent with every page of a Russian site that declares windows-1251)."""
    http = _codec_for(served.lower()) if served else None
    match = _CHARSET_DECLARATION.search(data[:8192])
    written = match.group(1).decode("ascii", "ignore").lower() if match else None
    meta = _codec_for(written) if written else None
    found = []
    if http:
        found.append((http, _how(served.lower(), http, "declared in the HTTP header")))
    if meta and meta != http:
        found.append((meta, _how(written, meta, "declared")))
    if len(found) == 2:
        sample = data[:200_000]
        found.sort(key=lambda f: _mojibake(sample.decode(f[0], errors="replace")))
    return found


def _codec_for(written: str) -> str | None:
    """The codec a declared charset is read with (a page that says iso-8859-1 is read as
    windows-1252, as browsers read it); None for a name no codec has."""
    name = _WHATWG_ALIASES.get(written, written)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "cp1252" if codec == "cp1252" else name


def _how(written: str, codec: str, declared: str) -> str:
    """How a warning says a charset was declared, and how it was read where that differs."""
    same = codecs.lookup(written).name == codecs.lookup(codec).name
    return declared if same else f"{declared} {written}, read as browsers read it"


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte of the start is NUL (ASCII as UTF-16)."""
    head = data[:4096]
    if len(head) < 16:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 0.4 * len(head) / 2 and even < 0.05 * len(head) / 2:
        return "utf-16-le"
    if even > 0.4 * len(head) / 2 and odd < 0.05 * len(head) / 2:
        return "utf-16-be"
    return None


def _refuse_binary(data: bytes) -> None:
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise ExtractionError(f"binary file ({what}), not a web page or text dump")
    head = data[:8192]
    if _utf16_without_bom(data):
        return
    # a stray NUL in a saved page is removed (with a warning); many of them mean binary
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if head.count(0) > max(8, len(head) * 0.01) or controls > len(head) * 0.05:
        raise ExtractionError("binary file (control bytes), not a web page or text dump")


# UTF-8 read as windows-1252 and saved again ("cafÃ©", "â€œquotedâ€"): a lead character
# and its continuation characters, as windows-1252 shows UTF-8's bytes (C1 controls for the
# five bytes it leaves undefined).
_CP1252_BYTE = {
    (bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)): b
    for b in range(0x80, 0x100)
}
_CONTINUATION = "".join(c for c, b in _CP1252_BYTE.items() if b < 0xC0)
_MOJIBAKE = re.compile(
    "[\u00c2-\u00df][{c}]|[\u00e0-\u00ef][{c}]{{2}}|[\u00f0-\u00f4][{c}]{{3}}".format(
        c=re.escape(_CONTINUATION)
    )
)


def repair_mojibake(text: str) -> tuple[str, int]:
    """Text with double-encoded UTF-8 sequences decoded once more; and how many there were."""
    edits = mojibake_edits(text)
    return apply_edits(text, edits), len(edits)


def mojibake_edits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, what replaces it) of each double-encoded UTF-8 sequence of the text."""
    edits = []
    for match in _MOJIBAKE.finditer(text):
        try:
            fixed = bytes(_CP1252_BYTE[c] for c in match.group()).decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            continue
        edits.append((match.start(), match.end(), fixed))
    return edits


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """The text with each (start, end, replacement) made, in order, none overlapping."""
    pieces, at = [], 0
    for start, end, replacement in edits:
        pieces += [text[at:start], replacement]
        at = end
    return "".join(pieces) + text[at:]


def input_offsets(
    data: bytes, path: Path, kind: str
) -> tuple[str, Callable[[int, int], tuple[int, int]]]:
    """The input as read (decoded as decode() decodes it, but with its NUL characters, its
    mojibake and its accents written apart as they are), and a function from a (start, end)
    in the text decode() makes to the same stretch of the input as read: offsets a reader of
    the input can use. A stretch inside a repaired or composed sequence grows to the whole
    sequence."""
    decoded = _decode(data, path, kind)
    # where decode() took NULs out: the same codec, fed the bytes between them, tells after
    # how many characters of its text each stood (one inside a character: before it)
    freed: list[int] = []
    if decoded.without_nuls:
        reader = codecs.getincrementaldecoder(decoded.codec)(errors="replace")
        pieces = decoded.data.split(b"\x00")
        length = 0
        for n, piece in enumerate(pieces):
            length += len(reader.decode(piece, final=n == len(pieces) - 1))
            if n < len(pieces) - 1:
                freed.append(length)
    as_read = apply_edits(decoded.text, [(at, at, "\x00") for at in freed])
    later = mojibake_edits(decoded.text) if decoded.repairs else []
    composing = composition_edits(apply_edits(decoded.text, later))
    if not freed and not later and not composing:
        return as_read, lambda start, end: (start, end)
    unrepaired, uncomposed = _before_edits(later), _before_edits(composing)

    def with_nuls(at: int, is_end: bool) -> int:
        # a NUL right before a stretch's first character is before the stretch; right after
        # its last, after it
        return at + (bisect.bisect_left if is_end else bisect.bisect_right)(freed, at)

    def back(at: int, is_end: bool) -> int:
        return with_nuls(unrepaired(uncomposed(at, is_end), is_end), is_end)

    return as_read, lambda start, end: (back(start, False), back(end, True))


def _before_edits(edits: list[tuple[int, int, str]]) -> Callable[[int, bool], int]:
    """From an offset in the text `edits` made (a stretch's start, or its end) to the same
    place in the text before them; a stretch inside an edit grows to the whole of it."""
    # each edit as (start in the edited text, its length there, start before, length before)
    steps: list[tuple[int, int, int, int]] = []
    shift = 0
    for start, end, fixed in edits:
        steps.append((start - shift, len(fixed), start, end - start))
        shift += (end - start) - len(fixed)
    edited_starts = [step[0] for step in steps]

    def before(at: int, is_end: bool) -> int:
        i = bisect.bisect_right(edited_starts, at) - 1
        if i < 0:
            return at
        start, length, original, original_length = steps[i]
        if at >= start + length:
            return original + original_length + (at - start - length)
        return original + original_length if is_end and at > start else original

    return before


#: A stretch Unicode composition (NFC) may change, and no change reaches out of: a run of
#: non-ASCII characters and the ASCII one before it ("e" and its accent U+0301). An ASCII
#: character never composes with what stands before it, so each run composes alone.
_COMPOSABLE = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")


def composition_edits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, its composed form) of each stretch NFC changes: a letter and its accent
    written apart ("e\u0301", as macOS and some PDFs write "é") become one character. Each
    edit is one character and its combining marks where composing them alone gives what
    composing their run gives, else the run."""
    if unicodedata.is_normalized("NFC", text):
        return []
    edits = []
    for match in _COMPOSABLE.finditer(text):
        run = match.group()
        if unicodedata.is_normalized("NFC", run):
            continue
        pieces = _with_their_marks(run)
        alone = [unicodedata.normalize("NFC", piece) for piece in pieces]
        if "".join(alone) != unicodedata.normalize("NFC", run):
            edits.append((match.start(), match.end(), unicodedata.normalize("NFC", run)))
            continue
        at = match.start()
        for piece, done in zip(pieces, alone, strict=True):
            if piece != done:
                edits.append((at, at + len(piece), done))
            at += len(piece)
    return edits


def _with_their_marks(run: str) -> list[str]:
    """The run cut before each character that is no combining mark."""
    pieces: list[str] = []
    for char in run:
        if pieces and unicodedata.combining(char):
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def _composed(text: str, warnings: list[str]) -> tuple[str, list[str]]:
    edits = composition_edits(text)
    if not edits:
        return text, warnings
    note = f"composed {len(edits)} letters written apart from their accents (Unicode NFC)"
    return apply_edits(text, edits), [*warnings, note]


def _repaired(text: str, warnings: list[str]) -> tuple[str, list[str]]:
    text, count = repair_mojibake(text)
    if count:
        warnings = [*warnings, f"repaired {count} mojibake sequences (UTF-8 read as cp1252)"]
    return text, warnings
