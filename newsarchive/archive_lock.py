"""One writer at a time per archive: `import`, `fetch` and `retag` hold a lock on it.

Two imports into one archive at once each chose slugs from what it had read at its start (two
stories under one headline: the second overwrote the first), took the other's new raw copies
for articles deleted by hand, removed the other's temporary files as a killed run's, and
wrote one report over the other. The lock is the kernel's (flock): a run killed outright
releases it, so no stale lock is ever left to remove by hand.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

#: The lock file, under the archive root (in cache/, which git ignores).
LOCK_PATH = Path("cache") / "newsarchive" / "writing.lock"


#: Errors of a disk that takes nothing (full, over quota, read-only): the lock is not taken,
#: and the import's first write stops it with its own message.
UNWRITABLE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


class ArchiveBusy(RuntimeError):
    """Another process is writing to the archive."""


@contextmanager
def writing_to(root: Path, command: str) -> Iterator[None]:
    """Hold the archive's lock for `command`, or raise ArchiveBusy naming who holds it."""
    path = root / LOCK_PATH
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as err:  # (a full or read-only disk: the run's first write says so)
        if err.errno not in UNWRITABLE:
            raise
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            raise ArchiveBusy(
                f"{root}: {holder} is writing to this archive; run this {command} when it has"
                " finished"
            ) from None
        except OSError as err:  # (a file system without locks: go on unguarded, as before)
            if err.errno not in (errno.ENOLCK, errno.EOPNOTSUPP):
                raise
        _note_holder(fd, command)
        yield
    finally:
        os.close(fd)


def _note_holder(fd: int, command: str) -> None:
    """Say in the lock file who holds it, for the message of a run it stops (best effort: a
    full disk leaves it empty, and the lock holds all the same)."""
    started = datetime.now().isoformat(timespec="seconds")
    note = f"newsarchive {command} (pid {os.getpid()}, started {started})"
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, note.encode(), 0)
    except OSError as err:
        if err.errno not in UNWRITABLE:
            raise
