"""Pool workers live no longer than the process that started them.

A worker left behind by a parent killed outright (SIGKILL, the OOM killer)
would hold the caller's stdout and stderr open, so ``lintnews ... | tee`` or a
test's ``communicate()`` would wait for it forever. On Linux the kernel kills
the worker when its parent dies (``prctl(PR_SET_PDEATHSIG)``); elsewhere a
daemon thread polls ``os.getppid()``. (Linux counts the parent as the
*thread* that started the worker: a Batch is meant to be run to its end by
the thread that started it, as the command line does in its main thread.)

Workers also ignore SIGINT and SIGTERM: the parent handles both (a
terminal's Ctrl-C or a ``kill`` of the process group reaches every worker
too) and kills its workers itself, so a worker never dies first and makes
the run look like a crash.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from lintnews.gcpolicy import pace_for_batch

__all__ = ["become_worker", "signals_blocked", "watch_parent"]

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
#: How often the fallback watchdog looks for its parent, in seconds.
POLL_SECONDS = 0.5


def become_worker(parent: int | None) -> None:
    """Set up a freshly started pool worker. ``parent``: the pid of the
    process that started it (None: not known, as under forkserver, whose
    workers are the server's children; they get no lifeline)."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)
    # The parent started us with both blocked (see signals_blocked): now
    # that they are ignored, a Ctrl-C caught in between is dropped.
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    pace_for_batch()
    if parent is None:
        return
    if not _kill_on_parent_death():
        threading.Thread(target=watch_parent, args=(parent,), name="lintnews-lifeline", daemon=True).start()
    # The parent may have died before the line above took effect.
    if os.getppid() != parent:
        os._exit(1)


def _kill_on_parent_death() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies (nothing in a
    worker needs cleaning up). False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):  # no libc symbol table (static builds, some sandboxes)
        return False


def watch_parent(parent: int, interval: float = POLL_SECONDS) -> None:
    """Exit this process once ``parent`` is no longer its parent (it died
    and the process was adopted by init or a subreaper)."""
    while os.getppid() == parent:
        time.sleep(interval)
    os._exit(1)


@contextmanager
def signals_blocked() -> Iterator[None]:
    """Block SIGINT and SIGTERM in this thread while workers are started:
    they inherit the blocked mask, so neither can reach a worker before
    :func:`become_worker` ignores them (a Ctrl-C then would print a
    KeyboardInterrupt traceback from the worker). A signal sent to this
    process meanwhile is not lost: it arrives when the block ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
