"""Stopping a run on Ctrl-C (SIGINT) or SIGTERM, the same orderly way.

Python turns SIGINT into KeyboardInterrupt in the main thread; SIGTERM, by
default, kills the process where it stands: no temp file removed, no pool
worker stopped. The command line therefore turns SIGTERM into
:class:`Terminated`, raised in the main thread like KeyboardInterrupt, so
both unwind through the same ``finally`` blocks (temp files deleted, workers
killed) and end with 128 + the signal's number.

A write must not be cut between creating its temp file and moving it into
place: :func:`held` defers both signals to the end of such a block.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

__all__ = ["STOP_SIGNALS", "Terminated", "exit_code", "held", "stop_on_signals"]

#: The signals that stop a run in order (the terminal's Ctrl-C; CI timeouts,
#: ``timeout``, systemd and Kubernetes send SIGTERM).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Terminated(BaseException):
    """SIGTERM arrived. A BaseException, like KeyboardInterrupt, so that no
    ``except Exception`` on the way swallows it."""


def exit_code(exc: BaseException) -> int:
    """The shell's convention: 128 + the signal's number (130, 143)."""
    return 128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT)


def _stop(signum: int, frame: FrameType | None) -> None:
    # The first signal stops the run; later ones are ignored, so the cleanup
    # it starts (temp files removed, workers killed: well under a second) is
    # never cut short by an impatient second Ctrl-C.
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise in the main thread (for the
    command line: a library leaves the process's signals to its caller, and
    the handlers before are put back after, for a caller such as a test
    runner that calls the command in its own process)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    for sig, handler in previous.items():
        # A signal ignored by whoever started us stays ignored (nohup, a
        # shell's background job), as the POSIX convention asks.
        if handler is not signal.SIG_IGN:
            signal.signal(sig, _stop)
    try:
        yield
    finally:
        _restore(previous)


@contextmanager
def held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block ends, then deliver the first
    one caught to whatever handler was in place (which raises, or kills the
    process if it is SIGTERM's default). Only the main thread gets Python's
    signals: elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def remember(signum: int, frame: FrameType | None) -> None:
        caught.append(signum)

    previous = {sig: signal.signal(sig, remember) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        _restore(previous)
        if caught:
            # Python runs the restored handler before raise_signal returns.
            signal.raise_signal(caught[0])


def _restore(handlers: dict[signal.Signals, Any]) -> None:
    for sig, handler in handlers.items():
        # None: a handler set from C, which Python cannot put back.
        signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
