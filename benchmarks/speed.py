"""Speed and memory of `lintnews check` on real news, beside the peers and a floor.

    python benchmarks/speed.py            # 3 interleaved rounds; about 6-9 minutes on 2 cores
    python benchmarks/speed.py --quick    # 1 round, 1 and 10 MB only, slow peers capped; about 1-2 minutes

Inputs: (a) the BBC tree (2,095 files), (b) single files of 1, 10 and 50 MB
made by concatenating articles of the news corpora (seeded shuffle, cycled
when the corpora run out), (c) a JSON Lines file of 20,000 articles when
`lintnews check` accepts JSON Lines (detected from its --help).

Tools, each a separate process timed by wall clock, peak RSS from GNU time:
lintnews with all default rules (with --jobs 1 and --jobs <cores> when the
option exists); the floor, one Python process that reads the same files and
runs a single `regex` \\w+ pass; and the peers a user would pick instead:
proselint, codespell and typos from PyPI (installed on demand into a throwaway
venv under --peers-dir, default /tmp/lintnews-peers) and write-good and alex
from npm (same folder; skipped with a note when npm or the install fails).
A (tool, input) whose projected time per run exceeds --max-run is skipped and
says so. Medians over the rounds; rewrites the speed section of RESULTS.md.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
from common import table, verdict

MB = 1_000_000
NEWS_CORPORA = (
    "bbc_news_zitros/news",
    "isot_fake_real_sample_omertol",
    "fakenewsnet_kaidmml_2018",
    "cnn_dailymail_sample_eileenfeng/articles",
)
JSONL_ARTICLES = 20_000
JSONL_SMALL = JSONL_ARTICLES // 4
#: "Constant memory": peak RSS on the full corpus at most this much above
#: the RSS on a quarter of it.
TARGET_RSS_GROWTH = 1.10
TARGET_MBPS = 10.0
TARGET_FLOOR_RATIO = 5.0
TARGET_PROSELINT = 20.0
TARGET_RSS_MB = 200.0

FLOOR_CODE = r"""
import json, os, sys
import regex
word = regex.compile(r"\w+")
n = 0
for root in sys.argv[1:]:
    if os.path.isdir(root):
        paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".txt"))
    else:
        paths = [root]
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            if p.endswith(".jsonl"):
                for line in fh:
                    n += len(word.findall(json.loads(line)["text"]))
            else:
                n += len(word.findall(fh.read()))
print(n)
"""


@dataclass
class Input:
    name: str
    path: Path
    size: int  # bytes
    files: int
    single: bool  # one file (vs a tree)
    note: str = ""
    jsonl: bool = False

    def txt_files(self) -> list[str]:
        if self.single:
            return [str(self.path)]
        return [str(p) for p in sorted(self.path.rglob("*.txt"))]


@dataclass
class Tool:
    name: str
    kind: str  # lintnews / floor / peer
    argv: Callable[[Input], list[str] | None]  # None: cannot read this input
    version: str = ""
    note: str = ""


@dataclass
class Run:
    seconds: float  # wall clock
    rss_mb: float
    code: int
    timed_out: bool = False
    cpu: float = 0.0  # user + system seconds of the child and its children


@dataclass
class Cell:
    runs: list[Run] = field(default_factory=list)
    skipped: str = ""
    findings: int | None = None  # lintnews only: diagnostics printed on the last run
    crashed: set[str] = field(default_factory=set)  # lintnews only: rules that reported a crash

    @property
    def seconds(self) -> float | None:
        ok = [r.seconds for r in self.runs if not r.timed_out]
        return statistics.median(ok) if ok else None

    @property
    def cpu(self) -> float | None:
        ok = [r.cpu for r in self.runs if not r.timed_out]
        return statistics.median(ok) if ok else None

    @property
    def rss(self) -> float | None:
        return max((r.rss_mb for r in self.runs if not r.timed_out), default=None)

    @property
    def timed_out(self) -> Run | None:
        return next((r for r in self.runs if r.timed_out), None)


TIME = Path("/usr/bin/time")


def run_once(
    argv: Sequence[str], timeout: float, capture: Path | None = None, env: dict[str, str] | None = None
) -> Run:
    """Run one child; its wall time and peak RSS.

    The RSS comes from GNU time (``/usr/bin/time -f %M``) when present: a
    child forked from this Python process would otherwise inherit this
    process's resident pages in its high-water mark. Without GNU time it is
    wait4()'s figure, an upper bound. With ``capture`` the child's stdout goes
    to that file (to count what lintnews reported), else to /dev/null.
    ``env``: variables added to this process's environment for the child.
    """
    with (
        tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file,
        open(capture if capture is not None else os.devnull, "wb") as sink,
    ):
        wrapped = [str(TIME), "-f", "%M", "-o", rss_file.name, *argv] if TIME.exists() else list(argv)
        started = time.perf_counter()
        proc = subprocess.Popen(
            wrapped,
            stdout=sink,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, **env} if env else None,
        )
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        rss_kb = float(usage.ru_maxrss)
        if TIME.exists():
            lines = [ln for ln in rss_file.read().splitlines() if ln.strip().isdigit()]
            if lines:
                rss_kb = float(lines[-1])
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, rss_kb / 1024, proc.returncode, timed_out.is_set(), cpu)


# --------------------------------------------------------------------------
# inputs
# --------------------------------------------------------------------------


def news_articles(corpora: Path, seed: int) -> list[Path]:
    files: list[Path] = []
    for rel in NEWS_CORPORA:
        folder = corpora / rel
        if folder.is_dir():
            files += sorted(folder.rglob("*.txt"))
    random.Random(seed).shuffle(files)
    return files


def make_concat(files: Sequence[Path], size: int, dest: Path) -> tuple[int, float]:
    """Concatenate articles (blank line between) up to ``size`` bytes; cycle when they run out.

    Returns the bytes written and how many times the material repeats.
    """
    unique = 0
    written = 0
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.open("w", encoding="utf-8", newline="") as out:
        i = 0
        while written < size:
            text = files[i % len(files)].read_text(encoding="utf-8").strip("\n") + "\n\n"
            data = text.encode("utf-8")
            if i < len(files):
                unique += len(data)
            if written + len(data) > size and written > 0:
                break
            out.write(text)
            written += len(data)
            i += 1
    return written, written / max(1, min(unique, written))


def make_jsonl(files: Sequence[Path], count: int, dest: Path) -> int:
    with dest.open("w", encoding="utf-8") as out:
        for i in range(count):
            text = files[i % len(files)].read_text(encoding="utf-8")
            out.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
    return dest.stat().st_size


def tree_size(folder: Path) -> tuple[int, int]:
    files = list(folder.rglob("*.txt"))
    return sum(f.stat().st_size for f in files), len(files)


# --------------------------------------------------------------------------
# tools
# --------------------------------------------------------------------------


def lintnews_argv() -> list[str]:
    exe = Path(sys.executable).parent / "lintnews"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "lintnews"]


def compile_bytecode() -> None:
    """Byte-compile the lintnews being measured, as installing its wheel does.

    The peers come from wheels with their bytecode written at install time;
    an editable install under PYTHONDONTWRITEBYTECODE (as on this machine)
    would compile lintnews's modules from source in every process, 50 ms of
    each run's start-up that no installed copy pays.
    """
    import compileall

    code = "import lintnews, pathlib; print(pathlib.Path(lintnews.__file__).parent)"
    where = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip()
    if where:
        compileall.compile_dir(where, quiet=1)


def lintnews_help() -> str:
    result = subprocess.run([*lintnews_argv(), "check", "--help"], capture_output=True, text=True)
    return result.stdout


def jsonl_option(help_text: str) -> str | None:
    """The option that reads JSON Lines (`--jsonl-field` in the design), if `check` has one."""
    for token in help_text.split():
        token = token.strip(",")
        if token.startswith("--jsonl"):
            return token.split("=")[0]
    return None


def version_of(argv: Sequence[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    text = (out.stdout or out.stderr).strip().splitlines()
    return text[0].strip() if text else "?"


def ensure_python_peers(peers_dir: Path, notes: list[str]) -> dict[str, Path]:
    venv = peers_dir / "venv"
    bin_dir = venv / "bin"
    wanted = {"proselint": "proselint", "codespell": "codespell", "typos": "typos"}
    if not (bin_dir / "python").exists():
        print(f"speed: creating a throwaway venv for the peers in {venv}")
        result = subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], capture_output=True)
        if result.returncode != 0:
            notes.append(f"PyPI peers skipped: could not create a venv in {venv}.")
            return {}
    found = {}
    for package, exe in wanted.items():
        if not (bin_dir / exe).exists():
            print(f"speed: pip install {package} into {venv}")
            subprocess.run(
                [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", package], capture_output=True
            )
        if (bin_dir / exe).exists():
            found[package] = bin_dir / exe
        else:
            notes.append(f"{package}: not installable here (pip failed); skipped.")
    return found


def ensure_npm_peers(peers_dir: Path, notes: list[str]) -> dict[str, Path]:
    npm = shutil.which("npm")
    folder = peers_dir / "npm"
    bins = folder / "node_modules" / ".bin"
    wanted = ("write-good", "alex")
    if npm is None:
        notes.append("write-good, alex: npm not found; skipped.")
        return {}
    missing = [p for p in wanted if not (bins / p).exists()]
    if missing:
        folder.mkdir(parents=True, exist_ok=True)
        print(f"speed: npm install {' '.join(missing)} into {folder}")
        subprocess.run(
            [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--silent", *missing],
            capture_output=True,
        )
    found = {}
    for p in wanted:
        if (bins / p).exists():
            found[p] = bins / p
        else:
            notes.append(f"{p}: not installable from npm here; skipped.")
    return found


def build_tools(args: argparse.Namespace, help_text: str, notes: list[str]) -> list[Tool]:
    base = [*lintnews_argv(), "check", "--exit-zero", "--no-color", "-q", "--output-format", "concise"]
    if "--no-cache" in help_text:
        base.append("--no-cache")  # every run does the work; a warm cache would time a lookup
        notes.append(
            "lintnews runs with `--no-cache`: every run lints; a re-run with a warm cache is not timed."
        )
    jsonl = jsonl_option(help_text)
    cores = common.cpu_count()

    def lintnews(extra: list[str]) -> Callable[[Input], list[str] | None]:
        def argv(inp: Input) -> list[str] | None:
            if inp.jsonl:
                return [*base, *extra, jsonl, "text", str(inp.path)] if jsonl else None
            return [*base, *extra, str(inp.path)]

        return argv

    version = version_of([*lintnews_argv(), "--version"])
    tools: list[Tool] = []
    if "--jobs" in help_text:
        tools.append(Tool("lintnews --jobs 1", "lintnews", lintnews(["--jobs", "1"]), version))
        tools.append(
            Tool(f"lintnews --jobs {cores}", "lintnews-all", lintnews(["--jobs", str(cores)]), version)
        )
    else:
        tools.append(
            Tool(
                "lintnews", "lintnews", lintnews([]), version, "one process: `check` has no --jobs option yet"
            )
        )
    tools.append(
        Tool(
            "floor: Python `regex` \\w+",
            "floor",
            lambda inp: [sys.executable, "-c", FLOOR_CODE, str(inp.path)],
            "",
            "one process: read the files, one `regex` \\w+ findall",
        )
    )
    if args.no_peers:
        notes.append("Peers not run (--no-peers).")
        return tools
    peers_dir = Path(args.peers_dir)
    py = ensure_python_peers(peers_dir, notes)
    nodes = ensure_npm_peers(peers_dir, notes)

    def plain(exe: Path, *pre: str, post: Sequence[str] = ()) -> Callable[[Input], list[str] | None]:
        return lambda inp: None if inp.jsonl else [str(exe), *pre, str(inp.path), *post]

    if "proselint" in py:
        exe = py["proselint"]
        tools.append(Tool("proselint", "peer", plain(exe, "check"), version_of([str(exe), "version"])))
    if "codespell" in py:
        exe = py["codespell"]
        tools.append(Tool("codespell", "peer", plain(exe), version_of([str(exe), "--version"])))
    if "typos" in py:
        exe = py["typos"]
        v = version_of([str(exe), "--version"])
        tools.append(Tool("typos -j1", "peer", plain(exe, "--format", "brief", "-j", "1"), v))
        tools.append(Tool(f"typos (all {cores} cores)", "peer", plain(exe, "--format", "brief"), v))
    if "write-good" in nodes:
        exe = nodes["write-good"]
        tools.append(
            Tool(
                "write-good",
                "peer",
                lambda inp: None if inp.jsonl else [str(exe), *inp.txt_files()],
                version_of([str(exe), "--version"]),
                "files passed by name",
            )
        )
    if "alex" in nodes:
        exe = nodes["alex"]
        tools.append(Tool("alex", "peer", plain(exe, "--text"), version_of([str(exe), "--version"])))
    return tools


# --------------------------------------------------------------------------
# measuring
# --------------------------------------------------------------------------


CRASH = re.compile(r": (\w+) (?:\[.\] )?Rule crashed")


def run_counted(
    argv: list[str], cell: Cell, workdir: Path, *, timeout: float, env: dict[str, str] | None = None
) -> Run:
    """One timed run of lintnews whose output is counted into ``cell`` (findings, crashes)."""
    capture = workdir / "lintnews-output.txt"
    run = run_once(argv, timeout=timeout, capture=capture, env=env)
    cell.runs.append(run)
    if run.timed_out:
        capture.unlink(missing_ok=True)
    else:
        read_output(capture, cell)
    return run


def read_output(path: Path, cell: Cell) -> None:
    """Count the diagnostics lintnews printed (concise: one per line) and the rules that crashed."""
    count = 0
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            count += 1
            m = CRASH.search(line)
            if m:
                cell.crashed.add(m.group(1))
    cell.findings = count
    path.unlink()


def measure(
    tools: Sequence[Tool],
    inputs: Sequence[Input],
    rounds: int,
    max_run: float,
    workdir: Path,
    timeout: float,
) -> dict[tuple[str, str], Cell]:
    cells: dict[tuple[str, str], Cell] = {}
    rate: dict[str, float] = {}  # tool -> slowest MB/s seen so far (for projections)
    single_rate: dict[str, float] = {}  # the same on single files (some peers are much slower there)
    timed_out_on: dict[str, str] = {}  # tool -> the input it timed out on
    for inp in inputs:
        for tool in tools:
            cell = cells.setdefault((tool.name, inp.name), Cell())
            if tool.argv(inp) is None:
                cell.skipped = "cannot read this input"
                continue
            known = single_rate.get(tool.name) if inp.single else None
            known = known or rate.get(tool.name)
            if tool.name in timed_out_on:
                cell.skipped = f"skipped: timed out on the {timed_out_on[tool.name]}"
            # lintnews and the floor always run: they are what is measured.
            elif tool.kind == "peer" and known and inp.size / MB / known > max_run:
                cell.skipped = f"skipped: projected {inp.size / MB / known:.0f} s per run > {max_run:.0f} s"
        for r in range(rounds):
            for tool in tools:
                cell = cells[(tool.name, inp.name)]
                if cell.skipped:
                    continue
                argv = tool.argv(inp)
                assert argv is not None
                capture = workdir / "lintnews-output.txt" if tool.kind.startswith("lintnews") else None
                run = run_once(argv, timeout=timeout, capture=capture)
                cell.runs.append(run)
                if capture is not None:
                    if run.timed_out:
                        capture.unlink(missing_ok=True)
                    else:
                        read_output(capture, cell)
                mbps = inp.size / MB / run.seconds
                shown = "timeout" if run.timed_out else f"{run.seconds:.2f} s"
                print(
                    f"speed: {inp.name:24} round {r + 1}/{rounds} {tool.name:28} {shown:>10} "
                    f"(CPU {run.cpu:6.2f} s) {mbps:7.2f} MB/s  RSS {run.rss_mb:6.0f} MB  exit {run.code}"
                )
                if run.timed_out:
                    cell.skipped = f"timed out after {run.seconds:.0f} s"
                    timed_out_on[tool.name] = inp.name
                    rate[tool.name] = min(rate.get(tool.name, mbps), mbps)
                    if inp.single:
                        single_rate[tool.name] = min(single_rate.get(tool.name, mbps), mbps)
                    continue
                rate[tool.name] = min(rate.get(tool.name, mbps), mbps)
                if inp.single:
                    single_rate[tool.name] = min(single_rate.get(tool.name, mbps), mbps)
    return cells


def fmt_s(x: float | None) -> str:
    return "—" if x is None else (f"{x:.2f}" if x < 100 else f"{x:.0f}")


def report(
    tools: Sequence[Tool],
    inputs: Sequence[Input],
    cells: dict[tuple[str, str], Cell],
    notes: list[str],
    args: argparse.Namespace,
    unavailable: list[str],
) -> str:
    lint = next(t for t in tools if t.kind == "lintnews")
    floor = next(t for t in tools if t.kind == "floor")
    main = inputs[0]

    def secs(tool: Tool, inp: Input) -> float | None:
        return cells[(tool.name, inp.name)].seconds

    def mbps(tool: Tool, inp: Input) -> float | None:
        s = secs(tool, inp)
        return inp.size / MB / s if s else None

    def cpu(tool: Tool, inp: Input) -> float | None:
        return cells[(tool.name, inp.name)].cpu

    def both(
        a: float | None, b: float | None, a_cpu: float | None, b_cpu: float | None
    ) -> tuple[float, float] | None:
        """(wall ratio, CPU ratio) of a over b."""
        if not (a and b and a_cpu and b_cpu):
            return None
        return a / b, a_cpu / b_cpu

    def shown(r: tuple[float, float] | None, what: str) -> str:
        return "—" if r is None else f"{what} {r[0]:.1f}× (CPU {r[1]:.1f}×)"

    rows = []
    lint_s = secs(lint, main)
    lint_cpu = cpu(lint, main)
    for tool in tools:
        cell = cells[(tool.name, main.name)]
        s = cell.seconds
        if s is None:
            rows.append([tool.name, tool.version, "—", "—", "—", "—", "—", cell.skipped or "no run finished"])
            continue
        if tool.kind == "floor":
            ratio = shown(both(lint_s, s, lint_cpu, cell.cpu), "lintnews / floor:")
        elif tool.kind == "lintnews-all":
            ratio = f"{lint_s / s:.1f}× the speed of {lint.name}" if lint_s else "—"
        elif tool.kind == "lintnews":
            ratio = "—"
        else:
            ratio = shown(both(s, lint_s, cell.cpu, lint_cpu), "/ lintnews:")
        rows.append(
            [
                tool.name,
                tool.version,
                f"{main.size / MB / s:.2f}",
                fmt_s(s),
                fmt_s(cell.cpu),
                f"{cell.rss:.0f}" if cell.rss is not None else "—",
                ratio,
                tool.note,
            ]
        )
    out = [
        "### Speed and memory beside the peers",
        "",
        common.provenance("python benchmarks/speed.py --only main" + (" --quick" if args.quick else "")),
        "",
        f"Wall-clock medians of {args.rounds} interleaved round(s) (every tool once per round, in turn), "
        "and the median CPU time (user + system) of the same runs, which other work on the machine "
        "disturbs less; "
        "each run is a fresh process; peak RSS is GNU time's maximum resident set size of the process "
        "(and the children it waited for). MB = 10^6 bytes of UTF-8 input. lintnews runs "
        "`check --output-format concise` with all default rules "
        f"({', '.join(args.rules) if args.rules else 'see section 1'}), its output to a file that is "
        "then counted; the peers' output goes to /dev/null. 1-minute load average before and after the "
        f"run: {args.load[0]:.2f} and {args.load[1]:.2f} (above {common.cpu_count()} means other work "
        "shared the cores and the figures are pessimistic).",
        "",
        f"### (a) {main.name}: {main.size / MB:.2f} MB in {main.files:,} files",
        "",
        table(["tool", "version", "MB/s", "seconds", "CPU s", "peak RSS MB", "time ratio", "note"], rows),
        "",
    ]
    # Size series.
    series = [i for i in inputs[1:] if i.single and not i.jsonl]
    if series:
        sources = ", ".join(f"`{c.split('/')[0]}`" for c in NEWS_CORPORA)
        header = ["tool"] + [f"{i.name}: s (MB/s)" for i in series] + ["peak RSS MB", "growth (CPU time)"]
        srows = []
        for tool in tools:
            row: list[object] = [tool.name]
            points = []
            killed: tuple[str, float, float] | None = None  # (input, size MB, seconds) of a timeout
            for inp in series:
                cell = cells[(tool.name, inp.name)]
                s = cell.seconds
                if s is None:
                    row.append(cell.skipped.replace("skipped: ", "") or "—")
                    if cell.timed_out and killed is None:
                        killed = (inp.name, inp.size / MB, cell.timed_out.seconds)
                else:
                    row.append(f"{fmt_s(s)} ({inp.size / MB / s:.2f})")
                    points.append((inp.size / MB, cell.cpu or s))
            rss = [cells[(tool.name, i.name)].rss for i in series]
            rss_known = [r for r in rss if r is not None]
            row.append(" / ".join(f"{r:.0f}" for r in rss_known) if rss_known else "—")
            row.append(growth(points, killed))
            srows.append(row)
        out += [
            "### (b) One file of growing size: time grows linearly?",
            "",
            f"Single files concatenated from {sources} "
            f"(seeded shuffle; {series[-1].note}). Cells: wall seconds (MB/s). Growth: marginal CPU "
            "seconds per MB from the smallest to the middle size and from the middle to the largest; "
            "linear when the second is at most 1.3× the first.",
            "",
            table(header, srows),
            "",
        ]
    lint_rows = []
    for tool in tools:
        if not tool.kind.startswith("lintnews"):
            continue
        for inp in inputs:
            cell = cells[(tool.name, inp.name)]
            if cell.findings is None:
                if cell.timed_out:
                    lint_rows.append([tool.name, inp.name, "— (timed out)", "—"])
                continue
            crashed = ", ".join(sorted(cell.crashed)) if cell.crashed else "none"
            lint_rows.append([tool.name, inp.name, f"{cell.findings:,}", crashed])
    if lint_rows:
        out += [
            "What lintnews reported on each input (last run). A crashed rule reported an error instead "
            "of its findings (e.g. a pack pattern's time limit), so its work is missing from the time.",
            "",
            table(["lintnews", "input", "findings", "rules that crashed"], lint_rows),
            "",
        ]
    jsonl = [i for i in inputs if i.jsonl]
    out += ["### (c) JSON Lines", ""]
    if jsonl:
        inp = jsonl[0]
        jrows = []
        for tool in tools:
            cell = cells[(tool.name, inp.name)]
            if cell.skipped == "cannot read this input":
                continue
            s = cell.seconds
            jrows.append(
                [
                    tool.name,
                    fmt_s(s) if s else cell.skipped or "—",
                    f"{inp.size / MB / s:.2f}" if s else "—",
                    f"{cell.rss:.0f}" if cell.rss is not None else "—",
                ]
            )
        out += [
            f"{inp.name}: one file of {inp.size / MB:.1f} MB, one JSON object per line (`text` field).",
            "",
            table(["tool", "seconds", "MB/s", "peak RSS MB"], jrows),
        ]
    else:
        out.append(" ".join(unavailable) or "Not available yet.")
    out.append("")
    # Targets.
    single_tool = lint
    multi = next((t for t in tools if t.kind == "lintnews-all"), None)
    # Steady state: the tree and the largest single file (the 1 MB file is mostly start-up time).
    steady = [main] + ([series[-1]] if series else [])
    rates = [r for r in (mbps(single_tool, i) for i in steady) if r is not None]
    worst_rate = min(rates) if rates else None
    cpu_rates = [i.size / MB / c for i in steady if (c := cells[(single_tool.name, i.name)].cpu)]
    worst_cpu = min(cpu_rates) if cpu_rates else None
    # An input lintnews did not finish in time (or was not run on after a timeout) bounds the rate.
    unfinished = [i for i in steady if cells[(single_tool.name, i.name)].seconds is None]
    killed = [(i, r) for i in inputs if (r := cells[(single_tool.name, i.name)].timed_out)]
    bound = min((i.size / MB / r.seconds for i, r in killed), default=None) if unfinished else None
    floor_s = secs(floor, main)
    floor_ratio = both(lint_s, floor_s, lint_cpu, cpu(floor, main))
    prose = next((t for t in tools if t.name == "proselint"), None)
    prose_ratio = both(secs(prose, main), lint_s, cpu(prose, main), lint_cpu) if prose else None
    rss_all = [cells[(t.name, i.name)].rss for t in tools if t.kind.startswith("lintnews") for i in inputs]
    rss_known = [r for r in rss_all if r is not None]
    peak = max(rss_known) if rss_known else None
    # Over the limit is a miss; under it counts only if every lintnews run finished.
    incomplete = any(
        cells[(t.name, i.name)].seconds is None
        and cells[(t.name, i.name)].skipped != "cannot read this input"
        for t in tools
        if t.kind.startswith("lintnews")
        for i in inputs
    )
    if peak is None:
        rss_verdict = "—"
    elif peak >= TARGET_RSS_MB:
        rss_verdict = verdict(False)
    else:
        rss_verdict = "— (incomplete)" if incomplete else verdict(True)
    trows = [
        [
            f"single core ≥ {TARGET_MBPS:g} MB/s (slower of {' and '.join(i.name for i in steady)})",
            (f"< {bound:.2f} MB/s on the {killed[0][0].name} (timed out); " if bound is not None else "")
            + (f"{worst_rate:.2f} MB/s" if worst_rate else "—")
            + (f" (by CPU time: {worst_cpu:.2f} MB/s)" if worst_cpu else ""),
            verdict(
                not unfinished and worst_rate >= TARGET_MBPS and (worst_cpu or 0) >= TARGET_MBPS
                if worst_rate
                else None
            ),
        ],
        [
            f"≤ {TARGET_FLOOR_RATIO:g}× the tokenisation floor ({main.name})",
            shown(floor_ratio, "wall"),
            verdict(max(floor_ratio) <= TARGET_FLOOR_RATIO if floor_ratio else None),
        ],
        [
            f"> {TARGET_PROSELINT:g}× faster than proselint ({main.name})",
            shown(prose_ratio, "wall") if prose_ratio else "not measured",
            verdict(min(prose_ratio) > TARGET_PROSELINT if prose_ratio else None),
        ],
        [
            f"peak RSS < {TARGET_RSS_MB:g} MB (largest of all lintnews runs)",
            (f"{peak:.0f} MB" if peak else "—")
            + (" (runs that did not finish are not counted)" if incomplete else ""),
            rss_verdict,
        ],
    ]
    out += [
        "### Targets",
        "",
        "A target passes only when it passes by wall-clock time and by CPU time alike.",
        "",
        table(["target", "measured", ""], trows),
        "",
    ]
    if multi is None:
        out.append(
            "`lintnews check` has no `--jobs` option yet, so every lintnews figure is one process on one "
            "core; the all-cores column will appear when the option lands."
        )
    out += [f"- {n}" for n in notes]
    return "\n".join(out)


def growth(points: list[tuple[float, float]], killed: tuple[str, float, float] | None = None) -> str:
    """Marginal seconds per MB between successive sizes, and the fixed cost they imply.

    ``killed`` is (input, MB, seconds) of a larger input that timed out: if a
    linear projection from the largest finished size is well under the time it
    was given, the growth is superlinear.
    """
    if killed is not None and points:
        x, y = points[-1]
        name, size, seconds = killed
        projected = y * size / x
        verdict_ = "**superlinear**" if seconds > 1.3 * projected else "unknown"
        return (
            f"{verdict_}: the {name} ran out of its {seconds:.0f} s; "
            f"linear from {x:.0f} MB would be ~{projected:.0f} s"
        )
    if len(points) < 2:
        return "—"
    slopes = [(y1 - y0) / (x1 - x0) for (x0, y0), (x1, y1) in itertools.pairwise(points)]
    fixed = points[0][1] - slopes[0] * points[0][0]
    shown = " → ".join(f"{a:.3f}" for a in slopes) + f" s/MB (start-up ≈ {max(0.0, fixed):.2f} s)"
    if len(slopes) < 2 or slopes[0] <= 0:
        return shown
    return shown + (", linear" if slopes[-1] <= 1.3 * slopes[0] else ", **superlinear**")


# --------------------------------------------------------------------------
# hostile inputs (issue 7): every one must finish in < 10 s per 10 MB
# --------------------------------------------------------------------------

HOSTILE_S_PER_10MB = 10.0
PROSE_WORDS = (
    "the minister said talks with unions would resume on monday after a week of strikes "
    "that closed schools and hospitals across the region while officials in london warned "
    "prices could rise again this year as energy costs climbed and the bank held rates"
).split()


def generated_prose(size: int, dest: Path, seed: int) -> int:
    """Plain news-like prose (sentences, paragraphs) when the corpora are absent."""
    rng = random.Random(seed)
    written = 0
    with dest.open("w", encoding="utf-8", newline="") as out:
        while written < size:
            sentences = []
            for _ in range(rng.randint(2, 5)):
                words = [rng.choice(PROSE_WORDS) for _ in range(rng.randint(8, 24))]
                sentences.append(" ".join(words).capitalize() + ".")
            para = " ".join(sentences) + "\n\n"
            out.write(para)
            written += len(para.encode("utf-8"))
    return written


def write_repeated(dest: Path, head: str, unit: str, count: int, tail: str) -> int:
    """``head + unit * count + tail``, written in pieces (never one huge string)."""
    with dest.open("w", encoding="utf-8", newline="") as out:
        out.write(head)
        step = max(1, 1_000_000 // max(1, len(unit)))
        done = 0
        while done < count:
            n = min(step, count - done)
            out.write(unit * n)
            done += n
        out.write(tail)
    return dest.stat().st_size


# (name, head, unit, count, tail): the shapes of tests/test_hostile.py at full size.
HOSTILE_SHAPES: tuple[tuple[str, str, str, int, str], ...] = (
    ("200,000 spaces", "a", " ", 200_000, "b\n"),
    ("200,000 dots", "a", ".", 200_000, "\n"),
    ("100,000-letter word", "", "x", 100_000, "\n"),
    ("50,000 `U.S.`", "", "U.S. ", 50_000, "\n"),
    ('100,000 quotes `"`', "", '"', 100_000, "\n"),
    ("50,000 `Source: AP` lines", "", "Source: AP\n", 50_000, ""),
    ("1,000,000 short lines", "", "a\n", 1_000_000, ""),
)


def hostile_inputs(corpora: Path | None, workdir: Path, seed: int, article_mb: int) -> list[Input]:
    folder = workdir / "hostile"
    folder.mkdir(parents=True, exist_ok=True)
    inputs = []
    for i, (name, head, unit, count, tail) in enumerate(HOSTILE_SHAPES):
        dest = folder / f"hostile-{i}.txt"
        size = write_repeated(dest, head, unit, count, tail)
        inputs.append(Input(name, dest, size, 1, single=True))
    dest = folder / f"article-{article_mb}mb.txt"
    articles = news_articles(corpora, seed) if corpora is not None else []
    if articles:
        size, repeats = make_concat(articles, article_mb * MB, dest)
        note = f"news corpora concatenated (material repeated {repeats:.1f}×)"
    else:
        size = generated_prose(article_mb * MB, dest, seed)
        note = "generated prose (no corpora)"
    inputs.append(Input(f"a {article_mb} MB article", dest, size, 1, single=True, note=note))
    return inputs


def hostile_limit(size: int) -> float:
    """Seconds allowed: 10 s per 10 MB, and never less than 10 s (start-up included)."""
    return HOSTILE_S_PER_10MB * max(1.0, size / (10 * MB))


def measure_hostile(inputs: Sequence[Input], rounds: int, workdir: Path) -> dict[str, Cell]:
    argv = [*lintnews_argv(), "check", "--exit-zero", "--no-color", "-q", "--output-format", "concise"]
    argv += ["--no-cache", "--jobs", "1"]
    cells: dict[str, Cell] = {}
    for inp in inputs:
        cell = cells[inp.name] = Cell()
        limit = hostile_limit(inp.size)
        for r in range(rounds):
            run = run_counted([*argv, str(inp.path)], cell, workdir, timeout=max(60.0, 3 * limit))
            shown = "timeout" if run.timed_out else f"{run.seconds:.2f} s"
            print(
                f"speed: hostile {inp.name:28} round {r + 1}/{rounds} {shown:>10} (CPU {run.cpu:6.2f} s) "
                f"RSS {run.rss_mb:6.0f} MB  exit {run.code}"
            )
            if run.timed_out:
                break
    return cells


def report_hostile(inputs: Sequence[Input], cells: dict[str, Cell], args: argparse.Namespace) -> str:
    rows = []
    for inp in inputs:
        cell = cells[inp.name]
        s, c = cell.seconds, cell.cpu
        limit = hostile_limit(inp.size)
        if s is None:
            t = cell.timed_out
            measured = f"timed out after {t.seconds:.0f} s" if t else "—"
            rows.append([inp.name, f"{inp.size / MB:.2f}", measured, "—", "—", f"{limit:.0f}", "—", "—", "—"])
            rows[-1].append(verdict(False) if t else "—")
            continue
        crashed = ", ".join(sorted(cell.crashed)) or "none"
        ok = s < limit and (c or 0) < limit and not cell.crashed
        rows.append(
            [
                inp.name + (f" ({inp.note})" if inp.note else ""),
                f"{inp.size / MB:.2f}",
                fmt_s(s),
                fmt_s(c),
                f"{inp.size / MB / s:.2f}",
                f"{limit:.0f}",
                f"{cell.rss:.0f}" if cell.rss is not None else "—",
                f"{cell.findings:,}" if cell.findings is not None else "—",
                crashed,
                verdict(ok),
            ]
        )
    cmd = "python benchmarks/speed.py --only hostile"
    return "\n".join(
        [
            "### Hostile and huge inputs (issue 7)",
            "",
            common.provenance(cmd),
            "",
            "Each input is one file, checked by `lintnews check --no-cache --jobs 1` with all default rules, "
            f"a fresh process per run (median of {args.hostile_rounds} run(s); wall and CPU seconds, peak "
            "RSS from GNU time). The shapes are those of `tests/test_hostile.py` at full size. Target: "
            f"under {HOSTILE_S_PER_10MB:g} s per 10 MB, by wall and CPU time alike, counted as at least "
            f"10 MB (so every input gets {HOSTILE_S_PER_10MB:g} s, start-up included); a rule that crashed "
            "(e.g. hit its time limit) is a miss too, since its work was not done. 1-minute load average "
            f"before and after: {args.hostile_load[0]:.2f} and {args.hostile_load[1]:.2f}.",
            "",
            table(
                [
                    "input",
                    "MB",
                    "seconds",
                    "CPU s",
                    "MB/s",
                    "limit s",
                    "peak RSS MB",
                    "findings",
                    "rules that crashed",
                    "",
                ],
                rows,
            ),
        ]
    )


# --------------------------------------------------------------------------
# fix on huge and dense inputs (issue 13): linear, bounded memory
# --------------------------------------------------------------------------

TARGET_FIX_VS_CHECK = 2.0  # fix within 2x the time of check on the same file
TARGET_DOUBLING = 2.2  # doubling the input at most doubles the time, plus 10 %
TARGET_FIX_RSS_MB = 500.0  # for the 50 MB file


def make_one_line(files: Sequence[Path], size: int, dest: Path, seed: int) -> int:
    """News articles on one line (line breaks made spaces), as scraped copy
    often is, up to ``size`` bytes; generated prose without the corpora."""
    if not files:
        generated_prose(size, dest, seed)
        text = dest.read_text(encoding="utf-8").replace("\n", " ")
        dest.write_text(text.rstrip() + "\n", encoding="utf-8")
        return dest.stat().st_size
    written = 0
    with dest.open("w", encoding="utf-8", newline="") as out:
        i = 0
        while written < size:
            text = " ".join(files[i % len(files)].read_text(encoding="utf-8").split()) + " "
            data = text.encode("utf-8")
            if written + len(data) > size and written > 0:
                break
            out.write(text)
            written += len(data)
            i += 1
        out.write("\n")
    return dest.stat().st_size


def fix_inputs(corpora: Path | None, workdir: Path, seed: int) -> list[tuple[str, Input, Input | None]]:
    """(label, input, its double or None): the dense and the one-line inputs."""
    folder = workdir / "fix"
    folder.mkdir(parents=True, exist_ok=True)
    out: list[tuple[str, Input, Input | None]] = []
    dense = []
    for count in (200_000, 400_000):
        dest = folder / f"dense-{count}.txt"
        size = write_repeated(dest, "", "ab.Cd", count, "\n")
        dense.append(Input(f"`ab.Cd` × {count:,}", dest, size, 1, single=True))
    out.append(("dense", dense[0], dense[1]))
    articles = news_articles(corpora, seed) if corpora is not None else []
    lines = []
    for mb in (10, 20, 50):
        dest = folder / f"one-line-{mb}mb.txt"
        size = make_one_line(articles, mb * MB, dest, seed)
        lines.append(Input(f"{mb} MB of news on one line", dest, size, 1, single=True))
    out.append(("one line", lines[0], lines[1]))
    out.append(("one line, 50 MB", lines[2], None))
    return out


def measure_fix(
    inputs: list[tuple[str, Input, Input | None]], workdir: Path, rounds: int
) -> dict[str, tuple[Cell, Cell]]:
    """(check, fix) of each input, each in a fresh process on a fresh copy,
    in interleaved rounds (this machine's speed drifts by 20 % from one
    minute to the next: a ratio of two runs minutes apart means little).
    The 50 MB file, there for its memory, runs once."""
    common_args = [
        "--exit-zero",
        "--no-color",
        "-q",
        "--output-format",
        "concise",
        "--no-cache",
        "--jobs",
        "1",
    ]
    cells: dict[str, tuple[Cell, Cell]] = {}
    seen: list[Input] = []
    for _, small, large in inputs:
        seen += [small] + ([large] if large is not None else [])
    for r in range(rounds):
        for inp in seen:
            if r and "50 MB" in inp.name:
                continue
            limit = max(120.0, 6 * hostile_limit(inp.size))
            check = run_once([*lintnews_argv(), "check", *common_args, str(inp.path)], timeout=limit)
            copy = workdir / "fix" / f"copy-{inp.path.name}"
            shutil.copyfile(inp.path, copy)
            fix = run_once([*lintnews_argv(), "fix", *common_args, str(copy)], timeout=limit)
            copy.unlink()
            c, f = cells.setdefault(inp.name, (Cell(), Cell()))
            c.runs.append(check)
            f.runs.append(fix)
            print(
                f"speed: fix {inp.name:28} round {r + 1}/{rounds} check {check.cpu:7.2f} s CPU "
                f"{check.rss_mb:5.0f} MB; fix {fix.cpu:7.2f} s CPU {fix.rss_mb:5.0f} MB"
            )
    return cells


def report_fix(
    inputs: list[tuple[str, Input, Input | None]], cells: dict[str, tuple[Cell, Cell]], rounds: int
) -> str:
    rows = []
    for _, small, large in inputs:
        for inp in [small] + ([large] if large is not None else []):
            check, fix = cells[inp.name]
            timed_out = check.timed_out or fix.timed_out
            c_cpu, f_cpu = check.cpu, fix.cpu
            ratio = f_cpu / c_cpu if c_cpu and f_cpu else None
            # The targets are issue 13's: the ratio on the smaller input of
            # each pair, the growth from it to its double.
            ratio_cell = f"{common.fmt(ratio, 2)}×"
            if inp is small and large is not None:
                ratio_ok = not timed_out and ratio is not None and ratio <= TARGET_FIX_VS_CHECK
                ratio_cell += f" {verdict(ratio_ok)}"
            doubling = "—"
            if inp is large:
                before = cells[small.name][1].cpu
                grown = f_cpu / before if before and f_cpu else None
                grown_ok = grown is not None and grown <= TARGET_DOUBLING
                doubling = f"{common.fmt(grown, 2)}× {verdict(grown_ok)}"
            rss = max(r.rss_mb for r in [*check.runs, *fix.runs])
            rss_ok = verdict(rss < TARGET_FIX_RSS_MB) if "50 MB" in inp.name else "—"
            runs = len(fix.runs)
            rows.append(
                [
                    inp.name,
                    f"{inp.size / MB:.1f}",
                    str(runs),
                    "timed out" if check.timed_out else fmt_s(c_cpu),
                    "timed out" if fix.timed_out else fmt_s(f_cpu),
                    ratio_cell,
                    doubling,
                    f"{max(r.rss_mb for r in check.runs):.0f} / {max(r.rss_mb for r in fix.runs):.0f}",
                    rss_ok,
                ]
            )
    return "\n".join(
        [
            "### `fix` on dense and huge inputs (issue 13)",
            "",
            common.provenance("python benchmarks/speed.py --only fix"),
            "",
            "`lintnews check` and `lintnews fix` (safe fixes, written in place on a fresh copy), `--no-cache "
            "--jobs 1`, all default rules, CPU seconds of a fresh process each, median of "
            f"{rounds} interleaved rounds (the 50 MB file: one). Targets (issue 13): `fix` on `ab.Cd` × "
            f"200,000 and on the 10 MB line within {TARGET_FIX_VS_CHECK:g}× the time of `check` on the "
            f"same file; doubling either at most doubles `fix`'s time plus 10 % (≤ {TARGET_DOUBLING:g}×); "
            f"peak RSS under {TARGET_FIX_RSS_MB:.0f} MB for the 50 MB file. A file over 500,000 "
            "characters is checked and fixed in pieces of about 250,000 (`lintnews/pieces.py`); `fix` "
            "checks each piece at least twice (the fixed text is checked again, for what is left and "
            "for fixes an overlap held back), so it costs about two `check`s.",
            "",
            table(
                [
                    "input",
                    "MB",
                    "runs",
                    "check CPU s",
                    "fix CPU s",
                    "fix / check",
                    "doubled",
                    "peak RSS MB (check / fix)",
                    "RSS",
                ],
                rows,
            ),
        ]
    )


# --------------------------------------------------------------------------
# batch scale (issue 8): jobs, cache, JSON Lines, Dask
# --------------------------------------------------------------------------

TARGET_SCALING_PER_CORE = 0.9  # ≥ 1.8× on 2 cores
TARGET_CACHE = 10.0

DASK_CLUSTER_CODE = r"""
import sys
import distributed
cluster = distributed.LocalCluster(
    n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
)
print(cluster.scheduler_address, flush=True)
sys.stdin.read()  # until the benchmark closes our stdin
cluster.close()
"""


def make_many_files(files: Sequence[Path], size: int, dest: Path) -> tuple[int, int]:
    """One article per file, up to ``size`` bytes (cycling); (bytes, files)."""
    if dest.is_dir():
        shutil.rmtree(dest)
    written = 0
    count = 0
    while written < size:
        text = files[count % len(files)].read_text(encoding="utf-8")
        folder = dest / f"{count // 1000:03d}"
        if count % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"a{count:06d}.txt").write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
        count += 1
    return written, count


class DaskCluster:
    """A LocalCluster of 2 worker processes on loopback, in a child process."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[str] | None = None
        self.address: str | None = None
        self.error = ""

    def __enter__(self) -> DaskCluster:
        try:
            import distributed  # noqa: F401
        except ImportError:
            self.error = "Dask is not installed (`pip install 'lintnews[dask]'`)"
            return self
        self.proc = subprocess.Popen(
            [sys.executable, "-c", DASK_CLUSTER_CODE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if line.startswith("tcp://"):
            self.address = line
        else:
            self.error = "the LocalCluster did not start"
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def measure_scale(
    args: argparse.Namespace, corpora: Path, workdir: Path, help_text: str
) -> tuple[dict[tuple[str, str], Cell], list[Input], list[str]]:
    """Jobs scaling, cache cold/warm, JSON Lines and Dask; cells by (setting, input)."""
    cores = common.cpu_count()
    notes: list[str] = []
    base = [*lintnews_argv(), "check", "--exit-zero", "--no-color", "-q", "--output-format", "concise"]
    bbc = common.bbc_dir(corpora)
    size, count = tree_size(bbc)
    tree = Input("BBC tree", bbc, size, count, single=False)
    articles = news_articles(corpora, args.seed)
    many_dir = workdir / f"many-{args.scale_mb}mb"
    msize, mcount = make_many_files(articles, args.scale_mb * MB, many_dir)
    many = Input(f"{args.scale_mb} MB in many files", many_dir, msize, mcount, single=False)
    jdest = workdir / f"articles-{JSONL_ARTICLES}.jsonl"
    jsize = make_jsonl(articles, JSONL_ARTICLES, jdest)
    corpus = Input(f"JSONL {JSONL_ARTICLES:,} articles", jdest, jsize, 1, True, jsonl=True)
    # A quarter of the corpus: the same peak RSS on both shows constant memory.
    sdest = workdir / f"articles-{JSONL_SMALL}.jsonl"
    ssize = make_jsonl(articles, JSONL_SMALL, sdest)
    small = Input(f"JSONL {JSONL_SMALL:,} articles", sdest, ssize, 1, True, jsonl=True)
    inputs = [tree, many, corpus, small]
    cells: dict[tuple[str, str], Cell] = {}
    timeout = args.timeout

    def timed(setting: str, inp: Input, argv: list[str], env: dict[str, str] | None = None) -> Run:
        cell = cells.setdefault((setting, inp.name), Cell())
        run = run_counted(argv, cell, workdir, timeout=timeout, env=env)
        shown = "timeout" if run.timed_out else f"{run.seconds:.2f} s"
        print(
            f"speed: scale {inp.name:26} {setting:24} {shown:>10} (CPU {run.cpu:6.2f} s) "
            f"{inp.size / MB / run.seconds:7.2f} MB/s  RSS {run.rss_mb:6.0f} MB  exit {run.code}"
        )
        return run

    jobs_settings = [("--jobs 1", ["--jobs", "1"]), (f"--jobs {cores}", ["--jobs", str(cores)])]
    jsonl = jsonl_option(help_text) or "--jsonl-field"
    # Jobs scaling (no cache: every run does the work), JSON Lines alike.
    for inp in inputs:
        for _ in range(args.rounds):
            for setting, extra in jobs_settings:
                src = [jsonl, "text", str(inp.path)] if inp.jsonl else [str(inp.path)]
                timed(setting, inp, [*base, "--no-cache", *extra, *src])
            if inp.jsonl:
                timed("floor", inp, [sys.executable, "-c", FLOOR_CODE, str(inp.path)])
    # Cache: an empty cache folder, then the same run again.
    for _ in range(args.rounds):
        for setting, extra in [("--jobs 1", ["--jobs", "1"]), (f"default (--jobs {cores})", [])]:
            folder = Path(tempfile.mkdtemp(prefix="lintnews-cache-", dir=workdir))
            env = {"LINTNEWS_CACHE_DIR": str(folder)}
            try:
                timed(f"cache cold, {setting}", tree, [*base, *extra, str(tree.path)], env)
                timed(f"cache warm, {setting}", tree, [*base, *extra, str(tree.path)], env)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
    # Dask: a LocalCluster of 2 worker processes vs --jobs 2, on the many files.
    if "--dask-scheduler" not in help_text:
        notes.append("Dask: `lintnews check` has no --dask-scheduler option.")
    else:
        with DaskCluster() as cluster:
            if cluster.address is None:
                notes.append(f"Dask not measured: {cluster.error}.")
            else:
                for _ in range(args.rounds):
                    dask_argv = [*base, "--no-cache", "--dask-scheduler", cluster.address, str(many.path)]
                    timed("Dask LocalCluster, 2 workers", many, dask_argv)
                    if cores != 2:
                        timed("--jobs 2", many, [*base, "--no-cache", "--jobs", "2", str(many.path)])
    return cells, inputs, notes


def report_scale(
    cells: dict[tuple[str, str], Cell], inputs: Sequence[Input], notes: list[str], args: argparse.Namespace
) -> str:
    cores = common.cpu_count()
    tree, many, corpus, small = inputs
    one, alln = "--jobs 1", f"--jobs {cores}"
    target_scaling = TARGET_SCALING_PER_CORE * cores

    def cell(setting: str, inp: Input) -> Cell:
        return cells.get((setting, inp.name)) or Cell()

    def rate(c: Cell, inp: Input) -> str:
        return f"{inp.size / MB / c.seconds:.2f}" if c.seconds else "—"

    def rss(c: Cell) -> str:
        return f"{c.rss:.0f}" if c.rss is not None else "—"

    rows = []
    trows = []
    for inp in (tree, many):
        a, b = cell(one, inp), cell(alln, inp)
        speedup = a.seconds / b.seconds if a.seconds and b.seconds else None
        rows.append(
            [
                f"{inp.name} ({inp.size / MB:.1f} MB, {inp.files:,} files)",
                fmt_s(a.seconds),
                rate(a, inp),
                fmt_s(b.seconds),
                rate(b, inp),
                f"{speedup:.2f}×" if speedup else "—",
                f"{rss(a)} / {rss(b)}",
            ]
        )
        trows.append(
            [
                f"`{alln}` ≥ {target_scaling:.1f}× `{one}` ({inp.name})",
                f"{speedup:.2f}×" if speedup else "—",
                verdict(speedup >= target_scaling if speedup else None) if cores > 1 else "— (1 core)",
            ]
        )
    crows = []
    for setting in ("--jobs 1", f"default (--jobs {cores})"):
        cold, warm = cell(f"cache cold, {setting}", tree), cell(f"cache warm, {setting}", tree)
        ratio = cold.seconds / warm.seconds if cold.seconds and warm.seconds else None
        crows.append(
            [
                setting,
                fmt_s(cold.seconds),
                fmt_s(warm.seconds),
                fmt_s(warm.cpu),
                f"{ratio:.1f}×" if ratio else "—",
            ]
        )
        trows.append(
            [
                f"warm cache ≥ {TARGET_CACHE:g}× faster than cold ({tree.name}, {setting})",
                f"{ratio:.1f}×" if ratio else "—",
                verdict(ratio >= TARGET_CACHE if ratio else None),
            ]
        )
    jrows = []
    for setting in (one, alln, "floor"):
        for inp, count in ((small, JSONL_SMALL), (corpus, JSONL_ARTICLES)):
            c = cell(setting, inp)
            if not c.runs:
                continue
            articles_s = f"{count / c.seconds:,.0f}" if c.seconds else "—"
            name = f"lintnews {setting}" if setting != "floor" else "floor: Python `regex` \\w+"
            jrows.append([name, f"{count:,}", fmt_s(c.seconds), rate(c, inp), articles_s, rss(c)])
    for setting in (one, alln):
        a, b = cell(setting, small).rss, cell(setting, corpus).rss
        growth = b / a if a and b else None
        trows.append(
            [
                f"JSON Lines memory constant, `{setting}`: peak RSS on {JSONL_ARTICLES:,} articles "
                f"≤ {TARGET_RSS_GROWTH:g}× that on {JSONL_SMALL:,}",
                f"{rss(cell(setting, small))} → {rss(cell(setting, corpus))} MB"
                + (f" ({growth:.2f}×)" if growth else ""),
                verdict(growth <= TARGET_RSS_GROWTH if growth else None),
            ]
        )
    jrss = [cell(s, corpus).rss for s in (one, alln)]
    jrss_known = [r for r in jrss if r is not None]
    trows.append(
        [
            f"JSON Lines peak RSS < {TARGET_RSS_MB:g} MB ({corpus.size / MB:.0f} MB corpus)",
            f"{max(jrss_known):.0f} MB" if jrss_known else "—",
            verdict(max(jrss_known) < TARGET_RSS_MB if jrss_known else None),
        ]
    )
    dask = cell("Dask LocalCluster, 2 workers", many)
    jobs2 = cell("--jobs 2" if cores != 2 else alln, many)
    drows = []
    if dask.runs:
        for name, c in (("Dask LocalCluster, 2 worker processes", dask), ("`--jobs 2`", jobs2)):
            drows.append([name, fmt_s(c.seconds), rate(c, many), fmt_s(c.cpu)])
    out = [
        "### Batch scale: jobs, cache, JSON Lines, Dask (issue 8)",
        "",
        common.provenance("python benchmarks/speed.py --only scale"),
        "",
        f"`lintnews check` with all default rules, each run a fresh process, medians of {args.rounds} "
        "interleaved round(s); `--no-cache` except in the cache rows. CPU s counts the parent process and "
        "the workers it waited for (not Dask's workers, which are not its children).",
        "",
        f"**Jobs scaling** ({cores} cores). The many files: one news article per file, cycled from the "
        "news corpora (seeded shuffle).",
        "",
        table(["input", f"{one} s", "MB/s", f"{alln} s", "MB/s", "speed-up", "peak RSS MB (1 / all)"], rows),
        "",
        f"**Cache**: {tree.name}, an empty `LINTNEWS_CACHE_DIR` (cold: lint everything and store it), then "
        "the same command again (warm: every file a hit).",
        "",
        table(["jobs", "cold s", "warm s", "warm CPU s", "cold / warm"], crows),
        "",
        f"**JSON Lines**: {corpus.name}, one file of {corpus.size / MB:.1f} MB (`--jsonl-field text`, "
        f"`--output-format concise`), and its first {JSONL_SMALL:,} articles ({small.size / MB:.1f} MB).",
        "",
        table(["tool", "articles", "seconds", "MB/s", "articles/s", "peak RSS MB"], jrows)
        if jrows
        else "Not measured.",
        "",
        f"**Dask**: `--dask-scheduler` on a LocalCluster of 2 worker processes (1 thread each, loopback, "
        f"started once for all rounds) vs `--jobs 2`, on the {many.name}.",
        "",
        table(["run", "seconds", "MB/s", "CPU s (local)"], drows) if drows else "Not measured.",
        "",
        "Targets:",
        "",
        table(["target", "measured", ""], trows),
    ]
    out += [""] + [f"- {n}" for n in notes] if notes else []
    return "\n".join(out)


# --------------------------------------------------------------------------
# writing: one sub-block per part inside the speed section
# --------------------------------------------------------------------------

PARTS = ("main", "hostile", "fix", "scale")
SPEED_HEADING = "## 5. Speed (`speed.py`)"


def write_parts(bodies: dict[str, str], path: Path) -> None:
    """Replace the parts' blocks inside the speed section of ``path``, leaving
    the other parts (and sections) alone; create what is missing."""
    blocks = {
        name: f"<!-- speed-{name}:start -->\n{body.strip()}\n<!-- speed-{name}:end -->"
        for name, body in bodies.items()
    }
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start, end = "<!-- speed:start -->", "<!-- speed:end -->"
    if start not in text or end not in text:
        ordered = [blocks[p] for p in PARTS if p in blocks]
        common.write_section("speed", "\n\n".join([SPEED_HEADING, *ordered]), path)
        return
    head, rest = text.split(start, 1)
    section, tail = rest.split(end, 1)
    if "<!-- speed-" not in section:
        # Written before the parts existed: it is the main part.
        if "main" in blocks:
            section = ""
        else:
            legacy = section.replace(SPEED_HEADING, "", 1).strip()
            section = f"<!-- speed-main:start -->\n{legacy}\n<!-- speed-main:end -->\n" if legacy else ""
    for name in PARTS:
        if name not in blocks:
            continue
        pattern = re.compile(
            re.escape(f"<!-- speed-{name}:start -->") + ".*?" + re.escape(f"<!-- speed-{name}:end -->"), re.S
        )
        if pattern.search(section):
            section = pattern.sub(lambda _, b=blocks[name]: b, section)
            continue
        # Keep the parts in order: before the first later part present, else at the end.
        later = [p for p in PARTS[PARTS.index(name) + 1 :] if f"<!-- speed-{p}:start -->" in section]
        if later:
            marker = f"<!-- speed-{later[0]}:start -->"
            section = section.replace(marker, f"{blocks[name]}\n\n{marker}", 1)
        else:
            section = section.rstrip("\n") + f"\n\n{blocks[name]}\n"
    section = f"\n{SPEED_HEADING}\n\n{section.replace(SPEED_HEADING, '', 1).strip()}\n"
    path.write_text(head + start + section + end + tail, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpora", help="the shared folder or its corpora/ (default: <repo>/../shared)")
    parser.add_argument(
        "--only",
        default=",".join(PARTS),
        help="comma-separated parts to run: main (beside the peers), hostile (issue 7), "
        "scale (jobs, cache, JSON Lines, Dask; issue 8); default: all",
    )
    parser.add_argument("--quick", action="store_true", help="1 round, 1 and 10 MB, --max-run 15")
    parser.add_argument("--rounds", type=int, default=None, help="interleaved rounds (default 3; --quick 1)")
    parser.add_argument("--sizes", type=int, nargs="*", default=None, help="MB sizes (default 1 10 50)")
    parser.add_argument("--max-run", type=float, default=None, help="skip a run projected longer (s)")
    parser.add_argument(
        "--timeout", type=float, default=None, help="kill a run after this (s; default 3 × --max-run)"
    )
    parser.add_argument("--hostile-rounds", type=int, default=1, help="runs per hostile input (default 1)")
    parser.add_argument(
        "--fix-rounds",
        type=int,
        default=3,
        help="interleaved rounds of the fix part, medians reported (default 3; the 50 MB file runs once)",
    )
    parser.add_argument(
        "--article-mb", type=int, default=100, help="the huge hostile article (default 100 MB)"
    )
    parser.add_argument(
        "--scale-mb",
        type=int,
        default=None,
        help="the many-files set of the scale part (default 50; --quick 10)",
    )
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--peers-dir", default="/tmp/lintnews-peers", help="throwaway installs of the peers")
    parser.add_argument("--workdir", default="/tmp/lintnews-bench", help="where generated inputs go")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    parser.add_argument("--results", type=Path, default=common.RESULTS, help="the results file to update")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = [p for p in parts if p not in PARTS]
    if unknown or not parts:
        parser.error(
            f"--only: unknown part(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(PARTS)}"
        )
    args.rounds = args.rounds or (1 if args.quick else 3)
    args.sizes = args.sizes or ([1, 10] if args.quick else [1, 10, 50])
    args.max_run = args.max_run or (15.0 if args.quick else 40.0)
    args.timeout = args.timeout or max(3 * args.max_run, 60.0)
    args.scale_mb = args.scale_mb or (10 if args.quick else 50)
    corpora = common.find_corpora(args.corpora)
    have_corpora = corpora is not None and common.bbc_dir(corpora).is_dir()
    if not have_corpora and not set(parts) <= {"hostile", "fix"}:
        # Only the hostile part can do without them (generated prose), and only when asked alone.
        print(common.missing_message("speed", corpora or common.looked_in(args.corpora)))
        return 0
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    compile_bytecode()
    help_text = lintnews_help()
    bodies: dict[str, str] = {}
    started = time.perf_counter()
    if "main" in parts:
        assert corpora is not None
        bodies["main"] = run_main(args, corpora, workdir, help_text)
    if "hostile" in parts:
        load_before = os.getloadavg()[0]
        hostile = hostile_inputs(corpora if have_corpora else None, workdir, args.seed, args.article_mb)
        hcells = measure_hostile(hostile, args.hostile_rounds, workdir)
        args.hostile_load = (load_before, os.getloadavg()[0])
        bodies["hostile"] = report_hostile(hostile, hcells, args)
    if "fix" in parts:
        finputs = fix_inputs(corpora if have_corpora else None, workdir, args.seed)
        fruns = measure_fix(finputs, workdir, args.fix_rounds)
        bodies["fix"] = report_fix(finputs, fruns, args.fix_rounds)
    if "scale" in parts:
        assert corpora is not None
        scells, sinputs, snotes = measure_scale(args, corpora, workdir, help_text)
        bodies["scale"] = report_scale(scells, sinputs, snotes, args)
    print(f"speed: measured in {time.perf_counter() - started:.0f} s")
    if not args.no_write:
        write_parts(bodies, args.results)
        print(f"wrote {args.results}")
    else:
        print("\n\n".join(bodies[p] for p in PARTS if p in bodies))
    return 0


def run_main(args: argparse.Namespace, corpora: Path, workdir: Path, help_text: str) -> str:
    """lintnews beside the peers and the floor: the BBC tree and single files of growing size."""
    from lintnews.engine import Linter

    args.rules = [r.code for r in Linter().rules]
    notes: list[str] = []
    bbc = common.bbc_dir(corpora)
    size, count = tree_size(bbc)
    inputs = [Input("BBC tree", bbc, size, count, single=False)]
    articles = news_articles(corpora, args.seed)
    for mb in sorted(args.sizes):
        dest = workdir / f"concat-{mb}mb.txt"
        written, repeats = make_concat(articles, mb * MB, dest)
        note = f"the {mb} MB file holds its material {repeats:.1f}×" if repeats > 1.01 else "no repeats"
        inputs.append(Input(f"{mb} MB file", dest, written, 1, single=True, note=note))
    unavailable = [
        f"The {JSONL_ARTICLES:,}-article JSON Lines corpus is measured in the batch scale part below "
        "(`--only scale`), beside jobs scaling, the cache and Dask."
    ]
    tools = build_tools(args, help_text, notes)
    load_before = os.getloadavg()[0]
    cells = measure(tools, inputs, args.rounds, args.max_run, workdir, args.timeout)
    args.load = (load_before, os.getloadavg()[0])
    return report(tools, inputs, cells, notes, args, unavailable)


if __name__ == "__main__":
    sys.exit(main())
