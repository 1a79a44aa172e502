"""Worker processes for import and retag, which Ctrl-C stops through their parent.

Ctrl-C sends SIGINT to every process of the terminal's group. Workers ignore it, so they print
no traceback of their own; the parent stops once the item in hand is stored, reports what it
has stored, and leaving the pool's `with` block terminates them.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing import Pool
from multiprocessing.pool import Pool as PoolType
from types import SimpleNamespace


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def worker_pool(processes: int) -> PoolType:
    """A process pool whose workers leave Ctrl-C to the parent."""
    return Pool(processes=processes, initializer=_ignore_interrupts)


@contextmanager
def interrupts_between_items(notice: str) -> Iterator[SimpleNamespace]:
    """Ctrl-C noted (`.requested`) for the caller to act on between two items, so an item being
    stored is stored and reported, and `notice` printed; a second Ctrl-C interrupts at once.

    Leaves SIGINT alone outside the main thread, and where it is ignored (a background job).
    """
    state = SimpleNamespace(requested=False)
    if threading.current_thread() is not threading.main_thread():
        yield state
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous is signal.SIG_IGN:
        yield state
        return

    def note(signum, frame) -> None:
        if state.requested:
            raise KeyboardInterrupt
        state.requested = True
        sys.stderr.write(notice + "\n")

    signal.signal(signal.SIGINT, note)
    try:
        yield state
    finally:
        signal.signal(signal.SIGINT, previous)
