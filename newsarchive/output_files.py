"""The site's files written whole: a build killed mid-write (Ctrl-C, a kill, a full disk)
leaves each file as the last build left it or as this one made it, never half of one.

A file's bytes go to a scratch folder first and are then renamed over the file, so what a
killed build left in the middle of writing is in the scratch folder, never among the pages,
and the next build empties it. The scratch folder is in the cache, unless a rename cannot
reach output/ from there (output/ on another file system or another mount, as a Docker
volume or a USB disk is): then it is a hidden folder inside output/, removed at the end of
the build. No sync: a build is cheap to run again; a sync per page is not (the content
store's atomic_write syncs: articles are the source of truth).

A file that cannot be written fails the build with an OutputWriteError naming the page, not
the scratch file: plugins/lean_pelican reports it in one line.
"""

from __future__ import annotations

import errno
import itertools
import os
import shutil
from pathlib import Path

from newsarchive.build_state import scratch_path

#: The scratch folder's name inside output/, where the cache's cannot be used.
OUTPUT_SCRATCH = ".newsarchive-writing"

_names = itertools.count()
_chosen: dict[tuple[str, str], Path] = {}


class OutputWriteError(OSError):
    """A page of the site could not be written (its path is the error's filename)."""


def scratch_folder(cache: str | Path, output: str | Path) -> Path:
    """Where a build of `output` writes files before renaming them into place: the cache's
    folder if a rename from there reaches output/, else OUTPUT_SCRATCH inside output/.
    Chosen once per process (the build's plugins and workers share it)."""
    key = (str(Path(cache).resolve()), str(Path(output).resolve()))
    if key not in _chosen:
        in_cache = scratch_path(cache, output)
        _chosen[key] = (
            in_cache if _renames_reach(in_cache, Path(output)) else Path(output) / OUTPUT_SCRATCH
        )
    return _chosen[key]


def _renames_reach(scratch: Path, output: Path) -> bool:
    """Does a file renamed from `scratch` land in `output`? (Not across file systems or
    mounts: EXDEV.)"""
    scratch.mkdir(parents=True, exist_ok=True)
    output.mkdir(parents=True, exist_ok=True)
    probe = scratch / f"probe-{os.getpid()}"
    target = output / f"{OUTPUT_SCRATCH}-probe-{os.getpid()}"
    probe.touch()
    try:
        os.replace(probe, target)
    except OSError as err:
        if err.errno != errno.EXDEV:
            raise
        probe.unlink()
        scratch.rmdir()  # (not used: nothing of this output is left in the cache)
        return False
    target.unlink(missing_ok=True)
    return True


def clear_scratch(cache: str | Path, output: str | Path) -> Path:
    """An empty scratch folder for a build of `output`; what a killed build left, in either
    place, is removed."""
    shutil.rmtree(scratch_path(cache, output), ignore_errors=True)
    shutil.rmtree(Path(output) / OUTPUT_SCRATCH, ignore_errors=True)
    folder = scratch_folder(cache, output)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def remove_scratch_from_output(output: str | Path) -> None:
    """At the end of a build: the hidden scratch folder inside output/, if one was used, goes
    (it is empty: every file in it was renamed into place)."""
    shutil.rmtree(Path(output) / OUTPUT_SCRATCH, ignore_errors=True)


def write_whole(path: str | Path, data: bytes, scratch: Path) -> None:
    """Write `data` to `path` through a file in `scratch` and a rename (names are unique per
    process: forked workers write at once)."""
    temporary = scratch / f"{os.getpid()}-{next(_names)}"
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError as err:
        temporary.unlink(missing_ok=True)
        raise OutputWriteError(err.errno, err.strerror, str(path)) from err
