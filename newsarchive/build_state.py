"""What the last build read and wrote, so the next one can tell that nothing changed.

plugins/incremental_output saves, per output folder, a fingerprint of everything a build
reads (content, theme, plugins, data/, this package, the settings files beside content/, the
NEWSARCHIVE_* environment, Pelican's and Python's versions) and every file it wrote, with its
size and mtime. `python -m newsarchive.build_state CONTENT OUTPUT SETTINGS` exits 0 when that
build is still current (`make html` then skips Pelican altogether), 1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

from newsarchive.data_files import DEFAULT_DATA_DIR


def _key(output: str | Path) -> str:
    return hashlib.sha256(str(Path(output).resolve()).encode()).hexdigest()[:16]


def state_path(cache: str | Path, output: str | Path) -> Path:
    """The state file of one output folder (tests and benchmarks build many)."""
    return Path(cache) / f"output-state-{_key(output)}.json"


def scratch_path(cache: str | Path, output: str | Path) -> Path:
    """Where a build of `output` writes a file before renaming it into place
    (newsarchive.output_files)."""
    return Path(cache) / f"writing-{_key(output)}"


def search_stamp_path(cache: str | Path, output: str | Path) -> Path:
    """Written by plugins/search_index after Pagefind indexed this output successfully."""
    return Path(cache) / f"search-index-{_key(output)}.json"


def _stamp_tree(root: Path, digest) -> None:
    """Every file under root (or root itself), by path, size and modification time."""
    if root.is_file():
        stat = root.stat()
        digest.update(f"{root}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        return
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", ".git"))
        for name in sorted(files):
            stat = os.stat(os.path.join(folder, name))
            digest.update(f"{folder}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())


#: Settings that differ between `make html` and `make publish` (publishconf.py), so an
#: unchanged archive built with the other file is not taken as current.
PUBLISHING_SETTINGS = (
    "SITEURL",
    "RELATIVE_URLS",
    "SITE_ADDRESS",
    "FEED_DOMAIN",
    "SITEMAP",
    "DELETE_OUTPUT_DIRECTORY",
)


def inputs_fingerprint(settings: dict) -> str:
    """A digest of everything a build with these settings reads."""
    chosen = json.dumps([plain(settings.get(key)) for key in PUBLISHING_SETTINGS])
    return (
        _fingerprint(settings, with_content=True) + hashlib.sha256(chosen.encode()).hexdigest()[:16]
    )


def code_fingerprint(settings: dict) -> str:
    """A digest of what a build reads besides the content: settings (their files and their
    values, so `make publish` after `make html` renders again), theme, plugins, data/, this
    package, versions. Pages rendered under another one are all rendered again."""
    values = {key: plain(value) for key, value in settings.items() if key.isupper()}
    values.pop("OUTPUT_CHANGES", None), values.pop("OUTPUT_REMOVED", None)
    settings_digest = hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()
    return _fingerprint(settings, with_content=False) + settings_digest[:32]


def plain(value):
    """A setting as JSON can hold it (objects by their type's name: stable between builds)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return type(value).__name__


def _fingerprint(settings: dict, with_content: bool) -> str:
    import pelican

    import newsarchive

    digest = hashlib.sha256()
    environment = sorted((k, v) for k, v in os.environ.items() if k.startswith("NEWSARCHIVE_"))
    digest.update(json.dumps([pelican.__version__, sys.version, environment]).encode())
    content = Path(settings["PATH"]).resolve()
    digest.update(f"{content}\0{Path(settings['OUTPUT_PATH']).resolve()}\n".encode())
    roots = [content] if with_content else []
    roots += [Path(settings["THEME"]), *map(Path, settings.get("PLUGIN_PATHS", []))]
    # (the archive's data/, and the bundled files it lacks: data_files.data_file)
    roots += [content.parent / "data", DEFAULT_DATA_DIR, Path(newsarchive.__file__).parent]
    roots += sorted(content.parent.glob("*.py"))  # the settings files
    for root in roots:
        if root.exists():
            _stamp_tree(root, digest)
    return digest.hexdigest()


def load(cache: str | Path, output: str | Path) -> dict:
    try:
        return json.loads(state_path(cache, output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save(cache: str | Path, output: str | Path, inputs: str, files: dict,
         signatures: dict | None = None) -> None:  # fmt: skip
    """What a build read and wrote; `signatures`: output file -> digest of what its page shows
    (plugins/incremental_output/signatures.py)."""
    path = state_path(cache, output)
    path.parent.mkdir(parents=True, exist_ok=True)
    state = {"inputs": inputs, "files": files, "signatures": signatures or {}}
    path.write_text(json.dumps(state), encoding="utf-8")


def output_as_left(output: str | Path, files: dict[str, list[int]]) -> bool:
    """Every file the last build wrote is still there, untouched."""
    for relative, (size, mtime) in files.items():
        try:
            stat = os.stat(os.path.join(output, relative))
        except OSError:
            return False
        if stat.st_size != size or stat.st_mtime_ns != mtime:
            return False
    return bool(files)


def is_current(settings: dict) -> bool:
    """The last build with these settings read the same inputs and its output is intact."""
    state = load(settings["CACHE_PATH"], settings["OUTPUT_PATH"])
    return state.get("inputs") == inputs_fingerprint(settings) and output_as_left(
        settings["OUTPUT_PATH"], state.get("files", {})
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Is the last build of CONTENT still current?")
    parser.add_argument("content")
    parser.add_argument("output")
    parser.add_argument("settings")
    args = parser.parse_args(argv)
    from pelican.settings import read_settings

    settings = read_settings(args.settings, override={"PATH": args.content,
                                                      "OUTPUT_PATH": args.output})  # fmt: skip
    # Pagefind runs after the pages are written: without its stamp the last build did not end.
    stamp = search_stamp_path(settings["CACHE_PATH"], args.output)
    if settings.get("SEARCH_INDEX", True) and not stamp.exists():
        return 1
    if not is_current(settings):
        return 1
    print(f"{args.output}/ is up to date: nothing it is built from has changed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
