"""Full-text search for the built site: Pagefind's CLI indexes output/ after every build.

Only article pages carry `data-pagefind-body`, so only article text is indexed; the article
template also gives Pagefind the title, date, source and the filters (person, topic,
organisation, place, source, year). SEARCH_INDEX = False in the settings skips indexing.
"""

from __future__ import annotations

import logging
import subprocess
import sys

from pelican import signals

logger = logging.getLogger(__name__)


def pagefind_command(output_path: str) -> list[str]:
    """The Pagefind CLI (its binary ships in the pagefind-bin-extended wheel)."""
    return [sys.executable, "-m", "pagefind", "--site", output_path, "--output-subdir", "pagefind"]


def build_index(pelican) -> None:
    if not pelican.settings.get("SEARCH_INDEX", True):
        return
    result = subprocess.run(
        pagefind_command(pelican.output_path), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        raise RuntimeError(f"pagefind failed: {message[-1] if message else result.returncode}")
    summary = [line.strip() for line in result.stdout.splitlines() if "Indexed" in line]
    logger.info("Search index: %s", "; ".join(summary) or "built")


def register() -> None:
    signals.finalized.connect(build_index)
