"""Find the inputs under the paths a user names: files as given, folders recursively."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsarchive.settings import HTML_SUFFIXES, SIDECAR_SUFFIX, TEXT_SUFFIXES
from newsarchive.sources.records import container_suffix


def shown_name(name: Path | str) -> str:
    """An input's name as reports, articles and JSON give it: bytes of a file's name that are
    not UTF-8 (a Latin-1 name from an old archive) as U+FFFD, so that it can be written out.
    (Python keeps them as lone surrogates, which no UTF-8 text may hold.)"""
    return str(name).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


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


def _broken_link(path: Path) -> bool:
    """A symbolic link whose target does not exist, or a loop of links: a page of the folder
    that cannot be read, so said, not passed over as a folder or device is."""
    return path.is_symlink() and not path.exists()


@dataclass(frozen=True)
class Unread:
    """The files of a named folder that are of no kind newsarchive reads (a PDF, a saved page's
    images and scripts): not read, but said, so none goes missing without a word."""

    folder: Path
    suffixes: Counter

    def reason(self) -> str:
        count = sum(self.suffixes.values())
        kinds = ", ".join(f"{n} {shown_name(suffix) or 'without a suffix'}" for suffix, n in sorted(self.suffixes.items()))  # fmt: skip
        return f"{count} file{'s' * (count != 1)} of no kind read here ({kinds})"


def discover(paths: Iterable[Path]) -> Iterator[Path | Unread]:
    """Yield input files in a stable order; a missing path is yielded so it fails with a reason.
    A folder's other files (not hidden ones, nor sidecars) follow its inputs as one Unread."""
    for path in paths:
        if path.is_dir():
            found, other = [], Counter()
            for file in path.rglob("*"):
                if not file.is_file():
                    if is_input(file) and _broken_link(file):
                        found.append(file)  # (to fail with its reason, not go missing)
                    continue
                if is_input(file):
                    found.append(file)
                elif not (file.name.startswith(".") or file.name.lower().endswith(SIDECAR_SUFFIX)):
                    other[file.suffix.lower()] += 1
            yield from sorted(found, key=lambda p: p.as_posix())
            if other:
                yield Unread(path, other)
        else:
            # Named explicitly: read it whatever its suffix, so a wrong one gets a clear error.
            yield path
