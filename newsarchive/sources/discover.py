"""Find the inputs under the paths a user names: files as given, folders recursively."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newsarchive.settings import HTML_SUFFIXES, SIDECAR_SUFFIX, TEXT_SUFFIXES
from newsarchive.sources.records import container_suffix


def input_suffix(path: Path) -> str:
    """The suffix that says what an input is, double suffixes (`.html.gz`) included."""
    name = path.name.lower()
    for suffix in HTML_SUFFIXES + TEXT_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def input_kind(path: Path) -> str:
    """'html' or 'text': text dumps are `.txt`, everything else we read is HTML."""
    return "text" if input_suffix(path) in TEXT_SUFFIXES else "html"


def is_input(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(SIDECAR_SUFFIX) or name.startswith("."):
        return False
    return input_suffix(path) in HTML_SUFFIXES + TEXT_SUFFIXES or bool(container_suffix(path))


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield input files in a stable order; a missing path is yielded so it fails with a reason."""
    for path in paths:
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.is_file() and is_input(p))
            yield from sorted(found, key=lambda p: p.as_posix())
        else:
            # Named explicitly: read it whatever its suffix, so a wrong one gets a clear error.
            yield path
