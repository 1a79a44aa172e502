"""Per-file sidecar metadata: `page.html.meta.yml` beside `page.html` supplies what the page lacks."""

from __future__ import annotations

from pathlib import Path

import yaml

from newsarchive.article import ExtractionError
from newsarchive.settings import SIDECAR_SUFFIX

#: Keys a sidecar may set; anything else is an error, so a typo is never silently ignored.
SIDECAR_KEYS = {"title", "date", "url", "authors", "source", "language"}


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> dict:
    """The sidecar's mapping, or {} when there is none."""
    side = sidecar_path(path)
    if not side.is_file():
        return {}
    try:
        data = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        reason = str(err).splitlines()[0]
        raise ExtractionError(f"unreadable sidecar {side.name}: {reason}") from None
    if not isinstance(data, dict):
        raise ExtractionError(f"sidecar {side.name} must be a mapping of keys to values")
    unknown = set(map(str, data)) - SIDECAR_KEYS
    if unknown:
        keys = ", ".join(sorted(unknown))
        raise ExtractionError(f"sidecar {side.name} has unknown keys: {keys}")
    return data
