"""Full-text search for the built site: Pagefind's CLI indexes output/ after every build.

Only article pages carry `data-pagefind-body`, so only article text is indexed; the article
template also gives Pagefind the title, date, source and the filters (person, topic,
organisation, place, source, year). SEARCH_INDEX = False in the settings skips indexing.

A large archive is indexed in shards, each a run of consecutive years holding about
SEARCH_SHARD_PAGES articles (plugins/search_index/shards.py), listed newest first in
`pagefind/shards.json`. The search page searches the newest shard first and shows its
results while it searches the rest (or only the shard of the year asked for), so a query
never waits for, nor downloads, the metadata of the whole archive at once; each shard is
indexed apart (memory bounded by the shard, not the archive), and a rebuild re-indexes only
the shards whose pages changed.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from pelican import signals

from .shards import DEFAULT_SHARD_PAGES, Shard, index_shards

logger = logging.getLogger(__name__)

__all__ = ["Shard", "build_index", "index_shards", "pagefind_command", "register"]


def pagefind_command(
    output_path: str, glob: str | None = None, bundle: str | None = None
) -> list[str]:
    """The Pagefind CLI (its binary ships in the pagefind-bin-extended wheel), on output_path;
    `glob` narrows the pages read, `bundle` is where the index goes (default output/pagefind)."""
    command = [sys.executable, "-m", "pagefind", "--site", output_path]
    if glob:
        command += ["--glob", glob]
    if bundle:
        return command + ["--output-path", bundle]
    return command + ["--output-subdir", "pagefind"]


def run_pagefind(command: list[str]) -> str:
    """Run one Pagefind command; its output, or RuntimeError with Pagefind's last line."""
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        raise RuntimeError(f"pagefind failed: {message[-1] if message else result.returncode}")
    return result.stdout


def build_index(pelican) -> None:
    if not pelican.settings.get("SEARCH_INDEX", True):
        return
    target = int(pelican.settings.get("SEARCH_SHARD_PAGES", DEFAULT_SHARD_PAGES))
    report = index_shards(Path(pelican.output_path), target, pagefind_command, run_pagefind)
    logger.info("Search index: %s", report)


def register() -> None:
    signals.finalized.connect(build_index)
