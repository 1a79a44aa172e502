"""Reading the files an editor writes by hand (articles): UTF-8, or a reason saying where it
is not, in place of Python's codec message ("'utf-8' codec can't decode byte 0xe9 in position
465: invalid continuation byte"). No import beyond the standard library: the site build reads
every article through it."""

from __future__ import annotations


class NotUTF8(ValueError):
    """A file that is not UTF-8 text: the line of its first byte that is not, and the byte."""

    def __init__(self, line: int, byte: int):
        super().__init__(f"not UTF-8 text at line {line} (byte {byte:#04x}): save it as UTF-8")
        self.line, self.byte = line, byte


def utf8_text(data: bytes) -> str:
    """The text of `data` (UTF-8, a byte-order mark dropped), or NotUTF8: "not UTF-8 text at
    line 3 (byte 0xe9): save it as UTF-8" (an editor that saved it as Latin-1 or Windows-1252).
    Its lines end in "\\n", as a file opened as text reads them (what `read_text` and
    pelican_open gave): an editor's "\\r\\n" kept would end every header field and
    paragraph of a Windows-saved article in "\\r"."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise NotUTF8(data[: err.start].count(b"\n") + 1, data[err.start]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
