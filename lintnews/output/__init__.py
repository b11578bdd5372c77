"""Render a lint run's diagnostics in one of the output formats.

Each format lives in its own small module with a ``render(report, ...)``
function; :func:`render` dispatches on the format name. Text formats (``full``,
``concise``) end with a summary; machine formats carry only the diagnostics.
Every non-empty output ends with a newline, so callers print it as is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from lintnews.diagnostics import Diagnostic
from lintnews.output import concise, full, github, json_format, jsonl, junit, sarif
from lintnews.rule import Rule

__all__ = ["FORMATS", "Report", "render"]

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


def render(fmt: str, report: Report, *, color: bool = False, statistics: bool = False) -> str:
    """Render ``report`` in format ``fmt``.

    ``color`` (ANSI escapes) and ``statistics`` (a per-code count table instead
    of the diagnostics) apply to the text formats only; the machine formats
    ignore them.
    """
    if fmt == "full":
        return full.render(report, color=color, statistics=statistics)
    if fmt == "concise":
        return concise.render(report, color=color, statistics=statistics)
    if fmt == "json":
        return json_format.render(report)
    if fmt == "jsonl":
        return jsonl.render(report)
    if fmt == "github":
        return github.render(report)
    if fmt == "sarif":
        return sarif.render(report)
    if fmt == "junit":
        return junit.render(report)
    raise ValueError(f"unknown output format {fmt!r} (expected one of: {', '.join(FORMATS)})")
