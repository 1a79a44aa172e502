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
    except UnicodeDecodeError as err:
        raise ExtractionError(f"sidecar {side.name}: not UTF-8 at byte {err.start}") from None
    except yaml.YAMLError as err:
        raise ExtractionError(f"sidecar {side.name}{_yaml_error(err)}") from None
    if not isinstance(data, dict):
        raise ExtractionError(f"sidecar {side.name} must be a mapping of keys to values")
    unknown = set(map(str, data)) - SIDECAR_KEYS
    if unknown:
        keys = ", ".join(sorted(unknown))
        raise ExtractionError(f"sidecar {side.name} has unknown keys: {keys}")
    return data


def _yaml_error(err: yaml.YAMLError) -> str:
    """The end of the message for a sidecar that is not YAML, as data/*.yml errors read
    (`:line: not valid YAML (problem)`): PyYAML's first line is its context ("while parsing a
    flow sequence"), not the problem. The line is where the broken construct starts (a sidecar
    is short, so that is near where the parser gave up), else where it gave up."""
    mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
    line = f":{mark.line + 1}" if mark else ""
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    return f"{line}: not valid YAML ({problem})"
