"""Render a lint run's diagnostics in one of the output formats.

Each format lives in its own small module with a ``render(report, ...)``
function; :func:`render` dispatches on the format name. Text formats (``full``,
``concise``) end with a summary; machine formats carry only the diagnostics.
Every non-empty output ends with a newline, so callers print it as is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING

from lintnews.diagnostics import Applicability

if TYPE_CHECKING:
    from lintnews.diagnostics import Diagnostic
    from lintnews.rule import Rule

__all__ = ["FORMATS", "Report", "Tally", "render"]

FORMATS: tuple[str, ...] = (
    "full",
    "concise",
    "json",
    "jsonl",
    "github",
    "sarif",
    "junit",
)


@dataclass
class CodeCount:
    """One code's line in ``--statistics``."""

    first: Diagnostic  # its name and severity
    count: int = 0
    safe: int = 0  # how many have a SAFE fix


@dataclass
class Tally:
    """What the summary and ``--statistics`` need to know about a run's
    findings: counts only, so a streamed run keeps no findings at all."""

    problems: int = 0
    #: Documents with at least one finding.
    files: int = 0
    codes: dict[str, CodeCount] = field(default_factory=dict)
    #: The highest ``Severity.rank`` seen (-1: none), for the exit code.
    worst: int = -1

    def add(self, diagnostics: Sequence[Diagnostic], new_document: bool = True) -> None:
        """Count one document's findings (``new_document=False``: more
        findings of a document already counted, a huge file's next piece)."""
        if not diagnostics:
            return
        self.problems += len(diagnostics)
        self.files += new_document
        codes = self.codes
        for d in diagnostics:
            entry = codes.get(d.code)
            if entry is None:
                entry = codes[d.code] = CodeCount(d)
            entry.count += 1
            if d.fix is not None and d.fix.applicability is Applicability.SAFE:
                entry.safe += 1
            if d.severity.rank > self.worst:
                self.worst = d.severity.rank

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic]) -> Tally:
        """The tally of findings of many documents, grouped by path."""
        by_path: dict[str, list[Diagnostic]] = {}
        for d in diagnostics:
            by_path.setdefault(d.path, []).append(d)
        tally = cls()
        for group in by_path.values():
            tally.add(group)
        return tally


@dataclass
class Report:
    """Everything a format needs about one run."""

    #: Already sorted by (path, start).
    diagnostics: Sequence[Diagnostic]
    files_checked: int
    #: (path, 1-based line) -> that line's text without its newline, or None.
    source_line: Callable[[str, int], str | None]
    #: code -> rule, for SARIF/JUnit metadata. May lack a reported code.
    rules: Mapping[str, type[Rule] | Rule]
    #: How many diagnostics ``lintnews fix`` would fix (for the summary line).
    fixable_applicable: int = 0
    #: The counts behind the summary; from ``diagnostics`` when not given
    #: (a streamed run gives it, with ``diagnostics`` empty).
    tally: Tally | None = None

    def __post_init__(self) -> None:
        if self.tally is None:
            self.tally = Tally.of(self.diagnostics)


def render(fmt: str, report: Report, *, color: bool = False, statistics: bool = False) -> str:
    """Render ``report`` in format ``fmt``.

    ``color`` (ANSI escapes) and ``statistics`` (a per-code count table instead
    of the diagnostics) apply to the text formats only; the machine formats
    ignore them.
    """
    module = format_module(fmt)
    if fmt in ("full", "concise"):
        return str(module.render(report, color=color, statistics=statistics))
    return str(module.render(report))


def format_module(fmt: str) -> ModuleType:
    """The module that renders ``fmt``, imported now: SARIF and JUnit pull in
    URL and XML libraries that a plain run does not need."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    return import_module(f"lintnews.output.{_MODULES.get(fmt, fmt)}")


#: Formats whose module is not named after them.
_MODULES = {"json": "json_format"}
#: Formats that read ``Report.rules`` (rule metadata).
NEEDS_RULES = frozenset({"sarif"})
