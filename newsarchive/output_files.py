"""The site's files written whole: a build killed mid-write (Ctrl-C, a kill, a full disk)
leaves each file as the last build left it or as this one made it, never half of one.

A file's bytes go to a scratch folder in the cache first and are then renamed over the file,
so what a killed build left in the middle of writing is in the scratch folder, never in
output/, and the next build empties it. No sync: a build is cheap to run again; a sync per
page is not (the content store's atomic_write syncs: articles are the source of truth).
"""

from __future__ import annotations

import errno
import itertools
import os
import shutil
from pathlib import Path

from newsarchive.build_state import scratch_path

_names = itertools.count()


def clear_scratch(cache: str | Path, output: str | Path) -> Path:
    """An empty scratch folder for a build of `output` (what a killed build left is removed)."""
    folder = scratch_path(cache, output)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_whole(path: str | Path, data: bytes, scratch: Path) -> None:
    """Write `data` to `path` through a file in `scratch` and a rename (names are unique per
    process: forked workers write at once). Where the cache is on another file system than
    output/ the rename cannot work, and the file is written in place."""
    temporary = scratch / f"{os.getpid()}-{next(_names)}"
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError as err:
        temporary.unlink(missing_ok=True)
        if err.errno != errno.EXDEV:
            raise
        Path(path).write_bytes(data)
