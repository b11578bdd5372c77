"""Shared plumbing for the benchmark scripts: where the corpora are, what
machine and commit a figure came from, and RESULTS.md sections.

Every benchmark command rewrites only its own section of RESULTS.md, between
``<!-- NAME:start -->`` and ``<!-- NAME:end -->``, and leaves the others alone.
"""

from __future__ import annotations

import datetime
import os
import platform
import re
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "RESULTS.md"
ENV_VAR = "LINTNEWS_CORPORA"

RESULTS_HEADER = """# lintnews benchmark results

Generated, never edited by hand. `python benchmarks/quality.py all` rewrites the
quality sections and `python benchmarks/speed.py` the speed section; each
subcommand rewrites only its own section. See benchmarks/README.md for what each
figure measures. Samples name files and lines only: the corpora stay outside
the repository (in ../shared/corpora).
"""

SECTION_ORDER = (
    "clean",
    "inject",
    "pairs",
    "extraction",
    "dirty",
    "quotes",
    "fixscope",
    "linearity",
    "speed",
)


def find_corpora(option: str | os.PathLike[str] | None = None) -> Path | None:
    """The corpora folder: ``--corpora``, else $LINTNEWS_CORPORA, else <repo>/../shared.

    Either the shared folder or its ``corpora`` subfolder may be given.
    Returns None when it does not exist.
    """
    raw = option if option is not None else os.environ.get(ENV_VAR)
    base = Path(raw) if raw else REPO.parent / "shared"
    if (base / "corpora").is_dir():
        return base / "corpora"
    if base.is_dir() and any(p.is_dir() and (p / "SOURCE.md").exists() for p in base.iterdir()):
        return base
    return None


def looked_in(option: str | os.PathLike[str] | None = None) -> Path:
    """Where ``find_corpora(option)`` looked, for the message when it found nothing."""
    raw = option if option is not None else os.environ.get(ENV_VAR)
    return Path(raw) if raw else REPO.parent / "shared" / "corpora"


def missing_message(what: str, where: Path | None) -> str:
    shown = where if where is not None else looked_in()
    return (
        f"{what}: corpora not found at {shown}; nothing measured. "
        f"They live in <repo>/../shared/corpora (or pass --corpora DIR / set {ENV_VAR})."
    )


def lintnews_dir() -> Path | None:
    """Where the measured lintnews is imported from."""
    try:
        import lintnews
    except ImportError:  # pragma: no cover - the benchmarks need lintnews installed
        return None
    return Path(lintnews.__file__).resolve().parent


def git_commit() -> str:
    """The commit measured: `git rev-parse --short HEAD`, noting uncommitted changes to
    lintnews/ or rules/. $LINTNEWS_BENCH_COMMIT names it instead (for a snapshot of
    lintnews put first on PYTHONPATH, e.g. from `git archive`)."""
    override = os.environ.get("LINTNEWS_BENCH_COMMIT")
    where = lintnews_dir()
    if override:
        return f"{override} (a snapshot of lintnews/ and rules/ at that commit)"
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "lintnews", "rules"], cwd=REPO, capture_output=True, text=True
    )
    suffix = ""
    if dirty.returncode == 0 and dirty.stdout.strip():
        suffix = " + uncommitted changes to lintnews/ or rules/"
    if where is not None and where.parent != REPO:
        suffix += f"; lintnews imported from {where.parent}"
    return out.stdout.strip() + suffix


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def provenance(command: str) -> str:
    """The line under every section heading: when, which commit, which machine."""
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    py = platform.python_version()
    return f"_{now} · commit `{git_commit()}` · {cpu_count()} cores · Python {py} · regenerate: `{command}`_"


def write_section(name: str, body: str, path: Path = RESULTS) -> None:
    """Replace the section ``name`` of RESULTS.md, creating the file or section."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{body.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else RESULTS_HEADER
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        # Insert before the first later section that exists, to keep a stable order.
        later = SECTION_ORDER[SECTION_ORDER.index(name) + 1 :] if name in SECTION_ORDER else ()
        for other in later:
            marker = f"<!-- {other}:start -->"
            if marker in text:
                text = text.replace(marker, f"{block}\n\n{marker}", 1)
                break
        else:
            text = text.rstrip("\n") + f"\n\n{block}\n"
    path.write_text(text, encoding="utf-8")


def publish(name: str, body: str, write: bool = True) -> None:
    """Print a section, and (unless ``write`` is False) put it in RESULTS.md."""
    print(body)
    if write:
        write_section(name, body)


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append("| " + " | ".join(str(c) for c in row) + " |")
    return "\n".join(lines)


def verdict(ok: bool | None) -> str:
    if ok is None:
        return "—"
    return "PASS" if ok else "**MISS**"


def fmt(x: float | None, digits: int = 3) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def bbc_dir(corpora: Path) -> Path:
    return corpora / "bbc_news_zitros" / "news"


def iter_texts(folder: Path, pattern: str = "*.txt") -> Iterator[tuple[str, str]]:
    """(path relative to folder, text) for every matching file, sorted."""
    for f in sorted(folder.rglob(pattern)):
        yield f.relative_to(folder).as_posix(), f.read_text(encoding="utf-8")


def count_words(text: str) -> int:
    return len(text.split())
