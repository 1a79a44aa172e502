"""Full-text search for the built site: Pagefind's CLI indexes output/ after every build.

Only article pages carry `data-pagefind-body`, so only article text is indexed; the article
template also gives Pagefind the title, date, source and the filters (person, topic,
organisation, place, source, year). SEARCH_INDEX = False in the settings skips indexing.

Indexing is skipped when no indexed page changed since the last successful run (the list of
rewritten and removed files comes from plugins/incremental_output); a stamp in CACHE_PATH
records that run, and is removed before Pagefind starts, so a failed run is retried.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

from pelican import signals

from newsarchive.build_state import search_stamp_path

logger = logging.getLogger(__name__)


def pagefind_command(output_path: str) -> list[str]:
    """The Pagefind CLI (its binary ships in the pagefind-bin-extended wheel)."""
    return [sys.executable, "-m", "pagefind", "--site", output_path, "--output-subdir", "pagefind"]


#: Only pages carrying this attribute are indexed (the article template's).
INDEXED_MARK = b"data-pagefind-body"


def index_is_current(settings: dict, output: Path, command: list[str]) -> bool:
    """The last run indexed these pages with this command, and none of them changed since."""
    changed, removed = settings.get("OUTPUT_CHANGES"), settings.get("OUTPUT_REMOVED")
    stamp = search_stamp_path(settings["CACHE_PATH"], output)
    if changed is None or removed is None or not (output / "pagefind").is_dir():
        return False
    try:
        if json.loads(stamp.read_text(encoding="utf-8")) != command:
            return False
    except (OSError, ValueError):
        return False
    if any(path.endswith(".html") for path in removed):
        return False
    return not any(
        path.endswith(".html") and INDEXED_MARK in (output / path).read_bytes() for path in changed
    )


def build_index(pelican) -> None:
    if not pelican.settings.get("SEARCH_INDEX", True):
        return
    output = Path(pelican.output_path)
    command = pagefind_command(pelican.output_path)
    if index_is_current(pelican.settings, output, command):
        logger.info("Search index: no indexed page changed, kept as it is")
        return
    stamp = search_stamp_path(pelican.settings["CACHE_PATH"], output)
    stamp.unlink(missing_ok=True)
    # Pagefind adds files beside the last run's: start empty, as a clean build would.
    shutil.rmtree(output / "pagefind", ignore_errors=True)
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        raise RuntimeError(f"pagefind failed: {message[-1] if message else result.returncode}")
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps(command), encoding="utf-8")
    summary = [line.strip() for line in result.stdout.splitlines() if "Indexed" in line]
    logger.info("Search index: %s", "; ".join(summary) or "built")


def register() -> None:
    signals.finalized.connect(build_index)
