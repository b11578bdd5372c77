"""Ctrl-C (SIGINT) and SIGTERM in the middle of a real run: exit 130 or 143
at once, one line on stderr, every file whole, no temp file, no worker left.
And pool workers die with their parent even when it is SIGKILLed.

Each run is a real `python -m lintnews` in its own process group, signalled
once it has visibly done part of the work (a file replaced, the first
finding printed, the JSON Lines temp file written to), and the whole group
is SIGKILLed afterwards whatever happened, so a failing test leaks nothing.
"""

from __future__ import annotations

import functools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from lintnews import interrupts, lifeline
from lintnews.engine import Linter

PARAGRAPH = "The talks ended.Then came rain , and  more rain.\n\n" * 2000
#: Paragraphs that differ, so that a fixed record stays 100 KB (LN401 drops
#: repeated paragraphs) and reaches the JSON Lines temp file at once.
NUMBERED = "".join(f"Part {j}. The talks ended.Then came rain , and  more rain.\n\n" for j in range(1600))
FILES = 40  # of 100 KB: several seconds of work, signalled after the first
#: A hang guard, not a speed target (the run stops in well under a second).
EXIT_DEADLINE = 10.0
#: How long the run may take to show progress before the test gives up.
PROGRESS_DEADLINE = 60.0
MESSAGE = {signal.SIGINT: "lintnews: interrupted;", signal.SIGTERM: "lintnews: terminated;"}


def _state(pid: int) -> str | None:
    """The process's state letter, None if there is no such process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2]


def _alive(pid: int) -> bool:
    """A zombie (dead, not yet reaped by whoever adopted it) counts as dead."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return _state(pid) not in (None, "Z")


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
                found.append(int(entry))
    return found


def _wait_for(condition: Callable[[], bool], proc: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + PROGRESS_DEADLINE
    while not condition():
        assert proc.poll() is None, f"lintnews exited ({proc.returncode}) before {what}"
        assert time.monotonic() < deadline, f"no {what} after {PROGRESS_DEADLINE} s"
        time.sleep(0.005)


@contextmanager
def _lintnews(tmp_path: Path, *args: str) -> Iterator[subprocess.Popen[bytes]]:
    """`python -m lintnews ARGS` in its own process group, stdout and stderr
    to files (tmp_path/out, tmp_path/err); the group is killed on the way out."""
    # A test run started as a script's background job has SIGINT ignored,
    # and lintnews keeps a signal ignored that was ignored when it started
    # (as Python does): with a handler here the child starts with the default.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    with (tmp_path / "out").open("wb") as out, (tmp_path / "err").open("wb") as err:
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "lintnews", *args, "--no-cache"],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,
            )
        finally:
            signal.signal(signal.SIGINT, previous)
        try:
            yield proc
        finally:
            _kill_group(proc)


def _kill_group(proc: subprocess.Popen[Any]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def _wait_dead(pids: list[int]) -> list[int]:
    """The processes of ``pids`` still alive after EXIT_DEADLINE."""
    deadline = time.monotonic() + EXIT_DEADLINE
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.01)
    return [p for p in pids if _alive(p)]


@functools.cache
def _fixed_body() -> str:
    fixed = Linter().fix(PARAGRAPH).text
    assert fixed != PARAGRAPH
    return fixed


def _stories(folder: Path) -> dict[str, str]:
    folder.mkdir()
    texts = {f"story{i:02d}.txt": f"Story {i}\n\n{PARAGRAPH}" for i in range(FILES)}
    for name, text in texts.items():
        (folder / name).write_text(text)
    return texts


def _replaced(folder: Path, texts: dict[str, str]) -> Callable[[], bool]:
    """Whether a file has been fixed: it is moved into place, a new inode."""
    inodes = {name: (folder / name).stat().st_ino for name in texts}
    return lambda: any((folder / name).stat().st_ino != ino for name, ino in inodes.items())


def _signal_and_wait(proc: subprocess.Popen[bytes], sig: int, group: bool, pool: bool) -> list[int]:
    """Send ``sig`` (to the whole group, as a terminal's Ctrl-C does, or to
    lintnews alone, as `timeout` does); check the exit. The workers seen."""
    workers = _children(proc.pid)
    assert bool(workers) == pool, f"workers: {workers}"
    if group:
        os.killpg(proc.pid, sig)
    else:
        os.kill(proc.pid, sig)
    start = time.monotonic()
    try:
        code = proc.wait(timeout=EXIT_DEADLINE)
    except subprocess.TimeoutExpired:
        pytest.fail(f"lintnews did not exit within {EXIT_DEADLINE} s of signal {sig}")
    assert code == 128 + sig, f"exit {code} after {time.monotonic() - start:.2f} s"
    # lintnews killed and reaped its workers before it exited.
    assert [w for w in workers if _alive(w)] == []
    return workers


def _assert_one_line(tmp_path: Path, sig: int) -> None:
    err = (tmp_path / "err").read_text()
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(MESSAGE[sig]), err


CASES = [
    # (signal, to the whole group, --jobs)
    pytest.param(signal.SIGINT, True, "2", id="sigint-pool"),
    pytest.param(signal.SIGINT, True, "1", id="sigint-j1"),
    pytest.param(signal.SIGTERM, False, "2", id="sigterm-pool"),
    pytest.param(signal.SIGTERM, False, "1", id="sigterm-j1"),
]


@pytest.mark.parametrize(("sig", "group", "jobs"), CASES)
def test_signal_during_fix_leaves_every_file_whole(tmp_path: Path, sig: int, group: bool, jobs: str):
    docs = tmp_path / "docs"
    texts = _stories(docs)
    fixed_body = _fixed_body()
    with _lintnews(tmp_path, "fix", "-j", jobs, str(docs)) as proc:
        _wait_for(_replaced(docs, texts), proc, "file fixed")
        _signal_and_wait(proc, sig, group, pool=jobs != "1")
    _assert_one_line(tmp_path, sig)
    states = {"original": 0, "fixed": 0}
    assert sorted(p.name for p in docs.iterdir()) == sorted(texts), "a temp file was left behind"
    for name, text in texts.items():
        content = (docs / name).read_text()
        expected_fixed = text.replace(PARAGRAPH, fixed_body)
        assert content in (text, expected_fixed), f"{name} is neither original nor fixed"
        states["fixed" if content == expected_fixed else "original"] += 1
    assert states["fixed"] >= 1 and states["original"] >= 1, states


def test_sigterm_to_the_whole_group_during_fix(tmp_path: Path):
    """systemd and `kill -TERM -PGID` signal the workers too: they leave the
    stopping to lintnews, which still exits 143 with every file whole."""
    docs = tmp_path / "docs"
    texts = _stories(docs)
    with _lintnews(tmp_path, "fix", "-j", "2", str(docs)) as proc:
        _wait_for(_replaced(docs, texts), proc, "file fixed")
        _signal_and_wait(proc, signal.SIGTERM, True, pool=True)
    _assert_one_line(tmp_path, signal.SIGTERM)
    assert sorted(p.name for p in docs.iterdir()) == sorted(texts)


@pytest.mark.parametrize(("sig", "group", "jobs"), CASES)
def test_signal_during_check(tmp_path: Path, sig: int, group: bool, jobs: str):
    docs = tmp_path / "docs"
    texts = _stories(docs)
    out = tmp_path / "out"
    with _lintnews(tmp_path, "check", "-j", jobs, str(docs)) as proc:
        _wait_for(lambda: out.stat().st_size > 0, proc, "finding printed")
        _signal_and_wait(proc, sig, group, pool=jobs != "1")
    _assert_one_line(tmp_path, sig)
    assert {p.name: p.read_text() for p in docs.iterdir()} == texts


@pytest.mark.parametrize(
    ("sig", "group", "jobs"),
    [
        pytest.param(signal.SIGTERM, False, "2", id="sigterm-pool"),
        pytest.param(signal.SIGINT, True, "1", id="sigint-j1"),
    ],
)
def test_signal_during_fix_of_a_jsonl_corpus_leaves_no_output(
    tmp_path: Path, sig: int, group: bool, jobs: str
):
    docs = tmp_path / "docs"
    docs.mkdir()
    corpus = docs / "corpus.jsonl"
    with corpus.open("w") as handle:
        for i in range(FILES):
            handle.write(json.dumps({"id": i, "text": f"Story {i}\n\n{NUMBERED}"}) + "\n")

    def written() -> bool:
        # The cleaned copy goes to a temp file first; wait until it has data.
        for temp in docs.glob(".cleaned.jsonl.*.lintnews-tmp"):
            try:
                return temp.stat().st_size > 0
            except FileNotFoundError:
                return False
        return False

    with _lintnews(tmp_path, "fix", "-j", jobs, str(corpus), "-o", str(docs / "cleaned.jsonl")) as proc:
        _wait_for(written, proc, "record written")
        _signal_and_wait(proc, sig, group, pool=jobs != "1")
    _assert_one_line(tmp_path, sig)
    # No cleaned copy (it was not finished), no temp file.
    assert [p.name for p in docs.iterdir()] == ["corpus.jsonl"]


def test_workers_die_when_lintnews_is_killed(tmp_path: Path):
    """SIGKILL (the OOM killer, a CI runner giving up) cannot be handled:
    the kernel kills the workers with their parent (PR_SET_PDEATHSIG), so
    none is left holding the caller's stdout and stderr."""
    docs = tmp_path / "docs"
    texts = _stories(docs)
    with _lintnews(tmp_path, "fix", "-j", "2", str(docs)) as proc:
        _wait_for(_replaced(docs, texts), proc, "file fixed")
        workers = _children(proc.pid)
        assert len(workers) == 2
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=EXIT_DEADLINE) == -signal.SIGKILL
        assert _wait_dead(workers) == []
    # Moves are atomic: whatever SIGKILL cut, no file is half written.
    for name, text in texts.items():
        content = (docs / name).read_text()
        assert content in (text, text.replace(PARAGRAPH, _fixed_body()))


WATCHED = """
import os, sys, time
from lintnews.lifeline import watch_parent
parent = os.getpid()
child = os.fork()
if child == 0:
    watch_parent(parent, interval=0.02)  # returns only by exiting the process
    os._exit(3)
print(child, flush=True)
time.sleep(60)
"""


def test_watchdog_ends_a_worker_whose_parent_died(tmp_path: Path):
    """The fallback where PR_SET_PDEATHSIG does not exist (macOS, BSD)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", WATCHED], stdout=subprocess.PIPE, start_new_session=True, text=True
    )
    try:
        assert proc.stdout is not None
        child = int(proc.stdout.readline())
        assert _alive(child)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=EXIT_DEADLINE)
        assert _wait_dead([child]) == []
    finally:
        _kill_group(proc)


# -- in this process ------------------------------------------------------------


@pytest.fixture
def default_sigint() -> Iterator[None]:
    """Python's own SIGINT handler, even if this test run started with SIGINT
    ignored (a script's background job), where Ctrl-C raises nothing."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("default_sigint")
def test_held_delivers_the_signal_when_the_block_ends():
    reached_end = False
    with pytest.raises(KeyboardInterrupt):
        with interrupts.held():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.01)  # a handler would have run by now
            reached_end = True
    assert reached_end


@pytest.mark.usefixtures("default_sigint")
def test_sigterm_raises_terminated_and_later_signals_are_ignored():
    before = {sig: signal.getsignal(sig) for sig in interrupts.STOP_SIGNALS}
    with pytest.raises(interrupts.Terminated) as caught:
        with interrupts.stop_on_signals():
            try:
                with interrupts.held():
                    os.kill(os.getpid(), signal.SIGTERM)
                    os.kill(os.getpid(), signal.SIGINT)  # held too: the first one wins
                    time.sleep(0.01)
            finally:
                # The stop is under way: a second Ctrl-C must not cut it short
                # (it would replace Terminated with KeyboardInterrupt).
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.01)
    assert interrupts.exit_code(caught.value) == 143
    # stop_on_signals put the caller's handlers back.
    assert {sig: signal.getsignal(sig) for sig in interrupts.STOP_SIGNALS} == before


@pytest.mark.usefixtures("default_sigint")
def test_signals_blocked_defers_a_signal_to_the_end_of_the_block():
    steps = []
    with pytest.raises(KeyboardInterrupt):
        with lifeline.signals_blocked():
            # To this thread: another thread that does not block it could take a
            # signal sent to the process.
            signal.pthread_kill(threading.get_ident(), signal.SIGINT)
            time.sleep(0.01)
            steps.append("end of block")
        steps.append("after the block")
    assert steps == ["end of block"]
