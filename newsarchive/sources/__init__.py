"""Readers of raw inputs: find them, read their bytes, decode them, pick up their sidecars.

Each input becomes a `RawDocument`; the extract stage turns it into an `Article`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from newsarchive.sources.decode import composed, decode, read_bytes, valid_unicode
from newsarchive.sources.discover import discover, input_kind, input_suffix, shown_name
from newsarchive.sources.sidecar import read_sidecar

__all__ = ["RawDocument", "discover", "load"]


@dataclass
class RawDocument:
    """One input as read from disk: its bytes (kept for provenance) and its decoded text."""

    path: Path
    kind: str  # "html", "text" (a page's text dump) or "plaintext" (an article's own text)
    data: bytes  # exactly as on disk (still gzipped for .gz inputs)
    text: str
    suffix: str
    sidecar: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: How reports name it: the path, or "file#record" for a record of a JSON or WARC file.
    name: str = ""
    #: When a crawler saved it (a WARC record's date), for provenance.
    captured: datetime | None = None
    #: For a text dump: its site's template lines, learned from the site's other dumps.
    template: frozenset[str] = frozenset()

    def __post_init__(self):
        self.name = shown_name(self.name or self.path)
        self.text = composed(valid_unicode(self.text))
        self.sidecar = {key: _valid(value) for key, value in self.sidecar.items()}

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _valid(value):
    """A sidecar or record value with its strings made valid, composed Unicode."""
    if isinstance(value, str):
        return composed(valid_unicode(value))
    if isinstance(value, list):
        return [_valid(item) for item in value]
    return value


def load(path: Path) -> RawDocument:
    """Read and decode one input file; raises ExtractionError with a one-line reason."""
    data = read_bytes(path)
    kind = input_kind(path)
    text, warnings = decode(data, path, kind)
    return RawDocument(
        path=path,
        kind=kind,
        data=data,
        text=text,
        suffix=input_suffix(path),
        sidecar=read_sidecar(path),
        warnings=warnings,
    )
