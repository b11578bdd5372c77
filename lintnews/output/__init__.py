"""Render a lint run's diagnostics in one of the output formats.

Each format lives in its own small module with a ``render(report, ...)``
function; :func:`render` dispatches on the format name. Text formats (``full``,
``concise``) end with a summary; machine formats carry only the diagnostics.
Every non-empty output ends with a newline, so callers print it as is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lintnews.diagnostics import Diagnostic
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
    # Each format's module is imported when used (SARIF and JUnit pull in
    # URL and XML libraries that a plain run does not need).
    if fmt in ("full", "concise"):
        module = import_module(f"lintnews.output.{fmt}")
        return str(module.render(report, color=color, statistics=statistics))
    if fmt in _MODULES:
        return str(import_module(f"lintnews.output.{_MODULES[fmt]}").render(report))
    raise ValueError(f"unknown output format {fmt!r} (expected one of: {', '.join(FORMATS)})")


_MODULES = {"json": "json_format", "jsonl": "jsonl", "github": "github", "sarif": "sarif", "junit": "junit"}
#: Formats that read ``Report.rules`` (rule metadata).
NEEDS_RULES = frozenset({"sarif"})
