"""Ctrl-C, SIGTERM and SIGKILL in the middle of a run: exit code, time to exit,
files, temp files, workers left, per Python.

    .venv/bin/python benchmarks/interrupts.py                  # this venv's Python, 10 runs a case
    python3 benchmarks/interrupts.py --pythons /tmp/venv-3.10/bin/python /tmp/venv-3.12/bin/python
    python3 benchmarks/interrupts.py --runs 20 --cases fix:pool:INT --env LINTNEWS_X=1

Each run makes 40 files of 100 KB (the shape of tests/test_interrupt.py) in
a fresh folder, starts `python -m lintnews` in its own process group with
--no-cache, waits for a real sign of progress (a file replaced, the JSON
Lines temp file written to, the first finding printed), sends the signal and
times the exit. The signal goes where a person's would: SIGINT to the whole
group (a terminal's Ctrl-C), SIGTERM and SIGKILL to the lintnews process
alone (`timeout`, a CI runner, the OOM killer). A run that has not exited
after --hang-timeout seconds counts as a hang. Then it checks: exit code
(130, 143; -9 for SIGKILL), one line on stderr and no traceback, every file
exactly original or exactly fixed, no `*.lintnews-tmp` left (for SIGKILL
only reported: a write cut by SIGKILL cannot clean up), and no worker alive
(the processes of the group other than lintnews; a zombie is dead) 1 s after
lintnews exited. The whole group is SIGKILLed afterwards whatever happened.

Cases are OP:JOBS:SIGNAL with OP fix, check or jsonl (`fix corpus.jsonl -o
out.jsonl`), JOBS pool (the default, all CPUs) or 1, SIGNAL INT, TERM or
KILL. Linux only (it reads /proc). With --pythons it runs itself under each
interpreter (each needs lintnews installed) and writes one table to the
`interrupts` section of RESULTS.md (unless --no-write).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

PARAGRAPH = "The talks ended.Then came rain , and  more rain.\n\n" * 2000
#: For JSON Lines: paragraphs that differ, so that the fixed record stays
#: 100 KB (LN401 drops repeated paragraphs) and reaches the temp file at once.
NUMBERED = "".join(f"Part {j}. The talks ended.Then came rain , and  more rain.\n\n" for j in range(1600))
FILES = 40
DEFAULT_CASES = [f"fix:{jobs}:{sig}" for jobs in ("pool", "1") for sig in ("INT", "TERM")]
ALL_CASES = [
    *DEFAULT_CASES,
    *(f"{op}:{jobs}:{sig}" for op in ("check", "jsonl") for jobs in ("pool", "1") for sig in ("INT", "TERM")),
    "fix:pool:KILL",
]
EXPECTED_CODE = {"INT": 130, "TERM": 143, "KILL": -9}
MESSAGE = {"INT": "lintnews: interrupted;", "TERM": "lintnews: terminated;"}


@dataclass
class Run:
    code: int | None = None  # None: hung
    seconds: float | None = None
    finished_first: bool = False  # lintnews was done before the signal
    whole: bool = True  # every file original or fixed
    fixed: int = 0
    temp_left: int = 0
    workers_seen: int = 0
    workers_left: int = 0
    stderr_ok: bool = True
    stderr: str = ""


@dataclass
class CaseResult:
    python: str
    case: str
    runs: list[Run] = field(default_factory=list)


# -- processes -------------------------------------------------------------


def _stat(pid: int) -> tuple[str, int, int, int] | None:
    """(state, ppid, pgrp, start time) of a process, from /proc."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return fields[0], int(fields[1]), int(fields[2]), int(fields[19])


def group_members(pgid: int) -> dict[int, int]:
    """Live (not zombie) processes of a process group: pid -> start time."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = _stat(int(entry))
            if st is not None and st[2] == pgid and st[0] != "Z":
                found[int(entry)] = st[3]
    return found


def alive(pid: int, start: int) -> bool:
    st = _stat(pid)
    return st is not None and st[3] == start and st[0] != "Z"


# -- one run ---------------------------------------------------------------


def make_inputs(folder: Path, op: str) -> tuple[list[str], dict[str, str]]:
    """The lintnews arguments after the command, and each file's original text."""
    texts = {f"story{i:02d}.txt": f"Story {i}\n\n{PARAGRAPH}" for i in range(FILES)}
    if op == "jsonl":
        corpus = folder / "corpus.jsonl"
        with corpus.open("w") as out:
            for i in range(FILES):
                out.write(json.dumps({"id": i, "text": f"Story {i}\n\n{NUMBERED}"}) + "\n")
        return ["fix", str(corpus), "-o", str(folder / "out.jsonl")], {}
    for name, text in texts.items():
        (folder / name).write_text(text)
    return [op, str(folder)], texts


def started(op: str, folder: Path, inodes: dict[str, int], printed: threading.Event) -> bool:
    """Whether lintnews has visibly done some of the work."""
    if op == "check":
        return printed.is_set()
    if op == "jsonl":
        for path in folder.glob(".out.jsonl.*.lintnews-tmp"):
            try:
                if path.stat().st_size > 0:
                    return True
            except FileNotFoundError:  # moved into place meanwhile
                return True
        return False
    # A fixed file is moved into place: a new inode.
    return any((folder / n).stat().st_ino != ino for n, ino in inodes.items())


def run_once(case: str, fixed_text: str, hang_timeout: float, env: dict[str, str]) -> Run:
    op, jobs, sig_name = case.split(":")
    sig = getattr(signal, f"SIG{sig_name}")
    result = Run()
    with tempfile.TemporaryDirectory(prefix="lintnews-interrupts-") as tmp:
        folder = Path(tmp)
        args, texts = make_inputs(folder, op)
        inodes = {n: (folder / n).stat().st_ino for n in texts}
        command = [sys.executable, "-m", "lintnews", *args, "--no-cache"]
        if jobs != "pool":
            command += ["-j", jobs]
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            env={**os.environ, **env},
        )
        printed = threading.Event()
        err: list[bytes] = []

        def drain_stdout() -> None:
            assert proc.stdout is not None
            while proc.stdout.read(65536):
                printed.set()

        def drain_stderr() -> None:
            assert proc.stderr is not None
            err.append(proc.stderr.read())

        readers = [threading.Thread(target=f, daemon=True) for f in (drain_stdout, drain_stderr)]
        for t in readers:
            t.start()
        try:
            deadline = time.monotonic() + 120
            while not started(op, folder, inodes, printed) and proc.poll() is None:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{case}: lintnews showed no progress in 120 s")
                time.sleep(0.002)
            workers = {p: s for p, s in group_members(proc.pid).items() if p != proc.pid}
            result.workers_seen = len(workers)
            if proc.poll() is not None:
                result.finished_first = True
            else:
                os.killpg(proc.pid, sig) if sig == signal.SIGINT else os.kill(proc.pid, sig)
            t0 = time.monotonic()
            try:
                result.code = proc.wait(timeout=hang_timeout)
                result.seconds = time.monotonic() - t0
            except subprocess.TimeoutExpired:
                result.code = None
            # Workers still alive 1 s after lintnews exited are orphans.
            grace = time.monotonic() + 1.0
            while any(alive(p, s) for p, s in workers.items()) and time.monotonic() < grace:
                time.sleep(0.01)
            result.workers_left = sum(alive(p, s) for p, s in workers.items())
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
            for t in readers:
                t.join(timeout=5)
        result.stderr = b"".join(err).decode("utf-8", "replace")
        result.stderr_ok = "Traceback" not in result.stderr
        if sig_name in MESSAGE and not result.finished_first:
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            result.stderr_ok = result.stderr_ok and len(lines) == 1 and lines[0].startswith(MESSAGE[sig_name])
        for path in folder.iterdir():
            if path.name.endswith(".lintnews-tmp"):
                result.temp_left += 1
            elif path.name in texts:
                content = path.read_text()
                expected_fixed = texts[path.name].replace(PARAGRAPH, fixed_text)
                if content == expected_fixed:
                    result.fixed += 1
                elif content != texts[path.name]:
                    result.whole = False
            elif op == "jsonl" and path.name == "out.jsonl" and not result.finished_first:
                result.whole = False  # written although the run was stopped
    return result


# -- report ----------------------------------------------------------------


def summary_row(res: CaseResult) -> list[object]:
    op, jobs, sig_name = res.case.split(":")
    runs = res.runs
    stopped = [r for r in runs if not r.finished_first]
    expected = EXPECTED_CODE[sig_name]
    right = sum(r.code == expected for r in stopped)
    hangs = sum(r.code is None for r in stopped)
    times = [r.seconds for r in stopped if r.seconds is not None]
    workers = max((r.workers_seen for r in runs), default=0)
    temp = sum(r.temp_left for r in runs)
    return [
        res.python,
        {"jsonl": "fix JSONL -o"}.get(op, op),
        "default (pool)" if jobs == "pool" else "-j 1",
        f"SIG{sig_name}",
        f"{len(stopped)}/{len(runs)}",
        f"{right}/{len(stopped)} ({expected})",
        hangs,
        f"{statistics.median(times):.2f}" if times else "—",
        f"{max(times):.2f}" if times else "—",
        f"{sum(r.whole for r in runs)}/{len(runs)}",
        "—" if op != "fix" else f"{statistics.median(r.fixed for r in runs):.0f}",
        temp if sig_name != "KILL" else f"{temp} (not cleanable)",
        f"{sum(r.workers_left for r in runs)} of {workers}/run",
        f"{sum(r.stderr_ok for r in runs)}/{len(runs)}" if sig_name != "KILL" else "—",
    ]


HEADER = [
    "Python",
    "command",
    "jobs",
    "signal",
    "stopped mid-run",
    "exit code right",
    "hangs",
    "median s",
    "max s",
    "files whole",
    "files fixed (median of 40)",
    "temp files left",
    "workers left",
    "stderr one line",
]


def measure(
    cases: Sequence[str], runs: int, hang_timeout: float, env: dict[str, str], extra_runs: int
) -> list[CaseResult]:
    from lintnews.engine import Linter

    fixed_text = Linter().fix(PARAGRAPH).text
    name = f"{platform.python_version()} ({sys.executable})"
    results = []
    for case in cases:
        res = CaseResult(name, case)
        n = runs if case in DEFAULT_CASES else extra_runs
        for i in range(n):
            run = run_once(case, fixed_text, hang_timeout, env)
            res.runs.append(run)
            mark = "HANG" if run.code is None else f"{run.code} in {run.seconds:.2f}s"
            print(f"  {case} run {i + 1}/{n}: {mark}", file=sys.stderr, flush=True)
        results.append(res)
        print(" | ".join(str(c) for c in summary_row(res)), file=sys.stderr, flush=True)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cases", nargs="+", default=None, help=f"default: {' '.join(DEFAULT_CASES)}")
    parser.add_argument("--all", action="store_true", help=f"every case: {' '.join(ALL_CASES)}")
    parser.add_argument("--extra-runs", type=int, default=3, help="runs of the cases --all adds")
    parser.add_argument("--hang-timeout", type=float, default=10.0)
    parser.add_argument("--env", action="append", default=[], metavar="KEY=VALUE", help="for lintnews")
    parser.add_argument("--pythons", nargs="+", help="run under each of these interpreters, one table")
    parser.add_argument("--json", action="store_true", help="print the results as JSON on stdout")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--results", type=Path, default=common.RESULTS)
    args = parser.parse_args(argv)
    # Stopped itself (a CI timeout): unwind, so each run's finally kills its lintnews group.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    # A background job of a script starts with SIGINT ignored, and lintnews
    # (like Python) keeps a signal ignored that was ignored when it started:
    # a handler here makes its children start with the default, as from a terminal.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    cases = ALL_CASES if args.all else (args.cases or DEFAULT_CASES)
    env = dict(item.split("=", 1) for item in args.env)
    if not args.pythons:
        results = measure(cases, args.runs, args.hang_timeout, env, args.extra_runs)
        if args.json:
            print(json.dumps([asdict(r) for r in results]))
            return 0
        rows = [summary_row(r) for r in results]
    else:
        rows = []
        for python in args.pythons:
            own = [
                python,
                __file__,
                "--json",
                "--runs",
                str(args.runs),
                "--hang-timeout",
                str(args.hang_timeout),
                "--extra-runs",
                str(args.extra_runs),
            ]
            own += ["--cases", *cases] + [f"--env={item}" for item in args.env]
            out = subprocess.run(own, stdout=subprocess.PIPE, check=True).stdout
            for data in json.loads(out):
                runs = [Run(**r) for r in data.pop("runs")]
                rows.append(summary_row(CaseResult(**data, runs=runs)))
    text = common.table(HEADER, rows)
    print(text)
    if not args.no_write:
        command = "python3 benchmarks/interrupts.py --pythons VENV/bin/python ..."
        common.write_section(
            "interrupts",
            f"## 6. Interrupts (`interrupts.py`)\n\n{common.provenance(command)}\n\n{RESULTS_TEXT}\n\n{text}",
            args.results,
        )
    return 0


RESULTS_TEXT = (
    f"Each row: {FILES} files of 100 KB, `python -m lintnews ... --no-cache` in its own process group, "
    "signalled once it had visibly done part of the work (a file replaced, the JSON Lines temp file "
    "written to, the first finding printed): SIGINT to the group as a terminal's Ctrl-C does, SIGTERM "
    "and SIGKILL to lintnews alone. Times from the signal to lintnews's exit. Workers left: pool workers "
    "still alive 1 s after lintnews exited (of the workers seen per run). Stderr: exactly one line, the "
    "lintnews message, no traceback."
)


if __name__ == "__main__":
    sys.exit(main())
