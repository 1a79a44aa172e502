"""Does the built site fit GitHub Pages? Size, file count, big files, by kind of file.

GitHub Pages publishes sites of at most 1 GB, and git refuses files over 100 MB. A warning at
80 % of the limit leaves room to act (raise entity-page thresholds, paginate more) before a
publish fails.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive.output_files import OUTPUT_SCRATCH

SITE_LIMIT = 1_000_000_000
FILE_LIMIT = 100 * 1024 * 1024
WARN_SHARE = 0.8
#: Where the warning and the error send the editor: the settings that make the site smaller.
ROOM = " (README: 'When the site nears 1 GB')"
ENTITY_FOLDERS = ("people", "topics", "sources", "organisations", "places")


@dataclass
class SiteSize:
    total: int = 0
    files: int = 0
    by_kind: Counter = field(default_factory=Counter)
    files_by_kind: Counter = field(default_factory=Counter)
    too_big: list[tuple[str, int]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.total / SITE_LIMIT

    def problems(self) -> list[tuple[str, str]]:
        """(level, message) pairs: 'error' over a limit, 'warning' near it."""
        found = [("error", f"{name} is {size / 1e6:.0f} MB, over GitHub's 100 MB file limit")
                 for name, size in self.too_big]  # fmt: skip
        if self.total > SITE_LIMIT:
            found.append(
                ("error", f"site is {self.total / 1e9:.2f} GB, over GitHub Pages' 1 GB limit{ROOM}")
            )
        elif self.share >= WARN_SHARE:
            found.append(("warning", f"site is {self.share:.0%} of GitHub Pages' 1 GB limit{ROOM}"))
        return found

    def add(self, other: SiteSize) -> SiteSize:
        """Both measures together (parts of one site measured apart)."""
        self.total += other.total
        self.files += other.files
        self.by_kind.update(other.by_kind)
        self.files_by_kind.update(other.files_by_kind)
        self.too_big += other.too_big
        return self


def measure(
    output: Path, folders: Callable[[str], bool] | None = None, top_files: bool = True
) -> SiteSize:
    """Every file under output; with `folders`, only in the top-level folders it accepts, and
    the files at the top only with `top_files` (a build measures its pages while its search
    index is made, then the index: plugins/site_files)."""
    size = SiteSize()
    # os.scandir and string paths, not Path.rglob: every build measures tens of thousands
    # of files (a Path per file was a tenth of a rebuild's time).
    stack = [(str(output), "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if prefix or (
                        relative not in (".git", OUTPUT_SCRATCH)
                        and (folders is None or folders(relative))
                    ):
                        stack.append((entry.path, relative + "/"))
                    continue
                if not (prefix or top_files):
                    continue
                length = entry.stat().st_size
                kind = _kind_of_name(relative)
                size.total += length
                size.files += 1
                size.by_kind[kind] += length
                size.files_by_kind[kind] += 1
                if length > FILE_LIMIT:
                    size.too_big.append((relative, length))
    return size


def _kind_of_name(relative: str) -> str:
    """Which part of the site a file ('/'-separated path) belongs to, for the breakdown. A
    person's or topic's feed is a feed, not an entity page."""
    parts = relative.split("/")
    first = parts[0] if len(parts) > 1 else ""
    if first == "pagefind":
        return "search index"
    if first == "feeds" or relative.endswith(".xml"):
        return "feeds"
    if first in ENTITY_FOLDERS:
        return "entity pages"
    if first == "theme":
        return "assets"
    if (first.isdigit() or first == "undated") and len(parts) >= 3 and not parts[1].isdigit():
        return "articles"
    return "lists and other pages"


def report(size: SiteSize, articles: int | None = None) -> list[str]:
    """The breakdown as lines of text."""
    lines = [f"site: {size.total / 1e6:.1f} MB in {size.files:,} files ({size.share:.1%} of 1 GB)"]
    for kind, length in size.by_kind.most_common():
        lines.append(f"  {kind:22} {length / 1e6:8.1f} MB  {size.files_by_kind[kind]:7,} files")
    if articles:
        lines.append(f"  per article, all in: {size.total / articles / 1024:.1f} KB")
    return lines
